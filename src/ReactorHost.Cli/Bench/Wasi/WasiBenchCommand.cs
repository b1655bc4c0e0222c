using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ReactorHost.Cli.Bench.Wasi.Probes;
using ReactorHost.Wasi;

namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>
/// <c>reactorhost bench wasi</c>: the WASI layer's figures. (1) the round trip of one proxied
/// syscall, timed call by call (median, p99) for synchronous and asynchronous handlers; (2) the
/// cost of a syscall as a wasm guest sees it, against a no-op import; (3) a syscall-heavy guest from
/// tests/guests run as <c>reactorhost run</c> runs it and under node's node:wasi in the same
/// invocation, with identical arguments and a fresh preopened sandbox, checking both print the
/// same output.
/// </summary>
internal static class WasiBenchCommand
{
    private const string LatencySection = "latency";
    private const string CallsSection = "calls";
    private const string GuestSection = "guest";

    public static Command Create()
    {
        var runsOption = new Option<int>("--runs", "-n") { Description = "Measured runs of the guest per mode and side (the median is reported).", DefaultValueFactory = _ => 5 };
        var warmupOption = new Option<int>("--warmup") { Description = "Warm-up runs of the guest before measuring (in-process modes).", DefaultValueFactory = _ => 1 };
        var callsOption = new Option<int>("--calls") { Description = "Timed calls per latency scenario.", DefaultValueFactory = _ => 200_000 };
        var guestOption = new Option<string>("--guest") { Description = "The guest from tests/guests/guests.json.", DefaultValueFactory = _ => "syscall_heavy" };
        var sizeOption = new Option<string?>("--size") { Description = "Replace the guest's argv[1] (its iteration count); the output is then checked between the two sides only." };
        var sectionOption = new Option<string[]>("--section")
        {
            Description = "Run only these sections: latency, calls, guest (repeatable). Default: all.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        sectionOption.AcceptOnlyFromAmong(LatencySection, CallsSection, GuestSection);
        var noNodeOption = new Option<bool>("--no-node") { Description = "Do not run the node comparison." };
        var noProcessOption = new Option<bool>("--no-process") { Description = "Skip the whole-process comparison (reactorhost run vs node, start-up included)." };
        var markdownOption = new Option<bool>("--markdown") { Description = "Print the tables as Markdown (for docs/performance.md)." };
        var noOptimizeOption = new Option<bool>("--no-optimize")
        {
            Description = "In-process runs with tiered JIT for the guest's code (EngineOptions.OptimizeCode = false, CollectibleCode = false), as `reactorhost run` compiles it.",
        };
        foreach (var option in new[] { runsOption, callsOption })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("wasi", "WASI figures: proxied syscall latency, syscall cost from wasm, and a syscall-heavy guest against node:wasi.")
        {
            runsOption, warmupOption, callsOption, guestOption, sizeOption, sectionOption, noNodeOption, noProcessOption, markdownOption, noOptimizeOption,
        };
        command.SetAction(parseResult =>
        {
            var sections = parseResult.GetValue(sectionOption) is { Length: > 0 } chosen ? chosen : [LatencySection, CallsSection, GuestSection];
            var settings = new Settings(
                parseResult.GetValue(runsOption),
                Math.Max(0, parseResult.GetValue(warmupOption)),
                parseResult.GetValue(callsOption),
                parseResult.GetValue(guestOption) ?? "syscall_heavy",
                parseResult.GetValue(sizeOption),
                [.. sections],
                !parseResult.GetValue(noNodeOption),
                !parseResult.GetValue(noProcessOption),
                parseResult.GetValue(markdownOption),
                !parseResult.GetValue(noOptimizeOption));
            return Run(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });
        return command;
    }

    private static int Run(Settings settings, TextWriter output, TextWriter error)
    {
        output.WriteLine(F($"reactorhost bench wasi: .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; this CLI: {CliBuild.Describe()}"));
        output.WriteLine();
        var failures = 0;
        if (settings.Sections.Contains(LatencySection))
        {
            failures += RunLatency(settings, output);
        }

        if (settings.Sections.Contains(CallsSection))
        {
            failures += RunCalls(settings, output);
        }

        if (settings.Sections.Contains(GuestSection))
        {
            failures += RunGuest(settings, output, error);
        }

        return failures == 0 ? 0 : 1;
    }

    private static int RunLatency(Settings settings, TextWriter output)
    {
        output.WriteLine(F($"Proxied syscall round trip: fd_write of 8 bytes (decode, bounds checks, handler, result written back), each of {settings.Calls} calls timed on its own, ns:"));
        var rows = new List<string[]>();
        var timer = LatencyDistribution.Measure(0, static _ => 0, settings.Calls / 10, settings.Calls);
        rows.Add(Row("(timer only)", timer));
        using (var pingPong = new ThreadPingPong())
        {
            rows.Add(Row("(bare thread ping-pong, no WASI)", LatencyDistribution.Measure(pingPong, static p => p.Call(), settings.Calls / 10, settings.Calls)));
        }

        var failures = 0;
        foreach (var scenario in Enum.GetValues<SyscallScenario>())
        {
            using var probe = new SyscallRoundTrip(scenario);
            var calls = scenario == SyscallScenario.ProxyAsyncYield ? Math.Max(1, settings.Calls / 4) : settings.Calls;
            var distribution = LatencyDistribution.Measure(probe, static p => (int)p.Call(), Math.Max(1000, calls / 10), calls);
            if (probe.Call() != Errno.Success)
            {
                failures++;
            }

            rows.Add(Row(Describe(scenario), distribution));
        }

        TableWriter.Write(output, ["scenario", "calls", "median", "p90", "p99", "p99.9", "max", "mean"], rows, settings.Markdown);
        output.WriteLine();
        return failures;

        static string[] Row(string name, LatencyDistribution d) =>
        [
            name, F($"{d.Count}"), F($"{d.Median:0}"), F($"{d.Percentile(90):0}"), F($"{d.Percentile(99):0}"), F($"{d.Percentile(99.9):0}"), F($"{d.Max:0}"), F($"{d.Mean:0}"),
        ];
    }

    private static string Describe(SyscallScenario scenario) => scenario switch
    {
        SyscallScenario.ProxySync => "proxy, handler completes synchronously",
        SyscallScenario.ProxyAsyncThread => "proxy, handler completed by another thread",
        SyscallScenario.ProxyAsyncYield => "proxy, handler awaits Task.Yield (thread pool)",
        SyscallScenario.HostLoopSync => "proxy via host loop (another thread), sync handler",
        SyscallScenario.DirectSync => "direct (foreground), sync handler",
        _ => scenario.ToString(),
    };

    private static int RunCalls(Settings settings, TextWriter output)
    {
        const int CallsPerRound = 100_000;
        const int Rounds = 15;
        output.WriteLine(F($"Syscall cost from wasm: a wasm loop making {CallsPerRound} calls, {Rounds} rounds after warm-up, ns per call:"));
        var rows = new List<string[]>();
        foreach (var kind in Enum.GetValues<GuestCallKind>())
        {
            using var loop = new GuestCallLoop(kind);
            var calls = kind == GuestCallKind.FdWriteProxyAsync ? CallsPerRound / 10 : CallsPerRound;
            loop.Run(calls);
            loop.Run(calls);
            var perCall = new double[Rounds];
            for (var round = 0; round < Rounds; round++)
            {
                var start = Stopwatch.GetTimestamp();
                loop.Run(calls);
                perCall[round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls;
            }

            Array.Sort(perCall);
            rows.Add([Describe(kind), F($"{perCall[Rounds / 2]:0.0}"), F($"{perCall[0]:0.0}")]);
        }

        TableWriter.Write(output, ["call from wasm", "ns/call (median)", "(min)"], rows, settings.Markdown);
        output.WriteLine();
        return 0;
    }

    private static string Describe(GuestCallKind kind) => kind switch
    {
        GuestCallKind.ImportNoop => "no-op host import (baseline)",
        GuestCallKind.ClockTimeGet => "clock_time_get (direct group, inline)",
        GuestCallKind.FdWriteDirect => "fd_write, DirectWasiPreview1, null handler",
        GuestCallKind.FdWriteProxy => "fd_write, ProxyWasiPreview1 + SyscallLock, null handler",
        GuestCallKind.FdWriteProxyAsync => "fd_write, ProxyWasiPreview1, completed by another thread",
        _ => kind.ToString(),
    };

    private static int RunGuest(Settings settings, TextWriter output, TextWriter error)
    {
        var manifest = WasiGuestSpec.FindManifest();
        if (manifest is null)
        {
            error.WriteLine($"bench wasi: cannot find {WasiGuestSpec.ManifestRelativePath}; run from a ReactorHost checkout.");
            return 1;
        }

        WasiGuestSpec guest;
        try
        {
            guest = WasiGuestSpec.Load(manifest, settings.Guest, settings.Size);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"bench wasi: {e.Message}");
            return 1;
        }

        NodeWasiRunner? node = null;
        if (settings.RunNode)
        {
            var harness = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(manifest)!, "..", "..", "benchmarks", "node", "wasi.mjs"));
            if (NodeRunner.FindNode() is not { } nodePath)
            {
                output.WriteLine("node was not found on PATH: showing ReactorHost figures only.");
            }
            else if (!File.Exists(harness))
            {
                output.WriteLine($"node harness {harness} is missing: showing ReactorHost figures only.");
            }
            else
            {
                node = new NodeWasiRunner(nodePath, harness);
            }
        }

        output.WriteLine(F($"Guest {guest.Name}: {Path.GetFileName(guest.WasmPath)} {string.Join(' ', guest.Arguments.Skip(1))}, preopens {string.Join(", ", guest.Preopens.Select(p => $"{p.Key}={p.Value}"))}; {settings.Warmup} warm-up + {settings.Runs} measured runs per side and mode (median, min), sides run one after the other."));

        // In-process: ours (background mode, as `reactorhost run`) then node (node:wasi), module compiled once each.
        var failures = 0;
        var rows = new List<string[]>();
        using (var ours = new OurGuestRunner(settings.OptimizeCode))
        {
            var mine = new GuestTimings();
            var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            var first = ours.RunInProcess(guest);
            var firstJit = System.Runtime.JitInfo.GetCompilationTime() - jitBefore;
            for (var i = 1; i < settings.Warmup + settings.Runs; i++)
            {
                var run = ours.RunInProcess(guest);
                if (i >= settings.Warmup)
                {
                    mine.Add(run);
                }
            }

            if (settings.Warmup == 0)
            {
                mine.Add(first);
            }

            output.WriteLine(F($"ReactorHost first in-process run (OptimizeCode={settings.OptimizeCode}; the guest's functions and the WASI layer are jitted now): {first.Milliseconds:0.0} ms, of which {firstJit.TotalMilliseconds:0.0} ms JIT time (any thread)"));

            GuestTimings? theirs = null;
            if (node is not null)
            {
                theirs = new GuestTimings();
                foreach (var run in node.RunInProcess(guest, settings.Warmup, settings.Runs))
                {
                    theirs.Add(run);
                }
            }

            failures += AddRow(rows, "in process: instantiate + run (module compiled once)", mine, theirs, guest);
            output.WriteLine(F($"compile once: ReactorHost {ours.CompileMs:0.0} ms") + (node is not null ? F($", node {node.CompileMs:0.0} ms ({node.Version})") : ""));
        }

        if (settings.RunProcesses)
        {
            // Whole processes, start-up included: `reactorhost run` against `node wasi.mjs --once`, alternating.
            var mine = new GuestTimings();
            var theirs = node is not null ? new GuestTimings() : null;
            for (var i = 0; i < settings.Warmup + settings.Runs; i++)
            {
                var run = OurGuestRunner.RunProcess(guest);
                var nodeRun = node?.RunProcess(guest);
                if (i >= settings.Warmup)
                {
                    mine.Add(run);
                    if (nodeRun is not null)
                    {
                        theirs!.Add(nodeRun);
                    }
                }
            }

            failures += AddRow(rows, "whole process: `reactorhost run` vs `node wasi.mjs --once`", mine, theirs, guest);

            // The same with the smallest work (argv[1] = 1): the start-up floor of each side.
            if (guest.Arguments.Count > 1 && int.TryParse(guest.Arguments[1], CultureInfo.InvariantCulture, out _))
            {
                var floor = guest with { Arguments = [guest.Arguments[0], "1", .. guest.Arguments.Skip(2)], ExpectedStdout = null };
                var mineFloor = new GuestTimings();
                var theirsFloor = node is not null ? new GuestTimings() : null;
                for (var i = 0; i < settings.Warmup + settings.Runs; i++)
                {
                    var run = OurGuestRunner.RunProcess(floor);
                    var nodeRun = node?.RunProcess(floor);
                    if (i >= settings.Warmup)
                    {
                        mineFloor.Add(run);
                        if (nodeRun is not null)
                        {
                            theirsFloor!.Add(nodeRun);
                        }
                    }
                }

                failures += AddRow(rows, "whole process, argv[1] = 1 (start-up floor)", mineFloor, theirsFloor, floor);
            }
        }

        var header = new List<string> { "mode", "ReactorHost ms", "(min)" };
        if (node is not null)
        {
            header.AddRange(["node ms", "(min)", "ratio", "(min)"]);
        }

        header.Add("output");
        TableWriter.Write(output, header, rows, settings.Markdown);
        output.WriteLine();
        output.WriteLine("ratio = ReactorHost median / node median (lower is better; target: at most 1.00x).");
        return failures;
    }

    private static int AddRow(List<string[]> rows, string mode, GuestTimings mine, GuestTimings? theirs, WasiGuestSpec guest)
    {
        var problems = new List<string>();
        if (mine.Check(guest.ExitCode, guest.ExpectedStdout) is { } ourProblem)
        {
            problems.Add("ours: " + ourProblem);
        }

        if (theirs is not null)
        {
            if (theirs.Check(guest.ExitCode, guest.ExpectedStdout) is { } nodeProblem)
            {
                problems.Add("node: " + nodeProblem);
            }
            else if (mine.Runs.Count > 0 && theirs.Runs.Count > 0 && mine.Runs[0].Stdout != theirs.Runs[0].Stdout)
            {
                problems.Add("outputs differ between ReactorHost and node");
            }
        }

        var row = new List<string> { mode, F($"{mine.Median:0.0}"), F($"{mine.Min:0.0}") };
        if (theirs is not null)
        {
            row.AddRange([F($"{theirs.Median:0.0}"), F($"{theirs.Min:0.0}"), F($"{mine.Median / theirs.Median:0.00}x"), F($"{mine.Min / theirs.Min:0.00}x")]);
        }

        row.Add(problems.Count == 0 ? (guest.ExpectedStdout is not null ? "identical, as expected" : "identical") : "MISMATCH: " + string.Join("; ", problems));
        rows.Add([.. row]);
        return problems.Count == 0 ? 0 : 1;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Settings(
        int Runs, int Warmup, int Calls, string Guest, string? Size, HashSet<string> Sections, bool RunNode, bool RunProcesses, bool Markdown, bool OptimizeCode);
}

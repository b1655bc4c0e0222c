using System.CommandLine;
using System.Globalization;
using ReactorHost.Cli.Bench;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Commands;

/// <summary>
/// <c>reactorhost bench</c>: runs the freestanding compute kernels of benchmarks/guests/compute.wasm
/// on our engine and, in the same invocation, on node's WebAssembly, checks both computed the same
/// checksums and prints the time ratio (ours / node). <c>reactorhost bench wasi</c> (Bench/Wasi) does the
/// same for the WASI layer.
/// </summary>
internal static class BenchCommand
{
    private const double TargetRatio = 2.0;

    public static Command Create()
    {
        var kernelOption = new Option<string[]>("--kernel", "-k")
        {
            Description = "Run only this kernel (repeatable). Default: every kernel in compute.json.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var iterationsOption = new Option<int>("--iterations", "-n")
        {
            Description = "Measured runs per kernel (the median is reported).",
            DefaultValueFactory = _ => 10,
        };
        var warmupOption = new Option<int>("--warmup")
        {
            Description = "Warm-up runs per kernel before measuring (the first of them is reported as 'first call').",
            DefaultValueFactory = _ => 3,
        };
        var argOption = new Option<string[]>("--arg")
        {
            Description = "Override a kernel's work size: NAME=VALUE (repeatable).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var noNodeOption = new Option<bool>("--no-node") { Description = "Do not run the node comparison." };
        var noOptimizeOption = new Option<bool>("--no-optimize")
        {
            Description = "Tiered JIT for compiled wasm (EngineOptions.OptimizeCode = false, CollectibleCode = false): tier 0 first, optimized when hot.",
        };
        var markdownOption = new Option<bool>("--markdown") { Description = "Print the tables as Markdown (for docs/performance.md)." };
        var roundsOption = new Option<int>("--rounds")
        {
            Description = "Alternate ours and node this many times and pool the runs (steadier figures on a busy machine).",
            DefaultValueFactory = _ => 1,
        };
        var guestsOption = new Option<string?>("--guests")
        {
            Description = "The benchmarks/guests directory (default: found by walking up from the current directory).",
        };

        iterationsOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--iterations must be at least 1.");
            }
        });
        roundsOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--rounds must be at least 1.");
            }
        });
        warmupOption.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--warmup must be at least 1.");
            }
        });

        var command = new Command("bench", "Compare the engine with node's WebAssembly on freestanding compute kernels.")
        {
            kernelOption, iterationsOption, warmupOption, roundsOption, argOption, noNodeOption, noOptimizeOption, markdownOption, guestsOption,
        };
        command.Subcommands.Add(Bench.Wasi.WasiBenchCommand.Create());

        // reactorhost bench http: the sockets benchmark (Bench/Http).
        command.Subcommands.Add(Bench.Http.HttpBenchCommand.Create());

        command.SetAction(parseResult =>
        {
            var settings = new BenchSettings(
                parseResult.GetValue(kernelOption) ?? [],
                parseResult.GetValue(iterationsOption),
                parseResult.GetValue(warmupOption),
                parseResult.GetValue(roundsOption),
                parseResult.GetValue(argOption) ?? [],
                !parseResult.GetValue(noNodeOption),
                !parseResult.GetValue(noOptimizeOption),
                parseResult.GetValue(markdownOption),
                parseResult.GetValue(guestsOption));
            return Run(settings, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);
        });

        return command;
    }

    private static int Run(BenchSettings settings, TextWriter output, TextWriter error)
    {
        var guests = settings.GuestsDirectory ?? ComputeManifest.FindGuestsDirectory();
        if (guests is null || !File.Exists(Path.Combine(guests, ComputeManifest.ManifestFileName)))
        {
            error.WriteLine($"bench: cannot find {ComputeManifest.GuestsFolder}/{ComputeManifest.ManifestFileName}; run from a ReactorHost checkout or pass --guests DIR.");
            return 2;
        }

        var manifest = ComputeManifest.Load(guests);
        if (!TrySelectKernels(manifest, settings, error, out var selected))
        {
            return 2;
        }

        var options = new EngineOptions { OptimizeCode = settings.OptimizeCode, CollectibleCode = settings.OptimizeCode };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reactorhost bench: {Path.GetFileName(manifest.ModulePath)}, {selected.Count} kernel(s), {settings.Rounds} round(s) of {settings.Warmup} warm-up + {settings.Iterations} measured run(s) each (median), OptimizeCode={options.OptimizeCode}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $".NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}"));
        output.WriteLine();

        string? nodePath = null;
        var harness = Path.GetFullPath(Path.Combine(guests, "..", "node", "compute.mjs"));
        if (settings.RunNode)
        {
            nodePath = NodeRunner.FindNode();
            if (nodePath is null)
            {
                output.WriteLine("node was not found on PATH: showing ReactorHost figures only.");
            }
            else if (!File.Exists(harness))
            {
                output.WriteLine($"node harness {harness} is missing: showing ReactorHost figures only.");
                nodePath = null;
            }
        }

        // Each round runs every kernel on ours, then the node harness: never both at once on a
        // 2-core machine. Several rounds interleave the two engines in time, so a burst of load
        // from other processes does not land on one engine only; runs are pooled across rounds.
        var failures = 0;
        LoadMeasurement? load = null;
        LoadMeasurement? warmLoad = null;
        var ours = new Dictionary<string, KernelMeasurement>(StringComparer.Ordinal);
        var ourErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        NodeResults? node = null;
        using var runner = new ReactorHostRunner(options);
        try
        {
            load = runner.Load(manifest.ModulePath);
            warmLoad = runner.Load(manifest.ModulePath); // again, now that the engine's own code is jitted
        }
        catch (Exception ex) when (ex is WasmException or NotImplementedException or NotSupportedException or InvalidOperationException)
        {
            error.WriteLine($"bench: ReactorHost could not load {manifest.ModulePath}: {ex.GetType().Name}: {ex.Message}");
            failures++;
        }

        for (var round = 0; round < settings.Rounds; round++)
        {
            if (load is not null)
            {
                foreach (var (kernel, argument) in selected)
                {
                    if (ourErrors.ContainsKey(kernel.Name))
                    {
                        continue;
                    }

                    try
                    {
                        var measured = runner.Measure(kernel, argument, settings.Warmup, settings.Iterations);
                        ours[kernel.Name] = ours.TryGetValue(kernel.Name, out var earlier) ? earlier.Merge(measured) : measured;
                    }
                    catch (Exception ex) when (ex is WasmException or NotImplementedException or NotSupportedException or InvalidOperationException)
                    {
                        ourErrors[kernel.Name] = $"{ex.GetType().Name}: {ex.Message}";
                        ours.Remove(kernel.Name);
                        error.WriteLine($"bench: ReactorHost failed on {kernel.Name}: {ex.GetType().Name}: {ex.Message}");
                        failures++;
                    }
                }
            }

            if (nodePath is not null)
            {
                try
                {
                    var measured = NodeRunner.Run(nodePath, harness, manifest.ModulePath, selected, settings.Warmup, settings.Iterations);
                    node = node is null ? measured : node.Merge(measured);
                }
                catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
                {
                    error.WriteLine($"bench: the node harness failed: {ex.Message}");
                    failures++;
                    nodePath = null;
                }
            }
        }

        failures += WriteResults(output, settings, selected, load, warmLoad, ours, ourErrors, node);
        return failures == 0 ? 0 : 1;
    }

    private static bool TrySelectKernels(
        ComputeManifest manifest, BenchSettings settings, TextWriter error, out List<(ComputeKernel Kernel, int Argument)> selected)
    {
        selected = [];
        var overrides = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var assignment in settings.Arguments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !int.TryParse(assignment.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                error.WriteLine($"bench: --arg expects NAME=VALUE with a non-negative integer VALUE, got '{assignment}'.");
                return false;
            }

            overrides[assignment[..equals]] = value;
        }

        var names = settings.Kernels.Length > 0 ? settings.Kernels : manifest.Kernels.Select(k => k.Name).ToArray();
        foreach (var name in names.Concat(overrides.Keys))
        {
            if (!manifest.Kernels.Any(k => k.Name == name))
            {
                error.WriteLine($"bench: unknown kernel '{name}'; known: {string.Join(", ", manifest.Kernels.Select(k => k.Name))}.");
                return false;
            }
        }

        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            var kernel = manifest.Kernels.First(k => k.Name == name);
            selected.Add((kernel, overrides.TryGetValue(name, out var argument) ? argument : kernel.Argument));
        }

        return true;
    }

    private static int WriteResults(
        TextWriter output, BenchSettings settings, List<(ComputeKernel Kernel, int Argument)> selected, LoadMeasurement? load, LoadMeasurement? warmLoad,
        Dictionary<string, KernelMeasurement> ours, Dictionary<string, string> ourErrors, NodeResults? node)
    {
        var failures = 0;
        var nodeByName = node?.Kernels.ToDictionary(k => k.Kernel, StringComparer.Ordinal);
        var rows = new List<string[]>();
        var ratios = new List<double>();
        foreach (var (kernel, argument) in selected)
        {
            ours.TryGetValue(kernel.Name, out var mine);
            KernelMeasurement? theirs = null;
            nodeByName?.TryGetValue(kernel.Name, out theirs);

            string checksum;
            if (mine is not null && theirs is not null && mine.Checksum != theirs.Checksum)
            {
                checksum = F($"MISMATCH {mine.Checksum} vs node {theirs.Checksum}");
                failures++;
            }
            else
            {
                checksum = (mine ?? theirs) is { } any ? F($"{any.Checksum}") + (mine is not null && theirs is not null ? " ok" : "") : "-";
            }

            var ratio = "-";
            var minRatio = "-";
            if (mine is not null && theirs is not null && theirs.MedianMs > 0 && theirs.MinMs > 0)
            {
                var value = mine.MedianMs / theirs.MedianMs;
                ratios.Add(value);
                ratio = F($"{value:0.00}x");
                minRatio = F($"{mine.MinMs / theirs.MinMs:0.00}x");
            }

            var row = new List<string>
            {
                kernel.Name,
                F($"{argument}"),
                mine is not null ? F($"{mine.MedianMs:0.0}") : ourErrors.ContainsKey(kernel.Name) ? "FAILED" : "-",
                mine is not null ? F($"{mine.MinMs:0.0}") : "-",
            };
            if (node is not null)
            {
                row.Add(theirs is not null ? F($"{theirs.MedianMs:0.0}") : "-");
                row.Add(theirs is not null ? F($"{theirs.MinMs:0.0}") : "-");
                row.Add(ratio);
                row.Add(minRatio);
            }

            row.Add(mine is not null ? F($"{mine.FirstCallMs:0.0}") : "-");
            if (node is not null)
            {
                row.Add(theirs is not null ? F($"{theirs.FirstCallMs:0.0}") : "-");
            }

            row.Add(checksum);
            rows.Add([.. row]);
        }

        var header = new List<string> { "kernel", "arg", "ReactorHost ms", "(min)" };
        if (node is not null)
        {
            header.AddRange(["node ms", "(min)", "ratio", "(min)"]);
        }

        header.Add(node is not null ? "1st call ours" : "1st call ms");
        if (node is not null)
        {
            header.Add("1st call node");
        }

        header.Add("checksum");
        TableWriter.Write(output, header, rows, settings.Markdown);
        output.WriteLine();

        if (ratios.Count > 0)
        {
            var geomean = Math.Exp(ratios.Average(Math.Log));
            var met = ratios.Count(r => r <= TargetRatio);
            output.WriteLine(F($"ratio = ReactorHost median / node median, (min) = ratio of the fastest runs (lower is better); geometric mean of the median ratios {geomean:0.00}x; target <= {TargetRatio:0.0}x met on {met}/{ratios.Count} kernel(s)."));
        }

        if (load is not null)
        {
            output.WriteLine(F($"module load -> first call, ReactorHost: {load.TotalMs:0.0} ms (decode+validate+compile {load.CompileMs:0.0}, instantiate {load.InstantiateMs:0.0}, first call {load.FirstCallMs:0.0}; the engine's own code is jitted too on this first load)"));
        }

        if (warmLoad is not null)
        {
            output.WriteLine(F($"module load -> first call, ReactorHost, second load in the process: {warmLoad.TotalMs:0.0} ms (decode+validate+compile {warmLoad.CompileMs:0.0}, instantiate {warmLoad.InstantiateMs:0.0}, first call {warmLoad.FirstCallMs:0.0})"));
        }

        if (node is not null)
        {
            output.WriteLine(F($"module load -> first call, node {node.Version}: {node.LoadMs:0.0} ms (WebAssembly.instantiate + first call)"));
        }

        return failures;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record BenchSettings(
        string[] Kernels, int Iterations, int Warmup, int Rounds, string[] Arguments, bool RunNode, bool OptimizeCode, bool Markdown,
        string? GuestsDirectory);
}

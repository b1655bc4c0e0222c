using System.Diagnostics;
using System.Text;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>
/// Runs a guest the way <c>reactorhost run</c> does (background mode: dedicated guest thread,
/// ProxyWasiPreview1 + SyscallLock, StandardWasiHandler over host directories), in this process or
/// as a child <c>reactorhost run</c> process.
/// </summary>
internal sealed class OurGuestRunner(bool optimizeCode = true) : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions { MaxStackBytes = 12 << 20, OptimizeCode = optimizeCode, CollectibleCode = optimizeCode });
    private Module? _module;

    public double CompileMs { get; private set; } = double.NaN;

    /// <summary>One in-process run; times <see cref="WasiProcess.RunAsync"/> (handler setup, instantiate, <c>_start</c>).</summary>
    public GuestRun RunInProcess(WasiGuestSpec guest)
    {
        if (_module is null)
        {
            var compile = Stopwatch.StartNew();
            _module = Module.FromFile(_engine, guest.WasmPath);
            CompileMs = compile.Elapsed.TotalMilliseconds;
        }

        var sandboxes = new List<string>();
        try
        {
            using var stdout = new MemoryStream();
            var options = new WasiProcessOptions
            {
                ProgramName = guest.Arguments.Count > 0 ? guest.Arguments[0] : guest.Name,
                Stdout = WasiStdio.FromStream(stdout),
                Stderr = WasiStdio.Inherit,
            };
            foreach (var argument in guest.Arguments.Skip(1))
            {
                options.Arguments.Add(argument);
            }

            foreach (var variable in guest.Environment)
            {
                options.Environment.Add(variable);
            }

            foreach (var (guestPath, hostPath) in guest.ResolvePreopens(sandboxes))
            {
                options.Preopens.Add(WasiPreopen.Host(hostPath, guestPath));
            }

            var stopwatch = Stopwatch.StartNew();
            var exitCode = new WasiProcess(_module, options).RunAsync().GetAwaiter().GetResult();
            var elapsed = stopwatch.Elapsed.TotalMilliseconds;
            return new GuestRun(elapsed, exitCode, Encoding.UTF8.GetString(stdout.ToArray()));
        }
        finally
        {
            WasiGuestSpec.DeleteAll(sandboxes);
        }
    }

    /// <summary>One <c>reactorhost run</c> child process (start-up, compile and run included).</summary>
    public static GuestRun RunProcess(WasiGuestSpec guest)
    {
        var sandboxes = new List<string>();
        try
        {
            var (fileName, prefix) = ChildProcess.Self();
            var arguments = new List<string>(prefix) { "run" };
            foreach (var (guestPath, hostPath) in guest.ResolvePreopens(sandboxes))
            {
                arguments.Add("--dir");
                arguments.Add($"{hostPath}::{guestPath}");
            }

            foreach (var (key, value) in guest.Environment)
            {
                arguments.Add("--env");
                arguments.Add($"{key}={value}");
            }

            arguments.Add(guest.WasmPath);
            arguments.AddRange(guest.Arguments.Skip(1));
            return ChildProcess.Run(fileName, arguments);
        }
        finally
        {
            WasiGuestSpec.DeleteAll(sandboxes);
        }
    }

    public void Dispose() => _engine.Dispose();
}

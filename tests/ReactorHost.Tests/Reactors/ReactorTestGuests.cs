using System.Runtime.CompilerServices;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Tests.Reactors;

/// <summary>Loads the committed reactor guests (tests/guests/bin) and builds reactors over them.</summary>
internal static class ReactorTestGuests
{
    private static readonly Lazy<Engine> s_engine = new(() => new Engine());
    private static readonly Lazy<Module> s_test = new(() => Module.FromFile(s_engine.Value, GuestPath("reactor_test.wasm")));
    private static readonly Lazy<Module> s_bench = new(() => Module.FromFile(s_engine.Value, GuestPath("reactor_bench.wasm")));

    /// <summary>tests/guests/c/reactor_test.c.</summary>
    public static Module Test => s_test.Value;

    /// <summary>tests/guests/c/reactor_bench.c (imports env.host_inc).</summary>
    public static Module Bench => s_bench.Value;

    public static Engine SharedEngine => s_engine.Value;

    /// <summary>ECANCELED as WASI numbers it.</summary>
    public const int ECanceled = 11;

    public static string GuestPath(string file, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "guests", "bin", file));

    public static async Task<WasiReactor> StartAsync(Module module, Action<WasiReactorOptions>? configure = null)
    {
        var options = new WasiReactorOptions();
        configure?.Invoke(options);
        var reactor = new WasiReactor(module, options);
        await reactor.StartAsync();
        return reactor;
    }

    public static void DefineHostInc(Linker linker) =>
        linker.DefineFunction("env", "host_inc", (Func<int, int>)(x => x + 1));
}

/// <summary>A handler whose stdin read blocks until released or cancelled, recording what it saw.</summary>
internal sealed class BlockingStdinHandler(WasiHandler inner) : DelegatingWasiHandler(inner)
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => _entered.Task;

    public bool SawCancellation => _cancelled.Task.IsCompleted;

    /// <summary>
    /// Completes when the handler observes its token. The guest can be released (a forced stop)
    /// before the handler's own continuation has run, so tests await this rather than read
    /// <see cref="SawCancellation"/> at once.
    /// </summary>
    public Task Cancelled => _cancelled.Task;

    public void Release() => _release.TrySetResult();

    public override async ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        if (fd != 0)
        {
            return await base.FdRead(fd, iovs, cancellationToken);
        }

        _entered.TrySetResult();
        try
        {
            await _release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            _cancelled.TrySetResult();
            throw;
        }

        return 0u;
    }
}

using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// One instantiation of a reactor's module with its own WASI state (fd table, syscall entry and
/// slot, call scope). A restart replaces the whole session. Created and used on the guest thread;
/// <see cref="CancelRunningCall"/> and <see cref="Abort"/> may be called from any thread.
/// </summary>
internal sealed class ReactorSession : IDisposable
{
    private readonly WasiFdTable _fds;

    private ReactorSession(Instance instance, ProxyWasiPreview1 entry, ReactorCallScope scope, WasiFdTable fds)
    {
        Instance = instance;
        Entry = entry;
        Scope = scope;
        _fds = fds;
        Context = new ReactorContext(instance);
    }

    public Instance Instance { get; }

    public ProxyWasiPreview1 Entry { get; }

    public ReactorCallScope Scope { get; }

    public ReactorContext Context { get; }

    /// <summary>
    /// Instantiates <paramref name="module"/> and runs its <c>_initialize</c> once.
    /// <paramref name="stopToken"/> is the guest-wide token (forced stop: pending handlers are
    /// cancelled and the guest unwinds); <paramref name="startToken"/> cancels instantiation and
    /// <c>_initialize</c>.
    /// </summary>
    public static ReactorSession Create(Module module, WasiReactorOptions options, CancellationToken stopToken, CancellationToken startToken)
    {
        var fds = WasiGuestSetup.CreateFdTable(options.Wasi, stopToken);
        var scope = new ReactorCallScope();
        ProxyWasiPreview1? entry = null;
        try
        {
            var handler = new ReactorCallScopeHandler(WasiGuestSetup.CreateHandler(options.Wasi, fds), scope);
            entry = new ProxyWasiPreview1(handler, options.Wasi.Dispatcher, options.Wasi.Logger, stopToken);
            var linker = new Linker(module.Engine);
            entry.Define(linker, module);
            options.ConfigureLinker?.Invoke(linker);
            using var start = CancellationTokenSource.CreateLinkedTokenSource(stopToken, startToken);
            var instance = linker.Instantiate(module, start.Token);
            entry.Bind(instance);
            if (instance.GetFunction("_initialize") is { } initialize)
            {
                using var interrupt = start.Token.Register(static state => ((Instance)state!).Interrupt(), instance);
                try
                {
                    initialize.Invoke();
                }
                catch (WasmTrapException trap) when (trap.Code == TrapCode.Interrupted && start.IsCancellationRequested)
                {
                    throw new OperationCanceledException("Starting the reactor was cancelled while _initialize ran.", trap, start.Token);
                }
            }

            return new ReactorSession(instance, entry, scope, fds);
        }
        catch
        {
            entry?.Dispose();
            scope.Dispose();
            fds.Dispose();
            throw;
        }
    }

    /// <summary>The caller of the running call cancelled it: cancel its pending syscall, or interrupt its wasm code.</summary>
    public void CancelRunningCall()
    {
        Scope.Cancel();
        if (Entry.Lock?.State is not SyscallLockState.Requested)
        {
            Instance.Interrupt();
        }
    }

    /// <summary>Forced stop: interrupt wasm code and cancel pending handlers (the guest-wide token is cancelled by the owner).</summary>
    public void Abort()
    {
        Scope.Cancel();
        Instance.Interrupt();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Release the linear memory now (address space is reserved per instance) unless a handler
        // may still hold views of it: a syscall left pending by a forced stop.
        if (Entry.Lock?.State is null or SyscallLockState.Idle && !Instance.Module.Imports.Any(i => i.Kind == ExternKind.Memory))
        {
            Instance.GetMemory("memory")?.Dispose();
        }

        Entry.Dispose();
        Scope.Dispose();
        _fds.Dispose();
    }
}

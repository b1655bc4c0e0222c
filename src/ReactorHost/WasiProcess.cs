using System.Runtime.ExceptionServices;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// Runs a WASI command module (<c>_start</c>) to completion. Three distinct outcomes: the exit code
/// (returned; 0 when <c>_start</c> returns, the <c>proc_exit</c> value otherwise), a
/// <see cref="WasmTrapException"/> (the guest trapped), or an <see cref="OperationCanceledException"/>
/// (the token was cancelled: pending handlers see it, running wasm is interrupted).
/// </summary>
public sealed class WasiProcess
{
    /// <summary>Prepares a process for <paramref name="module"/>.</summary>
    public WasiProcess(Module module, WasiProcessOptions options)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(options);
        Module = module;
        Options = options;
    }

    /// <summary>The command module.</summary>
    public Module Module { get; }

    /// <summary>The options.</summary>
    public WasiProcessOptions Options { get; }

    /// <summary>
    /// Background mode: runs the guest on a dedicated thread with a
    /// <see cref="WasiProcessOptions.GuestThreadStackSize"/> stack; syscalls other than the direct
    /// group go through the <see cref="SyscallLock"/> to the (async) handlers.
    /// </summary>
    public Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var completion = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(
            () =>
            {
                try
                {
                    completion.SetResult(RunCore(background: true, cancellationToken));
                }
                catch (OperationCanceledException e)
                {
                    completion.SetCanceled(e.CancellationToken);
                }
#pragma warning disable CA1031 // every outcome is handed to the awaiting caller
                catch (Exception e)
#pragma warning restore CA1031
                {
                    completion.SetException(e);
                }
            },
            Options.GuestThreadStackSize)
        {
            IsBackground = true,
            Name = $"wasi guest {Module.Name}",
        };
        thread.Start();
        return completion.Task;
    }

    /// <summary>
    /// Foreground mode: runs the guest on the calling thread with every handler called directly
    /// (a handler that does not complete synchronously is waited for). The engine's
    /// <see cref="EngineOptions.MaxStackBytes"/> must fit the caller's stack.
    /// </summary>
    public int Run(CancellationToken cancellationToken = default) => RunCore(background: false, cancellationToken);

    private int RunCore(bool background, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var fds = WasiGuestSetup.CreateFdTable(Options, cancellationToken);
        var handler = WasiGuestSetup.CreateHandler(Options, fds);

        WasiPreview1 entry = background
            ? new ProxyWasiPreview1(handler, Options.Dispatcher, Options.Logger, cancellationToken)
            : new DirectWasiPreview1(handler, Options.Logger, cancellationToken);
        try
        {
            var linker = new Linker(Module.Engine);
            entry.Define(linker, Module);
            var instance = linker.Instantiate(Module, cancellationToken);
            entry.Bind(instance);
            var start = instance.GetFunction("_start") ?? throw new InvalidOperationException($"The module '{Module.Name}' is not a WASI command: it exports no '_start' function.");
            using var interrupt = cancellationToken.Register(static state => ((Instance)state!).Interrupt(), instance);
            try
            {
                start.Invoke();
                return 0;
            }
            catch (WasiExitException exit)
            {
                return exit.ExitCode;
            }
            catch (WasmTrapException trap) when (cancellationToken.IsCancellationRequested && trap.Code == TrapCode.Interrupted)
            {
                throw new OperationCanceledException("The guest was cancelled.", trap, cancellationToken);
            }
            catch (WasmTrapException trap) when (trap.InnerException is WasiExitException exit)
            {
                return exit.ExitCode;
            }
            catch (WasmTrapException trap) when (trap.InnerException is OperationCanceledException canceled)
            {
                ExceptionDispatchInfo.Throw(canceled);
                throw;
            }
        }
        finally
        {
            (entry as IDisposable)?.Dispose();
        }
    }
}

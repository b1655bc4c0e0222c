using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// A long-lived WASI reactor module (<c>_initialize</c> + exports) whose exports .NET code awaits
/// from any thread, concurrently. The guest runs on one dedicated thread; calls go through a
/// bounded FIFO queue (a <see cref="Channel{T}"/>) and complete a <see cref="Task{TResult}"/>
/// whose continuations never run on the guest thread. See docs/reactors.md.
/// </summary>
/// <remarks>
/// <para>
/// Exports are bound once (<see cref="GetExport{T1, T2, TResult}(string)"/> and friends, checked
/// against the module's export types at bind time) and called many times. Values cross as wasm
/// numbers (<see cref="int"/>, <see cref="long"/>, <see cref="float"/>, <see cref="double"/>), or
/// through caller-supplied <see cref="ReactorMarshaller{T}"/>/<see cref="ReactorUnmarshaller{T}"/>
/// delegates that run on the guest thread with a <see cref="ReactorContext"/> (guest memory and
/// allocator); <see cref="ReactorMarshal"/> has ready-made ones for UTF-8 strings and bytes.
/// </para>
/// <para>
/// Cancelling a call's token removes it while queued (it never runs); while it runs in wasm the
/// instance is interrupted (the instance is aborted); while it is blocked in a syscall, that
/// handler's token is cancelled and the guest sees <c>ECANCELED</c> (the instance stays usable).
/// An aborted instance (trap, interruption, <c>proc_exit</c>) makes the reactor
/// <see cref="WasiReactorState.Faulted"/> unless <see cref="WasiReactorOptions.RestartPolicy"/>
/// re-instantiates it.
/// </para>
/// </remarks>
public sealed partial class WasiReactor : IAsyncDisposable
{
    private readonly Channel<IReactorWorkItem> _queue;
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private WasiReactorState _state;
    private volatile WasiReactorFaultedException? _fault;
    private volatile ReactorSession? _session;
    private CancellationToken _startToken;
    private volatile bool _stopRequested;
    private int _waitingWriters;
    private int _idle;
    private int _queued;
    private int _forced;
    private int _restarts;
    private long _completedCalls;

    /// <summary>Prepares a reactor for <paramref name="module"/>; nothing runs until <see cref="StartAsync"/>.</summary>
    /// <exception cref="ArgumentException">The module is a command (exports <c>_start</c> and no <c>_initialize</c>).</exception>
    public WasiReactor(Module module, WasiReactorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        options ??= new WasiReactorOptions();
        ArgumentNullException.ThrowIfNull(options.Wasi, "options.Wasi");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1, "options.QueueCapacity");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRestarts, "options.MaxRestarts");
        if (FindFunctionExport(module, "_start") is not null && FindFunctionExport(module, "_initialize") is null)
        {
            throw new ArgumentException($"The module '{module.Name}' is a WASI command (it exports _start, not _initialize): run it with WasiProcess, or link it with -mexec-model=reactor.", nameof(module));
        }

        Module = module;
        Options = options;
        _logger = options.Wasi.Logger ?? NullLogger.Instance;
        _queue = Channel.CreateBounded<IReactorWorkItem>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The reactor module.</summary>
    public Module Module { get; }

    /// <summary>The options (read when starting and on every restart).</summary>
    public WasiReactorOptions Options { get; }

    /// <summary>The current state.</summary>
    public WasiReactorState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>Why the reactor is faulted (its <see cref="Exception.InnerException"/> is the original fault), or null.</summary>
    public WasiReactorFaultedException? Fault => _fault;

    /// <summary>How many times the restart policy re-instantiated the module.</summary>
    public int RestartCount => Volatile.Read(ref _restarts);

    /// <summary>Calls waiting in the queue (approximate).</summary>
    public int QueueLength => Math.Max(0, Volatile.Read(ref _queued));

    /// <summary>Calls that ran to completion (successfully or not) on the guest.</summary>
    public long CompletedCalls => Volatile.Read(ref _completedCalls);

    /// <summary>
    /// Starts the guest thread, instantiates the module and runs <c>_initialize</c> (once); the
    /// task completes when the reactor is ready. Calls made before are queued and then served.
    /// Starting again returns the same task. A failed start faults the reactor and rethrows.
    /// </summary>
    /// <param name="cancellationToken">Cancels instantiation and <c>_initialize</c> (interrupting them).</param>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state != WasiReactorState.Created)
            {
                return _state is WasiReactorState.Stopping or WasiReactorState.Stopped && !_started.Task.IsCompleted
                    ? Task.FromException(new ObjectDisposedException(GetType().Name, $"The reactor '{Module.Name}' was stopped before it started."))
                    : _started.Task;
            }

            _state = WasiReactorState.Starting;
            _startToken = cancellationToken;
            var thread = new Thread(GuestMain, Options.Wasi.GuestThreadStackSize)
            {
                IsBackground = true,
                Name = $"wasi reactor {Module.Name}",
            };
            thread.Start();
        }

        return _started.Task;
    }

    /// <summary>
    /// Stops taking calls, serves (<see cref="ReactorStopMode.Drain"/>) or cancels
    /// (<see cref="ReactorStopMode.Cancel"/>) the queued ones, and completes when the guest thread
    /// has exited. Cancelling <paramref name="cancellationToken"/> turns a drain into a cancel:
    /// queued calls are cancelled, the running one interrupted and pending handlers cancelled.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            switch (_state)
            {
                case WasiReactorState.Created:
                    _state = WasiReactorState.Stopped;
                    _queue.Writer.TryComplete();
                    while (_queue.Reader.TryRead(out var item))
                    {
                        item.Reject(StoppedException());
                    }

                    _started.TrySetException(StoppedException());
                    _exited.TrySetResult();
                    return;
                case WasiReactorState.Starting or WasiReactorState.Running or WasiReactorState.Restarting:
                    _state = WasiReactorState.Stopping;
                    break;
            }

            // New calls are refused from here on; the guest thread completes the queue once it has
            // drained it, including calls that were waiting for room.
            _stopRequested = true;
        }

        _wake.Set();
        if (Options.StopMode == ReactorStopMode.Cancel)
        {
            ForceStop();
        }

        if (!_exited.Task.IsCompleted)
        {
            using var force = cancellationToken.UnsafeRegister(static state => ((WasiReactor)state!).ForceStop(), this);
            await _exited.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Stops the reactor (<see cref="StopAsync"/> with <see cref="WasiReactorOptions.StopMode"/>) and waits for the guest thread to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>() → TResult</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorFunc<TResult> GetExport<TResult>(string name)
    {
        CheckExport(name, [], typeof(TResult));
        var invoke = ReactorInvokers.Func<TResult>(name);
        return cancellationToken => Enqueue(invoke, default, name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>(T1) → TResult</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorFunc<T1, TResult> GetExport<T1, TResult>(string name)
    {
        CheckExport(name, [typeof(T1)], typeof(TResult));
        var invoke = ReactorInvokers.Func<T1, TResult>(name);
        return (arg1, cancellationToken) => Enqueue(invoke, arg1, name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>(T1, T2) → TResult</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorFunc<T1, T2, TResult> GetExport<T1, T2, TResult>(string name)
    {
        CheckExport(name, [typeof(T1), typeof(T2)], typeof(TResult));
        var invoke = ReactorInvokers.Func<T1, T2, TResult>(name);
        return (arg1, arg2, cancellationToken) => Enqueue(invoke, (arg1, arg2), name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>(T1, T2, T3) → TResult</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorFunc<T1, T2, T3, TResult> GetExport<T1, T2, T3, TResult>(string name)
    {
        CheckExport(name, [typeof(T1), typeof(T2), typeof(T3)], typeof(TResult));
        var invoke = ReactorInvokers.Func<T1, T2, T3, TResult>(name);
        return (arg1, arg2, arg3, cancellationToken) => Enqueue(invoke, (arg1, arg2, arg3), name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>() → ()</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorAction GetAction(string name)
    {
        CheckExport(name, [], null);
        var invoke = ReactorInvokers.Action(name);
        return cancellationToken => Enqueue(invoke, default, name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>(T1) → ()</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorAction<T1> GetAction<T1>(string name)
    {
        CheckExport(name, [typeof(T1)], null);
        var invoke = ReactorInvokers.Action<T1>(name);
        return (arg1, cancellationToken) => Enqueue(invoke, arg1, name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> of type <c>(T1, T2) → ()</c>.</summary>
    /// <exception cref="ArgumentException">No such function export, or its type differs.</exception>
    public ReactorAction<T1, T2> GetAction<T1, T2>(string name)
    {
        CheckExport(name, [typeof(T1), typeof(T2)], null);
        var invoke = ReactorInvokers.Action<T1, T2>(name);
        return (arg1, arg2, cancellationToken) => Enqueue(invoke, (arg1, arg2), name, cancellationToken);
    }

    /// <summary>
    /// Binds the export <paramref name="name"/> with marshalling: <paramref name="marshal"/> turns
    /// the .NET argument into the wasm arguments and <paramref name="unmarshal"/> the wasm results
    /// into the .NET result, both on the guest thread with guest memory and allocator at hand
    /// (see <see cref="ReactorMarshal"/> for UTF-8 strings and bytes).
    /// </summary>
    /// <exception cref="ArgumentException">No such function export.</exception>
    public ReactorFunc<TArg, TResult> GetExport<TArg, TResult>(string name, ReactorMarshaller<TArg> marshal, ReactorUnmarshaller<TResult> unmarshal)
    {
        ArgumentNullException.ThrowIfNull(marshal);
        ArgumentNullException.ThrowIfNull(unmarshal);
        _ = RequireFunctionExport(name);
        var invoke = ReactorInvokers.Marshalled(name, marshal, unmarshal);
        return (argument, cancellationToken) => Enqueue(invoke, argument, name, cancellationToken);
    }

    /// <summary>Binds the export <paramref name="name"/> untyped: wasm values in, wasm values out (checked per call against the export's type).</summary>
    /// <exception cref="ArgumentException">No such function export.</exception>
    public ReactorFunc<WasmValue[], WasmValue[]> GetExport(string name) =>
        GetExport<WasmValue[], WasmValue[]>(
            name,
            static (_, values, arguments) =>
            {
                ArgumentNullException.ThrowIfNull(values);
                if (values.Length != arguments.Length)
                {
                    throw new ArgumentException($"The export takes {arguments.Length} arguments, got {values.Length}.", nameof(values));
                }

                values.CopyTo(arguments);
            },
            static (_, results) => results.ToArray());

    /// <summary>
    /// Runs <paramref name="callback"/> on the guest thread, in queue order with the calls, with
    /// the guest's <see cref="ReactorContext"/>: for work that needs several guest calls at once
    /// (allocate, call, read, free). A <see cref="WasmTrapException"/> escaping it aborts the
    /// instance like a trapping export; other exceptions only fail this call.
    /// </summary>
    public Task<TResult> InvokeAsync<TState, TResult>(Func<ReactorContext, TState, TResult> callback, TState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Enqueue(callback, state, nameof(InvokeAsync), cancellationToken);
    }

    private Task<TResult> Enqueue<TArg, TResult>(Func<ReactorContext, TArg, TResult> invoke, TArg argument, string operation, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<TResult>(cancellationToken);
        }

        if (_fault is { } fault)
        {
            return Task.FromException<TResult>(fault);
        }

        if (_stopRequested)
        {
            return Task.FromException<TResult>(StoppedException());
        }

        var call = new ReactorCall<TArg, TResult>(this, invoke, argument, operation, cancellationToken);
        call.RegisterCancellation();
        if (_queue.Writer.TryWrite(call))
        {
            OnQueued();
        }
        else
        {
            Interlocked.Increment(ref _waitingWriters);
            _ = WriteWhenRoomAsync(call, cancellationToken);
        }

        return call.Task;
    }

    private async Task WriteWhenRoomAsync<TArg, TResult>(ReactorCall<TArg, TResult> call, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(call, cancellationToken).ConfigureAwait(false);
            Interlocked.Decrement(ref _waitingWriters);
            OnQueued();
        }
        catch (ChannelClosedException)
        {
            Interlocked.Decrement(ref _waitingWriters);
            call.Reject((Exception?)_fault ?? StoppedException());
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _waitingWriters);
            call.CancelUnrun();
            _wake.Set(); // a stopping guest may be waiting for the last waiting writer
        }
    }

    private void OnQueued()
    {
        // Full fence, then read the idle flag: pairs with the guest's exchange-then-TryRead, so
        // either the guest sees the call or we see it idle and wake it.
        Interlocked.Increment(ref _queued);
        if (Volatile.Read(ref _idle) != 0)
        {
            _wake.Set();
        }
    }

    private void CheckExport(string name, Type[] parameters, Type? result)
    {
        var type = RequireFunctionExport(name);
        var ok = parameters.Length == type.Parameters.Length && (result is null ? type.Results.Length == 0 : type.Results.Length == 1);
        for (var i = 0; ok && i < parameters.Length; i++)
        {
            ok = MapValueKind(parameters[i]) == type.Parameters[i];
        }

        if (ok && result is not null)
        {
            ok = MapValueKind(result) == type.Results[0];
        }

        if (!ok)
        {
            var wanted = "(" + string.Join(", ", parameters.Select(p => p.Name)) + ") -> " + (result?.Name ?? "void");
            throw new ArgumentException($"The export \"{name}\" of '{Module.Name}' has type {type}, which does not match {wanted}. Numbers map as int→i32, long→i64, float→f32, double→f64; use a marshalled export for anything else.", nameof(name));
        }
    }

    private FunctionType RequireFunctionExport(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return FindFunctionExport(Module, name) ?? throw new ArgumentException(
            $"The module '{Module.Name}' exports no function \"{name}\". Its function exports: {string.Join(", ", Module.Exports.Where(e => e.Kind == ExternKind.Function).Select(e => e.Name))}.",
            nameof(name));
    }

    private static FunctionType? FindFunctionExport(Module module, string name)
    {
        foreach (var export in module.Exports)
        {
            if (export.Kind == ExternKind.Function && export.Name == name)
            {
                return export.Type as FunctionType;
            }
        }

        return null;
    }

    private static ValueKind? MapValueKind(Type type) =>
        type == typeof(int) ? ValueKind.Int32
        : type == typeof(long) ? ValueKind.Int64
        : type == typeof(float) ? ValueKind.Float32
        : type == typeof(double) ? ValueKind.Float64
        : null;

    private ObjectDisposedException StoppedException() => new(GetType().Name, $"The reactor '{Module.Name}' is stopped.");
}

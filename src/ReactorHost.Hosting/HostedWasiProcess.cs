using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReactorHost.Wasm;

namespace ReactorHost.Hosting;

/// <summary>
/// A WASI command registered with <c>AddWasiProcess</c>: run in the background from the host's
/// start, logged, restarted per its policy, cancelled on shutdown. Resolve it with
/// <c>[FromKeyedServices("name")] HostedWasiProcess</c> or <see cref="WasiGuests.GetProcess"/>.
/// </summary>
public sealed partial class HostedWasiProcess : IAsyncDisposable
{
    private readonly WasiProcessHostOptions _options;
    private readonly HostedGuestSetup _setup;
    private readonly ReactorHostInstrumentation _instrumentation;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<int> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Module? _module;
    private Task? _loop;
    private int _runs;
    private int? _lastExitCode;

    internal HostedWasiProcess(string name, WasiProcessHostOptions options, string contentRoot, ILoggerFactory loggerFactory, ReactorHostInstrumentation instrumentation, IHostApplicationLifetime? lifetime)
    {
        Name = name;
        _options = options;
        _instrumentation = instrumentation;
        _lifetime = lifetime;
        _setup = new HostedGuestSetup("Process", name, options, contentRoot, loggerFactory, instrumentation);
    }

    /// <summary>The registration name.</summary>
    public string Name { get; }

    /// <summary>The full path of the module file.</summary>
    public string ModulePath => _setup.ModuleFullPath;

    /// <summary>
    /// Completes when the process has ended for good (after its last restart): with the last exit
    /// code, faulted with the last run's exception (a <see cref="WasmTrapException"/>...), or
    /// cancelled when the host stopped it first.
    /// </summary>
    public Task<int> Completion => _completion.Task;

    /// <summary>Runs that have ended so far.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The exit code of the last run that exited, or null.</summary>
    public int? LastExitCode
    {
        get
        {
            lock (_gate)
            {
                return _lastExitCode;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            await loop.WaitAsync(HostedReactor.ForcedStopGrace).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (!loop.IsCompleted)
            {
                return; // the guest ignored cancellation: leave its engine alone
            }
        }

        _stopping.Dispose();
        _setup.Dispose();
    }

    /// <summary>Compiles the module (host start, before anything runs).</summary>
    internal void Load()
    {
        lock (_gate)
        {
            _module ??= _setup.LoadModule();
            if (!_module.Exports.Any(e => e.Kind == ExternKind.Function && e.Name == "_start"))
            {
                throw new WasiHostingException($"Process '{Name}': the module '{ModulePath}' is not a WASI command: it exports no _start function (a reactor? register it with AddWasiReactor).");
            }
        }
    }

    /// <summary>Starts the run loop in the background.</summary>
    internal void Start()
    {
        Load();
        lock (_gate)
        {
            _loop ??= Task.Run(() => RunLoopAsync(_module!, _stopping.Token));
        }
    }

    /// <summary>Cancels the running guest (pending syscalls see the token, wasm is interrupted) and waits for it, within <paramref name="cancellationToken"/>.</summary>
    internal async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not { } loop)
        {
            _completion.TrySetCanceled(_stopping.Token);
            return;
        }

        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStillRunning(_setup.Logger, Name);
        }
    }

    private async Task RunLoopAsync(Module module, CancellationToken stopping)
    {
        var restarts = 0;
        while (true)
        {
            int? exitCode = null;
            Exception? failure = null;
            LogRunning(_setup.Logger, Name, ModulePath, restarts);
            try
            {
                exitCode = await new WasiProcess(module, _setup.CreateWasiOptions()).RunAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                _setup.FlushOutput();
                Interlocked.Increment(ref _runs);
                _instrumentation.ProcessRuns.Add(1, new(ReactorHostMetrics.GuestTag, Name), new(ReactorHostMetrics.OutcomeTag, "cancelled"));
                LogCancelled(_setup.Logger, Name);
                _completion.TrySetCanceled(stopping);
                return;
            }
#pragma warning disable CA1031 // every outcome of the guest is logged and handed to Completion
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }

            _setup.FlushOutput();
            Interlocked.Increment(ref _runs);
            if (exitCode is { } code)
            {
                lock (_gate)
                {
                    _lastExitCode = code;
                }

                _instrumentation.ProcessRuns.Add(1, new(ReactorHostMetrics.GuestTag, Name), new(ReactorHostMetrics.OutcomeTag, "exit"));
                if (code == 0)
                {
                    LogExited(_setup.Logger, Name, code);
                }
                else
                {
                    LogExitedWithError(_setup.Logger, Name, code);
                }
            }
            else
            {
                _instrumentation.ProcessRuns.Add(1, new(ReactorHostMetrics.GuestTag, Name), new(ReactorHostMetrics.OutcomeTag, failure is WasmTrapException ? "trap" : "error"));
                LogFailed(_setup.Logger, Name, failure!.Message, failure);
            }

            var failed = failure is not null || exitCode != 0;
            var again = _options.RestartPolicy == WasiProcessRestartPolicy.Always
                || (_options.RestartPolicy == WasiProcessRestartPolicy.OnFailure && failed);
            if (again && (_options.MaxRestarts < 0 || restarts < _options.MaxRestarts))
            {
                restarts++;
                LogRestarting(_setup.Logger, Name, _options.RestartDelay, restarts);
                try
                {
                    await Task.Delay(_options.RestartDelay, stopping).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    _completion.TrySetCanceled(stopping);
                    return;
                }
            }

            if (failure is not null)
            {
                _completion.TrySetException(failure);
            }
            else
            {
                _completion.TrySetResult(exitCode!.Value);
            }

            if (_options.StopHostOnExit && _lifetime is { } lifetime)
            {
                if (_options.SetHostExitCode)
                {
                    System.Environment.ExitCode = exitCode ?? 1;
                }

                LogStoppingHost(_setup.Logger, Name);
                lifetime.StopApplication();
            }

            return;
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Process {Name}: running {Path} (restart {Restarts}).")]
    private static partial void LogRunning(ILogger logger, string name, string path, int restarts);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Process {Name} exited with code {ExitCode}.")]
    private static partial void LogExited(ILogger logger, string name, int exitCode);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Process {Name} exited with code {ExitCode}.")]
    private static partial void LogExitedWithError(ILogger logger, string name, int exitCode);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Process {Name} failed: {Message}")]
    private static partial void LogFailed(ILogger logger, string name, string message, Exception exception);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information, Message = "Process {Name} was cancelled by the host's shutdown.")]
    private static partial void LogCancelled(ILogger logger, string name);

    [LoggerMessage(EventId = 25, Level = LogLevel.Information, Message = "Process {Name}: restarting in {Delay} (restart {Restart}).")]
    private static partial void LogRestarting(ILogger logger, string name, TimeSpan delay, int restart);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Process {Name} has ended: stopping the host (StopHostOnExit).")]
    private static partial void LogStoppingHost(ILogger logger, string name);

    [LoggerMessage(EventId = 27, Level = LogLevel.Error, Message = "Process {Name} did not end within the host's shutdown timeout; shutdown continues without it.")]
    private static partial void LogStillRunning(ILogger logger, string name);
}

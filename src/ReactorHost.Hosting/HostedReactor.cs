using Microsoft.Extensions.Logging;

namespace ReactorHost.Hosting;

/// <summary>
/// A named reactor of the container: creates the <see cref="WasiReactor"/> on first use (loading
/// its module), starts it with the host and stops it on shutdown within the host's timeout.
/// </summary>
internal sealed partial class HostedReactor : IAsyncDisposable
{
    /// <summary>How long a forced stop (after the host's shutdown timeout) may take before shutdown moves on.</summary>
    internal static readonly TimeSpan ForcedStopGrace = TimeSpan.FromSeconds(1);

    private readonly WasiReactorHostOptions _options;
    private readonly HostedGuestSetup _setup;
    private readonly ReactorHostInstrumentation _instrumentation;
    private readonly Lazy<WasiReactor> _reactor;
    private Task? _stop;

    public HostedReactor(string name, WasiReactorHostOptions options, string contentRoot, ILoggerFactory loggerFactory, ReactorHostInstrumentation instrumentation)
    {
        Name = name;
        _options = options;
        _instrumentation = instrumentation;
        _setup = new HostedGuestSetup("Reactor", name, options, contentRoot, loggerFactory, instrumentation);
        _reactor = new Lazy<WasiReactor>(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    /// <summary>The reactor (created, not necessarily started).</summary>
    /// <exception cref="WasiHostingException">The module cannot be loaded or is not a reactor.</exception>
    public WasiReactor Reactor => _reactor.Value;

    /// <summary>Starts the reactor: instantiation and <c>_initialize</c> are done when the task completes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var reactor = Reactor;
        try
        {
            await reactor.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new WasiHostingException($"Reactor '{Name}': starting the module '{_setup.ModuleFullPath}' failed: {e.Message}", e);
        }

        LogStarted(_setup.Logger, Name, _setup.ModuleFullPath);
    }

    /// <summary>
    /// Stops the reactor per <see cref="WasiReactorHostOptions.StopMode"/>. When
    /// <paramref name="cancellationToken"/> (the host's shutdown timeout) fires, queued calls are
    /// cancelled and the running one interrupted; the guest thread then gets
    /// <see cref="ForcedStopGrace"/> to exit before shutdown moves on.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_reactor.IsValueCreated)
        {
            return;
        }

        var reactor = _reactor.Value;
        var queued = reactor.QueueLength;
        _stop ??= reactor.StopAsync(cancellationToken);
        try
        {
            await _stop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogForcedStop(_setup.Logger, Name, queued);
            try
            {
                await _stop.WaitAsync(ForcedStopGrace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                LogStillRunning(_setup.Logger, Name);
                return;
            }
        }
        finally
        {
            _setup.FlushOutput();
        }

        LogStopped(_setup.Logger, Name, reactor.CompletedCalls);
    }

    public async ValueTask DisposeAsync()
    {
        if (_reactor.IsValueCreated)
        {
            var reactor = _reactor.Value;
            _instrumentation.Unregister(reactor);
            if (_stop is { IsCompleted: false })
            {
                return; // a guest thread that ignored a forced stop: leave the engine alone
            }

            await reactor.DisposeAsync().ConfigureAwait(false);
        }

        _setup.Dispose();
    }

    private WasiReactor Create()
    {
        var module = _setup.LoadModule();
        var options = new WasiReactorOptions
        {
            Wasi = _setup.CreateWasiOptions(),
            QueueCapacity = _options.QueueCapacity,
            RestartPolicy = _options.RestartPolicy,
            MaxRestarts = _options.MaxRestarts,
            StopMode = _options.StopMode,
            SpinIterations = _options.SpinIterations,
            ConfigureLinker = _options.ConfigureLinker,
        };
        WasiReactor reactor;
        try
        {
            reactor = new WasiReactor(module, options);
        }
        catch (ArgumentException e)
        {
            throw new WasiHostingException($"Reactor '{Name}': the module '{_setup.ModuleFullPath}' cannot run as a reactor: {e.Message}", e);
        }

        _instrumentation.Register(Name, reactor);
        ReactorCallMeter.Attach(reactor, Name, _instrumentation.CallDuration);
        return reactor;
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Reactor {Name} started ({Path}): _initialize done.")]
    private static partial void LogStarted(ILogger logger, string name, string path);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Reactor {Name} stopped after {Calls} calls.")]
    private static partial void LogStopped(ILogger logger, string name, long calls);

    [LoggerMessage(EventId = 12, Level = LogLevel.Warning, Message = "Reactor {Name} did not drain within the host's shutdown timeout: its queued calls (about {Queued}) were cancelled and the running one interrupted.")]
    private static partial void LogForcedStop(ILogger logger, string name, int queued);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Reactor {Name}: the guest thread is still running after a forced stop; shutdown continues without it.")]
    private static partial void LogStillRunning(ILogger logger, string name);
}

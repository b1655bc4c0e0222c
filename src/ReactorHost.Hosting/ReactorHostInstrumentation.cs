using System.Diagnostics.Metrics;

namespace ReactorHost.Hosting;

/// <summary>
/// The instruments of the <see cref="ReactorHostMetrics.MeterName"/> meter, one set per service
/// provider (from its <see cref="IMeterFactory"/> when it has one). Observable instruments read
/// the registered reactors' own counters, so the call path pays nothing for them.
/// </summary>
internal sealed class ReactorHostInstrumentation : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Lock _gate = new();
    private (string Name, WasiReactor Reactor)[] _reactors = [];

    public ReactorHostInstrumentation(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is not null)
        {
            _meter = meterFactory.Create(new MeterOptions(ReactorHostMetrics.MeterName));
        }
        else
        {
            _meter = new Meter(ReactorHostMetrics.MeterName);
            _ownsMeter = true;
        }

        CallDuration = _meter.CreateHistogram<double>(ReactorHostMetrics.CallDuration, "s", "Round trip of a reactor export call, queue wait included.");
        SyscallDuration = _meter.CreateHistogram<double>(ReactorHostMetrics.SyscallDuration, "s", "Latency of a WASI syscall in its handler.");
        ProcessRuns = _meter.CreateCounter<long>(ReactorHostMetrics.ProcessRuns, "{run}", "Hosted WASI process runs that ended.");
        _meter.CreateObservableCounter(ReactorHostMetrics.Calls, () => Observe(static r => r.CompletedCalls), "{call}", "Calls a reactor ran to completion.");
        _meter.CreateObservableGauge(ReactorHostMetrics.QueueLength, () => Observe(static r => r.QueueLength), "{call}", "Calls waiting in a reactor's queue.");
        _meter.CreateObservableCounter(ReactorHostMetrics.Restarts, () => Observe(static r => r.RestartCount), "{restart}", "Times a reactor was re-instantiated after a fault.");
    }

    public Meter Meter => _meter;

    public Histogram<double> CallDuration { get; }

    public Histogram<double> SyscallDuration { get; }

    public Counter<long> ProcessRuns { get; }

    public void Register(string name, WasiReactor reactor)
    {
        lock (_gate)
        {
            _reactors = [.. _reactors, (name, reactor)];
        }
    }

    public void Unregister(WasiReactor reactor)
    {
        lock (_gate)
        {
            _reactors = Array.FindAll(_reactors, r => !ReferenceEquals(r.Reactor, reactor));
        }
    }

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private Measurement<T>[] Observe<T>(Func<WasiReactor, T> read)
        where T : struct
    {
        var reactors = Volatile.Read(ref _reactors);
        var measurements = new Measurement<T>[reactors.Length];
        for (var i = 0; i < reactors.Length; i++)
        {
            measurements[i] = new Measurement<T>(read(reactors[i].Reactor), new KeyValuePair<string, object?>(ReactorHostMetrics.ReactorTag, reactors[i].Name));
        }

        return measurements;
    }
}

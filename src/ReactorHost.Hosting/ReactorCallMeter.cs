using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace ReactorHost.Hosting;

/// <summary>
/// Times calls of one export of a hosted reactor into the <c>reactorhost.reactor.call.duration</c>
/// histogram (tags precomputed; nothing is measured while nobody listens).
/// </summary>
internal sealed class ReactorCallMeter
{
    private static readonly ConditionalWeakTable<WasiReactor, ReactorMeterTarget> s_targets = [];

    private readonly Histogram<double> _histogram;
    private readonly KeyValuePair<string, object?>[] _ok;
    private readonly KeyValuePair<string, object?>[] _error;
    private readonly KeyValuePair<string, object?>[] _cancelled;

    private ReactorCallMeter(Histogram<double> histogram, string reactor, string export)
    {
        _histogram = histogram;
        _ok = Tags(reactor, export, "ok");
        _error = Tags(reactor, export, "error");
        _cancelled = Tags(reactor, export, "cancelled");
    }

    public bool Enabled => _histogram.Enabled;

    /// <summary>Marks <paramref name="reactor"/> as hosted under <paramref name="name"/>, recording into <paramref name="histogram"/>.</summary>
    public static void Attach(WasiReactor reactor, string name, Histogram<double> histogram) =>
        s_targets.AddOrUpdate(reactor, new ReactorMeterTarget(name, histogram));

    /// <summary>A meter for <paramref name="export"/> of <paramref name="reactor"/>, or null when the reactor is not hosted.</summary>
    public static ReactorCallMeter? For(WasiReactor reactor, string export) =>
        s_targets.TryGetValue(reactor, out var target) ? new ReactorCallMeter(target.Histogram, target.Name, export) : null;

    public Task<T> Track<T>(long start, Task<T> call)
    {
        if (call.IsCompleted)
        {
            Record(call, start);
            return call;
        }

        return Awaited(call, start);
    }

    public Task Track(long start, Task call)
    {
        if (call.IsCompleted)
        {
            Record(call, start);
            return call;
        }

        return Awaited(call, start);
    }

    private async Task<T> Awaited<T>(Task<T> call, long start)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        finally
        {
            Record(call, start);
        }
    }

    private async Task Awaited(Task call, long start)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            Record(call, start);
        }
    }

    private void Record(Task call, long start)
    {
        var tags = call.IsCompletedSuccessfully ? _ok : call.IsCanceled ? _cancelled : _error;
        _histogram.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tags.AsSpan());
    }

    private static KeyValuePair<string, object?>[] Tags(string reactor, string export, string outcome) =>
    [
        new(ReactorHostMetrics.ReactorTag, reactor),
        new(ReactorHostMetrics.ExportTag, export),
        new(ReactorHostMetrics.OutcomeTag, outcome),
    ];

    private sealed record ReactorMeterTarget(string Name, Histogram<double> Histogram);
}

using System.Diagnostics;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>Per-operation latencies (each timed on its own with <see cref="Stopwatch.GetTimestamp"/>), summarized.</summary>
internal sealed class LatencyDistribution
{
    private readonly double[] _sortedNs;

    public LatencyDistribution(long[] ticks)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        var nsPerTick = 1e9 / Stopwatch.Frequency;
        _sortedNs = new double[ticks.Length];
        for (var i = 0; i < ticks.Length; i++)
        {
            _sortedNs[i] = ticks[i] * nsPerTick;
        }

        Array.Sort(_sortedNs);
        Mean = _sortedNs.Length == 0 ? double.NaN : _sortedNs.Average();
    }

    public int Count => _sortedNs.Length;

    public double Mean { get; }

    public double Median => Percentile(50);

    public double Max => _sortedNs.Length == 0 ? double.NaN : _sortedNs[^1];

    /// <summary>The nearest-rank percentile <paramref name="p"/> (0–100) in nanoseconds.</summary>
    public double Percentile(double p)
    {
        if (_sortedNs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * _sortedNs.Length);
        return _sortedNs[Math.Clamp(rank - 1, 0, _sortedNs.Length - 1)];
    }

    /// <summary>
    /// Times <paramref name="calls"/> calls of <paramref name="operation"/> one by one after at least
    /// <paramref name="warmup"/> untimed ones and at least 300 ms of them (so the JIT has moved the
    /// code under test to its final tier). The timer's own cost (two timestamp reads, ~20–40 ns)
    /// is included; measure an empty operation to see it.
    /// </summary>
    public static LatencyDistribution Measure<TState>(TState state, Func<TState, int> operation, int warmup, int calls)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var sink = 0;
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < warmup || Stopwatch.GetElapsedTime(warmupStart).TotalMilliseconds < 300; i++)
        {
            sink += operation(state);
        }

        var ticks = new long[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += operation(state);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }

        GC.KeepAlive(sink);
        return new LatencyDistribution(ticks);
    }
}

using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace ReactorHost.Benchmarks.Wasi;

/// <summary>Adds median, P95 and P99 to the default columns.</summary>
internal sealed class LatencyConfig : ManualConfig
{
    public LatencyConfig()
    {
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, new PercentileColumn(99));
    }
}

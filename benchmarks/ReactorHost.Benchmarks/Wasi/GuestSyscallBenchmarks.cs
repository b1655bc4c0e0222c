using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Cli.Bench.Wasi.Probes;

namespace ReactorHost.Benchmarks.Wasi;

/// <summary>
/// The cost of one call as a wasm guest makes it: a compiled wasm loop calling an import, per call
/// (OperationsPerInvoke): a no-op host import (the floor), clock_time_get (direct group), fd_write to
/// a null handler through DirectWasiPreview1 and through ProxyWasiPreview1 + SyscallLock.
/// </summary>
[Config(typeof(LatencyConfig))]
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the loop in [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class GuestSyscallBenchmarks
{
    private const int CallsPerInvoke = 10_000;
    private GuestCallLoop? _loop;

    /// <summary>A <see cref="GuestCallKind"/> name.</summary>
    [Params("ImportNoop", "ClockTimeGet", "FdWriteDirect", "FdWriteProxy")]
    public string Call { get; set; } = "ImportNoop";

    [GlobalSetup]
    public void Setup() => _loop = new GuestCallLoop(Enum.Parse<GuestCallKind>(Call));

    [GlobalCleanup]
    public void Cleanup() => _loop?.Dispose();

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public int CallFromWasm() => _loop!.Run(CallsPerInvoke);
}

using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Cli.Bench.Wasi.Probes;

namespace ReactorHost.Benchmarks.Wasi;

/// <summary>
/// One proxied syscall (fd_write of 8 bytes: iovec bounds checks, handler, result written back to
/// guest memory), driven from the benchmark thread as a guest thread would, per dispatch scenario:
/// through ProxyWasiPreview1 + SyscallLock with a handler that completes synchronously, one that a
/// dedicated completer thread completes, one that awaits Task.Yield, through the host-loop
/// dispatcher, and through DirectWasiPreview1. Times are per call (OperationsPerInvoke).
/// </summary>
[Config(typeof(LatencyConfig))]
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the probe in [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class SyscallRoundTripBenchmarks
{
    private const int CallsPerInvoke = 1000;
    private SyscallRoundTrip? _probe;

    /// <summary>A <see cref="SyscallScenario"/> name.</summary>
    [Params("ProxySync", "ProxyAsyncThread", "ProxyAsyncYield", "HostLoopSync", "DirectSync")]
    public string Scenario { get; set; } = "ProxySync";

    [GlobalSetup]
    public void Setup() => _probe = new SyscallRoundTrip(Enum.Parse<SyscallScenario>(Scenario));

    [GlobalCleanup]
    public void Cleanup() => _probe?.Dispose();

    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public int RoundTrip()
    {
        var probe = _probe!;
        var errors = 0;
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            errors += (int)probe.Call();
        }

        return errors;
    }
}

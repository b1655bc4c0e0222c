using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Wasm;

namespace ReactorHost.Benchmarks;

/// <summary>
/// The compute kernels of benchmarks/guests/compute.wasm on our engine, one benchmark case per
/// kernel (same work sizes as <c>reactorhost bench</c>; the node comparison lives there).
/// Each kernel call takes tens of milliseconds, so a few iterations are enough.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the engine in [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class ComputeKernelBenchmarks
{
    private Engine? _engine;
    private Func<int, int>? _kernel;
    private int _argument;

    /// <summary>The export to run.</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "";

    /// <summary>AggressiveOptimization (true) or tiered compilation of non-collectible code (false).</summary>
    [Params(true)]
    public bool OptimizeCode { get; set; }

    public static IEnumerable<string> Kernels => ComputeGuest.KernelNames;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine(new EngineOptions { OptimizeCode = OptimizeCode, CollectibleCode = OptimizeCode });
        var module = Module.FromBytes(_engine, "compute", ComputeGuest.Wasm);
        var instance = new Linker(_engine).Instantiate(module);
        _kernel = instance.GetFunction<int, int>(Kernel) ?? throw new InvalidOperationException($"no export {Kernel}");
        _argument = ComputeGuest.ArgumentOf(Kernel);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine?.Dispose();

    /// <summary>One call of the kernel; returns its checksum so the work cannot be elided.</summary>
    [Benchmark]
    public int Run() => _kernel!(_argument);
}

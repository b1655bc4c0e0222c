using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Wasm;

namespace ReactorHost.Benchmarks;

/// <summary>
/// Module load → first call for compute.wasm (6 KB, 11 functions): decode + validate + compile,
/// instantiate (1.7 MB of linear memory, data and element segments), then one trivial call.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes the engine in [GlobalCleanup].")]
public class ModuleLoadBenchmarks
{
    private readonly Engine _engine = new();

    [Benchmark]
    public Module Compile() => Module.FromBytes(_engine, "compute", ComputeGuest.Wasm);

    [Benchmark]
    public int LoadInstantiateFirstCall()
    {
        var module = Module.FromBytes(_engine, "compute", ComputeGuest.Wasm);
        var instance = new Linker(_engine).Instantiate(module);
        return instance.GetFunction<int, int>("fib")!(1);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();
}

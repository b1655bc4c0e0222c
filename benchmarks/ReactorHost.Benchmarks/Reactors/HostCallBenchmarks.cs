using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Wasm;

namespace ReactorHost.Benchmarks.Reactors;

/// <summary>
/// The cost of one wasm → C# host function call: the guest export <c>host_loop(n)</c> calls the
/// imported <c>env.host_inc</c> n times (result per operation = ns per host call, loop included),
/// directly on the engine and through a reactor (one reactor call amortised over n host calls).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class HostCallBenchmarks
{
    private const int HostCalls = 1_000_000;

    private Engine? _engine;
    private WasiReactor? _reactor;
    private ReactorFunc<int, int>? _reactorLoop;
    private Func<int, int>? _directLoop;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        var module = ReactorBenchGuest.Load(_engine);
        _reactor = new WasiReactor(module, new WasiReactorOptions { ConfigureLinker = ReactorBenchGuest.DefineHostInc });
        _reactor.StartAsync().GetAwaiter().GetResult();
        _reactorLoop = _reactor.GetExport<int, int>("host_loop");

        var linker = new Linker(_engine);
        ReactorBenchGuest.DefineHostInc(linker);
        var wasi = new global::ReactorHost.Wasi.ProxyWasiPreview1(new global::ReactorHost.Wasi.StandardWasiHandler(new global::ReactorHost.Wasi.WasiStrings([]), new global::ReactorHost.Wasi.WasiStrings([]), new global::ReactorHost.Wasi.FileSystem.WasiFdTable()));
        wasi.Define(linker);
        _directLoop = linker.Instantiate(module).GetFunction<int, int>("host_loop");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reactor?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine?.Dispose();
    }

    /// <summary>host_loop on the calling thread.</summary>
    [Benchmark(OperationsPerInvoke = HostCalls)]
    public int HostCallDirect() => _directLoop!(HostCalls);

    /// <summary>host_loop as one reactor call (guest thread).</summary>
    [Benchmark(OperationsPerInvoke = HostCalls)]
    public Task<int> HostCallInReactor() => _reactorLoop!(HostCalls);
}

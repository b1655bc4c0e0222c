using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using ReactorHost.Wasm;

namespace ReactorHost.Benchmarks.Reactors;

/// <summary>
/// Reactor export calls: the await → guest thread → result round trip of one caller, and
/// throughput with 1 and 64 concurrent callers (ns per call; calls/s = 1e9 / ns). The direct
/// engine call is the floor (same export, called synchronously on the benchmark thread).
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup].")]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 8)]
public class ReactorCallBenchmarks
{
    private const int CallsPerInvoke = 64 * 500;

    private Engine? _engine;
    private WasiReactor? _reactor;
    private ReactorFunc<int, int, int>? _add;
    private Func<int, int, int>? _direct;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new Engine();
        var module = ReactorBenchGuest.Load(_engine);
        _reactor = new WasiReactor(module, new WasiReactorOptions { ConfigureLinker = ReactorBenchGuest.DefineHostInc });
        _reactor.StartAsync().GetAwaiter().GetResult();
        _add = _reactor.GetExport<int, int, int>("add");

        var linker = new Linker(_engine);
        ReactorBenchGuest.DefineHostInc(linker);
        var wasi = new global::ReactorHost.Wasi.ProxyWasiPreview1(new global::ReactorHost.Wasi.StandardWasiHandler(new global::ReactorHost.Wasi.WasiStrings([]), new global::ReactorHost.Wasi.WasiStrings([]), new global::ReactorHost.Wasi.FileSystem.WasiFdTable()));
        wasi.Define(linker);
        _direct = linker.Instantiate(module).GetFunction<int, int, int>("add");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reactor?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _engine?.Dispose();
    }

    /// <summary>The floor: the same export called directly (no queue, no thread hop).</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public int DirectEngineCall()
    {
        var add = _direct!;
        var sum = 0;
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            sum = add(sum, 1);
        }

        return sum;
    }

    /// <summary>One awaited call: caller → queue → guest thread → task completion → caller continuation.</summary>
    [Benchmark]
    public Task<int> RoundTrip() => _add!(1, 2);

    /// <summary>One caller issuing calls back to back (awaiting each).</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public async Task<int> Throughput1Caller()
    {
        var add = _add!;
        var sum = 0;
        for (var i = 0; i < CallsPerInvoke; i++)
        {
            sum = await add(sum, 1).ConfigureAwait(false);
        }

        return sum;
    }

    /// <summary>64 concurrent callers, each awaiting its calls one after another.</summary>
    [Benchmark(OperationsPerInvoke = CallsPerInvoke)]
    public async Task<int> Throughput64Callers()
    {
        const int Callers = 64;
        var add = _add!;
        var callers = new Task<int>[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                var sum = 0;
                for (var i = 0; i < CallsPerInvoke / Callers; i++)
                {
                    sum = await add(sum, 1).ConfigureAwait(false);
                }

                return sum;
            });
        }

        var total = 0;
        foreach (var sum in await Task.WhenAll(callers).ConfigureAwait(false))
        {
            total += sum;
        }

        return total;
    }
}

using System.Diagnostics;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Bench;

/// <summary>Runs the compute kernels on our engine.</summary>
internal sealed class ReactorHostRunner : IDisposable
{
    /// <summary>The export timed for load → first call: the cheapest call in the module.</summary>
    public const string FirstCallExport = "fib";

    private readonly Engine _engine;
    private Instance? _instance;

    public ReactorHostRunner(EngineOptions options) => _engine = new Engine(options);

    /// <summary>
    /// Loads the module (decode + validate + compile), instantiates it and makes one trivial call,
    /// timing each phase. The instance is kept for <see cref="Measure"/>.
    /// </summary>
    public LoadMeasurement Load(string modulePath)
    {
        var stopwatch = Stopwatch.StartNew();
        var module = Module.FromFile(_engine, modulePath);
        var compileMs = stopwatch.Elapsed.TotalMilliseconds;

        stopwatch.Restart();
        var instance = new Linker(_engine).Instantiate(module);
        var instantiateMs = stopwatch.Elapsed.TotalMilliseconds;

        stopwatch.Restart();
        var first = instance.GetFunction<int, int>(FirstCallExport)
                    ?? throw new InvalidOperationException($"{modulePath} has no export '{FirstCallExport}'");
        _ = first(1);
        var firstCallMs = stopwatch.Elapsed.TotalMilliseconds;

        _instance = instance;
        return new LoadMeasurement(compileMs, instantiateMs, firstCallMs);
    }

    /// <summary>
    /// Times one kernel: a first call, <paramref name="warmup"/> - 1 more warm-up calls, then
    /// <paramref name="iterations"/> measured calls; every call must return the same checksum.
    /// </summary>
    public KernelMeasurement Measure(ComputeKernel kernel, int argument, int warmup, int iterations)
    {
        var instance = _instance ?? throw new InvalidOperationException("Load the module first.");
        var function = instance.GetFunction<int, int>(kernel.Name)
                       ?? throw new InvalidOperationException($"the module has no export '{kernel.Name}'");

        var stopwatch = Stopwatch.StartNew();
        var checksum = unchecked((uint)function(argument));
        var firstCallMs = stopwatch.Elapsed.TotalMilliseconds;

        for (var i = 1; i < warmup; i++)
        {
            Check(kernel, checksum, function(argument));
        }

        var runs = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = function(argument);
            runs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Check(kernel, checksum, result);
        }

        return new KernelMeasurement(kernel.Name, argument, checksum, firstCallMs, runs);
    }

    public void Dispose() => _engine.Dispose();

    private static void Check(ComputeKernel kernel, uint expected, int actual)
    {
        if (unchecked((uint)actual) != expected)
        {
            throw new InvalidOperationException(
                $"{kernel.Name}: checksum changed between runs ({expected} then {unchecked((uint)actual)})");
        }
    }
}

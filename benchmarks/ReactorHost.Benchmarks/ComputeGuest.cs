using System.Reflection;
using System.Text.Json;

namespace ReactorHost.Benchmarks;

/// <summary>
/// benchmarks/guests/compute.wasm and its kernel list (compute.json), embedded in this assembly so the
/// benchmarks run wherever BenchmarkDotNet puts the build output.
/// </summary>
public static class ComputeGuest
{
    private static readonly Lazy<byte[]> WasmBytes = new(() => ReadResource("compute.wasm"));
    private static readonly Lazy<IReadOnlyDictionary<string, int>> KernelArguments = new(LoadKernels);

    /// <summary>The module binary.</summary>
    public static ReadOnlySpan<byte> Wasm => WasmBytes.Value;

    /// <summary>Kernel export names, in manifest order.</summary>
    public static IEnumerable<string> KernelNames => KernelArguments.Value.Keys;

    /// <summary>The argument (work size) a benchmark run passes to <paramref name="kernel"/>.</summary>
    public static int ArgumentOf(string kernel) => KernelArguments.Value[kernel];

    private static Dictionary<string, int> LoadKernels()
    {
        using var document = JsonDocument.Parse(ReadResource("compute.json"));
        var kernels = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var kernel in document.RootElement.GetProperty("kernels").EnumerateArray())
        {
            kernels.Add(kernel.GetProperty("name").GetString()!, kernel.GetProperty("arg").GetInt32());
        }

        return kernels;
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ReactorHost.Benchmarks.Guests." + name)
                           ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

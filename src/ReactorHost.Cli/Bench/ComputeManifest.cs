using System.Text.Json;

namespace ReactorHost.Cli.Bench;

/// <summary>One kernel of the compute module: its export name and the argument a run passes.</summary>
internal sealed record ComputeKernel(string Name, int Argument, string Kind, string Description);

/// <summary>
/// benchmarks/guests/compute.json: the module file and its kernels. The node harness reads the same
/// file, so both engines run the same calls.
/// </summary>
internal sealed class ComputeManifest
{
    public const string GuestsFolder = "benchmarks/guests";
    public const string ManifestFileName = "compute.json";

    private ComputeManifest(string guestsDirectory, string modulePath, IReadOnlyList<ComputeKernel> kernels)
    {
        GuestsDirectory = guestsDirectory;
        ModulePath = modulePath;
        Kernels = kernels;
    }

    public string GuestsDirectory { get; }

    public string ModulePath { get; }

    public IReadOnlyList<ComputeKernel> Kernels { get; }

    public static ComputeManifest Load(string guestsDirectory)
    {
        var path = Path.Combine(guestsDirectory, ManifestFileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var module = root.GetProperty("module").GetString() ?? throw new InvalidDataException($"{path}: 'module' is null");
        var kernels = new List<ComputeKernel>();
        foreach (var kernel in root.GetProperty("kernels").EnumerateArray())
        {
            kernels.Add(new ComputeKernel(
                kernel.GetProperty("name").GetString() ?? throw new InvalidDataException($"{path}: kernel without a name"),
                kernel.GetProperty("arg").GetInt32(),
                kernel.TryGetProperty("kind", out var kind) ? kind.GetString() ?? "" : "",
                kernel.TryGetProperty("description", out var description) ? description.GetString() ?? "" : ""));
        }

        return new ComputeManifest(guestsDirectory, Path.Combine(guestsDirectory, module), kernels);
    }

    /// <summary>
    /// Finds benchmarks/guests by walking up from the current directory, then from the tool's own
    /// directory (works from anywhere inside a checkout).
    /// </summary>
    public static string? FindGuestsDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, GuestsFolder);
                if (File.Exists(Path.Combine(candidate, ManifestFileName)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

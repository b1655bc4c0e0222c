using System.Reflection;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>Locates the spec test suite's <c>json</c> directory.</summary>
internal static class SpecSuite
{
    public const string EnvironmentVariable = "RH_SPEC_TESTSUITE";

    private static readonly Lazy<string?> LazyJsonDirectory = new(Locate);

    /// <summary>The directory of wast2json scripts, or null when the suite cannot be found.</summary>
    public static string? JsonDirectory => LazyJsonDirectory.Value;

    public static string NotFoundMessage =>
        $"spec test suite not found: set {EnvironmentVariable} to the wasm-spec-testsuite directory (or its json/ directory), " +
        "or keep shared/wasm-spec-testsuite in a parent directory of the build output or the source tree";

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return JsonDirectoryOf(configured);
        }

        var projectDirectory = typeof(SpecSuite).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProjectDirectory")?.Value;
        foreach (var start in new[] { AppContext.BaseDirectory, projectDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (JsonDirectoryOf(Path.Combine(directory.FullName, "shared", "wasm-spec-testsuite")) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static string? JsonDirectoryOf(string path)
    {
        var json = Path.Combine(path, "json");
        if (Directory.Exists(json) && Directory.EnumerateFiles(json, "*.json").Any())
        {
            return json;
        }

        return Directory.Exists(path) && Directory.EnumerateFiles(path, "*.json").Any() ? path : null;
    }
}

using System.Text.Json;

namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>
/// How a test guest is invoked, from tests/guests/guests.json: module, argv, environment, preopens
/// (a host path, or <c>$SANDBOX</c> for a fresh empty directory per run), and the expected stdout.
/// </summary>
internal sealed record WasiGuestSpec(
    string Name,
    string WasmPath,
    IReadOnlyList<string> Arguments,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    IReadOnlyList<KeyValuePair<string, string>> Preopens,
    int ExitCode,
    string? ExpectedStdout)
{
    public const string SandboxToken = "$SANDBOX";
    public const string ManifestRelativePath = "tests/guests/guests.json";

    /// <summary>tests/guests/guests.json found by walking up from the current directory, or null.</summary>
    public static string? FindManifest()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "guests", "guests.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Reads guest <paramref name="name"/>; <paramref name="iterations"/> replaces argv[1] when given.</summary>
    public static WasiGuestSpec Load(string manifestPath, string name, string? iterations)
    {
        var guestsDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        using var document = JsonDocument.Parse(File.ReadAllText(manifestPath));
        foreach (var guest in document.RootElement.GetProperty("guests").EnumerateArray())
        {
            if (guest.GetProperty("name").GetString() != name)
            {
                continue;
            }

            var arguments = guest.GetProperty("args").EnumerateArray().Select(a => a.GetString() ?? "").ToList();
            var environment = guest.TryGetProperty("env", out var env)
                ? env.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString() ?? "")).ToList()
                : [];
            var preopens = guest.TryGetProperty("preopens", out var pre)
                ? pre.EnumerateObject().Select(p => new KeyValuePair<string, string>(
                    p.Name,
                    p.Value.GetString() is SandboxToken ? SandboxToken : Path.GetFullPath(Path.Combine(guestsDirectory, p.Value.GetString() ?? ""))))
                    .ToList()
                : [];
            string? stdout = null;
            if (guest.TryGetProperty("stdout", out var expected) && expected.GetProperty("mode").GetString() == "exact")
            {
                stdout = expected.GetProperty("text").GetString();
            }

            if (iterations is not null)
            {
                // The expected text names the iteration count: only usable for the manifest's own count.
                stdout = arguments.Count > 1 && arguments[1] == iterations ? stdout : null;
                if (arguments.Count > 1)
                {
                    arguments[1] = iterations;
                }
                else
                {
                    arguments.Add(iterations);
                }
            }

            return new WasiGuestSpec(
                name,
                Path.GetFullPath(Path.Combine(guestsDirectory, guest.GetProperty("wasm").GetString() ?? "")),
                arguments,
                environment,
                preopens,
                guest.TryGetProperty("exitCode", out var exit) ? exit.GetInt32() : 0,
                stdout);
        }

        throw new InvalidOperationException($"guest '{name}' is not in {manifestPath}");
    }

    /// <summary>Concrete preopens for one run: every <c>$SANDBOX</c> becomes a new empty directory (listed in <paramref name="created"/>).</summary>
    public List<KeyValuePair<string, string>> ResolvePreopens(List<string> created)
    {
        var resolved = new List<KeyValuePair<string, string>>(Preopens.Count);
        foreach (var (guest, host) in Preopens)
        {
            if (host == SandboxToken)
            {
                var directory = Directory.CreateTempSubdirectory("rh-bench-wasi-").FullName;
                created.Add(directory);
                resolved.Add(new(guest, directory));
            }
            else
            {
                resolved.Add(new(guest, host));
            }
        }

        return resolved;
    }

    public static void DeleteAll(List<string> directories)
    {
        foreach (var directory in directories)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        directories.Clear();
    }
}

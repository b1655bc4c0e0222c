using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ReactorHost.Tests.Guests;

/// <summary>
/// tests/guests/guests.json of this checkout (or of the directory named by RH_GUESTS_DIR). The guests
/// are copied next to the test assembly (guests/), so the suite works wherever it is run from.
/// </summary>
public static class GuestManifest
{
    private static readonly Lazy<IReadOnlyList<GuestSpec>> LazyGuests = new(Load);

    public static IReadOnlyList<GuestSpec> Guests => LazyGuests.Value;

    public static GuestSpec Find(string name) =>
        Guests.FirstOrDefault(g => g.Name == name) ?? throw new KeyNotFoundException($"guest {name} is not in guests.json");

    /// <summary>The folder holding guests.json and bin/.</summary>
    public static string Directory { get; } = LocateDirectory();

    private static IReadOnlyList<GuestSpec> Load()
    {
        var manifest = Path.Combine(Directory, "guests.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(manifest));
        return [.. document.RootElement.GetProperty("guests").EnumerateArray().Select(g => GuestSpec.Parse(g, Directory))];
    }

    private static string LocateDirectory([CallerFilePath] string thisFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RH_GUESTS_DIR");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var copied = Path.Combine(AppContext.BaseDirectory, "guests");
        if (File.Exists(Path.Combine(copied, "guests.json")))
        {
            return copied;
        }

        // Fallback: the source tree (tests/ReactorHost.Tests/Guests → tests/guests).
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "..", "guests"));
    }
}

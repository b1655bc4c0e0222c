using System.Globalization;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>The entries of <c>known-failures.txt</c>: <c>file.json:LINE reason</c>, <c>#</c> comments.</summary>
internal sealed class KnownFailures
{
    private readonly Dictionary<string, Dictionary<int, string>> _byFile = new(StringComparer.Ordinal);

    public static KnownFailures Load(string path)
    {
        var known = new KnownFailures();
        if (File.Exists(path))
        {
            known.Add(File.ReadAllLines(path), Path.GetFileName(path));
        }

        return known;
    }

    public static KnownFailures Parse(params string[] lines)
    {
        var known = new KnownFailures();
        known.Add(lines, "known failures");
        return known;
    }

    /// <summary>Known failing lines of <paramref name="file"/> with their reasons.</summary>
    public IReadOnlyDictionary<int, string> For(string file) =>
        _byFile.TryGetValue(file, out var lines) ? lines : new Dictionary<int, string>();

    private void Add(IEnumerable<string> lines, string source)
    {
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.IndexOfAny([' ', '\t']);
            var location = space < 0 ? line : line[..space];
            var reason = space < 0 ? "" : line[(space + 1)..].Trim();
            var colon = location.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(location[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var scriptLine))
            {
                throw new FormatException($"{source}:{number}: expected `file.json:LINE reason`, got `{raw}`");
            }

            var file = location[..colon];
            if (!_byFile.TryGetValue(file, out var entries))
            {
                entries = [];
                _byFile.Add(file, entries);
            }

            entries[scriptLine] = reason;
        }
    }
}

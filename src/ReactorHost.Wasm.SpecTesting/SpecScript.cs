using System.Text.Json;

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>A parsed wast2json script: the commands of one <c>.wast</c> file.</summary>
public sealed class SpecScript
{
    private SpecScript(string name, string? sourceFileName, IReadOnlyList<SpecCommand> commands)
    {
        Name = name;
        SourceFileName = sourceFileName;
        Commands = commands;
    }

    /// <summary>The script's name: the JSON file name (e.g. <c>i32.json</c>).</summary>
    public string Name { get; }

    /// <summary>The <c>source_filename</c> recorded by wast2json, or null.</summary>
    public string? SourceFileName { get; }

    /// <summary>The commands, in order.</summary>
    public IReadOnlyList<SpecCommand> Commands { get; }

    /// <summary>True for the SIMD scripts of the suite (file name starts with <c>simd_</c>).</summary>
    public bool IsSimd => IsSimdScript(Name);

    /// <summary>True when <paramref name="path"/> names a SIMD script (file name starts with <c>simd_</c>).</summary>
    public static bool IsSimdScript(string path) =>
        Path.GetFileName(path).StartsWith("simd_", StringComparison.Ordinal);

    /// <summary>Reads and parses a wast2json <c>.json</c> file; module paths resolve relative to its directory.</summary>
    /// <exception cref="FormatException">The file is not a wast2json script.</exception>
    public static SpecScript Load(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var fullPath = Path.GetFullPath(jsonPath);
        return Parse(File.ReadAllText(fullPath), Path.GetFileName(fullPath), Path.GetDirectoryName(fullPath) ?? ".");
    }

    /// <summary>Parses wast2json JSON text.</summary>
    /// <param name="json">The script text.</param>
    /// <param name="name">The script's name (normally its file name).</param>
    /// <param name="baseDirectory">The directory module file names are relative to.</param>
    /// <exception cref="FormatException">The text is not a wast2json script.</exception>
    public static SpecScript Parse(string json, string name, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                !root.TryGetProperty("commands", out var commandsElement) ||
                commandsElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"{name}: not a wast2json script (no \"commands\" array)");
            }

            var commands = new List<SpecCommand>(commandsElement.GetArrayLength());
            foreach (var element in commandsElement.EnumerateArray())
            {
                commands.Add(ParseCommand(element, baseDirectory));
            }

            return new SpecScript(name, OptionalString(root, "source_filename"), commands);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{name}: invalid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // JsonElement accessors throw this when a property has an unexpected JSON type.
            throw new FormatException($"{name}: unexpected JSON shape: {ex.Message}", ex);
        }
    }

    private static SpecCommand ParseCommand(JsonElement element, string baseDirectory)
    {
        var typeName = RequiredString(element, "type");
        var fileName = OptionalString(element, "filename");
        return new SpecCommand
        {
            Kind = KindOf(typeName),
            TypeName = typeName,
            Line = element.TryGetProperty("line", out var line) ? line.GetInt32() : 0,
            Name = OptionalString(element, "name"),
            As = OptionalString(element, "as"),
            ModulePath = fileName is null ? null : Path.Combine(baseDirectory, fileName),
            ModuleFormat = OptionalString(element, "module_type") == "text" ||
                           (fileName is not null && fileName.EndsWith(".wat", StringComparison.OrdinalIgnoreCase))
                ? SpecModuleFormat.Text
                : SpecModuleFormat.Binary,
            Text = OptionalString(element, "text"),
            Action = element.TryGetProperty("action", out var action) ? ParseAction(action) : null,
            Expected = element.TryGetProperty("expected", out var expected) ? ParseValues(expected) : [],
        };
    }

    private static SpecAction ParseAction(JsonElement element)
    {
        var type = RequiredString(element, "type");
        var kind = type switch
        {
            "invoke" => SpecActionKind.Invoke,
            "get" => SpecActionKind.Get,
            _ => throw new FormatException($"unknown action type \"{type}\""),
        };
        return new SpecAction(
            kind,
            OptionalString(element, "module"),
            RequiredString(element, "field"),
            element.TryGetProperty("args", out var args) ? ParseValues(args) : []);
    }

    private static SpecValue[] ParseValues(JsonElement array)
    {
        var values = new SpecValue[array.GetArrayLength()];
        var i = 0;
        foreach (var element in array.EnumerateArray())
        {
            var type = RequiredString(element, "type");
            if (element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
            {
                var lanes = new List<string>(value.GetArrayLength());
                foreach (var lane in value.EnumerateArray())
                {
                    lanes.Add(lane.GetString() ?? "");
                }

                values[i++] = new SpecValue(type, null, lanes, OptionalString(element, "lane_type"));
            }
            else
            {
                values[i++] = new SpecValue(type, OptionalString(element, "value"), null, OptionalString(element, "lane_type"));
            }
        }

        return values;
    }

    private static SpecCommandKind KindOf(string typeName) => typeName switch
    {
        "module" => SpecCommandKind.Module,
        "register" => SpecCommandKind.Register,
        "action" => SpecCommandKind.Action,
        "assert_return" => SpecCommandKind.AssertReturn,
        "assert_trap" => SpecCommandKind.AssertTrap,
        "assert_exhaustion" => SpecCommandKind.AssertExhaustion,
        "assert_invalid" => SpecCommandKind.AssertInvalid,
        "assert_malformed" => SpecCommandKind.AssertMalformed,
        "assert_unlinkable" => SpecCommandKind.AssertUnlinkable,
        "assert_uninstantiable" => SpecCommandKind.AssertUninstantiable,
        _ => SpecCommandKind.Unknown,
    };

    private static string RequiredString(JsonElement element, string property) =>
        OptionalString(element, property) ?? throw new FormatException($"missing \"{property}\" in {element.GetRawText()}");

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

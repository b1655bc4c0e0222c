using System.Runtime.CompilerServices;
using System.Text.Json;

namespace ReactorHost.Wasm.Text.Tests;

/// <summary>Locates the official spec test suite (json/ + wast/ from wast2json) and reads its scripts.</summary>
internal static class SpecSuite
{
    private static readonly Lazy<string?> RootLazy = new(() => FindRoot());

    public static string? Root => RootLazy.Value;

    private static string? FindRoot([CallerFilePath] string sourcePath = "")
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("RH_SPEC_TESTSUITE");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "json")))
        {
            return fromEnvironment;
        }

        foreach (string start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourcePath) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null && start.Length > 0; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "shared", "wasm-spec-testsuite");
                if (Directory.Exists(Path.Combine(candidate, "json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The non-SIMD script names (e.g. "address"), or a single "" when the suite is absent.</summary>
    public static IEnumerable<object[]> ScriptNames()
    {
        if (Root is null)
        {
            return [[""]];
        }

        return Directory.GetFiles(Path.Combine(Root, "json"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.StartsWith("simd", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => new object[] { name! });
    }

    /// <summary>One command of a wast2json script that names a module file.</summary>
    public sealed record ModuleCommand(string Type, int Line, string FileName, string? ModuleType, string? Text);

    public static List<ModuleCommand> ModuleCommands(string script)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root!, "json", script + ".json")));
        var result = new List<ModuleCommand>();
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            if (!command.TryGetProperty("filename", out var fileName))
            {
                continue;
            }

            result.Add(new ModuleCommand(
                command.GetProperty("type").GetString()!,
                command.GetProperty("line").GetInt32(),
                fileName.GetString()!,
                command.TryGetProperty("module_type", out var moduleType) ? moduleType.GetString() : null,
                command.TryGetProperty("text", out var text) ? text.GetString() : null));
        }

        return result;
    }

    public static string JsonFile(string fileName) => Path.Combine(Root!, "json", fileName);

    public static string WastSource(string script) => File.ReadAllText(Path.Combine(Root!, "wast", script + ".wast"));

    /// <summary>
    /// The <c>(module ...)</c> form that starts on (or after the start of) 1-based <paramref name="line"/>
    /// of a .wast source.
    /// </summary>
    public static string ModuleAtLine(string wast, int line)
    {
        int offset = 0;
        for (int current = 1; current < line; current++)
        {
            offset = wast.IndexOf('\n', offset) + 1;
        }

        // Usually "(module" is on that line; comments.wast splits "(" and "module" over two lines,
        // and inline-module.wast is a bare list of module fields.
        int keyword = wast.IndexOf("module", offset, StringComparison.Ordinal);
        if (keyword < 0 || keyword - offset > 300)
        {
            return wast[offset..];
        }

        int start = wast.LastIndexOf('(', keyword);
        while (start > 0 && wast[start + 1] == ';')
        {
            start = wast.LastIndexOf('(', start - 1);
        }

        return wast[start..MatchingParen(wast, start)];
    }

    /// <summary>The index just after the parenthesis closing the one at <paramref name="start"/>.</summary>
    private static int MatchingParen(string s, int start)
    {
        int depth = 0;
        for (int i = start; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++)
                {
                    if (s[i] == '\\')
                    {
                        i++;
                    }
                }
            }
            else if (c == ';' && i + 1 < s.Length && s[i + 1] == ';')
            {
                i = s.IndexOf('\n', i);
                if (i < 0)
                {
                    return s.Length;
                }
            }
            else if (c == '(' && i + 1 < s.Length && s[i + 1] == ';')
            {
                int nesting = 1;
                for (i += 2; i < s.Length && nesting > 0; i++)
                {
                    if (s[i] == '(' && i + 1 < s.Length && s[i + 1] == ';')
                    {
                        nesting++;
                        i++;
                    }
                    else if (s[i] == ';' && i + 1 < s.Length && s[i + 1] == ')')
                    {
                        nesting--;
                        i++;
                    }
                }

                i--;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                return i + 1;
            }
        }

        return s.Length;
    }
}

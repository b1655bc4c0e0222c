using System.Text;
using System.Text.Json;
using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Validation;
using Xunit.Abstractions;

namespace ReactorHost.Wasm.Tests.Binary;

/// <summary>
/// Runs every binary module of the official spec test scripts (non-SIMD) through
/// <see cref="ModuleReader"/> and <see cref="ModuleValidator"/>: valid modules must pass,
/// assert_malformed ones must fail as malformed and assert_invalid ones as invalid.
/// </summary>
public class SpecModuleDecodingTests(ITestOutputHelper output)
{
    private const string MissingSuite = "(spec test suite not found)";

    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        var directory = FindJsonDirectory();
        if (directory is null)
        {
            data.Add(MissingSuite);
            return data;
        }

        foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!name.StartsWith("simd", StringComparison.Ordinal))
                data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ModulesDecodeAndValidateAsTheScriptExpects(string script)
    {
        var directory = FindJsonDirectory();
        if (script == MissingSuite || directory is null)
        {
            output.WriteLine("Spec test suite not found; set RH_SPEC_TESTSUITE to run these tests.");
            return;
        }

        var mismatches = new StringBuilder();
        var mismatchCount = 0;
        var textDifferences = 0;
        var checkedModules = 0;
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(directory, script + ".json")));
        foreach (var command in json.RootElement.GetProperty("commands").EnumerateArray())
        {
            var type = command.GetProperty("type").GetString();
            if (!command.TryGetProperty("filename", out var fileProperty))
                continue;
            var file = fileProperty.GetString()!;
            if (!file.EndsWith(".wasm", StringComparison.Ordinal))
                continue;
            var line = command.GetProperty("line").GetInt32();
            var expectedText = command.TryGetProperty("text", out var text) ? text.GetString() : null;
            var bytes = File.ReadAllBytes(Path.Combine(directory, file));
            checkedModules++;

            Exception? error = null;
            try
            {
                var module = ModuleReader.Read(bytes);
                ModuleValidator.Validate(module);
            }
            catch (Exception e)
            {
                error = e;
            }

            string? problem = null;
            switch (type)
            {
                case "assert_malformed":
                case "assert_invalid":
                {
                    var wantMalformed = type == "assert_malformed";
                    if (error is WasmModuleException { } moduleError and not WasmNotSupportedException && moduleError.IsMalformed == wantMalformed)
                    {
                        if (expectedText is not null && !moduleError.Reason.StartsWith(expectedText, StringComparison.Ordinal))
                        {
                            textDifferences++;
                            output.WriteLine($"{script}.wast:{line}: text differs: expected \"{expectedText}\", got \"{moduleError.Reason}\"");
                        }
                    }
                    else
                    {
                        problem = $"expected {(wantMalformed ? "malformed" : "invalid")} \"{expectedText}\", got {Describe(error)}";
                    }

                    break;
                }

                default: // module, assert_unlinkable, assert_uninstantiable, ...: must decode and validate
                    if (error is not null && error is not WasmNotSupportedException { Feature: "SIMD (v128)" })
                        problem = $"expected a valid module, got {Describe(error)}";
                    break;
            }

            if (problem is not null)
            {
                mismatchCount++;
                mismatches.AppendLine($"{script}.wast:{line} ({file}): {problem}");
            }
        }

        output.WriteLine($"{script}: {checkedModules} binary modules checked, {mismatchCount} mismatches, {textDifferences} message wording differences.");
        Assert.True(mismatchCount == 0, $"{mismatchCount} mismatches:\n{mismatches}");
    }

    [Fact]
    public void SimdScriptModulesFailCleanly()
    {
        // SIMD is not supported yet, but its modules must still be rejected with a module error
        // (normally WasmNotSupportedException), never crash the decoder.
        var directory = FindJsonDirectory();
        if (directory is null)
            return;
        var notSupported = 0;
        foreach (var path in Directory.GetFiles(directory, "simd*.wasm"))
        {
            try
            {
                ModuleValidator.Validate(ModuleReader.Read(File.ReadAllBytes(path)));
            }
            catch (WasmNotSupportedException)
            {
                notSupported++;
            }
            catch (WasmModuleException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{Path.GetFileName(path)}: {e.GetType().Name}: {e.Message}");
            }
        }

        output.WriteLine($"{notSupported} SIMD modules reported as not supported.");
    }

    private static string Describe(Exception? error) => error switch
    {
        null => "no error",
        WasmModuleException e => $"{(e is WasmNotSupportedException ? "not supported" : e.IsMalformed ? "malformed" : "invalid")} \"{e.Message}\"",
        _ => $"{error.GetType().Name}: {error.Message}",
    };

    private static string? FindJsonDirectory([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RH_SPEC_TESTSUITE");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            var json = Path.Combine(fromEnvironment, "json");
            return Directory.Exists(json) ? json : Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        // Walk up from the test binaries, then from this source file (artifacts may live outside the tree).
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "wasm-spec-testsuite", "json");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }

        return null;
    }
}

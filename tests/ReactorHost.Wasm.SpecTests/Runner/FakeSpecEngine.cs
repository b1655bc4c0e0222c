using System.Text;
using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Runner;

/// <summary>
/// A scripted stand-in for the engine: a module's bytes are ASCII text saying how it behaves
/// ("ok", "malformed", "invalid", "unsupported", "crash", "unlinkable", "trapstart"), and
/// exported functions behave according to their names (see <see cref="FakeInstance.Invoke"/>).
/// </summary>
internal sealed class FakeSpecEngine : ISpecEngine
{
    public List<string> Registered { get; } = [];

    public List<FakeInstance> Instances { get; } = [];

    public bool Disposed { get; private set; }

    /// <summary>Released by a test to let a "hang" function end.</summary>
    public ManualResetEventSlim HangRelease { get; } = new();

    public byte[] TextToBinary(string text) =>
        text.Contains("malformed", StringComparison.Ordinal)
            ? throw new WasmModuleException(3, "unexpected token", isMalformed: true)
            : Encoding.ASCII.GetBytes(text);

    public ISpecModule Compile(string name, byte[] binary)
    {
        var behaviour = Encoding.ASCII.GetString(binary);
        return behaviour switch
        {
            "malformed" => throw new WasmModuleException(8, "unexpected end", isMalformed: true),
            "invalid" => throw new WasmModuleException(20, "type mismatch", isMalformed: false),
            "unsupported" => throw new WasmNotSupportedException(12, "SIMD (v128)"),
            "crash" => throw new NullReferenceException("decoder bug"),
            _ => new FakeModule(this, behaviour),
        };
    }

    public void Register(string name, ISpecInstance instance) => Registered.Add(name);

    public void Dispose() => Disposed = true;

    private sealed class FakeModule(FakeSpecEngine engine, string behaviour) : ISpecModule
    {
        public ISpecInstance Instantiate()
        {
            switch (behaviour)
            {
                case "unlinkable": throw new WasmLinkException("spectest", "missing", "unknown import");
                case "trapstart": throw new WasmTrapException(TrapCode.Unreachable, "unreachable");
                default:
                    var instance = new FakeInstance(engine);
                    engine.Instances.Add(instance);
                    return instance;
            }
        }
    }
}

internal sealed class FakeInstance(FakeSpecEngine engine) : ISpecInstance
{
    private volatile bool _interrupted;

    public int InterruptCount { get; private set; }

    public int ClearCount { get; private set; }

    /// <summary>
    /// add: i32 sum; echo: returns the arguments; bits32/bits64: f32/f64 from the i32/i64 argument's
    /// bits; other_ref: a fresh externref with number 1; div0/unreachable/exhaust: traps;
    /// npe: NullReferenceException; loop: spins until interrupted; hang: ignores interrupts.
    /// </summary>
    public WasmValue[] Invoke(string name, ReadOnlySpan<WasmValue> arguments)
    {
        switch (name)
        {
            case "add": return [WasmValue.FromInt32(arguments[0].AsInt32() + arguments[1].AsInt32())];
            case "echo": return arguments.ToArray();
            case "nothing": return [];
            case "bits32": return [WasmValue.FromFloat32Bits((uint)arguments[0].AsInt32())];
            case "bits64": return [WasmValue.FromFloat64Bits((ulong)arguments[0].AsInt64())];
            case "other_ref": return [WasmValue.FromExternRef(new SpecExternRef(1))];
            case "div0": throw new WasmTrapException(TrapCode.IntegerDivideByZero, "integer divide by zero");
            case "unreachable": throw new WasmTrapException(TrapCode.Unreachable, "unreachable");
            case "exhaust": throw new WasmTrapException(TrapCode.StackExhausted, "call stack exhausted");
            case "npe": throw new NullReferenceException("engine bug");
            case "stack":
                // Needs far more than the default 1 MiB stack: proves the runner's big thread.
                return [WasmValue.FromInt32(Recurse(20_000))];
            case "loop":
                while (!_interrupted)
                {
                    Thread.SpinWait(100);
                }

                throw new WasmTrapException(TrapCode.Interrupted, "interrupted");
            case "hang":
                engine.HangRelease.Wait();
                return [];
            default: throw new KeyNotFoundException($"no exported function \"{name}\"");
        }
    }

    public WasmValue GetGlobal(string name) =>
        name == "g" ? WasmValue.FromInt32(42) : throw new KeyNotFoundException($"no exported global \"{name}\"");

    public void Interrupt()
    {
        InterruptCount++;
        _interrupted = true;
    }

    public void ClearInterrupt()
    {
        ClearCount++;
        _interrupted = false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static unsafe int Recurse(int depth)
    {
        var padding = stackalloc byte[256];
        padding[0] = (byte)depth;
        return depth == 0 ? padding[0] : Recurse(depth - 1) + 1 - padding[0] + (byte)depth;
    }
}

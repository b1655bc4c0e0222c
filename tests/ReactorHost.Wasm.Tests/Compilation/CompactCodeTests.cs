using System.Reflection;
using System.Reflection.Emit;
using ReactorHost.Wasm.Compilation;

namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>
/// Compact mode: a function whose normal CIL would exceed the JIT's MinOpts limits is emitted with
/// memory accesses through helpers, small functions are not, and both compute the same results.
/// </summary>
public class CompactCodeTests
{
    private const int Loads = 1200;

    [Fact]
    public void A_function_too_big_for_the_optimizer_is_compiled_compact_within_the_limits()
    {
        var instance = TestHost.Instantiate(BuildModule(Loads), options: new EngineOptions { CompactCode = CompactCodeMode.Auto });
        var type = CompiledType(instance);

        var big = Method(type, 0);
        var small = Method(type, 1);
        var (bigBytes, bigInstructions, bigBlocks, bigReferences, bigCallsHelper) = Measure(big);
        Assert.True(bigCallsHelper);
        Assert.InRange(bigBytes, 1, 60_000);
        Assert.InRange(bigInstructions, 1, 20_000);
        Assert.InRange(bigBlocks, 1, 2_000);
        Assert.InRange(bigReferences, 1, 8_000);
        Assert.False(Measure(small).CallsHelper);

        Assert.Equal(Expected(Loads), instance.Call("big", TestHost.I32(1024))[0].AsInt32());
        Assert.Equal(3 * 5 + 1, instance.Call("small", TestHost.I32(1024 + 20))[0].AsInt32());
    }

    [Fact]
    public void Without_compact_mode_or_under_tiered_compilation_a_large_function_keeps_the_normal_emission()
    {
        Check(new EngineOptions { CompactCode = CompactCodeMode.Never });
        Check(new EngineOptions { CollectibleCode = false, OptimizeCode = false });
    }

    [Fact]
    public void By_default_a_large_function_is_compiled_compact() =>
        Assert.True(Measure(Method(CompiledType(TestHost.Instantiate(BuildModule(Loads))), 0)).CallsHelper);

    [Fact]
    public void Compact_accesses_trap_out_of_bounds_like_normal_ones()
    {
        var instance = TestHost.Instantiate(BuildModule(Loads), options: new EngineOptions { CompactCode = CompactCodeMode.Auto });

        // The stores at offsets 0..252 of address 65,536 - 128 run off the end of the page at slot 32.
        var error = Assert.Throws<WasmTrapException>(() => instance.Call("big", TestHost.I32(65536 - 128)));
        Assert.Equal(TrapCode.MemoryOutOfBounds, error.Code);
        Assert.Equal("big", Assert.Single(error.WasmStackTrace).FunctionName);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<WasmTrapException>(() => instance.Call("small", TestHost.I32(65536 - 3))).Code);
        Assert.Equal((3 * 31) + 1, instance.Call("small", TestHost.I32(65536 - 4))[0].AsInt32()); // stores before the trap stay
    }

    [Fact]
    public void An_overflow_from_a_host_function_is_not_taken_for_a_bounds_check()
    {
        // (module (import "env" "h" (func (result i32))) (func (export "f") (result i32) (call 0)))
        var wasm = Convert.FromHexString("0061736d010000000105016000017f02090103656e760168000003020100070501016600010a0601040010000b");
        var instance = TestHost.Instantiate(
            wasm,
            l => l.DefineFunction("env", "h", new Func<int>(() => checked(int.MaxValue + Environment.ProcessorCount))),
            new EngineOptions { CompactCode = CompactCodeMode.Always });

        Assert.Throws<OverflowException>(() => instance.Call("f"));
    }

    [Fact]
    public void The_forced_switch_compiles_small_functions_compact_with_the_same_results()
    {
        var instance = TestHost.Instantiate(BuildModule(100), options: new EngineOptions { CompactCode = CompactCodeMode.Always });

        Assert.True(Measure(Method(CompiledType(instance), 1)).CallsHelper);
        Assert.Equal(Expected(100), instance.Call("big", TestHost.I32(1024))[0].AsInt32());
        Assert.Equal(3 * 5 + 1, instance.Call("small", TestHost.I32(1024 + 20))[0].AsInt32());
    }

    /// <summary>With <paramref name="options"/> the big function is emitted normally, over the block limit, and computes the same.</summary>
    private static void Check(EngineOptions options)
    {
        var instance = TestHost.Instantiate(BuildModule(Loads), options: options);
        var (_, _, blocks, _, callsHelper) = Measure(Method(CompiledType(instance), 0));

        Assert.False(callsHelper);
        Assert.True(blocks > 2_000, $"{blocks} basic blocks: the test function no longer exceeds the limit");
        Assert.Equal(Expected(Loads), instance.Call("big", TestHost.I32(1024))[0].AsInt32());
    }

    /// <summary>Sum of the loads of <c>big</c>: slot j holds 3j + 1, load i reads slot i % 64.</summary>
    private static int Expected(int loads)
    {
        var sum = 0;
        for (var i = 0; i < loads; i++)
        {
            sum += (3 * (i % 64)) + 1;
        }

        return sum;
    }

    private static Type CompiledType(Instance instance) => instance.Module.Compiled.Type;

    private static MethodInfo Method(Type type, int functionIndex) => type.GetMethod(CompiledModule.MethodName(functionIndex))!;

    /// <summary>IL bytes, instructions, basic blocks, local references (as the JIT counts them) and whether a compact helper is called.</summary>
    private static (int Bytes, int Instructions, int Blocks, int References, bool CallsHelper) Measure(MethodInfo method)
    {
        var opcodes = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);
        var il = method.GetMethodBody()!.GetILAsByteArray()!;
        var starts = new HashSet<int> { 0 };
        int position = 0, instructions = 0, references = 0;
        var callsHelper = false;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var opcode = opcodes[value];
            instructions++;
            if (value is (>= 0x02 and <= 0x13) || (value >= unchecked((short)0xFE09) && value <= unchecked((short)0xFE0E)))
            {
                references++;
            }

            var size = opcode.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
            var next = position + size;
            if (opcode.OperandType == OperandType.ShortInlineBrTarget)
            {
                starts.Add(next + (sbyte)il[position]);
                starts.Add(next);
            }
            else if (opcode.OperandType == OperandType.InlineBrTarget)
            {
                starts.Add(next + BitConverter.ToInt32(il, position));
                starts.Add(next);
            }
            else if (opcode.FlowControl is FlowControl.Throw or FlowControl.Return)
            {
                starts.Add(next);
            }
            else if (opcode == OpCodes.Call && method.Module.ResolveMethod(BitConverter.ToInt32(il, position))!.Name.StartsWith("<compact>", StringComparison.Ordinal))
            {
                callsHelper = true;
            }

            position = next;
        }

        starts.Remove(il.Length);
        return (il.Length, instructions, starts.Count, references, callsHelper);
    }

    /// <summary>
    /// <c>big(base)</c>: stores 3j + 1 at base + 4j for j &lt; 64, then sums <paramref name="loads"/>
    /// loads of those slots; <c>small(addr)</c>: one i32.load. One page of memory.
    /// </summary>
    private static byte[] BuildModule(int loads)
    {
        var big = new List<byte> { 0x01, 0x01, 0x7F }; // one i32 local: the sum
        for (var j = 0; j < 64; j++)
        {
            big.AddRange([0x20, 0x00, 0x41]);
            big.AddRange(Sleb(3 * j + 1));
            big.AddRange([0x36, 0x02]);
            big.AddRange(Uleb((uint)(4 * j)));
        }

        for (var i = 0; i < loads; i++)
        {
            big.AddRange([0x20, 0x01, 0x20, 0x00, 0x28, 0x02]);
            big.AddRange(Uleb((uint)(4 * (i % 64))));
            big.AddRange([0x6A, 0x21, 0x01]);
        }

        big.AddRange([0x20, 0x01, 0x0B]);
        byte[] small = [0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0B];

        var module = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        Section(module, 1, [0x01, 0x60, 0x01, 0x7F, 0x01, 0x7F]);
        Section(module, 3, [0x02, 0x00, 0x00]);
        Section(module, 5, [0x01, 0x00, 0x01]);
        Section(module, 7, [0x02, 0x03, (byte)'b', (byte)'i', (byte)'g', 0x00, 0x00, 0x05, (byte)'s', (byte)'m', (byte)'a', (byte)'l', (byte)'l', 0x00, 0x01]);
        var code = new List<byte> { 0x02 };
        code.AddRange(Uleb((uint)big.Count));
        code.AddRange(big);
        code.AddRange(Uleb((uint)small.Length));
        code.AddRange(small);
        Section(module, 10, [.. code]);
        return [.. module];
    }

    private static void Section(List<byte> module, byte id, byte[] content)
    {
        module.Add(id);
        module.AddRange(Uleb((uint)content.Length));
        module.AddRange(content);
    }

    private static IEnumerable<byte> Uleb(uint value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            yield return value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
    }

    private static IEnumerable<byte> Sleb(int value)
    {
        while (true)
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
            {
                yield return b;
                yield break;
            }

            yield return (byte)(b | 0x80);
        }
    }
}

using System.Collections.Frozen;

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>How an instruction's immediates are written in text and encoded in binary.</summary>
internal enum ImmediateKind : byte
{
    None,
    Block,
    Loop,
    If,
    Else,
    End,
    Label,
    BrTable,
    Function,
    CallIndirect,
    Local,
    Global,
    OptionalTable,
    MemArg,
    MemoryZero,
    I32,
    I64,
    F32,
    F64,
    Select,
    RefNull,
    MemoryInit,
    Data,
    MemoryCopy,
    TableInit,
    Element,
    TableCopy,
}

/// <summary>An instruction: its binary opcode (0xFCxx for prefixed ones), immediates and natural alignment (log2).</summary>
internal sealed record InstructionInfo(string Name, ushort Opcode, ImmediateKind Kind, int NaturalAlignLog2 = 0);

/// <summary>Every WebAssembly 2.0 (non-SIMD) instruction by its text name.</summary>
internal static class InstructionTable
{
    public static readonly FrozenDictionary<string, InstructionInfo> ByName = Build().ToFrozenDictionary(i => i.Name, StringComparer.Ordinal);

    private static List<InstructionInfo> Build()
    {
        var list = new List<InstructionInfo>
        {
            new("unreachable", 0x00, ImmediateKind.None),
            new("nop", 0x01, ImmediateKind.None),
            new("block", 0x02, ImmediateKind.Block),
            new("loop", 0x03, ImmediateKind.Loop),
            new("if", 0x04, ImmediateKind.If),
            new("else", 0x05, ImmediateKind.Else),
            new("end", 0x0B, ImmediateKind.End),
            new("br", 0x0C, ImmediateKind.Label),
            new("br_if", 0x0D, ImmediateKind.Label),
            new("br_table", 0x0E, ImmediateKind.BrTable),
            new("return", 0x0F, ImmediateKind.None),
            new("call", 0x10, ImmediateKind.Function),
            new("call_indirect", 0x11, ImmediateKind.CallIndirect),
            new("drop", 0x1A, ImmediateKind.None),
            new("select", 0x1B, ImmediateKind.Select),
            new("local.get", 0x20, ImmediateKind.Local),
            new("local.set", 0x21, ImmediateKind.Local),
            new("local.tee", 0x22, ImmediateKind.Local),
            new("global.get", 0x23, ImmediateKind.Global),
            new("global.set", 0x24, ImmediateKind.Global),
            new("table.get", 0x25, ImmediateKind.OptionalTable),
            new("table.set", 0x26, ImmediateKind.OptionalTable),
            new("memory.size", 0x3F, ImmediateKind.MemoryZero),
            new("memory.grow", 0x40, ImmediateKind.MemoryZero),
            new("i32.const", 0x41, ImmediateKind.I32),
            new("i64.const", 0x42, ImmediateKind.I64),
            new("f32.const", 0x43, ImmediateKind.F32),
            new("f64.const", 0x44, ImmediateKind.F64),
            new("ref.null", 0xD0, ImmediateKind.RefNull),
            new("ref.is_null", 0xD1, ImmediateKind.None),
            new("ref.func", 0xD2, ImmediateKind.Function),
            new("memory.init", 0xFC08, ImmediateKind.MemoryInit),
            new("data.drop", 0xFC09, ImmediateKind.Data),
            new("memory.copy", 0xFC0A, ImmediateKind.MemoryCopy),
            new("memory.fill", 0xFC0B, ImmediateKind.MemoryZero),
            new("table.init", 0xFC0C, ImmediateKind.TableInit),
            new("elem.drop", 0xFC0D, ImmediateKind.Element),
            new("table.copy", 0xFC0E, ImmediateKind.TableCopy),
            new("table.grow", 0xFC0F, ImmediateKind.OptionalTable),
            new("table.size", 0xFC10, ImmediateKind.OptionalTable),
            new("table.fill", 0xFC11, ImmediateKind.OptionalTable),
        };

        (string Name, int Align)[] memory =
        [
            ("i32.load", 2), ("i64.load", 3), ("f32.load", 2), ("f64.load", 3),
            ("i32.load8_s", 0), ("i32.load8_u", 0), ("i32.load16_s", 1), ("i32.load16_u", 1),
            ("i64.load8_s", 0), ("i64.load8_u", 0), ("i64.load16_s", 1), ("i64.load16_u", 1),
            ("i64.load32_s", 2), ("i64.load32_u", 2),
            ("i32.store", 2), ("i64.store", 3), ("f32.store", 2), ("f64.store", 3),
            ("i32.store8", 0), ("i32.store16", 1), ("i64.store8", 0), ("i64.store16", 1), ("i64.store32", 2),
        ];
        for (int i = 0; i < memory.Length; i++)
        {
            list.Add(new(memory[i].Name, (ushort)(0x28 + i), ImmediateKind.MemArg, memory[i].Align));
        }

        // Opcodes 0x45..0xC4 have no immediates and are numbered consecutively.
        string[] numeric =
        [
            "i32.eqz", "i32.eq", "i32.ne", "i32.lt_s", "i32.lt_u", "i32.gt_s", "i32.gt_u", "i32.le_s", "i32.le_u", "i32.ge_s", "i32.ge_u",
            "i64.eqz", "i64.eq", "i64.ne", "i64.lt_s", "i64.lt_u", "i64.gt_s", "i64.gt_u", "i64.le_s", "i64.le_u", "i64.ge_s", "i64.ge_u",
            "f32.eq", "f32.ne", "f32.lt", "f32.gt", "f32.le", "f32.ge",
            "f64.eq", "f64.ne", "f64.lt", "f64.gt", "f64.le", "f64.ge",
            "i32.clz", "i32.ctz", "i32.popcnt", "i32.add", "i32.sub", "i32.mul", "i32.div_s", "i32.div_u", "i32.rem_s", "i32.rem_u",
            "i32.and", "i32.or", "i32.xor", "i32.shl", "i32.shr_s", "i32.shr_u", "i32.rotl", "i32.rotr",
            "i64.clz", "i64.ctz", "i64.popcnt", "i64.add", "i64.sub", "i64.mul", "i64.div_s", "i64.div_u", "i64.rem_s", "i64.rem_u",
            "i64.and", "i64.or", "i64.xor", "i64.shl", "i64.shr_s", "i64.shr_u", "i64.rotl", "i64.rotr",
            "f32.abs", "f32.neg", "f32.ceil", "f32.floor", "f32.trunc", "f32.nearest", "f32.sqrt",
            "f32.add", "f32.sub", "f32.mul", "f32.div", "f32.min", "f32.max", "f32.copysign",
            "f64.abs", "f64.neg", "f64.ceil", "f64.floor", "f64.trunc", "f64.nearest", "f64.sqrt",
            "f64.add", "f64.sub", "f64.mul", "f64.div", "f64.min", "f64.max", "f64.copysign",
            "i32.wrap_i64", "i32.trunc_f32_s", "i32.trunc_f32_u", "i32.trunc_f64_s", "i32.trunc_f64_u",
            "i64.extend_i32_s", "i64.extend_i32_u", "i64.trunc_f32_s", "i64.trunc_f32_u", "i64.trunc_f64_s", "i64.trunc_f64_u",
            "f32.convert_i32_s", "f32.convert_i32_u", "f32.convert_i64_s", "f32.convert_i64_u", "f32.demote_f64",
            "f64.convert_i32_s", "f64.convert_i32_u", "f64.convert_i64_s", "f64.convert_i64_u", "f64.promote_f32",
            "i32.reinterpret_f32", "i64.reinterpret_f64", "f32.reinterpret_i32", "f64.reinterpret_i64",
            "i32.extend8_s", "i32.extend16_s", "i64.extend8_s", "i64.extend16_s", "i64.extend32_s",
        ];
        for (int i = 0; i < numeric.Length; i++)
        {
            list.Add(new(numeric[i], (ushort)(0x45 + i), ImmediateKind.None));
        }

        string[] saturating =
        [
            "i32.trunc_sat_f32_s", "i32.trunc_sat_f32_u", "i32.trunc_sat_f64_s", "i32.trunc_sat_f64_u",
            "i64.trunc_sat_f32_s", "i64.trunc_sat_f32_u", "i64.trunc_sat_f64_s", "i64.trunc_sat_f64_u",
        ];
        for (int i = 0; i < saturating.Length; i++)
        {
            list.Add(new(saturating[i], (ushort)(0xFC00 + i), ImmediateKind.None));
        }

        return list;
    }

    /// <summary>Keywords of the module grammar (not instructions) that the lexer knows.</summary>
    public static readonly FrozenSet<string> GrammarKeywords = new[]
    {
        "module", "type", "func", "param", "result", "local", "import", "export", "table", "memory",
        "global", "elem", "data", "start", "mut", "funcref", "externref", "extern", "ref", "null",
        "i32", "i64", "f32", "f64", "v128", "offset", "item", "declare", "then", "binary", "quote",
        "register", "invoke", "get", "assert_return", "assert_trap", "assert_exhaustion",
        "assert_malformed", "assert_invalid", "assert_unlinkable", "assert_return_canonical_nan",
        "assert_return_arithmetic_nan", "assert_uninstantiable", "input", "output", "script",
        "nan:canonical", "nan:arithmetic", "shared", "i8", "i16",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for keywords of SIMD types and instructions (recognised, then rejected as unsupported).</summary>
    public static bool IsSimdKeyword(ReadOnlySpan<char> keyword) =>
        keyword.StartsWith("v128", StringComparison.Ordinal) ||
        keyword.StartsWith("i8x16", StringComparison.Ordinal) ||
        keyword.StartsWith("i16x8", StringComparison.Ordinal) ||
        keyword.StartsWith("i32x4", StringComparison.Ordinal) ||
        keyword.StartsWith("i64x2", StringComparison.Ordinal) ||
        keyword.StartsWith("f32x4", StringComparison.Ordinal) ||
        keyword.StartsWith("f64x2", StringComparison.Ordinal);
}

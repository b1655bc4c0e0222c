namespace ReactorHost.Wasm.Tests.Binary;

/// <summary>Hand-assembled test modules and helpers to build small binaries byte by byte.</summary>
internal static class TestModules
{
    /// <summary>
    /// A module exercising most sections and instruction kinds (imports of each kind but table,
    /// table/memory/globals, exports, three element encodings, active and passive data, bulk ops),
    /// assembled by wat2wasm 1.0.32 from:
    /// <code>
    /// (module
    ///   (type $t (func (param i32) (result i32)))
    ///   (import "env" "f" (func $imp (param i32) (result i32)))
    ///   (import "env" "g" (global $g i32))
    ///   (table $tab 4 funcref) (memory 1 2)
    ///   (global $m (mut i64) (i64.const 5)) (global $r funcref (ref.func $f))
    ///   (export "f" (func $f)) (export "mem" (memory 0))
    ///   (func $f (type $t) (local i64 f32)
    ///     (block $b (result i32)
    ///       (loop $l (br_if $l (i32.eqz (local.get 0))) (br_table $b $b (i32.const 1) (i32.const 0)))
    ///       (i32.const 2))
    ///     (if (result i32) (then (call $imp (i32.load offset=4 (i32.const 0))))
    ///                      (else (call_indirect (type $t) (i32.const 3) (i32.const 0))))
    ///     (select (i32.const 1) (i32.const 2)) (drop)
    ///     (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))
    ///     (table.init $tab 1 (i32.const 0) (i32.const 0) (i32.const 0)) (elem.drop 1)
    ///     (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 0)) (data.drop 1)
    ///     (drop (ref.is_null (ref.func $f)))
    ///     (global.set $m (i64.extend_i32_s (global.get $g)))
    ///     (local.get 0))
    ///   (elem (i32.const 0) $f $f) (elem func $f) (elem declare func $f)
    ///   (data (i32.const 8) "hello") (data "passive"))
    /// </code>
    /// </summary>
    public static readonly byte[] Sample =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
        0x02, 0x12, 0x02, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66, 0x00, 0x00, 0x03, 0x65, 0x6e, 0x76, 0x01,
        0x67, 0x03, 0x7f, 0x00, 0x03, 0x02, 0x01, 0x00, 0x04, 0x04, 0x01, 0x70, 0x00, 0x04, 0x05, 0x04,
        0x01, 0x01, 0x01, 0x02, 0x06, 0x0b, 0x02, 0x7e, 0x01, 0x42, 0x05, 0x0b, 0x70, 0x00, 0xd2, 0x01,
        0x0b, 0x07, 0x0b, 0x02, 0x01, 0x66, 0x00, 0x01, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x09, 0x10,
        0x03, 0x00, 0x41, 0x00, 0x0b, 0x02, 0x01, 0x01, 0x01, 0x00, 0x01, 0x01, 0x03, 0x00, 0x01, 0x01,
        0x0c, 0x01, 0x02, 0x0a, 0x63, 0x01, 0x61, 0x02, 0x01, 0x7e, 0x01, 0x7d, 0x02, 0x7f, 0x03, 0x40,
        0x20, 0x00, 0x45, 0x0d, 0x00, 0x41, 0x01, 0x41, 0x00, 0x0e, 0x01, 0x01, 0x01, 0x0b, 0x41, 0x02,
        0x0b, 0x04, 0x7f, 0x41, 0x00, 0x28, 0x02, 0x04, 0x10, 0x00, 0x05, 0x41, 0x03, 0x41, 0x00, 0x11,
        0x00, 0x00, 0x0b, 0x41, 0x01, 0x41, 0x02, 0x1b, 0x1a, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc,
        0x0b, 0x00, 0x41, 0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x0c, 0x01, 0x00, 0xfc, 0x0d, 0x01, 0x41,
        0x00, 0x41, 0x00, 0x41, 0x00, 0xfc, 0x08, 0x01, 0x00, 0xfc, 0x09, 0x01, 0xd2, 0x01, 0xd1, 0x1a,
        0x23, 0x00, 0xac, 0x24, 0x01, 0x20, 0x00, 0x0b, 0x0b, 0x14, 0x02, 0x00, 0x41, 0x08, 0x0b, 0x05,
        0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x01, 0x07, 0x70, 0x61, 0x73, 0x73, 0x69, 0x76, 0x65,    ];

    /// <summary>The 8-byte preamble: magic and version 1.</summary>
    public static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];

    /// <summary>Concatenates the header and the given sections.</summary>
    public static byte[] Module(params byte[][] sections) => [.. Header, .. sections.SelectMany(s => s)];

    /// <summary>A section: id, LEB128 size, content.</summary>
    public static byte[] Section(byte id, params byte[] content) => [id, .. Leb(checked((uint)content.Length)), .. content];

    /// <summary>Minimal unsigned LEB128 encoding.</summary>
    public static byte[] Leb(uint value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
        return [.. bytes];
    }

    /// <summary>A type section with one function type <c>[] -> []</c>.</summary>
    public static byte[] VoidTypeSection => Section(1, 0x01, 0x60, 0x00, 0x00);

    /// <summary>A function section declaring one function of type 0.</summary>
    public static byte[] OneFunctionSection => Section(3, 0x01, 0x00);

    /// <summary>A code section with one body: no locals, then <paramref name="code"/> (which must include the final end).</summary>
    public static byte[] CodeSection(params byte[] code)
    {
        byte[] body = [0x00, .. code];
        return Section(10, [0x01, .. Leb((uint)body.Length), .. body]);
    }

    /// <summary>A module with one function <c>[] -> []</c> whose body is <paramref name="code"/>, with extra sections placed before the code section.</summary>
    public static byte[] SingleFunction(byte[] code, params byte[][] sectionsBeforeCode) =>
        Module([VoidTypeSection, OneFunctionSection, .. sectionsBeforeCode, CodeSection(code)]);
}

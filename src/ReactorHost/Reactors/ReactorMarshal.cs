using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// Ready-made marshallers for the pointer + length conventions of C-like guests, built only on the
/// public <see cref="ReactorContext"/> API (write your own the same way for other layouts).
/// </summary>
/// <remarks>
/// Arguments: a string or byte span is copied into memory from the guest allocator and passed as
/// two i32 arguments <c>(ptr, len)</c>; the buffer is freed after the call (the guest must not keep
/// it). Results, two conventions: <b>packed</b>, one i64 <c>ptr | (u64)len &lt;&lt; 32</c>; or
/// <b>at pointer</b>, one i32 pointing to a <c>{ u32 ptr; u32 len; }</c> pair. With
/// <c>free: true</c> the returned buffer (not the pair) is released with the guest's <c>free</c>
/// after it was copied out.
/// </remarks>
public static class ReactorMarshal
{
    /// <summary>A string argument as UTF-8 <c>(ptr, len)</c> (two i32 arguments).</summary>
    public static ReactorMarshaller<string> Utf8 { get; } = static (context, value, arguments) =>
    {
        var (address, length) = context.WriteUtf8Temporary(value);
        arguments[0] = WasmValue.FromInt32(address);
        arguments[1] = WasmValue.FromInt32(length);
    };

    /// <summary>A byte-span argument as <c>(ptr, len)</c> (two i32 arguments).</summary>
    public static ReactorMarshaller<ReadOnlyMemory<byte>> Bytes { get; } = static (context, value, arguments) =>
    {
        var address = context.WriteTemporary(value.Span);
        arguments[0] = WasmValue.FromInt32(address);
        arguments[1] = WasmValue.FromInt32(value.Length);
    };

    /// <summary>A single i32 result.</summary>
    public static ReactorUnmarshaller<int> Int32 { get; } = static (_, results) => results[0].AsInt32();

    /// <summary>A single i64 result.</summary>
    public static ReactorUnmarshaller<long> Int64 { get; } = static (_, results) => results[0].AsInt64();

    /// <summary>No result (the export returns nothing); the call's result is <see langword="true"/>.</summary>
    public static ReactorUnmarshaller<bool> None { get; } = static (_, _) => true;

    /// <summary>A UTF-8 string returned packed in one i64 (<c>ptr | len &lt;&lt; 32</c>).</summary>
    public static ReactorUnmarshaller<string> PackedUtf8(bool free = true) => (context, results) =>
    {
        var (address, length) = Unpack(results);
        var value = context.ReadUtf8(address, length);
        FreeIf(context, free, address);
        return value;
    };

    /// <summary>Bytes returned packed in one i64 (<c>ptr | len &lt;&lt; 32</c>).</summary>
    public static ReactorUnmarshaller<byte[]> PackedBytes(bool free = true) => (context, results) =>
    {
        var (address, length) = Unpack(results);
        var value = context.ReadBytes(address, length);
        FreeIf(context, free, address);
        return value;
    };

    /// <summary>A UTF-8 string returned as an i32 pointer to a <c>{ u32 ptr; u32 len; }</c> pair.</summary>
    public static ReactorUnmarshaller<string> Utf8AtPointer(bool free = true) => (context, results) =>
    {
        var (address, length) = ReadPair(context, results);
        var value = context.ReadUtf8(address, length);
        FreeIf(context, free, address);
        return value;
    };

    /// <summary>Bytes returned as an i32 pointer to a <c>{ u32 ptr; u32 len; }</c> pair.</summary>
    public static ReactorUnmarshaller<byte[]> BytesAtPointer(bool free = true) => (context, results) =>
    {
        var (address, length) = ReadPair(context, results);
        var value = context.ReadBytes(address, length);
        FreeIf(context, free, address);
        return value;
    };

    private static (int Address, int Length) Unpack(ReadOnlySpan<WasmValue> results)
    {
        var packed = (ulong)results[0].AsInt64();
        return ((int)(uint)packed, CheckedLength((uint)(packed >> 32)));
    }

    private static (int Address, int Length) ReadPair(ReactorContext context, ReadOnlySpan<WasmValue> results)
    {
        var pair = results[0].AsInt32();
        return (context.ReadInt32(pair), CheckedLength((uint)context.ReadInt32(pair + 4)));
    }

    private static int CheckedLength(uint length) =>
        length <= int.MaxValue ? (int)length : throw new InvalidOperationException($"The guest returned a length of {length} bytes.");

    private static void FreeIf(ReactorContext context, bool free, int address)
    {
        if (free)
        {
            context.Free(address);
        }
    }
}

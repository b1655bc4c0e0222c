using ReactorHost.Wasm.Binary;

namespace ReactorHost.Wasm.Tests.Binary;

public class WasmBinaryReaderTests
{
    private const int Base = 0x100;

    private static uint U32(params byte[] bytes)
    {
        var reader = new WasmBinaryReader(bytes, Base, endsAtEndOfInput: true);
        var value = reader.ReadVarUInt32();
        Assert.False(reader.HasMore);
        return value;
    }

    private static int S32(params byte[] bytes)
    {
        var reader = new WasmBinaryReader(bytes, Base, endsAtEndOfInput: true);
        var value = reader.ReadVarInt32();
        Assert.False(reader.HasMore);
        return value;
    }

    private static long S33(params byte[] bytes)
    {
        var reader = new WasmBinaryReader(bytes, Base, endsAtEndOfInput: true);
        var value = reader.ReadVarInt33();
        Assert.False(reader.HasMore);
        return value;
    }

    private static long S64(params byte[] bytes)
    {
        var reader = new WasmBinaryReader(bytes, Base, endsAtEndOfInput: true);
        var value = reader.ReadVarInt64();
        Assert.False(reader.HasMore);
        return value;
    }

    private static WasmModuleException Fails(Action<byte[]> read, params byte[] bytes)
    {
        var error = Assert.ThrowsAny<WasmModuleException>(() => read(bytes));
        Assert.True(error.IsMalformed);
        return error;
    }

    private static void ReadU32(byte[] b) { var r = new WasmBinaryReader(b, Base, true); r.ReadVarUInt32(); }
    private static void ReadS32(byte[] b) { var r = new WasmBinaryReader(b, Base, true); r.ReadVarInt32(); }
    private static void ReadS33(byte[] b) { var r = new WasmBinaryReader(b, Base, true); r.ReadVarInt33(); }
    private static void ReadS64(byte[] b) { var r = new WasmBinaryReader(b, Base, true); r.ReadVarInt64(); }

    [Fact]
    public void UnsignedMinimalAndPaddedEncodings()
    {
        Assert.Equal(0u, U32(0x00));
        Assert.Equal(127u, U32(0x7F));
        Assert.Equal(128u, U32(0x80, 0x01));
        Assert.Equal(624485u, U32(0xE5, 0x8E, 0x26));
        Assert.Equal(0u, U32(0x80, 0x80, 0x80, 0x80, 0x00)); // padded to the maximum 5 bytes
        Assert.Equal(3u, U32(0x83, 0x80, 0x00));
        Assert.Equal(uint.MaxValue, U32(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
    }

    [Fact]
    public void UnsignedTooLargeTooLongAndTruncated()
    {
        var tooLarge = Fails(ReadU32, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F);
        Assert.Equal("integer too large", tooLarge.Reason);
        Assert.Equal(Base + 4, tooLarge.Offset);

        var tooLong = Fails(ReadU32, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        Assert.Equal("integer representation too long", tooLong.Reason);

        Assert.Equal("unexpected end", Fails(ReadU32, 0x80).Reason);
        Assert.Equal("unexpected end", Fails(ReadU32).Reason);
    }

    [Fact]
    public void SignedThirtyTwoBitBounds()
    {
        Assert.Equal(-1, S32(0x7F));
        Assert.Equal(-64, S32(0x40));
        Assert.Equal(64, S32(0xC0, 0x00));
        Assert.Equal(-1, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x7F)); // padded -1
        Assert.Equal(int.MinValue, S32(0x80, 0x80, 0x80, 0x80, 0x78));
        Assert.Equal(int.MaxValue, S32(0xFF, 0xFF, 0xFF, 0xFF, 0x07));

        Assert.Equal("integer too large", Fails(ReadS32, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).Reason); // int.MaxValue + 1 bits
        Assert.Equal("integer too large", Fails(ReadS32, 0x80, 0x80, 0x80, 0x80, 0x70).Reason); // sign bits disagree
        Assert.Equal("integer representation too long", Fails(ReadS32, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F).Reason);
    }

    [Fact]
    public void SignedThirtyThreeBitCoversAllTypeIndexes()
    {
        Assert.Equal(uint.MaxValue, S33(0xFF, 0xFF, 0xFF, 0xFF, 0x0F));
        Assert.Equal(-0x100000000L, S33(0x80, 0x80, 0x80, 0x80, 0x70));
        Assert.Equal(5, S33(0x85, 0x80, 0x00));
        Assert.Equal("integer too large", Fails(ReadS33, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F).Reason);
    }

    [Fact]
    public void SignedSixtyFourBitBounds()
    {
        Assert.Equal(long.MinValue, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F));
        Assert.Equal(long.MaxValue, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        Assert.Equal(-1, S64(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F));
        Assert.Equal(0, S64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));

        Assert.Equal("integer too large", Fails(ReadS64, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).Reason);
        Assert.Equal("integer too large", Fails(ReadS64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7E).Reason);
        Assert.Equal("integer representation too long",
            Fails(ReadS64, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).Reason);
    }

    [Fact]
    public void NamesMustBeWellFormedUtf8()
    {
        var reader = new WasmBinaryReader([0x03, 0xE2, 0x82, 0xAC], 0, endsAtEndOfInput: true);
        Assert.Equal("€", reader.ReadName());

        void ReadName(byte[] b) { var r = new WasmBinaryReader(b, 0, true); r.ReadName(); }
        Assert.Equal("malformed UTF-8 encoding", Fails(ReadName, 0x02, 0xC0, 0x80).Reason); // overlong NUL
        Assert.Equal("malformed UTF-8 encoding", Fails(ReadName, 0x03, 0xED, 0xA0, 0x80).Reason); // surrogate
        Assert.Equal("malformed UTF-8 encoding", Fails(ReadName, 0x04, 0xF4, 0x90, 0x80, 0x80).Reason); // > U+10FFFF
        Assert.Equal("length out of bounds", Fails(ReadName, 0x05, 0x41).Reason);
    }

    [Fact]
    public void SectionEndIsReportedDifferentlyFromInputEnd()
    {
        void ReadInSection(byte[] b) { var r = new WasmBinaryReader(b, 0, endsAtEndOfInput: false); r.ReadVarUInt32(); }
        Assert.Equal("unexpected end of section or function", Fails(ReadInSection, 0x80).Reason);
    }
}

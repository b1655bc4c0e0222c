namespace ReactorHost.Wasm.Text.Writing;

/// <summary>A growable byte buffer with the binary format's primitive encodings (minimal LEB128).</summary>
internal sealed class ByteBuffer
{
    private byte[] bytes;

    public ByteBuffer(int capacity = 64) => bytes = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => bytes.AsSpan(0, Length);

    public void Byte(byte value)
    {
        if (Length == bytes.Length)
        {
            Array.Resize(ref bytes, bytes.Length * 2);
        }

        bytes[Length++] = value;
    }

    public void Bytes(ReadOnlySpan<byte> values)
    {
        if (Length + values.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, Length + values.Length));
        }

        values.CopyTo(bytes.AsSpan(Length));
        Length += values.Length;
    }

    public void U32(uint value) => U64(value);

    public void U64(ulong value)
    {
        do
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0)
            {
                b |= 0x80;
            }

            Byte(b);
        }
        while (value != 0);
    }

    public void S32(int value) => S64(value);

    public void S64(long value)
    {
        while (true)
        {
            byte b = (byte)(value & 0x7F);
            value >>= 7;
            bool done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            Byte(done ? b : (byte)(b | 0x80));
            if (done)
            {
                return;
            }
        }
    }

    public void Fixed32(uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            Byte((byte)(value >> (8 * i)));
        }
    }

    public void Fixed64(ulong value)
    {
        for (int i = 0; i < 8; i++)
        {
            Byte((byte)(value >> (8 * i)));
        }
    }

    /// <summary>A length-prefixed byte vector (names, data).</summary>
    public void Vector(ReadOnlySpan<byte> values)
    {
        U32((uint)values.Length);
        Bytes(values);
    }

    /// <summary>Appends another buffer's contents prefixed with its length.</summary>
    public void Sized(ByteBuffer inner) => Vector(inner.Span);

    public byte[] ToArray() => Span.ToArray();
}

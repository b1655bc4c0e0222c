namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>
/// Just enough of a wasm binary reader for the numeric vector tests: function types, exported
/// functions and their bodies. Independent of the engine's own decoder on purpose, so these tests
/// exercise the numeric emitter alone.
/// </summary>
internal sealed class MiniWasmModule
{
    public sealed record FunctionSignature(byte[] Parameters, byte[] Results);

    public sealed record ExportedFunction(string Name, FunctionSignature Signature, byte[]? Body);

    public Dictionary<string, ExportedFunction> Exports { get; } = new(StringComparer.Ordinal);

    public static MiniWasmModule Read(byte[] bytes)
    {
        var module = new MiniWasmModule();
        var reader = new ByteReader(bytes) { Position = 8 };
        var types = new List<FunctionSignature>();
        var functionTypes = new List<int>();
        var importedFunctions = 0;
        var bodies = new List<byte[]>();
        var exports = new List<(string Name, int Index)>();

        while (!reader.AtEnd)
        {
            byte id = reader.Byte();
            int size = (int)reader.U32();
            int end = reader.Position + size;
            switch (id)
            {
                case 1:
                    for (uint n = reader.U32(); n > 0; n--)
                    {
                        reader.Byte(); // 0x60
                        byte[] parameters = reader.Bytes((int)reader.U32());
                        byte[] results = reader.Bytes((int)reader.U32());
                        types.Add(new FunctionSignature(parameters, results));
                    }

                    break;
                case 2:
                    for (uint n = reader.U32(); n > 0; n--)
                    {
                        reader.Bytes((int)reader.U32());
                        reader.Bytes((int)reader.U32());
                        byte kind = reader.Byte();
                        switch (kind)
                        {
                            case 0:
                                functionTypes.Add((int)reader.U32());
                                importedFunctions++;
                                break;
                            case 1:
                                reader.Byte();
                                SkipLimits(reader);
                                break;
                            case 2:
                                SkipLimits(reader);
                                break;
                            default:
                                reader.Byte();
                                reader.Byte();
                                break;
                        }
                    }

                    break;
                case 3:
                    for (uint n = reader.U32(); n > 0; n--)
                    {
                        functionTypes.Add((int)reader.U32());
                    }

                    break;
                case 7:
                    for (uint n = reader.U32(); n > 0; n--)
                    {
                        string name = System.Text.Encoding.UTF8.GetString(reader.Bytes((int)reader.U32()));
                        byte kind = reader.Byte();
                        int index = (int)reader.U32();
                        if (kind == 0)
                        {
                            exports.Add((name, index));
                        }
                    }

                    break;
                case 10:
                    for (uint n = reader.U32(); n > 0; n--)
                    {
                        bodies.Add(reader.Bytes((int)reader.U32()));
                    }

                    break;
                default:
                    break;
            }

            reader.Position = end;
        }

        foreach (var (name, index) in exports)
        {
            byte[]? body = index >= importedFunctions ? bodies[index - importedFunctions] : null;
            module.Exports[name] = new ExportedFunction(name, types[functionTypes[index]], body);
        }

        return module;
    }

    private static void SkipLimits(ByteReader reader)
    {
        byte flags = reader.Byte();
        reader.U64();
        if ((flags & 1) != 0)
        {
            reader.U64();
        }
    }
}

/// <summary>LEB128 and raw reads over a byte array.</summary>
internal sealed class ByteReader(byte[] bytes)
{
    public int Position { get; set; }

    public bool AtEnd => Position >= bytes.Length;

    public byte Byte() => bytes[Position++];

    public byte[] Bytes(int count)
    {
        byte[] result = bytes.AsSpan(Position, count).ToArray();
        Position += count;
        return result;
    }

    public uint U32() => (uint)U64();

    public ulong U64()
    {
        ulong result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return result;
    }

    public long S64()
    {
        long result = 0;
        int shift = 0;
        byte b;
        do
        {
            b = Byte();
            result |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0)
        {
            result |= -1L << shift;
        }

        return result;
    }
}

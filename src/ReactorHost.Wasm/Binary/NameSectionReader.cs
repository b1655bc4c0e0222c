using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Binary;

/// <summary>
/// Decodes the <c>name</c> custom section (module, function and local names). Custom sections
/// carry no semantics, so a malformed name section yields an empty <see cref="NameSection"/>
/// instead of an error.
/// </summary>
internal static class NameSectionReader
{
    private const byte ModuleNameId = 0;
    private const byte FunctionNamesId = 1;
    private const byte LocalNamesId = 2;

    /// <summary>Decodes the first <c>name</c> section of <paramref name="module"/>, if any.</summary>
    public static NameSection TryRead(ModuleDefinition module)
    {
        foreach (var custom in module.CustomSections)
        {
            if (custom.Name == "name")
                return TryDecode(custom.Content.Span);
        }

        return new NameSection();
    }

    /// <summary>Decodes a name section payload; returns an empty result when it is malformed.</summary>
    public static NameSection TryDecode(ReadOnlySpan<byte> content)
    {
        var names = new NameSection();
        try
        {
            var reader = new WasmBinaryReader(content, 0, endsAtEndOfInput: true);
            while (reader.HasMore)
            {
                var id = reader.ReadByte();
                var size = reader.ReadVarUInt32();
                var sub = new WasmBinaryReader(reader.ReadBytes(size), 0, endsAtEndOfInput: true);
                switch (id)
                {
                    case ModuleNameId:
                        names.ModuleName = sub.ReadName();
                        break;
                    case FunctionNamesId:
                        ReadNameMap(ref sub, names.FunctionNames);
                        break;
                    case LocalNamesId:
                    {
                        var count = sub.ReadCount();
                        for (var i = 0u; i < count; i++)
                        {
                            var functionIndex = (int)Math.Min(sub.ReadVarUInt32(), int.MaxValue);
                            if (!names.LocalNames.TryGetValue(functionIndex, out var locals))
                            {
                                locals = [];
                                names.LocalNames[functionIndex] = locals;
                            }

                            ReadNameMap(ref sub, locals);
                        }

                        break;
                    }

                    default:
                        continue; // later extensions (labels, types, ...): skip
                }

                if (sub.HasMore)
                    return new NameSection();
            }
        }
        catch (WasmModuleException)
        {
            return new NameSection();
        }

        return names;
    }

    private static void ReadNameMap(ref WasmBinaryReader reader, Dictionary<int, string> map)
    {
        var count = reader.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var index = (int)Math.Min(reader.ReadVarUInt32(), int.MaxValue);
            map[index] = reader.ReadName();
        }
    }
}

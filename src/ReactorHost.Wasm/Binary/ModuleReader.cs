using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Binary;

/// <summary>Decodes a module binary into a <see cref="ModuleDefinition"/> (no validation beyond well-formedness).</summary>
/// <remarks>
/// Function bodies are pre-scanned here (every instruction decoded once, block nesting checked), so
/// that every decoding error is reported as malformed before validation starts, as the spec requires.
/// </remarks>
internal static class ModuleReader
{
    /// <summary>Upper bound on the number of declared locals of one function ("too many locals").</summary>
    public const int MaxLocals = 50_000;

    private const uint Magic = 0x6D736100; // "\0asm"
    private const uint Version = 1;

    private const byte CustomSectionId = 0;
    private const byte DataCountSectionId = 12;

    /// <summary>Decodes <paramref name="bytes"/>. The returned definition may keep slices of <paramref name="bytes"/>.</summary>
    /// <exception cref="WasmModuleException">The binary is malformed (IsMalformed = true).</exception>
    /// <exception cref="WasmNotSupportedException">The binary uses SIMD instructions.</exception>
    public static ModuleDefinition Read(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var reader = new WasmBinaryReader(span, 0, endsAtEndOfInput: true);
        if (span.Length < 4)
            reader.ThrowUnexpectedEnd();
        if (reader.ReadFixedUInt32() != Magic)
            throw WasmBinaryReader.Malformed(0, "magic header not detected");
        if (span.Length < 8)
            reader.ThrowUnexpectedEnd();
        if (reader.ReadFixedUInt32() != Version)
            throw WasmBinaryReader.Malformed(4, "unknown binary version");

        var module = new ModuleDefinition();
        var state = new ReaderState { DataIndexUseWithoutCount = -1 };
        var lastOrder = 0;
        while (reader.HasMore)
        {
            var sectionOffset = reader.Offset;
            var id = reader.ReadByte();
            if (id > DataCountSectionId)
                throw WasmBinaryReader.Malformed(sectionOffset, "malformed section id");
            var size = reader.ReadVarUInt32();
            var contentOffset = reader.Offset;
            if (size > (uint)reader.Remaining)
                throw WasmBinaryReader.Malformed(contentOffset, "length out of bounds");

            if (id != CustomSectionId)
            {
                var order = SectionOrder(id);
                if (order <= lastOrder)
                    throw WasmBinaryReader.Malformed(sectionOffset, "unexpected content after last section");
                lastOrder = order;
            }

            var end = contentOffset + (int)size;
            var section = new WasmBinaryReader(span[contentOffset..end], contentOffset, endsAtEndOfInput: false);
            reader.Position = end;

            switch (id)
            {
                case CustomSectionId: ReadCustomSection(ref section, bytes, module); break;
                case 1: ReadTypeSection(ref section, module); break;
                case 2: ReadImportSection(ref section, module); break;
                case 3: ReadFunctionSection(ref section, module); break;
                case 4: ReadTableSection(ref section, module); break;
                case 5: ReadMemorySection(ref section, module); break;
                case 6: ReadGlobalSection(ref section, module); break;
                case 7: ReadExportSection(ref section, module); break;
                case 8: module.StartFunction = ClampIndex(section.ReadVarUInt32()); break;
                case 9: ReadElementSection(ref section, module); break;
                case 10: ReadCodeSection(ref section, bytes, module, ref state); break;
                case 11: ReadDataSection(ref section, bytes, module, ref state); break;
                case DataCountSectionId: module.DataCount = ClampIndex(section.ReadVarUInt32()); break;
            }

            if (section.HasMore)
                throw WasmBinaryReader.Malformed(section.Offset, "section size mismatch");
        }

        if (!state.SawCodeSection && module.FunctionTypeIndices.Count != 0)
            throw WasmBinaryReader.Malformed(span.Length, "function and code section have inconsistent lengths");
        if (!state.SawDataSection && module.DataCount is { } dataCount && dataCount != 0)
            throw WasmBinaryReader.Malformed(span.Length, "data count and data section have inconsistent lengths");

        // memory.init/data.drop need the data count section. Tools omit that section when there are
        // no data segments at all; then the index is simply out of range (a validation error).
        if (state.DataIndexUseWithoutCount >= 0 && state.SawDataSection)
            throw WasmBinaryReader.Malformed(state.DataIndexUseWithoutCount, "data count section required");

        module.Names = NameSectionReader.TryRead(module);
        return module;
    }

    private struct ReaderState
    {
        public bool SawCodeSection;
        public bool SawDataSection;

        /// <summary>Offset of the first memory.init/data.drop seen without a data count section, or -1.</summary>
        public int DataIndexUseWithoutCount;
    }

    /// <summary>Position of a non-custom section in the required order (data count sits between element and code).</summary>
    private static int SectionOrder(byte id) => id switch
    {
        DataCountSectionId => 10,
        10 => 11,
        11 => 12,
        _ => id,
    };

    private static int ClampIndex(uint index) => index > int.MaxValue ? int.MaxValue : (int)index;

    private static void ReadCustomSection(ref WasmBinaryReader section, ReadOnlyMemory<byte> bytes, ModuleDefinition module)
    {
        var name = section.ReadName();
        var contentOffset = section.Offset;
        var length = section.Remaining;
        section.Position += length;
        module.CustomSections.Add(new CustomSection(name, bytes.Slice(contentOffset, length)));
    }

    private static void ReadTypeSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var formOffset = section.Offset;
            var form = section.ReadByte();
            if (form != 0x60)
                throw WasmBinaryReader.Malformed(formOffset, (form & 0x80) != 0 ? "integer representation too long" : "malformed functype");
            var parameters = ReadValueTypes(ref section);
            var results = ReadValueTypes(ref section);
            module.Types.Add(new FunctionType(parameters, results));
        }
    }

    private static ValueKind[] ReadValueTypes(ref WasmBinaryReader section)
    {
        var count = section.ReadCount();
        if (count == 0)
            return [];
        var types = new ValueKind[count];
        for (var i = 0; i < types.Length; i++)
            types[i] = section.ReadValueType();
        return types;
    }

    private static void ReadImportSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var entryOffset = section.Offset;
            var moduleName = section.ReadName();
            var name = section.ReadName();
            var kindOffset = section.Offset;
            var kind = section.ReadByte();
            ImportDefinition import;
            switch (kind)
            {
                case 0:
                    import = new ImportDefinition
                    {
                        ModuleName = moduleName, Name = name, Kind = ExternKind.Function, Offset = entryOffset,
                        FunctionTypeIndex = ClampIndex(section.ReadVarUInt32()),
                    };
                    module.ImportedFunctionCount++;
                    break;
                case 1:
                    import = new ImportDefinition
                    {
                        ModuleName = moduleName, Name = name, Kind = ExternKind.Table, Offset = entryOffset,
                        Table = ReadTableType(ref section),
                    };
                    module.ImportedTableCount++;
                    break;
                case 2:
                    import = new ImportDefinition
                    {
                        ModuleName = moduleName, Name = name, Kind = ExternKind.Memory, Offset = entryOffset,
                        Memory = new MemoryType(ReadLimits(ref section)),
                    };
                    module.ImportedMemoryCount++;
                    break;
                case 3:
                    import = new ImportDefinition
                    {
                        ModuleName = moduleName, Name = name, Kind = ExternKind.Global, Offset = entryOffset,
                        Global = ReadGlobalType(ref section),
                    };
                    module.ImportedGlobalCount++;
                    break;
                default:
                    throw WasmBinaryReader.Malformed(kindOffset, "malformed import kind");
            }

            module.Imports.Add(import);
        }
    }

    private static void ReadFunctionSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
            module.FunctionTypeIndices.Add(ClampIndex(section.ReadVarUInt32()));
    }

    private static void ReadTableSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
            module.Tables.Add(ReadTableType(ref section));
    }

    private static void ReadMemorySection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
            module.Memories.Add(new MemoryType(ReadLimits(ref section)));
    }

    private static TableType ReadTableType(ref WasmBinaryReader section)
    {
        var kind = section.ReadReferenceType();
        return new TableType(kind, ReadLimits(ref section));
    }

    private static Limits ReadLimits(ref WasmBinaryReader section)
    {
        // The flags are a one-bit LEB128 field in WebAssembly 2.0 (shared/64-bit memories are later proposals).
        var flagsOffset = section.Offset;
        var flags = section.ReadByte();
        if ((flags & 0x80) != 0)
            throw WasmBinaryReader.Malformed(flagsOffset, "integer representation too long");
        if (flags > 1)
            throw WasmBinaryReader.Malformed(flagsOffset, "integer too large");
        var minimum = section.ReadVarUInt32();
        uint? maximum = flags == 1 ? section.ReadVarUInt32() : null;
        return new Limits(minimum, maximum);
    }

    private static GlobalType ReadGlobalType(ref WasmBinaryReader section)
    {
        var kind = section.ReadValueType();
        var mutabilityOffset = section.Offset;
        var mutability = section.ReadByte();
        if (mutability > 1)
            throw WasmBinaryReader.Malformed(mutabilityOffset, "malformed mutability");
        return new GlobalType(kind, mutability == 1);
    }

    private static void ReadGlobalSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var type = ReadGlobalType(ref section);
            module.Globals.Add(new GlobalDefinition(type, ReadConstantExpression(ref section)));
        }
    }

    private static void ReadExportSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var entryOffset = section.Offset;
            var name = section.ReadName();
            var kindOffset = section.Offset;
            var kind = section.ReadByte();
            if (kind > 3)
                throw WasmBinaryReader.Malformed(kindOffset, "malformed export kind");
            var index = ClampIndex(section.ReadVarUInt32());
            module.Exports.Add(new ExportDefinition(name, (ExternKind)kind, index, entryOffset));
        }
    }

    private static void ReadElementSection(ref WasmBinaryReader section, ModuleDefinition module)
    {
        var count = section.ReadCount();
        for (var i = 0u; i < count; i++)
        {
            var segmentOffset = section.Offset;
            var flags = section.ReadVarUInt32();
            if (flags > 7)
                throw WasmBinaryReader.Malformed(segmentOffset, "malformed elements segment kind");

            // Bit 0: passive/declarative (vs active); bit 1: explicit table index (active) or
            // declarative (non-active); bit 2: items are expressions (vs function indexes).
            var isActive = (flags & 1) == 0;
            var hasTableIndexOrDeclarative = (flags & 2) != 0;
            var usesExpressions = (flags & 4) != 0;

            var mode = isActive ? SegmentMode.Active : hasTableIndexOrDeclarative ? SegmentMode.Declarative : SegmentMode.Passive;
            var tableIndex = 0;
            ConstantExpression? offsetExpression = null;
            if (isActive)
            {
                if (hasTableIndexOrDeclarative)
                    tableIndex = ClampIndex(section.ReadVarUInt32());
                offsetExpression = ReadConstantExpression(ref section);
            }

            var elementKind = ValueKind.FuncRef;
            if (!isActive || hasTableIndexOrDeclarative)
            {
                if (usesExpressions)
                {
                    elementKind = section.ReadReferenceType();
                }
                else
                {
                    var kindOffset = section.Offset;
                    if (section.ReadByte() != 0x00)
                        throw WasmBinaryReader.Malformed(kindOffset, "malformed element kind");
                }
            }

            var itemCount = section.ReadCount();
            var items = new ConstantExpression[itemCount];
            for (var j = 0; j < items.Length; j++)
            {
                if (usesExpressions)
                {
                    items[j] = ReadConstantExpression(ref section);
                }
                else
                {
                    var indexOffset = section.Offset;
                    var functionIndex = section.ReadVarUInt32();
                    Instruction[] refFunc = [new Instruction { Opcode = Opcode.RefFunc, Offset = indexOffset, Immediate = functionIndex }];
                    items[j] = new ConstantExpression(refFunc, indexOffset);
                }
            }

            module.Elements.Add(new ElementSegment
            {
                Mode = mode,
                ElementKind = elementKind,
                TableIndex = tableIndex,
                OffsetExpression = offsetExpression,
                Items = items,
                Offset = segmentOffset,
            });
        }
    }

    private static void ReadDataSection(ref WasmBinaryReader section, ReadOnlyMemory<byte> bytes, ModuleDefinition module, ref ReaderState state)
    {
        state.SawDataSection = true;
        var countOffset = section.Offset;
        var count = section.ReadVarUInt32();
        if (module.DataCount is { } declared && declared != count)
            throw WasmBinaryReader.Malformed(countOffset, "data count and data section have inconsistent lengths");
        if (count > (uint)section.Remaining)
            section.ThrowUnexpectedEnd();

        for (var i = 0u; i < count; i++)
        {
            var segmentOffset = section.Offset;
            var flags = section.ReadVarUInt32();
            var memoryIndex = 0;
            ConstantExpression? offsetExpression = null;
            switch (flags)
            {
                case 0:
                    offsetExpression = ReadConstantExpression(ref section);
                    break;
                case 1:
                    break;
                case 2:
                    memoryIndex = ClampIndex(section.ReadVarUInt32());
                    offsetExpression = ReadConstantExpression(ref section);
                    break;
                default:
                    throw WasmBinaryReader.Malformed(segmentOffset, "malformed data segment kind");
            }

            var length = section.ReadVarUInt32();
            var dataOffset = section.Offset;
            if (length > (uint)section.Remaining)
                section.ThrowUnexpectedEnd();
            section.Position += (int)length;
            module.Data.Add(new DataSegment
            {
                Mode = flags == 1 ? SegmentMode.Passive : SegmentMode.Active,
                MemoryIndex = memoryIndex,
                OffsetExpression = offsetExpression,
                Bytes = bytes.Slice(dataOffset, (int)length),
                Offset = segmentOffset,
            });
        }
    }

    private static void ReadCodeSection(ref WasmBinaryReader section, ReadOnlyMemory<byte> bytes, ModuleDefinition module, ref ReaderState state)
    {
        state.SawCodeSection = true;
        var countOffset = section.Offset;
        var count = section.ReadVarUInt32();
        if (count != (uint)module.FunctionTypeIndices.Count)
            throw WasmBinaryReader.Malformed(countOffset, "function and code section have inconsistent lengths");

        var nesting = new List<byte>();
        var localKinds = new List<ValueKind>();
        for (var i = 0u; i < count; i++)
        {
            var bodySize = section.ReadVarUInt32();
            var bodyOffset = section.Offset;
            if (bodySize > (uint)section.Remaining)
                section.ThrowUnexpectedEnd();
            var bodyEnd = bodyOffset + (int)bodySize;
            var body = new WasmBinaryReader(section.Rest[..(int)bodySize], bodyOffset, endsAtEndOfInput: false);
            section.Position += (int)bodySize;

            var groups = body.ReadCount();
            localKinds.Clear();
            ulong total = 0;
            for (var g = 0u; g < groups; g++)
            {
                var groupOffset = body.Offset;
                var n = body.ReadVarUInt32();
                total += n;
                if (total > MaxLocals)
                    throw WasmBinaryReader.Malformed(groupOffset, "too many locals");
                var kind = body.ReadValueType();
                for (var k = 0u; k < n; k++)
                    localKinds.Add(kind);
            }

            var codeOffset = body.Offset;
            var codeLength = bodyEnd - codeOffset;
            var dataIndexUse = PreScanBody(bytes.Span.Slice(codeOffset, codeLength), codeOffset, nesting);
            if (dataIndexUse >= 0 && !module.DataCount.HasValue && state.DataIndexUseWithoutCount < 0)
                state.DataIndexUseWithoutCount = dataIndexUse;
            module.Bodies.Add(new FunctionBody
            {
                Locals = [.. localKinds],
                Code = bytes.Slice(codeOffset, codeLength),
                CodeOffset = codeOffset,
            });
        }
    }

    /// <summary>
    /// Decodes every instruction of a body once, checking block nesting (else only inside if, the
    /// final end exactly at the end of the body). Returns the offset of the first memory.init or
    /// data.drop (which need a data count section), or -1.
    /// </summary>
    private static int PreScanBody(ReadOnlySpan<byte> code, int codeOffset, List<byte> nesting)
    {
        var dataIndexUse = -1;
        const byte PlainBlock = 0, IfBlock = 1, IfWithElse = 2;
        nesting.Clear();
        nesting.Add(PlainBlock);
        var reader = new OperatorReader(code, codeOffset, endsAtEndOfInput: false);
        while (true)
        {
            if (!reader.HasMore)
                throw WasmBinaryReader.Malformed(reader.Offset, "END opcode expected");
            var instruction = reader.Read();
            switch (instruction.Opcode)
            {
                case Opcode.Block or Opcode.Loop:
                    nesting.Add(PlainBlock);
                    break;
                case Opcode.If:
                    nesting.Add(IfBlock);
                    break;
                case Opcode.Else:
                    if (nesting[^1] != IfBlock)
                        throw WasmBinaryReader.Malformed(instruction.Offset, "else without matching if");
                    nesting[^1] = IfWithElse;
                    break;
                case Opcode.End:
                    nesting.RemoveAt(nesting.Count - 1);
                    if (nesting.Count == 0)
                    {
                        if (reader.HasMore)
                            throw WasmBinaryReader.Malformed(reader.Offset, "section size mismatch");
                        return dataIndexUse;
                    }

                    break;
                case Opcode.MemoryInit or Opcode.DataDrop:
                    if (dataIndexUse < 0)
                        dataIndexUse = instruction.Offset;
                    break;
            }
        }
    }

    /// <summary>Reads a constant expression up to and including its <c>end</c>.</summary>
    private static ConstantExpression ReadConstantExpression(ref WasmBinaryReader section)
    {
        var start = section.Offset;
        var operators = new OperatorReader(section.Rest, start, section.EndsAtEndOfInput);
        var instructions = new List<Instruction>(1);
        while (true)
        {
            var instruction = operators.Read();
            if (instruction.Opcode == Opcode.End)
                break;
            instructions.Add(instruction);
        }

        section.Position += operators.Position;
        return new ConstantExpression(instructions, start);
    }
}

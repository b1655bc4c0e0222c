using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Text.Writing;

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>Instruction sequences: flat and folded forms, block structure, immediates.</summary>
internal sealed partial class ModuleParser
{
    /// <summary>Parses instructions until a closing parenthesis or a flat <c>end</c>/<c>else</c>.</summary>
    private void ParseInstructions(ByteBuffer code, FunctionContext context)
    {
        // Blocks nest by recursion: report absurd nesting instead of overflowing the stack.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TextError.At(Peek().Start, "nesting too deep");
        }

        while (true)
        {
            Token token = Peek();
            if (token.Kind == TokenKind.LParen)
            {
                ParseFoldedInstruction(code, context);
            }
            else if (token.Kind == TokenKind.Keyword)
            {
                if (IsKeyword(token, "end") || IsKeyword(token, "else"))
                {
                    return;
                }

                ParsePlainInstruction(code, context);
            }
            else
            {
                return;
            }
        }
    }

    private InstructionInfo InstructionAt(Token token)
    {
        if (token.Kind == TokenKind.Keyword)
        {
            if (InstructionTable.ByName.TryGetValue(TextOf(token).ToString(), out var info))
            {
                return info;
            }

            if (InstructionTable.IsSimdKeyword(TextOf(token)))
            {
                throw new WasmNotSupportedException(token.Start, "SIMD (" + TextOf(token).ToString() + ")");
            }
        }

        throw Unexpected(token);
    }

    private void ParsePlainInstruction(ByteBuffer code, FunctionContext context)
    {
        Token token = Next();
        InstructionInfo info = InstructionAt(token);
        switch (info.Kind)
        {
            case ImmediateKind.Block:
            case ImmediateKind.Loop:
            case ImmediateKind.If:
                {
                    string? label = TryId();
                    code.Byte((byte)info.Opcode);
                    ParseBlockType(code);
                    context.Labels.Add(label);
                    ParseInstructions(code, context);
                    if (info.Kind == ImmediateKind.If && PeekKeyword("else"))
                    {
                        position++;
                        CheckEndLabel(label);
                        ParseElseBody(code, context);
                    }

                    ExpectKeyword("end");
                    CheckEndLabel(label);
                    context.Labels.RemoveAt(context.Labels.Count - 1);
                    code.Byte(0x0B);
                    return;
                }

            case ImmediateKind.Else:
            case ImmediateKind.End:
                throw Unexpected(token);
        }

        EmitInstruction(code, info, context);
    }

    /// <summary>The instructions of an <c>else</c> branch; an empty one is left out, as wabt does.</summary>
    private void ParseElseBody(ByteBuffer code, FunctionContext context)
    {
        var elseCode = new ByteBuffer(32);
        ParseInstructions(elseCode, context);
        if (elseCode.Length > 0)
        {
            code.Byte(0x05);
            code.Bytes(elseCode.Span);
        }
    }

    /// <summary>An optional label after <c>end</c>/<c>else</c> must repeat the block's label.</summary>
    private void CheckEndLabel(string? label)
    {
        Token token = Peek();
        if (token.Kind != TokenKind.Id)
        {
            return;
        }

        position++;
        if (label is null || !TextOf(token).SequenceEqual(label))
        {
            throw TextError.At(token.Start, "mismatching label");
        }
    }

    private void ParseFoldedInstruction(ByteBuffer code, FunctionContext context)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw TextError.At(Peek().Start, "nesting too deep");
        }

        Expect(TokenKind.LParen);
        Token token = Next();
        InstructionInfo info = InstructionAt(token);
        switch (info.Kind)
        {
            case ImmediateKind.Block:
            case ImmediateKind.Loop:
                {
                    string? label = TryId();
                    code.Byte((byte)info.Opcode);
                    ParseBlockType(code);
                    context.Labels.Add(label);
                    ParseInstructions(code, context);
                    context.Labels.RemoveAt(context.Labels.Count - 1);
                    Expect(TokenKind.RParen);
                    code.Byte(0x0B);
                    return;
                }

            case ImmediateKind.If:
                {
                    string? label = TryId();
                    var blockType = new ByteBuffer(8);
                    ParseBlockType(blockType);
                    while (Peek().Kind == TokenKind.LParen && !IsKeyword(Peek(1), "then"))
                    {
                        ParseFoldedInstruction(code, context);
                    }

                    code.Byte(0x04);
                    code.Bytes(blockType.Span);
                    context.Labels.Add(label);
                    ExpectParenKeyword("then");
                    ParseInstructions(code, context);
                    Expect(TokenKind.RParen);
                    if (PeekParenKeyword("else"))
                    {
                        position += 2;
                        ParseElseBody(code, context);
                        Expect(TokenKind.RParen);
                    }

                    context.Labels.RemoveAt(context.Labels.Count - 1);
                    Expect(TokenKind.RParen);
                    code.Byte(0x0B);
                    return;
                }

            case ImmediateKind.Else:
            case ImmediateKind.End:
                throw Unexpected(token);
        }

        // (op immediates operand*): the operands come first in the binary.
        var instruction = new ByteBuffer(16);
        EmitInstruction(instruction, info, context);
        while (Peek().Kind == TokenKind.LParen)
        {
            ParseFoldedInstruction(code, context);
        }

        Expect(TokenKind.RParen);
        code.Bytes(instruction.Span);
    }

    /// <summary>
    /// A block type: none, one result (value-type shorthand) or a type index (inline signature
    /// with parameters or several results gets an implicit type, as wabt does).
    /// </summary>
    private void ParseBlockType(ByteBuffer code)
    {
        var use = ParseTypeUse(allowNames: false);
        FunctionSignature? signature;
        uint? index;
        if (use.Index is uint explicitIndex)
        {
            CheckInlineMatches(use, explicitIndex);
            index = explicitIndex;
            signature = explicitIndex < (uint)types.Count ? types[(int)explicitIndex] : null;
        }
        else
        {
            signature = use.Inline!;
            index = null;
        }

        if (signature is not null && signature.Parameters.Length == 0 && signature.Results.Length <= 1)
        {
            code.Byte(signature.Results.Length == 0 ? (byte)0x40 : signature.Results[0]);
            return;
        }

        index ??= FindOrAddType(signature!);
        code.S64(index.Value);
    }

    private static void EmitOpcode(ByteBuffer code, ushort opcode)
    {
        if (opcode >= 0xFC00)
        {
            code.Byte(0xFC);
            code.U32((uint)(opcode & 0xFF));
        }
        else
        {
            code.Byte((byte)opcode);
        }
    }

    /// <summary>Parses the immediates of a non-block instruction and emits the whole instruction.</summary>
    private void EmitInstruction(ByteBuffer code, InstructionInfo info, FunctionContext context)
    {
        switch (info.Kind)
        {
            case ImmediateKind.None:
                EmitOpcode(code, info.Opcode);
                return;
            case ImmediateKind.Label:
                EmitOpcode(code, info.Opcode);
                code.U32(ParseLabel(context));
                return;
            case ImmediateKind.BrTable:
                {
                    var labels = new List<uint> { ParseLabel(context) };
                    while (PeekIndex())
                    {
                        labels.Add(ParseLabel(context));
                    }

                    EmitOpcode(code, info.Opcode);
                    code.U32((uint)(labels.Count - 1));
                    foreach (uint label in labels)
                    {
                        code.U32(label);
                    }

                    return;
                }

            case ImmediateKind.Function:
                EmitOpcode(code, info.Opcode);
                code.U32(ParseIndex(functions));
                return;
            case ImmediateKind.CallIndirect:
                {
                    uint table = PeekIndex() ? ParseIndex(tables) : 0;
                    var use = ParseTypeUse(allowNames: false);
                    uint typeIndex = ResolveTypeUse(use);
                    EmitOpcode(code, info.Opcode);
                    code.U32(typeIndex);
                    code.U32(table);
                    return;
                }

            case ImmediateKind.Local:
                EmitOpcode(code, info.Opcode);
                code.U32(ParseLocal(context));
                return;
            case ImmediateKind.Global:
                EmitOpcode(code, info.Opcode);
                code.U32(ParseIndex(globals));
                return;
            case ImmediateKind.OptionalTable:
                EmitOpcode(code, info.Opcode);
                code.U32(PeekIndex() ? ParseIndex(tables) : 0);
                return;
            case ImmediateKind.MemArg:
                EmitOpcode(code, info.Opcode);
                ParseMemArg(code, info.NaturalAlignLog2);
                return;
            case ImmediateKind.MemoryZero:
                EmitOpcode(code, info.Opcode);
                code.Byte(0x00);
                return;
            case ImmediateKind.I32:
                {
                    Token token = Peek();
                    if (token.Kind != TokenKind.Integer)
                    {
                        throw Unexpected(token);
                    }

                    position++;
                    if (!NumberLiterals.TryParseI32(TextOf(token), out uint value))
                    {
                        throw TextError.At(token.Start, "constant out of range");
                    }

                    EmitOpcode(code, info.Opcode);
                    code.S32((int)value);
                    return;
                }

            case ImmediateKind.I64:
                {
                    Token token = Peek();
                    if (token.Kind != TokenKind.Integer)
                    {
                        throw Unexpected(token);
                    }

                    position++;
                    if (!NumberLiterals.TryParseI64(TextOf(token), out ulong value))
                    {
                        throw TextError.At(token.Start, "constant out of range");
                    }

                    EmitOpcode(code, info.Opcode);
                    code.S64((long)value);
                    return;
                }

            case ImmediateKind.F32:
                {
                    Token token = Peek();
                    if (token.Kind is not (TokenKind.Integer or TokenKind.Float))
                    {
                        throw Unexpected(token);
                    }

                    position++;
                    if (!NumberLiterals.TryParseF32(TextOf(token), out uint bits))
                    {
                        throw TextError.At(token.Start, "constant out of range");
                    }

                    EmitOpcode(code, info.Opcode);
                    code.Fixed32(bits);
                    return;
                }

            case ImmediateKind.F64:
                {
                    Token token = Peek();
                    if (token.Kind is not (TokenKind.Integer or TokenKind.Float))
                    {
                        throw Unexpected(token);
                    }

                    position++;
                    if (!NumberLiterals.TryParseF64(TextOf(token), out ulong bits))
                    {
                        throw TextError.At(token.Start, "constant out of range");
                    }

                    EmitOpcode(code, info.Opcode);
                    code.Fixed64(bits);
                    return;
                }

            case ImmediateKind.Select:
                {
                    var results = new List<byte>();
                    bool typed = false;
                    while (PeekParenKeyword("result"))
                    {
                        position += 2;
                        ParseValueTypes(results);
                        Expect(TokenKind.RParen);
                        typed = true;
                    }

                    // wabt writes "select (result)" with no types as the untyped select.
                    if (typed && results.Count > 0)
                    {
                        code.Byte(0x1C);
                        code.Vector(results.ToArray());
                    }
                    else
                    {
                        code.Byte(0x1B);
                    }

                    return;
                }

            case ImmediateKind.RefNull:
                {
                    Token token = Next();
                    byte type = IsKeyword(token, "func") ? FuncRef : IsKeyword(token, "extern") ? ExternRef : throw Unexpected(token);
                    EmitOpcode(code, info.Opcode);
                    code.Byte(type);
                    return;
                }

            case ImmediateKind.MemoryInit:
                usesDataCount = true;
                EmitOpcode(code, info.Opcode);
                code.U32(ParseIndex(datas));
                code.Byte(0x00);
                return;
            case ImmediateKind.Data:
                usesDataCount = true;
                EmitOpcode(code, info.Opcode);
                code.U32(ParseIndex(datas));
                return;
            case ImmediateKind.MemoryCopy:
                EmitOpcode(code, info.Opcode);
                code.Byte(0x00);
                code.Byte(0x00);
                return;
            case ImmediateKind.TableInit:
                {
                    // table.init elem | table.init table elem
                    bool two = PeekIndex() && Peek(1).Kind is TokenKind.Id or TokenKind.Integer;
                    uint table = two ? ParseIndex(tables) : 0;
                    uint element = ParseIndex(elements);
                    EmitOpcode(code, info.Opcode);
                    code.U32(element);
                    code.U32(table);
                    return;
                }

            case ImmediateKind.Element:
                EmitOpcode(code, info.Opcode);
                code.U32(ParseIndex(elements));
                return;
            case ImmediateKind.TableCopy:
                {
                    uint destination = 0;
                    uint source = 0;
                    if (PeekIndex())
                    {
                        destination = ParseIndex(tables);
                        source = ParseIndex(tables);
                    }

                    EmitOpcode(code, info.Opcode);
                    code.U32(destination);
                    code.U32(source);
                    return;
                }

            default:
                throw new InvalidOperationException("unhandled immediate kind " + info.Kind);
        }
    }

    private uint ParseLabel(FunctionContext context)
    {
        Token token = Peek();
        if (token.Kind == TokenKind.Id)
        {
            position++;
            var labels = context.Labels;
            for (int i = labels.Count - 1; i >= 0; i--)
            {
                if (labels[i] is string name && TextOf(token).SequenceEqual(name))
                {
                    return (uint)(labels.Count - 1 - i);
                }
            }

            throw TextError.At(token.Start, "unknown label");
        }

        return ParseU32("i32 constant");
    }

    private uint ParseLocal(FunctionContext context)
    {
        Token token = Peek();
        if (token.Kind == TokenKind.Id)
        {
            position++;
            if (!context.Locals.TryGetValue(TextOf(token).ToString(), out int index))
            {
                throw TextError.At(token.Start, "unknown local");
            }

            return (uint)index;
        }

        return ParseU32("i32 constant");
    }

    private void ParseMemArg(ByteBuffer code, int naturalAlignLog2)
    {
        uint offset = 0;
        int alignLog2 = naturalAlignLog2;
        Token token = Peek();
        if (token.Kind == TokenKind.Keyword && TextOf(token).StartsWith("offset=", StringComparison.Ordinal))
        {
            position++;
            offset = ParseKeywordNumber(token, "offset=".Length, "i32 constant");
            token = Peek();
        }

        if (token.Kind == TokenKind.Keyword && TextOf(token).StartsWith("align=", StringComparison.Ordinal))
        {
            position++;
            uint align = ParseKeywordNumber(token, "align=".Length, "i32 constant");
            if (align == 0 || (align & (align - 1)) != 0)
            {
                throw TextError.At(token.Start, "alignment");
            }

            alignLog2 = System.Numerics.BitOperations.Log2(align);
        }

        code.U32((uint)alignLog2);
        code.U32(offset);
    }

    private uint ParseKeywordNumber(Token token, int prefixLength, string rangeReason)
    {
        var digits = TextOf(token)[prefixLength..];
        if (digits.IsEmpty || digits[0] is '+' or '-' || NumberLiterals.Classify(digits) != NumberShape.Integer)
        {
            throw Unexpected(token);
        }

        return ParseU32Text(digits, token.Start, rangeReason);
    }
}

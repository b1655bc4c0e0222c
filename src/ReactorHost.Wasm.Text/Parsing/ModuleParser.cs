using System.Text;
using ReactorHost.Wasm.Text.Writing;

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>
/// Parses one text module (or a bare sequence of module fields) and encodes it in the binary
/// format. Two passes over the fields: the first collects type definitions and the symbolic
/// names of every index space (references may point forward), the second parses everything and
/// encodes it with all indices resolved.
/// </summary>
internal sealed partial class ModuleParser
{
    private const byte FuncRef = 0x70;
    private const byte ExternRef = 0x6F;

    private readonly string text;
    private readonly List<Token> tokens;
    private readonly WatOptions options;
    private int position;

    private readonly List<FunctionSignature> types = [];
    private readonly Dictionary<string, int> typeNames = new(StringComparer.Ordinal);
    private readonly IndexSpace functions = new("duplicate func", "unknown function");
    private readonly IndexSpace tables = new("duplicate table", "unknown table");
    private readonly IndexSpace memories = new("duplicate memory", "unknown memory");
    private readonly IndexSpace globals = new("duplicate global", "unknown global");
    private readonly IndexSpace elements = new("duplicate elem", "unknown elem segment");
    private readonly IndexSpace datas = new("duplicate data", "unknown data segment");

    private readonly ByteBuffer importSection = new();
    private readonly ByteBuffer functionSection = new();
    private readonly ByteBuffer tableSection = new();
    private readonly ByteBuffer memorySection = new();
    private readonly ByteBuffer globalSection = new();
    private readonly ByteBuffer exportSection = new();
    private readonly ByteBuffer elementSection = new();
    private readonly ByteBuffer codeSection = new();
    private readonly ByteBuffer dataSection = new();
    private int importCount;
    private int definedFunctionCount;
    private int definedTableCount;
    private int definedMemoryCount;
    private int definedGlobalCount;
    private int exportCount;
    private int elementCount;
    private int dataCount;
    private uint? startFunction;
    private bool usesDataCount;
    private string? moduleName;
    private readonly List<List<string?>> localNames = [];

    // Pass-2 counters (index of the next entry of each space).
    private int nextFunction;
    private int nextTable;
    private int nextMemory;
    private int nextGlobal;

    private ModuleParser(string text, WatOptions options)
    {
        this.text = text;
        this.options = options;
        tokens = Lexer.Tokenize(text);
        // Unknown keywords are reserved tokens ("unknown operator" when reached).
        for (int i = 0; i < tokens.Count; i++)
        {
            Token token = tokens[i];
            if (token.Kind == TokenKind.Keyword && !IsKnownKeyword(text.AsSpan(token.Start, token.Length)))
            {
                tokens[i] = token with { Kind = TokenKind.Reserved };
            }
        }
    }

    private static bool IsKnownKeyword(ReadOnlySpan<char> keyword)
    {
        string s = keyword.ToString();
        return InstructionTable.ByName.ContainsKey(s) || InstructionTable.GrammarKeywords.Contains(s) ||
               s.StartsWith("offset=", StringComparison.Ordinal) || s.StartsWith("align=", StringComparison.Ordinal) ||
               InstructionTable.IsSimdKeyword(keyword);
    }

    public static byte[] Parse(string text, WatOptions options) => new ModuleParser(text, options).ParseTopLevel();

    private byte[] ParseTopLevel()
    {
        if (Peek().Kind == TokenKind.LParen && IsKeyword(Peek(1), "module"))
        {
            position += 2;
            string? id = TryId();
            moduleName = id;
            if (PeekKeyword("binary"))
            {
                position++;
                byte[] binary = ParseStrings();
                Expect(TokenKind.RParen);
                Expect(TokenKind.EndOfFile);
                return binary;
            }

            if (PeekKeyword("quote"))
            {
                position++;
                byte[] source = ParseStrings();
                Expect(TokenKind.RParen);
                Expect(TokenKind.EndOfFile);
                string quoted;
                try
                {
                    quoted = StrictUtf8.GetString(source);
                }
                catch (DecoderFallbackException)
                {
                    throw TextError.At(0, "malformed UTF-8 encoding");
                }

                return Parse(quoted, options);
            }

            ParseFields(TokenKind.RParen);
            Expect(TokenKind.RParen);
        }
        else
        {
            ParseFields(TokenKind.EndOfFile);
        }

        Expect(TokenKind.EndOfFile);
        return Encode();
    }

    private void ParseFields(TokenKind terminator)
    {
        int first = position;
        ScanFields(terminator);
        position = first;
        while (Peek().Kind != terminator)
        {
            Expect(TokenKind.LParen);
            Token keyword = Peek();
            string name = keyword.Kind == TokenKind.Keyword ? TextOf(keyword).ToString() : "";
            position++;
            switch (name)
            {
                case "type": SkipToClose(); break;
                case "import": ParseImport(); break;
                case "func": ParseFunction(); break;
                case "table": ParseTable(); break;
                case "memory": ParseMemory(); break;
                case "global": ParseGlobal(); break;
                case "export": ParseExport(); break;
                case "start": ParseStart(keyword); break;
                case "elem": ParseElementSegment(); break;
                case "data": ParseDataSegment(); break;
                default: throw Unexpected(keyword);
            }
        }
    }

    // ---------------------------------------------------------------- pass 1

    private void ScanFields(TokenKind terminator)
    {
        string? firstDefinition = null;
        while (Peek().Kind != terminator)
        {
            Expect(TokenKind.LParen);
            Token keyword = Peek();
            string name = keyword.Kind == TokenKind.Keyword ? TextOf(keyword).ToString() : "";
            position++;
            switch (name)
            {
                case "type":
                    ParseTypeDefinition();
                    continue;
                case "import":
                    {
                        if (firstDefinition is not null)
                        {
                            throw TextError.At(keyword.Start, "import after " + firstDefinition);
                        }

                        ParseName();
                        ParseName();
                        Expect(TokenKind.LParen);
                        Token kind = Next();
                        IndexSpace? space = SpaceOf(kind);
                        if (space is null)
                        {
                            throw Unexpected(kind);
                        }

                        Token idToken = Peek();
                        space.Add(TryId(), idToken.Start);
                        SkipToClose();
                        break;
                    }

                case "func":
                case "table":
                case "memory":
                case "global":
                    {
                        Token idToken = Peek();
                        string? id = TryId();
                        while (PeekParenKeyword("export"))
                        {
                            position += 2;
                            SkipToClose();
                        }

                        if (PeekParenKeyword("import"))
                        {
                            if (firstDefinition is not null)
                            {
                                throw TextError.At(keyword.Start, "import after " + firstDefinition);
                            }
                        }
                        else
                        {
                            firstDefinition ??= name == "func" ? "function" : name;
                        }

                        SpaceOf(keyword)!.Add(id, idToken.Start);
                        break;
                    }

                case "elem":
                case "data":
                    {
                        Token idToken = Peek();
                        (name == "elem" ? elements : datas).Add(TryId(), idToken.Start);
                        break;
                    }

                case "export":
                case "start":
                    break;
                default:
                    throw Unexpected(keyword);
            }

            SkipToClose();
        }
    }

    private IndexSpace? SpaceOf(Token keyword)
    {
        if (keyword.Kind != TokenKind.Keyword)
        {
            return null;
        }

        return TextOf(keyword) switch
        {
            "func" => functions,
            "table" => tables,
            "memory" => memories,
            "global" => globals,
            _ => null,
        };
    }

    private void ParseTypeDefinition()
    {
        Token idToken = Peek();
        string? id = TryId();
        ExpectParenKeyword("func");
        var parameters = new List<byte>();
        var results = new List<byte>();
        while (PeekParenKeyword("param"))
        {
            position += 2;
            ParseParamGroup(parameters, names: null, allowNames: true);
        }

        while (PeekParenKeyword("result"))
        {
            position += 2;
            ParseValueTypes(results);
            Expect(TokenKind.RParen);
        }

        Expect(TokenKind.RParen);
        Expect(TokenKind.RParen);
        if (id is not null && !typeNames.TryAdd(id, types.Count))
        {
            throw TextError.At(idToken.Start, "duplicate type");
        }

        types.Add(new FunctionSignature([.. parameters], [.. results]));
    }

    // ---------------------------------------------------------------- types

    private byte ParseValueType()
    {
        Token token = Peek();
        if (token.Kind == TokenKind.Keyword)
        {
            byte? type = TextOf(token) switch
            {
                "i32" => 0x7F,
                "i64" => 0x7E,
                "f32" => 0x7D,
                "f64" => 0x7C,
                "funcref" => FuncRef,
                "externref" => ExternRef,
                _ => null,
            };
            if (type is not null)
            {
                position++;
                return type.Value;
            }

            if (TextOf(token) is "v128")
            {
                throw new WasmNotSupportedException(token.Start, "SIMD (v128)");
            }
        }

        throw Unexpected(token);
    }

    private bool PeekValueType()
    {
        Token token = Peek();
        return token.Kind == TokenKind.Keyword && TextOf(token) is "i32" or "i64" or "f32" or "f64" or "funcref" or "externref" or "v128";
    }

    private void ParseValueTypes(List<byte> into)
    {
        while (PeekValueType())
        {
            into.Add(ParseValueType());
        }
    }

    private byte ParseReferenceType()
    {
        Token token = Peek();
        byte type = ParseValueType();
        if (type is not (FuncRef or ExternRef))
        {
            throw Unexpected(token);
        }

        return type;
    }

    /// <summary>After <c>(param</c>: either <c>$id type</c> or <c>type*</c>, then <c>)</c>.</summary>
    private void ParseParamGroup(List<byte> into, List<string?>? names, bool allowNames)
    {
        Token idToken = Peek();
        if (idToken.Kind == TokenKind.Id)
        {
            if (!allowNames)
            {
                throw Unexpected(idToken);
            }

            position++;
            into.Add(ParseValueType());
            names?.Add(TextOf(idToken).ToString());
        }
        else
        {
            int before = into.Count;
            ParseValueTypes(into);
            for (int i = before; i < into.Count; i++)
            {
                names?.Add(null);
            }
        }

        Expect(TokenKind.RParen);
    }

    /// <summary>A parsed type use: the optional explicit index and the inline signature, if any.</summary>
    private readonly record struct TypeUse(uint? Index, Token IndexToken, FunctionSignature? Inline, List<string?> ParameterNames);

    private TypeUse ParseTypeUse(bool allowNames)
    {
        uint? index = null;
        Token indexToken = default;
        if (PeekParenKeyword("type"))
        {
            position += 2;
            indexToken = Peek();
            index = ParseTypeIndex();
            Expect(TokenKind.RParen);
        }

        var parameters = new List<byte>();
        var names = new List<string?>();
        var results = new List<byte>();
        bool hasInline = false;
        while (PeekParenKeyword("param"))
        {
            position += 2;
            ParseParamGroup(parameters, names, allowNames);
            hasInline = true;
        }

        while (PeekParenKeyword("result"))
        {
            position += 2;
            ParseValueTypes(results);
            Expect(TokenKind.RParen);
            hasInline = true;
        }

        if (PeekParenKeyword("param"))
        {
            throw Unexpected(Peek(1));
        }

        FunctionSignature? inline = hasInline || index is null ? new FunctionSignature([.. parameters], [.. results]) : null;
        return new TypeUse(index, indexToken, inline, names);
    }

    private uint ParseTypeIndex()
    {
        Token token = Peek();
        if (token.Kind == TokenKind.Id)
        {
            position++;
            if (!typeNames.TryGetValue(TextOf(token).ToString(), out int index))
            {
                throw TextError.At(token.Start, "unknown type");
            }

            return (uint)index;
        }

        return ParseU32("i32 constant");
    }

    /// <summary>The type index of a function/import/call_indirect type use, adding an implicit type when needed.</summary>
    private uint ResolveTypeUse(TypeUse use)
    {
        if (use.Index is uint index)
        {
            CheckInlineMatches(use, index);
            return index;
        }

        return FindOrAddType(use.Inline!);
    }

    private void CheckInlineMatches(TypeUse use, uint index)
    {
        if (use.Inline is null)
        {
            return;
        }

        if (index >= (uint)types.Count)
        {
            throw TextError.At(use.IndexToken.Start, "unknown type");
        }

        if (!types[(int)index].Equals(use.Inline))
        {
            throw TextError.At(use.IndexToken.Start, "inline function type");
        }
    }

    private uint FindOrAddType(FunctionSignature signature)
    {
        int found = types.IndexOf(signature);
        if (found >= 0)
        {
            return (uint)found;
        }

        types.Add(signature);
        return (uint)(types.Count - 1);
    }

    /// <summary>The signature a resolved type use stands for (empty when the index is out of range).</summary>
    private FunctionSignature SignatureOf(TypeUse use, uint index) =>
        use.Inline ?? (index < (uint)types.Count ? types[(int)index] : new FunctionSignature([], []));

    private void ParseLimits(ByteBuffer into)
    {
        uint min = ParseU32("i32 constant out of range");
        if (Peek().Kind == TokenKind.Integer)
        {
            uint max = ParseU32("i32 constant out of range");
            into.Byte(0x01);
            into.U32(min);
            into.U32(max);
        }
        else
        {
            into.Byte(0x00);
            into.U32(min);
        }
    }

    private void ParseTableType(ByteBuffer into)
    {
        var limits = new ByteBuffer(8);
        ParseLimits(limits);
        into.Byte(ParseReferenceType());
        into.Bytes(limits.Span);
    }

    private void ParseGlobalType(ByteBuffer into)
    {
        if (PeekParenKeyword("mut"))
        {
            position += 2;
            into.Byte(ParseValueType());
            into.Byte(0x01);
            Expect(TokenKind.RParen);
        }
        else
        {
            into.Byte(ParseValueType());
            into.Byte(0x00);
        }
    }

    // ---------------------------------------------------------------- fields

    private void ParseImport()
    {
        byte[] module = ParseName();
        byte[] name = ParseName();
        Expect(TokenKind.LParen);
        Token kind = Next();
        TryId();
        importSection.Vector(module);
        importSection.Vector(name);
        EmitImportDescription(kind);
        Expect(TokenKind.RParen);
        Expect(TokenKind.RParen);
    }

    /// <summary>The import description after <c>(kind $id?</c> (inline imports included).</summary>
    private void EmitImportDescription(Token kind)
    {
        importCount++;
        switch (TextOf(kind))
        {
            case "func":
                {
                    var use = ParseTypeUse(allowNames: true);
                    importSection.Byte(0x00);
                    importSection.U32(ResolveTypeUse(use));
                    nextFunction++;
                    localNames.Add([]);
                    break;
                }

            case "table":
                importSection.Byte(0x01);
                ParseTableType(importSection);
                nextTable++;
                break;
            case "memory":
                importSection.Byte(0x02);
                ParseLimits(importSection);
                nextMemory++;
                break;
            case "global":
                importSection.Byte(0x03);
                ParseGlobalType(importSection);
                nextGlobal++;
                break;
            default:
                throw Unexpected(kind);
        }
    }

    /// <summary>Parses <c>(export "name")*</c> abbreviations for entry <paramref name="index"/> of kind <paramref name="kind"/>.</summary>
    private void ParseInlineExports(byte kind, int index)
    {
        while (PeekParenKeyword("export"))
        {
            position += 2;
            byte[] name = ParseName();
            Expect(TokenKind.RParen);
            AddExport(name, kind, (uint)index);
        }
    }

    private void AddExport(byte[] name, byte kind, uint index)
    {
        exportSection.Vector(name);
        exportSection.Byte(kind);
        exportSection.U32(index);
        exportCount++;
    }

    /// <summary>Parses an inline <c>(import "m" "n")</c> if present and starts the import entry.</summary>
    private bool TryInlineImport(Token kind)
    {
        if (!PeekParenKeyword("import"))
        {
            return false;
        }

        position += 2;
        byte[] module = ParseName();
        byte[] name = ParseName();
        Expect(TokenKind.RParen);
        importSection.Vector(module);
        importSection.Vector(name);
        EmitImportDescription(kind);
        Expect(TokenKind.RParen);
        return true;
    }

    private void ParseFunction()
    {
        Token kind = tokens[position - 1];
        TryId();
        int index = nextFunction;
        ParseInlineExports(0x00, index);
        if (TryInlineImport(kind))
        {
            return;
        }

        nextFunction++;
        definedFunctionCount++;
        var use = ParseTypeUse(allowNames: true);
        uint typeIndex = ResolveTypeUse(use);
        functionSection.U32(typeIndex);
        FunctionSignature signature = SignatureOf(use, typeIndex);

        var locals = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string?>();
        for (int i = 0; i < signature.Parameters.Length; i++)
        {
            string? name = i < use.ParameterNames.Count ? use.ParameterNames[i] : null;
            names.Add(name);
        }

        var localTypes = new List<byte>();
        while (PeekParenKeyword("local"))
        {
            position += 2;
            ParseParamGroup(localTypes, names, allowNames: true);
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is string name && !locals.TryAdd(name, i))
            {
                throw TextError.At(kind.Start, "duplicate local");
            }
        }

        localNames.Add(names);
        var body = new ByteBuffer(256);
        EmitLocalDeclarations(body, localTypes);
        var context = new FunctionContext(locals);
        ParseInstructions(body, context);
        body.Byte(0x0B);
        Expect(TokenKind.RParen);
        codeSection.Sized(body);
    }

    private static void EmitLocalDeclarations(ByteBuffer body, List<byte> localTypes)
    {
        int groups = 0;
        for (int i = 0; i < localTypes.Count; i++)
        {
            if (i == 0 || localTypes[i] != localTypes[i - 1])
            {
                groups++;
            }
        }

        body.U32((uint)groups);
        for (int i = 0; i < localTypes.Count;)
        {
            int run = 1;
            while (i + run < localTypes.Count && localTypes[i + run] == localTypes[i])
            {
                run++;
            }

            body.U32((uint)run);
            body.Byte(localTypes[i]);
            i += run;
        }
    }

    private void ParseTable()
    {
        Token kind = tokens[position - 1];
        TryId();
        int index = nextTable;
        ParseInlineExports(0x01, index);
        if (TryInlineImport(kind))
        {
            return;
        }

        nextTable++;
        definedTableCount++;
        if (PeekValueType())
        {
            // reftype (elem ...): a table sized to fit its inline element segment.
            byte type = ParseReferenceType();
            ExpectParenKeyword("elem");
            var items = new List<ElementItem>();
            if (PeekIndex())
            {
                while (PeekIndex())
                {
                    items.Add(ElementItem.Function(ParseIndex(functions)));
                }
            }
            else
            {
                ParseElementExpressions(items);
            }

            Expect(TokenKind.RParen);
            Expect(TokenKind.RParen);
            tableSection.Byte(type);
            tableSection.Byte(0x01);
            tableSection.U32((uint)items.Count);
            tableSection.U32((uint)items.Count);
            var offset = new ByteBuffer(8);
            offset.Byte(0x41);
            offset.Byte(0x00);
            offset.Byte(0x0B);
            EmitElementSegment(ElementMode.Active, (uint)index, offset, type, items);
            return;
        }

        ParseTableType(tableSection);
        Expect(TokenKind.RParen);
    }

    private void ParseMemory()
    {
        Token kind = tokens[position - 1];
        TryId();
        int index = nextMemory;
        ParseInlineExports(0x02, index);
        if (TryInlineImport(kind))
        {
            return;
        }

        nextMemory++;
        definedMemoryCount++;
        if (PeekParenKeyword("data"))
        {
            position += 2;
            byte[] bytes = ParseStrings();
            Expect(TokenKind.RParen);
            Expect(TokenKind.RParen);
            uint pages = (uint)((bytes.LongLength + 65535) / 65536);
            memorySection.Byte(0x01);
            memorySection.U32(pages);
            memorySection.U32(pages);
            dataCount++;
            EmitActiveDataHeader((uint)index);
            dataSection.Byte(0x41);
            dataSection.Byte(0x00);
            dataSection.Byte(0x0B);
            dataSection.Vector(bytes);
            return;
        }

        ParseLimits(memorySection);
        Expect(TokenKind.RParen);
    }

    private void ParseGlobal()
    {
        Token kind = tokens[position - 1];
        TryId();
        int index = nextGlobal;
        ParseInlineExports(0x03, index);
        if (TryInlineImport(kind))
        {
            return;
        }

        nextGlobal++;
        definedGlobalCount++;
        ParseGlobalType(globalSection);
        var init = new ByteBuffer(16);
        ParseInstructions(init, FunctionContext.ConstantExpression);
        init.Byte(0x0B);
        globalSection.Bytes(init.Span);
        Expect(TokenKind.RParen);
    }

    private void ParseExport()
    {
        byte[] name = ParseName();
        Expect(TokenKind.LParen);
        Token kind = Next();
        (byte code, IndexSpace space) = TextOf(kind) switch
        {
            "func" when kind.Kind == TokenKind.Keyword => ((byte)0x00, functions),
            "table" when kind.Kind == TokenKind.Keyword => ((byte)0x01, tables),
            "memory" when kind.Kind == TokenKind.Keyword => ((byte)0x02, memories),
            "global" when kind.Kind == TokenKind.Keyword => ((byte)0x03, globals),
            _ => throw Unexpected(kind),
        };
        uint index = ParseIndex(space);
        Expect(TokenKind.RParen);
        Expect(TokenKind.RParen);
        AddExport(name, code, index);
    }

    private void ParseStart(Token keyword)
    {
        uint index = ParseIndex(functions);
        Expect(TokenKind.RParen);
        if (startFunction is not null)
        {
            throw TextError.At(keyword.Start, "multiple start sections");
        }

        startFunction = index;
    }

    private void EmitActiveDataHeader(uint memory)
    {
        if (memory == 0)
        {
            dataSection.Byte(0x00);
        }
        else
        {
            dataSection.Byte(0x02);
            dataSection.U32(memory);
        }
    }

    private void ParseDataSegment()
    {
        TryId();
        dataCount++;
        uint? memory = null;
        if (PeekParenKeyword("memory"))
        {
            position += 2;
            memory = ParseIndex(memories);
            Expect(TokenKind.RParen);
        }
        else if (Peek().Kind == TokenKind.Integer)
        {
            // MVP form: (data 0 (offset ...) ...).
            memory = ParseIndex(memories);
        }

        ByteBuffer? offset = TryParseOffset();
        if (memory is not null && offset is null)
        {
            throw Unexpected(Peek());
        }

        if (offset is null)
        {
            dataSection.Byte(0x01);
        }
        else
        {
            EmitActiveDataHeader(memory ?? 0);
            dataSection.Bytes(offset.Span);
        }

        dataSection.Vector(ParseStrings());
        Expect(TokenKind.RParen);
    }

    /// <summary><c>(offset instr*)</c> or a single folded instruction; null when neither follows.</summary>
    private ByteBuffer? TryParseOffset()
    {
        if (Peek().Kind != TokenKind.LParen)
        {
            return null;
        }

        var offset = new ByteBuffer(16);
        if (PeekParenKeyword("offset"))
        {
            position += 2;
            ParseInstructions(offset, FunctionContext.ConstantExpression);
            Expect(TokenKind.RParen);
        }
        else if (Peek(1).Kind == TokenKind.Keyword && IsInstructionKeyword(Peek(1)))
        {
            ParseFoldedInstruction(offset, FunctionContext.ConstantExpression);
        }
        else
        {
            return null;
        }

        offset.Byte(0x0B);
        return offset;
    }

    private bool IsInstructionKeyword(Token token) =>
        InstructionTable.ByName.ContainsKey(TextOf(token).ToString()) || InstructionTable.IsSimdKeyword(TextOf(token));

    private enum ElementMode
    {
        Active,
        Passive,
        Declarative,
    }

    /// <summary>One element: a function index (<c>ref.func</c> shorthand) or a constant expression.</summary>
    private readonly record struct ElementItem(uint FunctionIndex, byte[]? Expression)
    {
        public static ElementItem Function(uint index) => new(index, null);
    }

    private void ParseElementSegment()
    {
        TryId();
        var mode = ElementMode.Passive;
        uint table = 0;
        ByteBuffer? offset = null;
        if (PeekKeyword("declare"))
        {
            position++;
            mode = ElementMode.Declarative;
        }
        else
        {
            bool hasTable = false;
            if (PeekParenKeyword("table"))
            {
                position += 2;
                table = ParseIndex(tables);
                Expect(TokenKind.RParen);
                hasTable = true;
            }
            else if (Peek().Kind == TokenKind.Integer)
            {
                // MVP form: (elem 0 (offset ...) ...).
                table = ParseIndex(tables);
                hasTable = true;
            }

            offset = TryParseOffset();
            if (offset is not null)
            {
                mode = ElementMode.Active;
            }
            else if (hasTable)
            {
                throw Unexpected(Peek());
            }
        }

        byte type = FuncRef;
        var items = new List<ElementItem>();
        if (PeekKeyword("func"))
        {
            position++;
            while (PeekIndex())
            {
                items.Add(ElementItem.Function(ParseIndex(functions)));
            }
        }
        else if (PeekValueType())
        {
            type = ParseReferenceType();
            ParseElementExpressions(items);
        }
        else if (mode == ElementMode.Active)
        {
            // Legacy abbreviation: (elem (offset) funcidx*).
            while (PeekIndex())
            {
                items.Add(ElementItem.Function(ParseIndex(functions)));
            }
        }
        else
        {
            throw Unexpected(Peek());
        }

        Expect(TokenKind.RParen);
        EmitElementSegment(mode, table, offset, type, items);
    }

    /// <summary><c>(item instr*)</c> or single folded instructions, until the closing parenthesis.</summary>
    private void ParseElementExpressions(List<ElementItem> items)
    {
        while (Peek().Kind == TokenKind.LParen)
        {
            var expression = new ByteBuffer(8);
            if (PeekParenKeyword("item"))
            {
                position += 2;
                ParseInstructions(expression, FunctionContext.ConstantExpression);
                Expect(TokenKind.RParen);
            }
            else
            {
                ParseFoldedInstruction(expression, FunctionContext.ConstantExpression);
            }

            expression.Byte(0x0B);
            items.Add(new ElementItem(0, expression.ToArray()));
        }
    }

    private void EmitElementSegment(ElementMode mode, uint table, ByteBuffer? offset, byte type, List<ElementItem> items)
    {
        elementCount++;
        bool allFunctions = type == FuncRef;
        var indices = new uint[items.Count];
        for (int i = 0; i < items.Count && allFunctions; i++)
        {
            if (items[i].Expression is byte[] expression)
            {
                if (TryDecodeRefFunc(expression, out uint function))
                {
                    indices[i] = function;
                }
                else
                {
                    allFunctions = false;
                }
            }
            else
            {
                indices[i] = items[i].FunctionIndex;
            }
        }

        int flags = mode switch
        {
            ElementMode.Passive => 1,
            ElementMode.Declarative => 3,
            _ => type != FuncRef || table != 0 ? 2 : 0,
        };
        if (!allFunctions)
        {
            flags |= 4;
        }

        elementSection.Byte((byte)flags);
        if (mode == ElementMode.Active)
        {
            if ((flags & 2) != 0)
            {
                elementSection.U32(table);
            }

            elementSection.Bytes(offset!.Span);
        }

        if ((flags & 3) != 0)
        {
            elementSection.Byte(allFunctions ? (byte)0x00 : type);
        }

        elementSection.U32((uint)items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (allFunctions)
            {
                elementSection.U32(indices[i]);
            }
            else if (items[i].Expression is byte[] expression)
            {
                elementSection.Bytes(expression);
            }
            else
            {
                elementSection.Byte(0xD2);
                elementSection.U32(items[i].FunctionIndex);
                elementSection.Byte(0x0B);
            }
        }
    }

    /// <summary>Recognises the expression <c>ref.func x end</c>.</summary>
    private static bool TryDecodeRefFunc(byte[] expression, out uint function)
    {
        function = 0;
        if (expression.Length < 3 || expression[0] != 0xD2 || expression[^1] != 0x0B)
        {
            return false;
        }

        int shift = 0;
        int i = 1;
        while (i < expression.Length - 1)
        {
            byte b = expression[i++];
            function |= (uint)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                return i == expression.Length - 1;
            }
        }

        return false;
    }

    // ---------------------------------------------------------------- encoding

    private byte[] Encode()
    {
        var module = new ByteBuffer(1024);
        module.Bytes([0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00]);

        if (types.Count > 0)
        {
            var section = new ByteBuffer();
            section.U32((uint)types.Count);
            foreach (var type in types)
            {
                section.Byte(0x60);
                section.Vector(type.Parameters);
                section.Vector(type.Results);
            }

            EmitSection(module, 1, section);
        }

        EmitSection(module, 2, importCount, importSection);
        EmitSection(module, 3, definedFunctionCount, functionSection);
        EmitSection(module, 4, definedTableCount, tableSection);
        EmitSection(module, 5, definedMemoryCount, memorySection);
        EmitSection(module, 6, definedGlobalCount, globalSection);
        EmitSection(module, 7, exportCount, exportSection);
        if (startFunction is uint start)
        {
            var section = new ByteBuffer(8);
            section.U32(start);
            EmitSection(module, 8, section);
        }

        EmitSection(module, 9, elementCount, elementSection);
        if (usesDataCount && dataCount > 0)
        {
            var section = new ByteBuffer(8);
            section.U32((uint)dataCount);
            EmitSection(module, 12, section);
        }

        EmitSection(module, 10, definedFunctionCount, codeSection);
        EmitSection(module, 11, dataCount, dataSection);
        if (options.EmitNameSection)
        {
            EmitNameSection(module);
        }

        return module.ToArray();
    }

    private static void EmitSection(ByteBuffer module, byte id, int count, ByteBuffer entries)
    {
        if (count == 0)
        {
            return;
        }

        var section = new ByteBuffer(entries.Length + 5);
        section.U32((uint)count);
        section.Bytes(entries.Span);
        EmitSection(module, id, section);
    }

    private static void EmitSection(ByteBuffer module, byte id, ByteBuffer contents)
    {
        module.Byte(id);
        module.Sized(contents);
    }

    private void EmitNameSection(ByteBuffer module)
    {
        var section = new ByteBuffer();
        section.Vector("name"u8);
        if (moduleName is not null)
        {
            var sub = new ByteBuffer();
            sub.Vector(Encoding.UTF8.GetBytes(moduleName[1..]));
            section.Byte(0);
            section.Sized(sub);
        }

        var functionNames = new ByteBuffer();
        int named = 0;
        for (int i = 0; i < functions.NamesByIndex.Count; i++)
        {
            if (functions.NamesByIndex[i] is string name)
            {
                functionNames.U32((uint)i);
                functionNames.Vector(Encoding.UTF8.GetBytes(name[1..]));
                named++;
            }
        }

        if (named > 0)
        {
            var sub = new ByteBuffer();
            sub.U32((uint)named);
            sub.Bytes(functionNames.Span);
            section.Byte(1);
            section.Sized(sub);
        }

        var localSub = new ByteBuffer();
        int functionsWithLocals = 0;
        for (int f = 0; f < localNames.Count; f++)
        {
            var names = localNames[f];
            int count = 0;
            var entries = new ByteBuffer();
            for (int i = 0; i < names.Count; i++)
            {
                if (names[i] is string name)
                {
                    entries.U32((uint)i);
                    entries.Vector(Encoding.UTF8.GetBytes(name[1..]));
                    count++;
                }
            }

            if (count > 0)
            {
                localSub.U32((uint)f);
                localSub.U32((uint)count);
                localSub.Bytes(entries.Span);
                functionsWithLocals++;
            }
        }

        if (functionsWithLocals > 0)
        {
            var sub = new ByteBuffer();
            sub.U32((uint)functionsWithLocals);
            sub.Bytes(localSub.Span);
            section.Byte(2);
            section.Sized(sub);
        }

        EmitSection(module, 0, section);
    }
}

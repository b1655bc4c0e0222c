using System.Text;

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>Token-level helpers of the module parser.</summary>
internal sealed partial class ModuleParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Token Peek(int ahead = 0)
    {
        int index = Math.Min(position + ahead, tokens.Count - 1);
        Token token = tokens[index];
        if (token.Kind == TokenKind.Reserved)
        {
            throw TextError.At(token.Start, "unknown operator");
        }

        return token;
    }

    private Token Next()
    {
        Token token = Peek();
        if (token.Kind != TokenKind.EndOfFile)
        {
            position++;
        }

        return token;
    }

    private ReadOnlySpan<char> TextOf(Token token) => text.AsSpan(token.Start, token.Length);

    private bool IsKeyword(Token token, string keyword) =>
        token.Kind == TokenKind.Keyword && TextOf(token).SequenceEqual(keyword);

    private bool PeekKeyword(string keyword) => IsKeyword(Peek(), keyword);

    /// <summary>True when the next tokens are <c>( keyword</c>.</summary>
    private bool PeekParenKeyword(string keyword) => Peek().Kind == TokenKind.LParen && IsKeyword(Peek(1), keyword);

    private static WasmModuleException Unexpected(Token token) =>
        token.Kind == TokenKind.EndOfFile
            ? TextError.At(token.Start, "unexpected end of input")
            : TextError.At(token.Start, "unexpected token");

    private Token Expect(TokenKind kind)
    {
        Token token = Peek();
        if (token.Kind != kind)
        {
            throw Unexpected(token);
        }

        position++;
        return token;
    }

    private void ExpectKeyword(string keyword)
    {
        Token token = Peek();
        if (!IsKeyword(token, keyword))
        {
            throw Unexpected(token);
        }

        position++;
    }

    private void ExpectParenKeyword(string keyword)
    {
        Expect(TokenKind.LParen);
        ExpectKeyword(keyword);
    }

    private string? TryId()
    {
        Token token = Peek();
        if (token.Kind != TokenKind.Id)
        {
            return null;
        }

        position++;
        return TextOf(token).ToString();
    }

    /// <summary>Skips tokens up to and including the parenthesis that closes the current one.</summary>
    private void SkipToClose()
    {
        int depth = 1;
        while (true)
        {
            Token token = tokens[position];
            if (token.Kind == TokenKind.EndOfFile)
            {
                throw Unexpected(token);
            }

            position++;
            if (token.Kind == TokenKind.LParen)
            {
                depth++;
            }
            else if (token.Kind == TokenKind.RParen && --depth == 0)
            {
                return;
            }
        }
    }

    /// <summary>The bytes of a string literal token, escapes decoded.</summary>
    private byte[] StringBytes(Token token)
    {
        var bytes = new List<byte>(token.Length);
        AppendStringBytes(token, bytes);
        return [.. bytes];
    }

    private void AppendStringBytes(Token token, List<byte> bytes)
    {
        var s = TextOf(token);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 1; i < s.Length - 1; i++)
        {
            char c = s[i];
            if (c != '\\')
            {
                int codePoint = c;
                if (char.IsHighSurrogate(c) && i + 2 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    codePoint = char.ConvertToUtf32(c, s[i + 1]);
                    i++;
                }
                else if (char.IsSurrogate(c))
                {
                    throw TextError.At(token.Start + i, "malformed UTF-8 encoding");
                }

                int n = new Rune(codePoint).EncodeToUtf8(utf8);
                for (int k = 0; k < n; k++)
                {
                    bytes.Add(utf8[k]);
                }

                continue;
            }

            int escapeAt = token.Start + i;
            i++;
            c = s[i];
            switch (c)
            {
                case 't': bytes.Add((byte)'\t'); break;
                case 'n': bytes.Add((byte)'\n'); break;
                case 'r': bytes.Add((byte)'\r'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case 'u':
                    {
                        int close = s[i..].IndexOf('}');
                        if (i + 1 >= s.Length || s[i + 1] != '{' || close < 0)
                        {
                            throw TextError.At(escapeAt, "illegal escape");
                        }

                        var hex = s.Slice(i + 2, close - 2);
                        if (NumberLiterals.Classify(("0x" + hex.ToString()).AsSpan()) != NumberShape.Integer ||
                            !NumberLiterals.TryParseInteger(("0x" + hex.ToString()).AsSpan(), out _, out _, out ulong value) ||
                            value > 0x10FFFF || value is >= 0xD800 and < 0xE000)
                        {
                            throw TextError.At(escapeAt, "illegal escape");
                        }

                        int n = new Rune((int)value).EncodeToUtf8(utf8);
                        for (int k = 0; k < n; k++)
                        {
                            bytes.Add(utf8[k]);
                        }

                        i += close;
                        break;
                    }

                default:
                    if (IsHex(c) && i + 1 < s.Length - 1 && IsHex(s[i + 1]))
                    {
                        bytes.Add((byte)((HexValue(c) << 4) | HexValue(s[i + 1])));
                        i++;
                        break;
                    }

                    throw TextError.At(escapeAt, "illegal escape");
            }
        }
    }

    private static bool IsHex(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>A string used as a name: its bytes must be valid UTF-8.</summary>
    private byte[] ParseName()
    {
        Token token = Expect(TokenKind.String);
        byte[] bytes = StringBytes(token);
        try
        {
            _ = StrictUtf8.GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw TextError.At(token.Start, "malformed UTF-8 encoding");
        }

        return bytes;
    }

    /// <summary>Concatenated string literals up to the closing parenthesis.</summary>
    private byte[] ParseStrings()
    {
        var bytes = new List<byte>();
        while (Peek().Kind == TokenKind.String)
        {
            AppendStringBytes(Next(), bytes);
        }

        return [.. bytes];
    }

    private uint ParseU32(string rangeReason)
    {
        Token token = Peek();
        if (token.Kind != TokenKind.Integer || TextOf(token)[0] is '+' or '-')
        {
            throw Unexpected(token);
        }

        position++;
        return ParseU32Text(TextOf(token), token.Start, rangeReason);
    }

    private static uint ParseU32Text(ReadOnlySpan<char> digits, int offset, string rangeReason)
    {
        if (!NumberLiterals.TryParseInteger(digits, out _, out _, out ulong value) || value > uint.MaxValue)
        {
            throw TextError.At(offset, rangeReason);
        }

        return (uint)value;
    }

    private bool PeekIndex()
    {
        var kind = Peek().Kind;
        return kind == TokenKind.Id || (kind == TokenKind.Integer && TextOf(Peek())[0] is not ('+' or '-'));
    }

    /// <summary>An index into <paramref name="space"/>: a number or a symbolic id.</summary>
    private uint ParseIndex(IndexSpace space)
    {
        Token token = Peek();
        if (token.Kind == TokenKind.Id)
        {
            position++;
            if (!space.TryGet(TextOf(token).ToString(), out int index))
            {
                throw TextError.At(token.Start, space.UnknownReason);
            }

            return (uint)index;
        }

        return ParseU32("i32 constant");
    }
}

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>
/// Splits text-format source into tokens. Comments and white space are dropped; a run of
/// characters that is not a well-formed keyword, id, number or string becomes a
/// <see cref="TokenKind.Reserved"/> token, reported ("unknown operator") only when the parser
/// reaches it, like the reference interpreter's lazy lexer.
/// </summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>(text.Length / 3);
        int i = 0;
        while (true)
        {
            i = SkipTrivia(text, i);
            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.EndOfFile, text.Length, 0));
                return tokens;
            }

            char c = text[i];
            if (c == '(')
            {
                tokens.Add(new Token(TokenKind.LParen, i, 1));
                i++;
                continue;
            }

            if (c == ')')
            {
                tokens.Add(new Token(TokenKind.RParen, i, 1));
                i++;
                continue;
            }

            int start = i;
            int strings = 0;
            bool allIdChars = true;
            while (i < text.Length)
            {
                c = text[i];
                if (c is ' ' or '\t' or '\n' or '\r' or '(' or ')')
                {
                    break;
                }

                if (c == ';' && i + 1 < text.Length && text[i + 1] == ';')
                {
                    break;
                }

                if (c == '"')
                {
                    i = ScanString(text, i);
                    strings++;
                    continue;
                }

                if (!IsIdChar(c))
                {
                    allIdChars = false;
                }

                i++;
            }

            tokens.Add(new Token(Classify(text.AsSpan(start, i - start), strings, allIdChars), start, i - start));
        }
    }

    private static TokenKind Classify(ReadOnlySpan<char> s, int strings, bool allIdChars)
    {
        if (strings > 0)
        {
            // A lone string literal is a string; a string glued to anything else is reserved.
            return strings == 1 && s[0] == '"' && s[^1] == '"' && allIdChars ? TokenKind.String : TokenKind.Reserved;
        }

        if (!allIdChars)
        {
            return TokenKind.Reserved;
        }

        if (s[0] == '$')
        {
            return s.Length > 1 ? TokenKind.Id : TokenKind.Reserved;
        }

        switch (NumberLiterals.Classify(s))
        {
            case NumberShape.Integer:
                return TokenKind.Integer;
            case NumberShape.Float:
                return TokenKind.Float;
        }

        return s[0] is >= 'a' and <= 'z' ? TokenKind.Keyword : TokenKind.Reserved;
    }

    /// <summary>Returns the index just after the closing quote of the string starting at <paramref name="i"/>.</summary>
    private static int ScanString(string text, int i)
    {
        int start = i;
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw TextError.At(start, "unclosed string");
            }

            char c = text[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c < 0x20 || c == 0x7F)
            {
                throw TextError.At(i, "illegal control character");
            }

            i++;
        }
    }

    private static int SkipTrivia(string text, int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }
            else if (c == ';' && i + 1 < text.Length && text[i + 1] == ';')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '(' && i + 1 < text.Length && text[i + 1] == ';')
            {
                i = SkipBlockComment(text, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static int SkipBlockComment(string text, int i)
    {
        int start = i;
        int depth = 0;
        while (i < text.Length)
        {
            if (text[i] == '(' && i + 1 < text.Length && text[i + 1] == ';')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == ';' && i + 1 < text.Length && text[i + 1] == ')')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        throw TextError.At(start, "unclosed comment");
    }

    public static bool IsIdChar(char c) =>
        c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '/'
            or ':' or '<' or '=' or '>' or '?' or '@' or '\\' or '^' or '_' or '`' or '|' or '~';
}

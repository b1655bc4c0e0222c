using ReactorHost.Wasm.Text.Parsing;

namespace ReactorHost.Wasm.Text.Tests;

public class LexerTests
{
    private static List<(TokenKind Kind, string Text)> Lex(string text) =>
        Lexer.Tokenize(text).Select(t => (t.Kind, text.Substring(t.Start, t.Length))).ToList();

    [Fact]
    public void ClassifiesTokens()
    {
        var tokens = Lex("(module $m \"s\\\"tr\" 0x1F -1.5e3 inf -nan nan:0x1 i32.add offset=8)");
        Assert.Equal(
            [
                (TokenKind.LParen, "("), (TokenKind.Keyword, "module"), (TokenKind.Id, "$m"),
                (TokenKind.String, "\"s\\\"tr\""), (TokenKind.Integer, "0x1F"), (TokenKind.Float, "-1.5e3"),
                (TokenKind.Float, "inf"), (TokenKind.Float, "-nan"), (TokenKind.Float, "nan:0x1"),
                (TokenKind.Keyword, "i32.add"), (TokenKind.Keyword, "offset=8"), (TokenKind.RParen, ")"),
                (TokenKind.EndOfFile, ""),
            ],
            tokens);
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("1x")]
    [InlineData("0xg")]
    [InlineData(".0")]
    [InlineData("0e")]
    [InlineData("0x0p+")]
    [InlineData("_100")]
    [InlineData("1__000")]
    [InlineData("1_.0")]
    [InlineData("0x_1")]
    [InlineData("\"a\"x")]
    [InlineData("\"a\"\"b\"")]
    [InlineData("0\"a\"")]
    [InlineData("$l\"a\"")]
    [InlineData("$")]
    [InlineData("0drop")]
    [InlineData("0$l")]
    [InlineData("{")]
    public void GluedOrMalformedRunsAreReserved(string text)
    {
        var tokens = Lex(text);
        Assert.Equal(TokenKind.Reserved, tokens[0].Kind);
        Assert.Equal(text, tokens[0].Text);
    }

    [Fact]
    public void SkipsLineAndNestedBlockComments()
    {
        var tokens = Lex("a ;; line ( comment\n(; outer (; inner ;) still ;) b(;x;)c");
        Assert.Equal(["a", "b", "c", ""], tokens.Select(t => t.Text));
    }

    [Fact]
    public void UnclosedBlockCommentIsMalformed()
    {
        var e = Assert.Throws<WasmModuleException>(() => Lexer.Tokenize("(func) (; (; ;)"));
        Assert.True(e.IsMalformed);
        Assert.Equal(7, e.Offset);
    }

    [Fact]
    public void UnclosedStringIsMalformed()
    {
        var e = Assert.Throws<WasmModuleException>(() => Lexer.Tokenize("(data \"abc"));
        Assert.Equal("unclosed string", e.Reason);
    }

    [Fact]
    public void ControlCharacterInStringIsMalformed()
    {
        var e = Assert.Throws<WasmModuleException>(() => Lexer.Tokenize("\"a\tb\""));
        Assert.Equal("illegal control character", e.Reason);
    }

    [Theory]
    [InlineData("1", "Integer")]
    [InlineData("+1_000", "Integer")]
    [InlineData("-0xDEAD_beef", "Integer")]
    [InlineData("1.", "Float")]
    [InlineData("1.e5", "Float")]
    [InlineData("1.5E-5", "Float")]
    [InlineData("0x1.", "Float")]
    [InlineData("0x1.8p-3", "Float")]
    [InlineData("0x1P+3", "Float")]
    [InlineData("+inf", "Float")]
    [InlineData("nan:0x7f_ffff", "Float")]
    [InlineData("nan:1", "None")]
    [InlineData("nan:0x", "None")]
    [InlineData("1e1_", "None")]
    [InlineData("0x1p_1", "None")]
    [InlineData("infinity", "None")]
    public void RecognisesNumberShapes(string text, string expected) =>
        Assert.Equal(expected, NumberLiterals.Classify(text).ToString());
}

namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>The lexical class of a token of the text format.</summary>
internal enum TokenKind : byte
{
    LParen,
    RParen,

    /// <summary>A keyword: starts with a lower-case letter (may still be an unknown operator).</summary>
    Keyword,

    /// <summary><c>$name</c>.</summary>
    Id,

    /// <summary>A string literal <c>"..."</c>.</summary>
    String,

    /// <summary>An integer literal (also a valid float literal).</summary>
    Integer,

    /// <summary>A float-only literal (has a fraction, exponent, <c>inf</c> or <c>nan</c>).</summary>
    Float,

    /// <summary>Anything else that is not separated properly, e.g. <c>0x</c>, <c>1x</c>, <c>"a"b</c>.</summary>
    Reserved,

    EndOfFile,
}

/// <summary>One token: its class and its span in the source text.</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int Length)
{
    public int End => Start + Length;
}

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>A disagreement in wording or error class on a command that otherwise passed.</summary>
/// <param name="Line">Line in the <c>.wast</c> source.</param>
/// <param name="CommandType">The command's type.</param>
/// <param name="Kind">What disagreed.</param>
/// <param name="Message">Expected vs actual.</param>
public sealed record SpecWarning(int Line, string CommandType, SpecWarningKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"line {Line} {CommandType}: {Kind}: {Message}";
}

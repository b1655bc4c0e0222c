namespace ReactorHost.Wasm.SpecTesting;

/// <summary>The outcome of one command.</summary>
/// <param name="Line">Line in the <c>.wast</c> source.</param>
/// <param name="CommandType">The command's type (e.g. <c>assert_return</c>).</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Reason">Why it failed or was skipped (expected vs actual); null when passed.</param>
/// <param name="Elapsed">How long the command took.</param>
public sealed record SpecCommandResult(int Line, string CommandType, SpecOutcome Outcome, string? Reason, TimeSpan Elapsed)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Reason is null ? $"line {Line} {CommandType}: {Outcome}" : $"line {Line} {CommandType}: {Outcome}: {Reason}";
}

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>How a command ended.</summary>
public enum SpecOutcome
{
    /// <summary>The engine behaved as the script expects.</summary>
    Passed,

    /// <summary>The engine behaved differently (see the reason).</summary>
    Failed,

    /// <summary>The command was not checked (see the reason), e.g. it needs an unsupported feature.</summary>
    Skipped,
}

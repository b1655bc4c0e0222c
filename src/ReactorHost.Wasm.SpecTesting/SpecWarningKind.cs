namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Kinds of disagreements that do not fail a command.</summary>
public enum SpecWarningKind
{
    /// <summary>A trap happened as expected but its description differs from the script's text.</summary>
    TrapMessage,

    /// <summary>A module was rejected as expected, but as invalid where the script says malformed or vice versa.</summary>
    MalformedVersusInvalid,

    /// <summary>A module was rejected as expected but the reason differs from the script's text.</summary>
    ModuleErrorMessage,

    /// <summary>A module failed to link as expected but the reason differs from the script's text.</summary>
    LinkErrorMessage,
}

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>What an action does.</summary>
public enum SpecActionKind
{
    /// <summary>Call an exported function.</summary>
    Invoke,

    /// <summary>Read an exported global.</summary>
    Get,
}

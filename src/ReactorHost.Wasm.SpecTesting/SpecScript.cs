namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Placeholder until the spec runner lands.</summary>
internal static class SpecScript
{
}

namespace ReactorHost.Wasm.Text;

/// <summary>Placeholder until the WAT parser lands.</summary>
internal static class TextFormat
{
}

namespace ReactorHost.Wasm.Model;

/// <summary>A custom section, kept verbatim.</summary>
/// <param name="Name">The section name.</param>
/// <param name="Content">The payload after the name.</param>
internal sealed record CustomSection(string Name, ReadOnlyMemory<byte> Content);

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Thrown by runner code (never by the engine) when a command cannot be checked.</summary>
internal sealed class CommandSkippedException(string reason) : Exception(reason);

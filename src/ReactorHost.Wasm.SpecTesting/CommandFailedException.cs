namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Thrown by runner code (never by the engine) when a command fails before reaching the engine.</summary>
internal sealed class CommandFailedException(string reason) : Exception(reason);

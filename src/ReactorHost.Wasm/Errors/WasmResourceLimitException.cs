namespace ReactorHost.Wasm;

/// <summary>
/// Instantiation failed because the module asks for more than this engine allows or the machine
/// can provide: a memory whose initial size exceeds <see cref="EngineOptions.MaxMemoryBytes"/>, a
/// table larger than the engine's element cap, or address space that cannot be reserved. The
/// module itself is valid; it cannot run under the current limits.
/// </summary>
public sealed class WasmResourceLimitException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmResourceLimitException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

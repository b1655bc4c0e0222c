namespace ReactorHost.Wasm;

/// <summary>Base class of every error the engine reports about a module or its execution.</summary>
public abstract class WasmException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected WasmException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

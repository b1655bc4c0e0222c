namespace ReactorHost.Wasm;

/// <summary>A global variable.</summary>
public sealed class Global
{
    /// <summary>Creates a global (e.g. to define an import).</summary>
    public Global(ValueKind kind, bool mutable, WasmValue initialValue) => throw new NotImplementedException("back-end helper");

    /// <summary>The global's type.</summary>
    public GlobalType Type => throw new NotImplementedException();

    /// <summary>The current value. Setting an immutable global throws <see cref="InvalidOperationException"/>.</summary>
    public WasmValue Value
    {
        get => throw new NotImplementedException();
        set => throw new NotImplementedException();
    }
}

namespace ReactorHost.Wasm;

/// <summary>
/// Compiles and runs WebAssembly modules. Holds configuration shared by every module loaded with it.
/// Thread-safe.
/// </summary>
public sealed class Engine : IDisposable
{
    /// <summary>Creates an engine with default options.</summary>
    public Engine()
        : this(new EngineOptions())
    {
    }

    /// <summary>Creates an engine with <paramref name="options"/>.</summary>
    public Engine(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options this engine was created with.</summary>
    public EngineOptions Options { get; }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

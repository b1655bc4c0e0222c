namespace ReactorHost.Wasm;

/// <summary>
/// Instantiation failed before any code ran because an import could not be resolved: it is
/// missing ("unknown import") or has the wrong kind or type ("incompatible import type").
/// </summary>
public sealed class WasmLinkException : WasmException
{
    /// <summary>Creates the exception.</summary>
    public WasmLinkException(string moduleName, string name, string reason)
        : base($"import \"{moduleName}\" \"{name}\": {reason}")
    {
        ModuleName = moduleName;
        Name = name;
        Reason = reason;
    }

    /// <summary>Module name of the failing import.</summary>
    public string ModuleName { get; }

    /// <summary>Field name of the failing import.</summary>
    public string Name { get; }

    /// <summary>Why the import failed, e.g. "unknown import" or "incompatible import type".</summary>
    public string Reason { get; }
}

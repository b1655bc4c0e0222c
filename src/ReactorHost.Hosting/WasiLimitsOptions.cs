namespace ReactorHost.Hosting;

/// <summary>Resource limits of one guest. Unset values keep the engine's and WASI layer's defaults.</summary>
public sealed class WasiLimitsOptions
{
    /// <summary>Upper bound on the guest's linear memory in bytes (<c>memory.grow</c> beyond it fails). Default 4 GiB.</summary>
    public long? MaxMemoryBytes { get; set; }

    /// <summary>Stack space wasm code may use before it traps with stack exhaustion. Default 512 KiB.</summary>
    public int? MaxStackBytes { get; set; }

    /// <summary>Stack size of the dedicated guest thread; must exceed <see cref="MaxStackBytes"/> with room for host code. Default 16 MiB.</summary>
    public int? GuestThreadStackBytes { get; set; }

    /// <summary>Most files the guest may hold open. Default 65536.</summary>
    public int? MaxOpenFiles { get; set; }
}

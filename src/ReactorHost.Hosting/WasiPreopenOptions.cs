namespace ReactorHost.Hosting;

/// <summary>A host directory the guest finds preopened under <see cref="GuestPath"/>.</summary>
public sealed class WasiPreopenOptions
{
    /// <summary>The host directory (relative paths resolve against the host's content root). Must exist.</summary>
    public string? HostPath { get; set; }

    /// <summary>The guest's name for it, e.g. <c>/data</c>. Default: <c>/</c>.</summary>
    public string GuestPath { get; set; } = "/";
}

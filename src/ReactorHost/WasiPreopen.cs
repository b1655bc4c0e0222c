using ReactorHost.Wasi.FileSystem;

namespace ReactorHost;

/// <summary>A directory the guest finds preopened: <see cref="Directory"/> known to the guest as <see cref="GuestPath"/>.</summary>
/// <param name="GuestPath">The guest's name for it (e.g. <c>/</c>, <c>/data</c>, <c>.</c>).</param>
/// <param name="Directory">The capability (a <see cref="HostDirectory"/>, an in-memory directory...).</param>
public sealed record WasiPreopen(string GuestPath, WasiDirectory Directory)
{
    /// <summary>A host directory mapped to <paramref name="guestPath"/>.</summary>
    public static WasiPreopen Host(string hostPath, string guestPath) => new(guestPath, new HostDirectory(hostPath));
}

namespace ReactorHost.Wasi.FileSystem;

/// <summary>One guest fd: the open file and the rights this fd grants.</summary>
/// <param name="File">The open file description.</param>
/// <param name="RightsBase">Rights for operations on this fd.</param>
/// <param name="RightsInheriting">Rights that fds opened through this one may have.</param>
/// <param name="PreopenName">For preopened directories, the guest path it is known by.</param>
public sealed record WasiFdEntry(WasiFile File, Rights RightsBase, Rights RightsInheriting, string? PreopenName = null)
{
    /// <summary>Rights for operations on this fd (narrowed by fd_fdstat_set_rights).</summary>
    public Rights RightsBase { get; set; } = RightsBase;

    /// <summary>Rights inherited by fds opened through this one.</summary>
    public Rights RightsInheriting { get; set; } = RightsInheriting;

    /// <summary>Readdir position: the listing being paged through and its cookie base.</summary>
    internal IReadOnlyList<WasiDirectoryEntry>? Listing { get; set; }
}

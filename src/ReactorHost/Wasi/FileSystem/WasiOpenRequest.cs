namespace ReactorHost.Wasi.FileSystem;

/// <summary>What <c>path_open</c> asks of a <see cref="WasiDirectory"/>.</summary>
/// <param name="Path">The path, relative to the directory.</param>
/// <param name="FollowSymlinks">Whether a symbolic link as the last component is followed.</param>
/// <param name="OpenFlags">Create / directory / exclusive / truncate.</param>
/// <param name="FdFlags">Append, sync... for the new file description.</param>
/// <param name="Read">The new fd may read.</param>
/// <param name="Write">The new fd may write.</param>
public readonly record struct WasiOpenRequest(string Path, bool FollowSymlinks, OFlags OpenFlags, FdFlags FdFlags, bool Read, bool Write);

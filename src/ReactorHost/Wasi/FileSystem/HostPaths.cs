using System.Text;

namespace ReactorHost.Wasi.FileSystem;

/// <summary>What a host path names, without following a final symbolic link.</summary>
internal enum HostEntryKind
{
    Missing,
    File,
    Directory,
    Symlink,
}

/// <summary>The outcome of resolving a guest path inside a host directory capability.</summary>
internal readonly record struct HostResolution(string HostPath, HostEntryKind Kind, bool TrailingSlash, bool IsRoot)
{
    /// <summary>The host path with the guest's trailing slash kept, for libc calls whose errno depends on it (link, symlink, rename).</summary>
    public string HostPathAsGiven => TrailingSlash ? HostPath + "/" : HostPath;
}

/// <summary>
/// Host disk helpers: capability-safe path resolution (component by component, symbolic links
/// expanded by hand and confined to the capability root), stat, and .NET exception → errno.
/// </summary>
internal static class HostPaths
{
    private const int MaxSymlinkExpansions = 32;
    private const long UnixEpochTicks = 621355968000000000L;

    public static HostEntryKind Probe(string hostPath)
    {
        if (LibC.HasStatx)
        {
            if (LibC.Stat(hostPath, followSymlinks: false, out var stat) != Errno.Success)
            {
                return HostEntryKind.Missing;
            }

            return stat.FileType switch
            {
                FileType.Directory => HostEntryKind.Directory,
                FileType.SymbolicLink => HostEntryKind.Symlink,
                _ => HostEntryKind.File,
            };
        }

        var info = new FileInfo(hostPath);
        if (!info.Exists && !Directory.Exists(hostPath))
        {
            // A dangling symbolic link exists as a link even though its target does not.
            return LinkTarget(info) is null ? HostEntryKind.Missing : HostEntryKind.Symlink;
        }

        if (info.Attributes.HasFlag(FileAttributes.ReparsePoint) && LinkTarget(info) is not null)
        {
            return HostEntryKind.Symlink;
        }

        return info.Attributes.HasFlag(FileAttributes.Directory) ? HostEntryKind.Directory : HostEntryKind.File;
    }

    public static string? LinkTarget(FileSystemInfo info)
    {
        try
        {
            return info.LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Resolves <paramref name="path"/> against <paramref name="root"/>. Each component is looked
    /// up on the host; <c>..</c> may not climb above the root; a symbolic link is expanded in place
    /// (absolute targets are refused) so a chain of links is confined like any other path.
    /// </summary>
    public static Errno Resolve(string root, string path, bool followFinal, out HostResolution resolution)
    {
        resolution = default;
        if (path.Length == 0)
        {
            return Errno.Noent;
        }

        if (path[0] == '/')
        {
            return Errno.Notcapable;
        }

        // "name/" and "name/." both insist that name is a directory.
        var trailingSlash = path[^1] == '/' || path.EndsWith("/.", StringComparison.Ordinal);
        var pending = new List<string>(path.Split('/'));
        var stack = new List<string>();
        var expansions = 0;
        var kind = HostEntryKind.Directory;
        while (pending.Count > 0)
        {
            var component = pending[0];
            pending.RemoveAt(0);
            var isLast = !HasMore(pending);
            if (component.Length == 0 || component == ".")
            {
                if (stack.Count == 0)
                {
                    kind = HostEntryKind.Directory;
                }
                else if (component == "." && kind != HostEntryKind.Directory)
                {
                    // "name/." names a directory: like Linux, a file there is ENOTDIR, a missing name ENOENT.
                    return kind == HostEntryKind.Missing ? Errno.Noent : Errno.Notdir;
                }

                continue;
            }

            if (component == "..")
            {
                if (stack.Count == 0)
                {
                    return Errno.Notcapable;
                }

                stack.RemoveAt(stack.Count - 1);
                kind = HostEntryKind.Directory;
                continue;
            }

            var candidate = Join(root, stack, component);
            kind = Probe(candidate);
            // A link followed by anything ("/", "/.", more components) is always expanded.
            if (kind == HostEntryKind.Symlink && (!isLast || followFinal || pending.Count > 0))
            {
                if (++expansions > MaxSymlinkExpansions)
                {
                    return Errno.Loop;
                }

                var target = LinkTarget(new FileInfo(candidate));
                if (string.IsNullOrEmpty(target))
                {
                    return Errno.Noent;
                }

                if (target[0] == '/')
                {
                    return Errno.Notcapable;
                }

                pending.InsertRange(0, target.Split('/'));
                continue;
            }

            if (!isLast)
            {
                if (kind == HostEntryKind.Missing)
                {
                    return Errno.Noent;
                }

                if (kind != HostEntryKind.Directory)
                {
                    return Errno.Notdir;
                }
            }

            stack.Add(component);
        }

        if (trailingSlash && kind == HostEntryKind.File)
        {
            return Errno.Notdir;
        }

        resolution = new HostResolution(Join(root, stack, null), kind, trailingSlash, stack.Count == 0);
        return Errno.Success;

        static bool HasMore(List<string> rest)
        {
            foreach (var c in rest)
            {
                if (c.Length != 0 && c != ".")
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static string Join(string root, List<string> stack, string? last)
    {
        var builder = new StringBuilder(root);
        foreach (var part in stack)
        {
            Append(builder, part);
        }

        if (last is not null)
        {
            Append(builder, last);
        }

        return builder.ToString();

        static void Append(StringBuilder builder, string part)
        {
            if (builder.Length == 0 || builder[^1] != '/')
            {
                builder.Append('/');
            }

            builder.Append(part);
        }
    }

    /// <summary>
    /// The inode number of <paramref name="hostPath"/> itself (not following a final link); where
    /// statx is unavailable, a stable hash of the path (FNV-1a), since .NET exposes no inode numbers.
    /// </summary>
    public static ulong Inode(string hostPath, bool followSymlinks = false)
    {
        if (LibC.HasStatx && LibC.Stat(hostPath, followSymlinks, out var stat) == Errno.Success)
        {
            return stat.Ino;
        }

        return PathHash(hostPath);
    }

    private static ulong PathHash(string hostPath)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in Path.TrimEndingDirectorySeparator(hostPath))
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    public static ulong ToTimestamp(DateTime utc) => utc.Ticks <= UnixEpochTicks ? 0 : (ulong)(utc.Ticks - UnixEpochTicks) * 100;

    public static DateTime FromTimestamp(ulong ns) => new DateTime(UnixEpochTicks + (long)(ns / 100), DateTimeKind.Utc);

    public static WasiResult<FileStat> Stat(string hostPath, HostEntryKind kind)
    {
        if (LibC.HasStatx)
        {
            // The resolved path names the entry itself: only a final link is not followed.
            var e = LibC.Stat(hostPath, followSymlinks: kind != HostEntryKind.Symlink, out var stat);
            return e == Errno.Success ? stat : e;
        }

        FileSystemInfo info = kind == HostEntryKind.Directory ? new DirectoryInfo(hostPath) : new FileInfo(hostPath);
        try
        {
            var stat = new FileStat
            {
                Dev = 1,
                Ino = PathHash(hostPath),
                NLink = 1,
                FileType = kind switch
                {
                    HostEntryKind.Directory => FileType.Directory,
                    HostEntryKind.Symlink => FileType.SymbolicLink,
                    _ => FileType.RegularFile,
                },
            };
            if (kind == HostEntryKind.Symlink)
            {
                stat.FileSize = (ulong)Encoding.UTF8.GetByteCount(LinkTarget(info) ?? string.Empty);
            }
            else if (info is FileInfo file)
            {
                stat.FileSize = (ulong)file.Length;
            }
            else
            {
                stat.FileSize = 4096;
            }

            stat.ATim = ToTimestamp(info.LastAccessTimeUtc);
            stat.MTim = ToTimestamp(info.LastWriteTimeUtc);
            stat.CTim = stat.MTim;
            return stat;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ToErrno(e);
        }
    }

    public static Errno ToErrno(Exception exception) => exception switch
    {
        FileNotFoundException or DirectoryNotFoundException => Errno.Noent,
        UnauthorizedAccessException => Errno.Acces,
        PathTooLongException => Errno.Nametoolong,
        IOException io when (io.HResult & 0xFFFF) is > 0 and < 200 => FromHostErrno(io.HResult & 0xFFFF),
        _ => Errno.Io,
    };

    /// <summary>Maps a Linux errno to WASI.</summary>
    public static Errno FromHostErrno(int errno) => errno switch
    {
        1 => Errno.Perm,
        2 => Errno.Noent,
        5 => Errno.Io,
        9 => Errno.Badf,
        13 => Errno.Acces,
        16 => Errno.Busy,
        17 => Errno.Exist,
        18 => Errno.Xdev,
        20 => Errno.Notdir,
        21 => Errno.Isdir,
        22 => Errno.Inval,
        24 => Errno.Mfile,
        27 => Errno.Fbig,
        28 => Errno.Nospc,
        30 => Errno.Rofs,
        31 => Errno.Mlink,
        32 => Errno.Pipe,
        36 => Errno.Nametoolong,
        39 => Errno.Notempty,
        40 => Errno.Loop,
        _ => Errno.Io,
    };
}

using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// The few POSIX calls .NET has no exact managed equivalent for (hard links; rename, unlink,
/// rmdir, mkdir and symlink with POSIX error semantics; on Linux also statx for real inode
/// numbers, link counts and nanosecond times, and utimensat/futimens to set times on a link
/// itself or through an open handle). Unix only.
/// </summary>
internal static partial class LibC
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7FF;

    // Linux values (utimensat(2)).
    private const long UtimeNow = (1L << 30) - 1;
    private const long UtimeOmit = (1L << 30) - 2;

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LinkNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UnlinkNative(string path);

    [LibraryImport("libc", EntryPoint = "rmdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RmdirNative(string path);

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int MkdirNative(string path, uint mode);

    [LibraryImport("libc", EntryPoint = "symlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SymlinkNative(string target, string linkPath);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int StatxNative(int dirFd, string path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int UtimensatNative(int dirFd, string path, in TimespecPair times, int flags);

    [LibraryImport("libc", EntryPoint = "futimens", SetLastError = true)]
    private static partial int FutimensNative(int fd, in TimespecPair times);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollFd fds, nuint count, int timeoutMilliseconds);

    /// <summary>
    /// Whether a read of host fd <paramref name="fd"/> would return at once (data, end of file or an
    /// error): poll(2) with a zero timeout. False when unknown (not Unix, or poll failed).
    /// </summary>
    public static bool IsReadableNow(int fd)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        // POLLIN; any of POLLIN, POLLERR, POLLHUP, POLLNVAL in revents means read(2) will not block.
        var entry = new PollFd { Fd = fd, Events = 0x1 };
        return PollNative(ref entry, 1, 0) == 1 && (entry.Revents & (0x1 | 0x8 | 0x10 | 0x20)) != 0;
    }

    public static Errno Link(string oldPath, string newPath) => Check(() => LinkNative(oldPath, newPath));

    public static Errno Rename(string oldPath, string newPath) => Check(() => RenameNative(oldPath, newPath));

    public static Errno Unlink(string path) => Check(() => UnlinkNative(path));

    public static Errno Rmdir(string path) => Check(() => RmdirNative(path));

    public static Errno Mkdir(string path) => Check(() => MkdirNative(path, 0x1FF));

    public static Errno Symlink(string target, string linkPath) => Check(() => SymlinkNative(target, linkPath));

    /// <summary>True where <see cref="Stat(string, bool, out FileStat)"/> and the time setters are available (Linux).</summary>
    public static bool HasStatx => OperatingSystem.IsLinux();

    /// <summary>stat/lstat of <paramref name="path"/> (Linux statx).</summary>
    public static Errno Stat(string path, bool followSymlinks, out FileStat stat)
    {
        var rc = StatxNative(AtFdCwd, path, followSymlinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var buffer);
        stat = rc == 0 ? buffer.ToFileStat() : default;
        return rc == 0 ? Errno.Success : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
    }

    /// <summary>fstat of an open handle (Linux statx with AT_EMPTY_PATH).</summary>
    public static Errno Stat(SafeFileHandle handle, out FileStat stat)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var rc = StatxNative((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath, StatxBasicStats, out var buffer);
            stat = rc == 0 ? buffer.ToFileStat() : default;
            return rc == 0 ? Errno.Success : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>utimensat: sets the times of <paramref name="path"/> (of a final link itself when not following).</summary>
    public static Errno SetTimes(string path, bool followSymlinks, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        var times = Times(accessTime, modificationTime, flags);
        return UtimensatNative(AtFdCwd, path, in times, followSymlinks ? 0 : AtSymlinkNoFollow) == 0
            ? Errno.Success
            : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
    }

    /// <summary>futimens: sets the times of the file behind <paramref name="handle"/> (wherever it has moved).</summary>
    public static Errno SetTimes(SafeFileHandle handle, ulong accessTime, ulong modificationTime, FstFlags flags)
    {
        var times = Times(accessTime, modificationTime, flags);
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return FutimensNative((int)handle.DangerousGetHandle(), in times) == 0
                ? Errno.Success
                : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static TimespecPair Times(ulong accessTime, ulong modificationTime, FstFlags flags) => new()
    {
        Access = Timespec.From(accessTime, (flags & FstFlags.AtimNow) != 0, (flags & (FstFlags.Atim | FstFlags.AtimNow)) == 0),
        Modification = Timespec.From(modificationTime, (flags & FstFlags.MtimNow) != 0, (flags & (FstFlags.Mtim | FstFlags.MtimNow)) == 0),
    };

    private static Errno Check(Func<int> call)
    {
        if (OperatingSystem.IsWindows())
        {
            return Errno.Nosys;
        }

        return call() == 0 ? Errno.Success : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>struct timespec on 64-bit Unix.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;

        public static Timespec From(ulong ns, bool now, bool omit) => new()
        {
            Seconds = now || omit ? 0 : (long)(ns / 1_000_000_000UL),
            Nanoseconds = now ? UtimeNow : omit ? UtimeOmit : (long)(ns % 1_000_000_000UL),
        };
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimespecPair
    {
        public Timespec Access;
        public Timespec Modification;
    }

    /// <summary>Linux struct statx (fixed layout on every architecture, 256 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(16)] public uint NLink;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(64)] public long ATimeSeconds;
        [FieldOffset(72)] public uint ATimeNanoseconds;
        [FieldOffset(96)] public long CTimeSeconds;
        [FieldOffset(104)] public uint CTimeNanoseconds;
        [FieldOffset(112)] public long MTimeSeconds;
        [FieldOffset(120)] public uint MTimeNanoseconds;
        [FieldOffset(136)] public uint DevMajor;
        [FieldOffset(140)] public uint DevMinor;

        public readonly FileStat ToFileStat() => new()
        {
            Dev = ((ulong)DevMajor << 32) | DevMinor,
            Ino = Ino,
            NLink = NLink,
            FileSize = Size,
            FileType = (Mode & 0xF000) switch
            {
                0x8000 => FileType.RegularFile,
                0x4000 => FileType.Directory,
                0xA000 => FileType.SymbolicLink,
                0x2000 => FileType.CharacterDevice,
                0x6000 => FileType.BlockDevice,
                0xC000 => FileType.SocketStream,
                _ => FileType.Unknown,
            },
            ATim = Nanoseconds(ATimeSeconds, ATimeNanoseconds),
            MTim = Nanoseconds(MTimeSeconds, MTimeNanoseconds),
            CTim = Nanoseconds(CTimeSeconds, CTimeNanoseconds),
        };

        private static ulong Nanoseconds(long seconds, uint nanoseconds) => seconds < 0 ? 0 : ((ulong)seconds * 1_000_000_000UL) + nanoseconds;
    }
}

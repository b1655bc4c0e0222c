using System.Runtime.InteropServices;

namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// The few POSIX calls .NET has no exact managed equivalent for (hard links; rename, unlink,
/// rmdir, mkdir and symlink with POSIX error semantics). Unix only.
/// </summary>
internal static partial class LibC
{
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

    public static Errno Link(string oldPath, string newPath) => Check(() => LinkNative(oldPath, newPath));

    public static Errno Rename(string oldPath, string newPath) => Check(() => RenameNative(oldPath, newPath));

    public static Errno Unlink(string path) => Check(() => UnlinkNative(path));

    public static Errno Rmdir(string path) => Check(() => RmdirNative(path));

    public static Errno Mkdir(string path) => Check(() => MkdirNative(path, 0x1FF));

    public static Errno Symlink(string target, string linkPath) => Check(() => SymlinkNative(target, linkPath));

    private static Errno Check(Func<int> call)
    {
        if (OperatingSystem.IsWindows())
        {
            return Errno.Nosys;
        }

        return call() == 0 ? Errno.Success : HostPaths.FromHostErrno(Marshal.GetLastPInvokeError());
    }
}

using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost;

/// <summary>
/// Where one of a guest's standard streams goes: the host process's own stream (inherit), nowhere,
/// or a .NET <see cref="System.IO.Stream"/> (capture to memory, a pipe, a socket...). The file type the
/// guest sees (and so its isatty) is the truth: a terminal is a character device, a redirected
/// stream is whatever the host fd really is, and a plain .NET stream is <see cref="FileType.Unknown"/>
/// unless stated otherwise.
/// </summary>
public sealed class WasiStdio
{
    private readonly Func<int, StreamFile> _open;

    private WasiStdio(Func<int, StreamFile> open) => _open = open;

    /// <summary>The host process's own stdin/stdout/stderr.</summary>
    public static WasiStdio Inherit { get; } = new(fd => new StreamFile(
        fd switch
        {
            0 => Console.OpenStandardInput(),
            // Not the console streams on Unix: they hide EPIPE (see HostFdOutputStream).
            1 => OperatingSystem.IsWindows() ? Console.OpenStandardOutput() : new HostFdOutputStream(1),
            _ => OperatingSystem.IsWindows() ? Console.OpenStandardError() : new HostFdOutputStream(2),
        },
        HostFileType(fd),
        ownsStream: true)
    {
        HostFd = fd == 0 ? 0 : null,
    });

    /// <summary>Reads see end of file; writes are discarded.</summary>
    public static WasiStdio Null { get; } = new(_ => new StreamFile(Stream.Null, FileType.CharacterDevice));

    /// <summary>A stream the caller owns (not disposed by the guest).</summary>
    public static WasiStdio FromStream(Stream stream, FileType fileType = FileType.Unknown)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(_ => new StreamFile(stream, fileType));
    }

    /// <summary>Creates the fd object for standard stream <paramref name="fd"/> (0, 1 or 2).</summary>
    internal StreamFile Open(int fd) => _open(fd);

    /// <summary>
    /// The type of the host's fd <paramref name="fd"/>: on Linux from the /proc/self/fd link
    /// (a terminal or /dev/null is a character device, a file a regular file, a pipe unknown);
    /// elsewhere a terminal when the console is not redirected.
    /// </summary>
    public static FileType HostFileType(int fd)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var target = new FileInfo($"/proc/self/fd/{fd}").LinkTarget;
                if (target is not null)
                {
                    if (target.StartsWith("socket:", StringComparison.Ordinal))
                    {
                        return FileType.SocketStream;
                    }

                    if (target.StartsWith("pipe:", StringComparison.Ordinal) || target.StartsWith("anon_inode:", StringComparison.Ordinal))
                    {
                        return FileType.Unknown;
                    }

                    if (target.StartsWith("/dev/", StringComparison.Ordinal) && !target.StartsWith("/dev/shm/", StringComparison.Ordinal))
                    {
                        return FileType.CharacterDevice;
                    }

                    if (Directory.Exists(target))
                    {
                        return FileType.Directory;
                    }

                    return File.Exists(target) ? FileType.RegularFile : FileType.Unknown;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        var redirected = fd switch
        {
            0 => Console.IsInputRedirected,
            1 => Console.IsOutputRedirected,
            _ => Console.IsErrorRedirected,
        };
        return redirected ? FileType.Unknown : FileType.CharacterDevice;
    }
}

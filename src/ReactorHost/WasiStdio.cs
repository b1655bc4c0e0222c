using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost;

/// <summary>
/// Where one of a guest's standard streams goes: the host process's own stream (inherit), nowhere,
/// or a .NET <see cref="System.IO.Stream"/> (capture to memory, a pipe, a socket...). The file type the
/// guest sees (and so its isatty) is the truth, as Wasmtime reports it: only a terminal is a
/// character device; a redirected stream, a plain .NET stream and <see cref="Null"/> are
/// <see cref="FileType.Unknown"/> unless stated otherwise.
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

    /// <summary>Reads see end of file; writes are discarded. Not a terminal: the guest sees an unknown file type.</summary>
    public static WasiStdio Null { get; } = new(_ => new StreamFile(Stream.Null, FileType.Unknown));

    /// <summary>A stream the caller owns (not disposed by the guest).</summary>
    public static WasiStdio FromStream(Stream stream, FileType fileType = FileType.Unknown)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new(_ => new StreamFile(stream, fileType));
    }

    /// <summary>Creates the fd object for standard stream <paramref name="fd"/> (0, 1 or 2).</summary>
    internal StreamFile Open(int fd) => _open(fd);

    /// <summary>
    /// The type the guest sees for the host's fd <paramref name="fd"/>, as Wasmtime reports it: a
    /// terminal is a character device (the guest's <c>isatty</c> is true), a socket a stream
    /// socket, anything else — a pipe, a redirected file, <c>/dev/null</c> — unknown. Only a real
    /// terminal may look like one: <c>/dev/null</c> is a character device too, and a guest told so
    /// believes it writes to a terminal (bzip2 then refuses to write compressed data).
    /// </summary>
    public static FileType HostFileType(int fd)
    {
        // On Unix, "redirected" is exactly "not a terminal" (isatty).
        var redirected = fd switch
        {
            0 => Console.IsInputRedirected,
            1 => Console.IsOutputRedirected,
            _ => Console.IsErrorRedirected,
        };
        if (!redirected)
        {
            return FileType.CharacterDevice;
        }

        if (OperatingSystem.IsLinux())
        {
            try
            {
                if (new FileInfo($"/proc/self/fd/{fd}").LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    return FileType.SocketStream;
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return FileType.Unknown;
    }
}

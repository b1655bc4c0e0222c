using System.Runtime.InteropServices;

namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A write-only stream over one of the host process's own output fds (1 or 2) that goes straight to
/// write(2) and reports its failures. .NET's console stream cannot serve a guest here: it swallows
/// EPIPE (a reader that went away looks like success, so <c>guest | head -1</c> never learns it should
/// stop, where Wasmtime's fd_write returns <see cref="Errno.Pipe"/>), and a FileStream on the fd
/// would track its own offset and pwrite there, clobbering output when stdout and stderr share one
/// file description (<c>&gt; log 2&gt;&amp;1</c>). Unix only (the runtime ignores SIGPIPE, so a
/// closed pipe is an EPIPE error, not a signal).
/// </summary>
internal sealed partial class HostFdOutputStream : Stream
{
    private const int Eintr = 4;
    private const int Eagain = 11;
    private const short PollOut = 0x004;

    private readonly int _fd;

    public HostFdOutputStream(int fd) => _fd = fd;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int PollNative(ref PollFd fds, nuint count, int timeoutMilliseconds);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            nint written;
            unsafe
            {
                fixed (byte* p = buffer)
                {
                    written = WriteNative(_fd, p, (nuint)buffer.Length);
                }
            }

            if (written >= 0)
            {
                buffer = buffer[(int)written..];
                continue;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr)
            {
                continue;
            }

            if (errno == Eagain)
            {
                // The fd was made non-blocking by someone sharing it (a terminal, a parent's pipe):
                // wait until it takes more, as a blocking write would.
                var poll = new PollFd { Fd = _fd, Events = PollOut };
                _ = PollNative(ref poll, 1, -1);
                continue;
            }

            // HResult carries the errno; HostPaths.ToErrno maps it to the WASI code.
            throw new IOException($"write to fd {_fd} failed (errno {errno})", errno);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

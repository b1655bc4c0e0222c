using System.Buffers.Binary;
using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasi.FileSystem.InMemory;

namespace ReactorHost.Tests.InMemory;

/// <summary>Helpers that drive in-memory directories and files the way the WASI handler does.</summary>
internal static class MemFs
{
    public static WasiOpenRequest Request(string path, OFlags oflags = OFlags.None, bool read = true, bool write = false, bool follow = true, FdFlags fdflags = FdFlags.None) =>
        new(path, follow, oflags, fdflags, read, write);

    public static WasiResult<WasiFile> Open(WasiDirectory dir, string path, OFlags oflags = OFlags.None, bool read = true, bool write = false, bool follow = true, FdFlags fdflags = FdFlags.None)
    {
        return Completed(dir.OpenAsync(Request(path, oflags, read, write, follow, fdflags), CancellationToken.None));
    }

    /// <summary>The result of an in-memory operation, which always completes synchronously.</summary>
    public static T Completed<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.GetAwaiter().GetResult();
    }

    public static InMemoryFile OpenFile(WasiDirectory dir, string path, OFlags oflags = OFlags.None, bool read = true, bool write = true, FdFlags fdflags = FdFlags.None)
    {
        var result = Open(dir, path, oflags, read, write, true, fdflags);
        Assert.Equal(Errno.Success, result.Errno);
        return Assert.IsType<InMemoryFile>(result.Value);
    }

    public static Errno OpenErrno(WasiDirectory dir, string path, OFlags oflags = OFlags.None, bool follow = true) => Open(dir, path, oflags, follow: follow).Errno;

    /// <summary>Writes <paramref name="data"/> split over several iovecs (to exercise gathering).</summary>
    public static WasiResult<uint> Write(WasiFile file, ReadOnlySpan<byte> data, ulong? offset = null)
    {
        var iovs = Iovecs(data.ToArray(), out _, splitAt: data.Length / 2);
        var pending = offset is { } at ? file.PwriteAsync(iovs, at, CancellationToken.None) : file.WriteAsync(iovs, CancellationToken.None);
        return Completed(pending);
    }

    public static WasiResult<uint> Write(WasiFile file, string text, ulong? offset = null) => Write(file, Encoding.UTF8.GetBytes(text), offset);

    /// <summary>Reads up to <paramref name="count"/> bytes into two iovecs.</summary>
    public static byte[] Read(WasiFile file, int count, ulong? offset = null)
    {
        var result = TryRead(file, count, offset);
        Assert.Equal(Errno.Success, result.Errno);
        return result.Value;
    }

    public static WasiResult<byte[]> TryRead(WasiFile file, int count, ulong? offset = null)
    {
        var iovs = Iovecs(new byte[count], out _, splitAt: count / 2);
        var pending = offset is { } at ? file.PreadAsync(iovs, at, CancellationToken.None) : file.ReadAsync(iovs, CancellationToken.None);
        var result = Completed(pending);
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var data = new byte[count];
        iovs.CopyTo(data);
        return data[..(int)result.Value];
    }

    public static string ReadText(WasiFile file, int count = 4096, ulong? offset = null) => Encoding.UTF8.GetString(Read(file, count, offset));

    /// <summary>Lays out <paramref name="data"/> in a fresh guest memory as two iovecs split at <paramref name="splitAt"/>.</summary>
    public static IovecArray Iovecs(byte[] data, out GuestMemory memory, int splitAt)
    {
        const int DataAt = 64;
        var buffer = new byte[DataAt + data.Length + 16];
        data.CopyTo(buffer, DataAt);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(0), DataAt);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4), (uint)splitAt);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(8), (uint)(DataAt + splitAt));
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(12), (uint)(data.Length - splitAt));
        memory = new GuestMemory(buffer);
        Assert.Equal(Errno.Success, IovecArray.TryCreate(memory, 0, 2, out var iovs));
        return iovs;
    }

    public static string[] Names(WasiDirectory dir)
    {
        var entries = dir.ReadEntries();
        Assert.Equal(Errno.Success, entries.Errno);
        return [.. entries.Value.Select(e => e.Name)];
    }

    public static FileStat Stat(WasiDirectory dir, string path, bool follow = true)
    {
        var stat = dir.GetStat(path, follow);
        Assert.Equal(Errno.Success, stat.Errno);
        return stat.Value;
    }
}

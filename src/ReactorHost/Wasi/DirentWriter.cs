using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>
/// Fills an <c>fd_readdir</c> buffer the way the spec asks: entries (a <see cref="Dirent"/>
/// header followed by the name, no terminator) are packed one after another; the last one is
/// truncated when it does not fit, and a full buffer tells the guest there may be more.
/// </summary>
public static class DirentWriter
{
    /// <summary>
    /// Appends one entry at <paramref name="used"/>; returns false (after writing what fits) when
    /// the buffer is now full and the caller should stop.
    /// </summary>
    public static bool TryAppend(Span<byte> buffer, ref int used, in Dirent header, ReadOnlySpan<byte> name)
    {
        Span<byte> headerBytes = stackalloc byte[Dirent.Size];
        MemoryMarshal.Write(headerBytes, in header);
        used += Copy(headerBytes, buffer[used..]);
        used += Copy(name, buffer[used..]);
        return used < buffer.Length;
    }

    private static int Copy(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var n = Math.Min(source.Length, destination.Length);
        source[..n].CopyTo(destination);
        return n;
    }
}

namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// The bytes of an in-memory file, stored in 64 KiB pages so a file can exceed the size of one
/// .NET array and a hole (a write far past the end, a set_size that extends) costs no memory:
/// a missing page, or the part of a page beyond its array, reads as zeros. Page arrays start
/// small and grow geometrically, so small files stay small. Invariant: every stored byte at or
/// beyond <see cref="Length"/> is zero, which keeps holes zero after a shrink and regrow.
/// </summary>
internal sealed class InMemoryFileContent
{
    public const int PageShift = 16;
    public const int PageSize = 1 << PageShift;
    private const int MinPageAllocation = 256;

    private byte[]?[] _pages = [];

    /// <summary>The file size.</summary>
    public long Length { get; private set; }

    /// <summary>Copies up to <paramref name="destination"/>.Length bytes from <paramref name="offset"/>; returns the count (0 at or past the end).</summary>
    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length || destination.IsEmpty)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, Length - offset);
        var done = 0;
        while (done < count)
        {
            var position = offset + done;
            var pageIndex = position >> PageShift;
            var inPage = (int)(position & (PageSize - 1));
            var chunk = Math.Min(count - done, PageSize - inPage);
            var target = destination.Slice(done, chunk);
            var page = pageIndex < _pages.Length ? _pages[pageIndex] : null;
            var stored = page is null ? 0 : Math.Clamp(page.Length - inPage, 0, chunk);
            if (stored > 0)
            {
                page.AsSpan(inPage, stored).CopyTo(target);
            }

            target[stored..].Clear();
            done += chunk;
        }

        return count;
    }

    /// <summary>Writes <paramref name="source"/> at <paramref name="offset"/>, extending the file (the gap reads as zeros).</summary>
    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            return;
        }

        var end = offset + source.Length;
        EnsurePageSlots(((end - 1) >> PageShift) + 1);
        var done = 0;
        while (done < source.Length)
        {
            var position = offset + done;
            var pageIndex = (int)(position >> PageShift);
            var inPage = (int)(position & (PageSize - 1));
            var chunk = Math.Min(source.Length - done, PageSize - inPage);
            var page = EnsurePageCapacity(pageIndex, inPage + chunk);
            source.Slice(done, chunk).CopyTo(page.AsSpan(inPage));
            done += chunk;
        }

        if (end > Length)
        {
            Length = end;
        }
    }

    /// <summary>Truncates or extends to <paramref name="length"/>.</summary>
    public void SetLength(long length)
    {
        if (length < Length)
        {
            var firstDropped = ((length - 1) >> PageShift) + 1;
            if (length == 0)
            {
                firstDropped = 0;
            }

            for (var i = firstDropped; i < _pages.Length; i++)
            {
                _pages[i] = null;
            }

            // Keep the invariant: bytes past the end of the last kept page are zero.
            var tail = (int)(length & (PageSize - 1));
            if (tail != 0 && firstDropped - 1 < _pages.Length && _pages[firstDropped - 1] is { } last && last.Length > tail)
            {
                last.AsSpan(tail).Clear();
            }

            if (firstDropped < _pages.Length / 2)
            {
                Array.Resize(ref _pages, (int)firstDropped);
            }
        }

        Length = length;
    }

    /// <summary>Drops all storage (the file was deleted and closed).</summary>
    public void Clear()
    {
        _pages = [];
        Length = 0;
    }

    private void EnsurePageSlots(long count)
    {
        if (count > _pages.Length)
        {
            var grown = Math.Max(count, Math.Min((long)_pages.Length * 2, Array.MaxLength));
            Array.Resize(ref _pages, (int)grown);
        }
    }

    private byte[] EnsurePageCapacity(int pageIndex, int needed)
    {
        var page = _pages[pageIndex];
        if (page is not null && page.Length >= needed)
        {
            return page;
        }

        var size = Math.Max(needed, MinPageAllocation);
        if (page is not null)
        {
            size = Math.Max(size, page.Length * 2);
        }

        var grown = new byte[Math.Min(size, PageSize)];
        page?.CopyTo(grown, 0);
        _pages[pageIndex] = grown;
        return grown;
    }
}

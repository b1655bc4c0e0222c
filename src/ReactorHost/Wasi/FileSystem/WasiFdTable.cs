namespace ReactorHost.Wasi.FileSystem;

/// <summary>
/// A guest's fd table: fds are small integers; a new fd gets the lowest free number. Not
/// thread-safe: a guest issues one syscall at a time.
/// </summary>
public sealed class WasiFdTable : IDisposable
{
    private readonly List<WasiFdEntry?> _entries = [];

    /// <summary>The most fds a guest may hold open.</summary>
    public int MaxFds { get; init; } = 1 << 16;

    /// <summary>Number of open fds.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="entry"/> at the lowest free fd; returns it, or -1 when the table is full.</summary>
    public int Add(WasiFdEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        for (var fd = 0; fd < _entries.Count; fd++)
        {
            if (_entries[fd] is null)
            {
                _entries[fd] = entry;
                Count++;
                return fd;
            }
        }

        if (_entries.Count >= MaxFds)
        {
            return -1;
        }

        _entries.Add(entry);
        Count++;
        return _entries.Count - 1;
    }

    /// <summary>Installs <paramref name="entry"/> at <paramref name="fd"/> (closing what was there).</summary>
    public void Set(int fd, WasiFdEntry entry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fd);
        while (_entries.Count <= fd)
        {
            _entries.Add(null);
        }

        var old = _entries[fd];
        _entries[fd] = entry;
        if (old is not null)
        {
            Release(old);
        }
        else
        {
            Count++;
        }
    }

    /// <summary>The entry at <paramref name="fd"/>, or null.</summary>
    public WasiFdEntry? Get(int fd) => (uint)fd < (uint)_entries.Count ? _entries[fd] : null;

    /// <summary>Closes <paramref name="fd"/>; false when it was not open.</summary>
    public bool Close(int fd)
    {
        if (Get(fd) is not { } entry)
        {
            return false;
        }

        _entries[fd] = null;
        Count--;
        Release(entry);
        return true;
    }

    /// <summary>Moves <paramref name="from"/> to <paramref name="to"/> (closing what <paramref name="to"/> held); both must be open.</summary>
    public Errno Renumber(int from, int to)
    {
        if (Get(from) is not { } entry || Get(to) is null)
        {
            return Errno.Badf;
        }

        if (from == to)
        {
            return Errno.Success;
        }

        _entries[from] = null;
        Count--;
        Set(to, entry);
        return Errno.Success;
    }

    private void Release(WasiFdEntry entry)
    {
        // The same file description may sit at several fds only if an embedder installed it so.
        foreach (var other in _entries)
        {
            if (other is not null && ReferenceEquals(other.File, entry.File))
            {
                return;
            }
        }

        entry.File.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        for (var fd = 0; fd < _entries.Count; fd++)
        {
            Close(fd);
        }
    }
}

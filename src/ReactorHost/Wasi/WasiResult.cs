namespace ReactorHost.Wasi;

/// <summary>
/// The outcome of a WASI call that produces a value: an <see cref="Wasi.Errno"/> and, on success, the
/// value. A struct, so returning it (also inside a synchronously completed <see cref="ValueTask{TResult}"/>)
/// allocates nothing. Converts implicitly from <typeparamref name="T"/> (success) and from <see cref="Wasi.Errno"/> (failure).
/// </summary>
public readonly struct WasiResult<T>
{
    /// <summary>A result: <paramref name="errno"/> with <paramref name="value"/> (meaningful only on success).</summary>
    public WasiResult(Errno errno, T value)
    {
        Errno = errno;
        Value = value;
    }

    /// <summary>The error; <see cref="Errno.Success"/> when <see cref="Value"/> is valid.</summary>
    public Errno Errno { get; }

    /// <summary>The value (default when <see cref="Errno"/> is not <see cref="Errno.Success"/>).</summary>
    public T Value { get; }

    /// <summary>True when <see cref="Errno"/> is <see cref="Errno.Success"/>.</summary>
    public bool IsSuccess => Errno == Errno.Success;

    /// <summary>A successful result.</summary>
    public static implicit operator WasiResult<T>(T value) => new(Errno.Success, value);

    /// <summary>A failed result.</summary>
    public static implicit operator WasiResult<T>(Errno errno) => new(errno, default!);

    /// <inheritdoc/>
    public override string ToString() => IsSuccess ? $"Success({Value})" : Errno.ToString();
}

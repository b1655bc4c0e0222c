using System.Text;

namespace ReactorHost.Wasi;

/// <summary>
/// An immutable list of strings packed the way <c>args_get</c> / <c>environ_get</c> hand them to the
/// guest: UTF-8, each NUL-terminated, back to back. Built once, copied into guest memory on each call.
/// </summary>
public sealed class WasiStrings
{
    private readonly byte[] _buffer;
    private readonly int[] _offsets;

    /// <summary>Packs <paramref name="values"/>.</summary>
    public WasiStrings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        _offsets = new int[Values.Count];
        var size = 0;
        for (var i = 0; i < Values.Count; i++)
        {
            _offsets[i] = size;
            size += Encoding.UTF8.GetByteCount(Values[i]) + 1;
        }

        _buffer = new byte[size];
        for (var i = 0; i < Values.Count; i++)
        {
            Encoding.UTF8.GetBytes(Values[i], _buffer.AsSpan(_offsets[i]));
        }
    }

    /// <summary>An empty list.</summary>
    public static WasiStrings Empty { get; } = new([]);

    /// <summary>The strings.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Number of strings.</summary>
    public int Count => _offsets.Length;

    /// <summary>Total size of the packed buffer, terminators included.</summary>
    public int BufferSize => _buffer.Length;

    /// <summary>The packed buffer.</summary>
    public ReadOnlySpan<byte> Buffer => _buffer;

    /// <summary>Offset of string <paramref name="index"/> in <see cref="Buffer"/>.</summary>
    public int OffsetOf(int index) => _offsets[index];
}

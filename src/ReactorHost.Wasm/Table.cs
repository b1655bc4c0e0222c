namespace ReactorHost.Wasm;

/// <summary>A table of references (funcref elements are <see cref="Function"/> or null; externref elements any object).</summary>
public sealed class Table
{
    /// <summary>Hard cap on table size, so <c>table.grow</c> cannot exhaust host memory.</summary>
    internal const uint MaxElements = 10_000_000;

    /// <summary>The elements; the array length is the table size. Read by compiled code and runtime helpers.</summary>
    internal object?[] Elements;

    private readonly uint? _maximumSize;

    /// <summary>Creates a table (e.g. to define an import).</summary>
    public Table(ValueKind elementKind, uint initialSize, uint? maximumSize = null, object? initialValue = null)
    {
        if (!elementKind.IsReference())
        {
            throw new ArgumentException("A table's element type must be funcref or externref.", nameof(elementKind));
        }

        if (maximumSize is { } max && max < initialSize)
        {
            throw new ArgumentException("The maximum size is smaller than the initial size.", nameof(maximumSize));
        }

        if (initialSize > MaxElements)
        {
            throw new ArgumentOutOfRangeException(nameof(initialSize), $"Tables are limited to {MaxElements} elements.");
        }

        CheckValue(elementKind, initialValue);
        ElementKind = elementKind;
        _maximumSize = maximumSize;
        Elements = initialSize == 0 ? [] : new object?[initialSize];
        if (initialValue is not null)
        {
            Array.Fill(Elements, initialValue);
        }
    }

    /// <summary>The element type.</summary>
    public ValueKind ElementKind { get; }

    /// <summary>The table's type (current limits).</summary>
    public TableType Type => new(ElementKind, new Limits(Size, _maximumSize));

    /// <summary>Current number of elements.</summary>
    public uint Size => (uint)Elements.Length;

    /// <summary>Reads an element.</summary>
    public object? GetElement(uint index)
    {
        var elements = Elements;
        return index < (uint)elements.Length ? elements[index] : throw new ArgumentOutOfRangeException(nameof(index));
    }

    /// <summary>Writes an element.</summary>
    public void SetElement(uint index, object? value)
    {
        CheckValue(ElementKind, value);
        var elements = Elements;
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (uint)elements.Length);
        elements[index] = value;
    }

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initialValue"/>; returns the old size or -1.</summary>
    public int Grow(uint delta, object? initialValue = null)
    {
        CheckValue(ElementKind, initialValue);
        return GrowUnchecked(delta, initialValue);
    }

    /// <summary>table.grow without the element type check (the validator guarantees it).</summary>
    internal int GrowUnchecked(uint delta, object? initialValue)
    {
        var old = Elements;
        var newSize = (ulong)old.Length + delta;
        if (newSize > (_maximumSize ?? uint.MaxValue) || newSize > MaxElements)
        {
            return -1;
        }

        if (delta != 0)
        {
            var grown = new object?[newSize];
            Array.Copy(old, grown, old.Length);
            if (initialValue is not null)
            {
                Array.Fill(grown, initialValue, old.Length, (int)delta);
            }

            Elements = grown;
        }

        return old.Length;
    }

    private static void CheckValue(ValueKind kind, object? value)
    {
        if (kind == ValueKind.FuncRef && value is not null and not Function)
        {
            throw new ArgumentException("A funcref table holds Function objects or null.", nameof(value));
        }
    }
}

namespace ReactorHost.Wasm;

/// <summary>A table of references (funcref elements are <see cref="Function"/> or null; externref elements any object).</summary>
public sealed class Table
{
    /// <summary>Creates a table (e.g. to define an import).</summary>
    public Table(ValueKind elementKind, uint initialSize, uint? maximumSize = null, object? initialValue = null) => throw new NotImplementedException("back-end helper");

    /// <summary>The table's type (current limits).</summary>
    public TableType Type => throw new NotImplementedException();

    /// <summary>Current number of elements.</summary>
    public uint Size => throw new NotImplementedException();

    /// <summary>Reads an element.</summary>
    public object? GetElement(uint index) => throw new NotImplementedException();

    /// <summary>Writes an element.</summary>
    public void SetElement(uint index, object? value) => throw new NotImplementedException();

    /// <summary>Grows by <paramref name="delta"/> elements set to <paramref name="initialValue"/>; returns the old size or -1.</summary>
    public int Grow(uint delta, object? initialValue = null) => throw new NotImplementedException();
}

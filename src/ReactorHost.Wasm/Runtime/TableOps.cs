namespace ReactorHost.Wasm.Runtime;

/// <summary>Table instructions. Bounds are checked before anything is written.</summary>
internal static class TableOps
{
    /// <summary>table.get.</summary>
    public static object? Get(int index, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            TrapHelpers.ThrowTableOutOfBounds();
        }

        return elements[index];
    }

    /// <summary>table.set.</summary>
    public static void Set(int index, object? value, Table table)
    {
        var elements = table.Elements;
        if ((uint)index >= (uint)elements.Length)
        {
            TrapHelpers.ThrowTableOutOfBounds();
        }

        elements[index] = value;
    }

    /// <summary>table.size.</summary>
    public static int Size(Table table) => table.Elements.Length;

    /// <summary>table.grow: old size or -1.</summary>
    public static int Grow(object? initialValue, int delta, Table table) => table.GrowUnchecked((uint)delta, initialValue);

    /// <summary>table.fill.</summary>
    public static void Fill(int index, object? value, int count, Table table)
    {
        var elements = table.Elements;
        if ((ulong)(uint)index + (uint)count > (ulong)elements.Length)
        {
            TrapHelpers.ThrowTableOutOfBounds();
        }

        Array.Fill(elements, value, index, count);
    }

    /// <summary>table.copy (overlap-safe).</summary>
    public static void Copy(int destination, int source, int count, Table destinationTable, Table sourceTable)
    {
        var target = destinationTable.Elements;
        var origin = sourceTable.Elements;
        if ((ulong)(uint)destination + (uint)count > (ulong)target.Length || (ulong)(uint)source + (uint)count > (ulong)origin.Length)
        {
            TrapHelpers.ThrowTableOutOfBounds();
        }

        Array.Copy(origin, source, target, destination, count);
    }

    /// <summary>table.init from an element segment.</summary>
    public static void Init(int destination, int source, int count, Table table, object?[] segment)
    {
        var elements = table.Elements;
        if ((ulong)(uint)source + (uint)count > (ulong)segment.Length || (ulong)(uint)destination + (uint)count > (ulong)elements.Length)
        {
            TrapHelpers.ThrowTableOutOfBounds();
        }

        Array.Copy(segment, source, elements, destination, count);
    }

    /// <summary>elem.drop.</summary>
    public static void DropElement(InstanceContext context, int segmentIndex) => context.ElementSegments[segmentIndex] = [];
}

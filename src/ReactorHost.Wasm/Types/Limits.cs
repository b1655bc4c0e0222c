namespace ReactorHost.Wasm;

/// <summary>Size limits of a memory (in 64 KiB pages) or a table (in elements).</summary>
/// <param name="Minimum">The initial size.</param>
/// <param name="Maximum">The maximum size, or null when unbounded.</param>
public readonly record struct Limits(uint Minimum, uint? Maximum)
{
    /// <summary>
    /// Import subtyping (spec "match limits"): an actual limit matches an expected one when it is at
    /// least as large initially and at most as large at its maximum.
    /// </summary>
    public bool IsSubtypeOf(Limits expected) =>
        Minimum >= expected.Minimum &&
        (expected.Maximum is not { } max || (Maximum is { } actualMax && actualMax <= max));

    /// <inheritdoc/>
    public override string ToString() => Maximum is { } max ? $"{Minimum} {max}" : Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

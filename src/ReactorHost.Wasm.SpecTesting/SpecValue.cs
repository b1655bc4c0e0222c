namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// A value in a script, as wast2json writes it: <paramref name="Type"/> is <c>i32</c>, <c>i64</c>,
/// <c>f32</c>, <c>f64</c>, <c>funcref</c>, <c>externref</c> or <c>v128</c>. Integers are unsigned
/// decimal strings, floats decimal bit patterns or <c>nan:canonical</c>/<c>nan:arithmetic</c>,
/// references <c>null</c> or a number. <paramref name="Value"/> is null when absent (e.g. a
/// non-null reference of any identity); v128 values have <paramref name="Lanes"/> instead.
/// </summary>
/// <param name="Type">The wast2json type name.</param>
/// <param name="Value">The value text, or null.</param>
/// <param name="Lanes">The lanes of a v128 value, or null.</param>
/// <param name="LaneType">The lane type of a v128 value (e.g. <c>i32</c>), or null.</param>
public sealed record SpecValue(string Type, string? Value, IReadOnlyList<string>? Lanes = null, string? LaneType = null)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Lanes is null ? $"{Type}:{Value ?? "*"}" : $"{Type}:{LaneType}[{string.Join(' ', Lanes)}]";
}

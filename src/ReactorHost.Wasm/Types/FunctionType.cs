using System.Collections.Immutable;

namespace ReactorHost.Wasm;

/// <summary>A function signature: parameter and result types. Compared structurally.</summary>
public sealed class FunctionType : IEquatable<FunctionType>
{
    /// <summary>Creates a function type.</summary>
    public FunctionType(IEnumerable<ValueKind> parameters, IEnumerable<ValueKind> results)
    {
        Parameters = [.. parameters];
        Results = [.. results];
    }

    /// <summary>The parameter types, in order.</summary>
    public ImmutableArray<ValueKind> Parameters { get; }

    /// <summary>The result types, in order.</summary>
    public ImmutableArray<ValueKind> Results { get; }

    /// <inheritdoc/>
    public bool Equals(FunctionType? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters.AsSpan())
                          && Results.AsSpan().SequenceEqual(other.Results.AsSpan());

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as FunctionType);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Parameters) hash.Add(p);
        hash.Add(-1);
        foreach (var r in Results) hash.Add(r);
        return hash.ToHashCode();
    }

    /// <summary>Text-format rendering, e.g. <c>(func (param i32 i32) (result i64))</c>.</summary>
    public override string ToString() =>
        "(func" + (Parameters.IsEmpty ? "" : " (param " + string.Join(' ', Parameters.Select(p => p.ToWatName())) + ")")
               + (Results.IsEmpty ? "" : " (result " + string.Join(' ', Results.Select(p => p.ToWatName())) + ")") + ")";
}

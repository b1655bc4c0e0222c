namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>A function type as binary value-type codes; equal when parameters and results are.</summary>
internal sealed class FunctionSignature : IEquatable<FunctionSignature>
{
    public FunctionSignature(byte[] parameters, byte[] results)
    {
        Parameters = parameters;
        Results = results;
    }

    public byte[] Parameters { get; }

    public byte[] Results { get; }

    public bool Equals(FunctionSignature? other) =>
        other is not null && Parameters.AsSpan().SequenceEqual(other.Parameters) && Results.AsSpan().SequenceEqual(other.Results);

    public override bool Equals(object? obj) => Equals(obj as FunctionSignature);

    public override int GetHashCode() => HashCode.Combine(Parameters.Length, Results.Length);
}

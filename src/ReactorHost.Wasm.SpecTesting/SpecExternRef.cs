namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// The host object a script's <c>(ref.extern N)</c> stands for. The runner creates one per number
/// per script, so externref identity can be checked by reference.
/// </summary>
/// <param name="Number">The script's number for the reference.</param>
public sealed record SpecExternRef(ulong Number)
{
    /// <inheritdoc/>
    public override string ToString() => $"ref.extern {Number}";
}

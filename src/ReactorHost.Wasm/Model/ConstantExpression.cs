namespace ReactorHost.Wasm.Model;

/// <summary>
/// A constant expression (global initializer, segment offset, element item): the instructions
/// before its final <c>end</c>. The decoder records them as found; the validator checks that the
/// sequence is a valid constant expression of the expected type ("constant expression required",
/// "type mismatch").
/// </summary>
/// <param name="Instructions">Decoded instructions, excluding the terminating <c>end</c>.</param>
/// <param name="Offset">Byte offset of the first instruction in the module.</param>
internal sealed record ConstantExpression(IReadOnlyList<Instruction> Instructions, int Offset);

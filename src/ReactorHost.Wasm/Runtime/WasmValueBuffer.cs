using System.Runtime.CompilerServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>Stack space for the arguments and results of an untyped host call (no heap allocation).</summary>
[InlineArray(Capacity)]
internal struct WasmValueBuffer
{
    /// <summary>Arguments + results that fit; larger signatures use a heap array.</summary>
    public const int Capacity = 16;

    private WasmValue _element0;
}

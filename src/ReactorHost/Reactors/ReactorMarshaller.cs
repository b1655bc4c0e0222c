using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// Converts a call's .NET argument into the export's wasm arguments. Runs on the guest thread,
/// before the export is called, with <paramref name="context"/> giving access to guest memory and
/// the guest allocator. <paramref name="arguments"/> has exactly one slot per wasm parameter.
/// </summary>
/// <typeparam name="T">The .NET argument (use a tuple for several).</typeparam>
public delegate void ReactorMarshaller<in T>(ReactorContext context, T value, Span<WasmValue> arguments);

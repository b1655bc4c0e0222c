using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// Converts the export's wasm results into the call's .NET result. Runs on the guest thread right
/// after the export returned (guest memory is still as the export left it), with
/// <paramref name="context"/> giving access to guest memory and the guest allocator (e.g. to free a
/// returned buffer). Do not keep spans of guest memory beyond it.
/// </summary>
/// <typeparam name="T">The .NET result.</typeparam>
public delegate T ReactorUnmarshaller<out T>(ReactorContext context, ReadOnlySpan<WasmValue> results);

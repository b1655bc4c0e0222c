using System.Text;
using ReactorHost;
using ReactorHost.Wasm;

namespace StringMarshalling;

/// <summary>Strings into and out of a C reactor: ready-made marshallers, a hand-written one, and raw guest memory.</summary>
public static class StringMarshallingDemo
{
    public static async Task RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        using var engine = new Engine();
        var module = Module.FromFile(engine, Path.Combine(AppContext.BaseDirectory, "text.wasm"));
        await using var reactor = new WasiReactor(module);
        await reactor.StartAsync(cancellationToken);

        // string -> string: ReactorMarshal.Utf8 copies the argument into guest memory (malloc'd,
        // freed after the call) as (ptr, len); PackedUtf8 reads the i64 ptr | len << 32 result and
        // frees the guest's buffer.
        var upper = reactor.GetExport("upper", ReactorMarshal.Utf8, ReactorMarshal.PackedUtf8());
        var greet = reactor.GetExport("greet", ReactorMarshal.Utf8, ReactorMarshal.PackedUtf8());
        output.WriteLine(await upper("hello from .NET", cancellationToken));
        output.WriteLine(await greet("Wörld 🌍", cancellationToken));

        // string -> number.
        var countVowels = reactor.GetExport("count_vowels", ReactorMarshal.Utf8, ReactorMarshal.Int32);
        output.WriteLine($"vowels in \"WebAssembly reactor\": {await countVowels("WebAssembly reactor", cancellationToken)}");

        // number -> string: a one-line marshaller for the int argument.
        var describe = reactor.GetExport<int, string>(
            "describe",
            static (_, n, arguments) => arguments[0] = WasmValue.FromInt32(n),
            ReactorMarshal.PackedUtf8());
        output.WriteLine(await describe(21, cancellationToken));

        // (string, int) -> string: a hand-written marshaller for a tuple, our own layout choice.
        var repeat = reactor.GetExport<(string Text, int Count), string>(
            "repeat",
            static (context, value, arguments) =>
            {
                var (address, length) = context.WriteUtf8Temporary(value.Text);
                arguments[0] = WasmValue.FromInt32(address);
                arguments[1] = WasmValue.FromInt32(length);
                arguments[2] = WasmValue.FromInt32(value.Count);
            },
            ReactorMarshal.PackedUtf8());
        output.WriteLine(await repeat(("echo", 3), cancellationToken));

        // Several guest operations as one unit on the guest thread, with the raw context API.
        var roundTrip = await reactor.InvokeAsync(
            static (context, text) =>
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                var address = context.Allocate(bytes.Length);
                bytes.CopyTo(context.GetSpan(address, bytes.Length));
                var upperExport = context.Instance.GetFunction<int, int, long>("upper") ?? throw new InvalidOperationException("no upper export");
                var packed = upperExport(address, bytes.Length);
                context.Free(address);
                var (result, length) = ((int)(uint)packed, (int)(packed >> 32));
                var upper = context.ReadUtf8(result, length);
                context.Free(result);
                return upper;
            },
            "raw guest memory",
            cancellationToken);
        output.WriteLine(roundTrip);

        // Temporaries and returned buffers are freed: 1,000 round trips leave memory where it was.
        var pagesBefore = await reactor.InvokeAsync(static (context, _) => context.Memory.Pages, 0, cancellationToken);
        for (var i = 0; i < 1000; i++)
        {
            var text = new string('x', 1 + (i % 200)) + i;
            var expected = text.ToUpperInvariant();
            if (!string.Equals(await upper(text, cancellationToken), expected, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Round trip {i} came back wrong.");
            }
        }

        var pagesAfter = await reactor.InvokeAsync(static (context, _) => context.Memory.Pages, 0, cancellationToken);
        output.WriteLine($"1000 round trips: guest memory {pagesBefore} -> {pagesAfter} pages");
    }
}

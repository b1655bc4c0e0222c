using System.Text;
using ReactorHost.Wasm;
using static ReactorHost.Tests.Reactors.ReactorTestGuests;

namespace ReactorHost.Tests.Reactors;

public sealed class ReactorMarshallingTests
{
    [Theory]
    [InlineData("hello, world", "HELLO, WORLD")]
    [InlineData("", "")]
    [InlineData("grüße €", "GRüßE €")]
    public async Task StringsCrossBothWaysPacked(string input, string expected)
    {
        await using var reactor = await StartAsync(Test);
        var upper = reactor.GetExport("upper", ReactorMarshal.Utf8, ReactorMarshal.PackedUtf8());
        Assert.Equal(expected, await upper(input));
    }

    [Fact]
    public async Task StringsCrossBothWaysThroughAResultPointer()
    {
        await using var reactor = await StartAsync(Test);
        var upper = reactor.GetExport("upper_ret", ReactorMarshal.Utf8, ReactorMarshal.Utf8AtPointer());
        Assert.Equal("ABC-XYZ", await upper("abc-xyz"));
    }

    [Fact]
    public async Task ByteArraysCrossBothWays()
    {
        await using var reactor = await StartAsync(Test);
        var reverse = reactor.GetExport("reverse", ReactorMarshal.Bytes, ReactorMarshal.PackedBytes());
        var sum = reactor.GetExport("sum_bytes", ReactorMarshal.Bytes, ReactorMarshal.Int32);
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.Equal(data.Reverse().ToArray(), await reverse(data));
        Assert.Equal(data.Sum(b => b), await sum(data));
        Assert.Empty(await reverse(Array.Empty<byte>()));
    }

    [Fact]
    public async Task TemporariesAndReturnedBuffersAreFreed()
    {
        await using var reactor = await StartAsync(Test);
        var upper = reactor.GetExport("upper", ReactorMarshal.Utf8, ReactorMarshal.PackedUtf8());
        var input = new string('x', 10_000);
        await upper(input);
        var before = await reactor.InvokeAsync(static (context, _) => context.Memory.Pages, 0);
        for (var i = 0; i < 2000; i++)
        {
            await upper(input);
        }

        var after = await reactor.InvokeAsync(static (context, _) => context.Memory.Pages, 0);
        Assert.Equal(before, after); // 2000 × 20 KB would have grown memory by ~600 pages
    }

    [Fact]
    public async Task CustomMarshallersCanPassStructsAndSeveralArguments()
    {
        await using var reactor = await StartAsync(Test);

        // A tuple argument marshalled by hand: (text, suffix) concatenated into one guest buffer.
        var upperOfPair = reactor.GetExport<(string Text, string Suffix), string>(
            "upper",
            static (context, value, arguments) =>
            {
                var bytes = Encoding.UTF8.GetBytes(value.Text + value.Suffix);
                arguments[0] = WasmValue.FromInt32(context.WriteTemporary(bytes));
                arguments[1] = WasmValue.FromInt32(bytes.Length);
            },
            static (context, results) =>
            {
                var packed = results[0].AsInt64();
                var text = context.ReadUtf8((int)packed, (int)(packed >> 32));
                context.Free((int)packed);
                return text;
            });
        Assert.Equal("AB-CD", await upperOfPair(("ab", "-cd")));
    }

    [Fact]
    public async Task CabiReallocIsPreferredWhenExported()
    {
        await using var reactor = await StartAsync(Bench, o => o.ConfigureLinker = DefineHostInc);
        var countA = reactor.GetExport("count_a", ReactorMarshal.Utf8, ReactorMarshal.Int32);
        Assert.Equal(4, await countA("banana a"));
        Assert.Equal(ReactorAllocatorKind.CabiRealloc, await reactor.InvokeAsync(static (context, _) => context.Allocator, 0));
    }

    [Fact]
    public async Task AllocationNeedsAnExportedAllocator()
    {
        var wat = """
            (module
              (memory (export "memory") 1)
              (func (export "len") (param i32 i32) (result i32) local.get 1))
            """;
        var module = Module.FromText(SharedEngine, "noalloc", wat);
        await using var reactor = await StartAsync(module);
        var len = reactor.GetExport("len", ReactorMarshal.Utf8, ReactorMarshal.Int32);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => len("abc"));
        Assert.Contains("exports no allocator", e.Message);
        Assert.Equal(WasiReactorState.Running, reactor.State);
    }
}

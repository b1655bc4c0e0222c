using ReactorHost.Wasm.Compilation;

namespace ReactorHost.Wasm.Tests.Backend;

public class BackgroundJitTests
{
    // Three functions () -> i32, exported as f0, f1, f2: f0 is tiny, f1 has ~6,000 code bytes and
    // f2 ~4,500 (runs of `i32.const 1; drop`), so only f1 and f2 are worth compiling ahead.
    private static readonly byte[] Wasm = BuildModule([0, 2000, 1500]);

    [Fact]
    public void SelectsTheLargeFunctionsBiggestFirst()
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "sizes", Wasm);
        Assert.Equal([1, 2], BackgroundJit.SelectFunctions(module.Definition));
    }

    [Fact]
    public void FunctionsCompiledInTheBackgroundBehaveTheSame()
    {
        var options = new EngineOptions { BackgroundCompilation = true, CollectibleCode = false, OptimizeCode = false };
        using var engine = new Engine(options);
        var instance = new Linker(engine).Instantiate(Module.FromBytes(engine, "sizes", Wasm));
        for (var i = 0; i < 3; i++)
        {
            // Called at once, possibly while the background thread is compiling them.
            Assert.Equal(40 + i, instance.GetFunction<int>($"f{i}")!());
        }
    }

    private static byte[] BuildModule(int[] padding)
    {
        var bytes = new List<byte> { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };
        Section(bytes, 1, [0x01, 0x60, 0x00, 0x01, 0x7F]);
        var functions = new List<byte>();
        Leb(functions, padding.Length);
        functions.AddRange(padding.Select(_ => (byte)0));
        Section(bytes, 3, functions);
        var exports = new List<byte>();
        Leb(exports, padding.Length);
        for (var i = 0; i < padding.Length; i++)
        {
            exports.AddRange([0x02, (byte)'f', (byte)('0' + i), 0x00, (byte)i]);
        }

        Section(bytes, 7, exports);
        var code = new List<byte>();
        Leb(code, padding.Length);
        for (var i = 0; i < padding.Length; i++)
        {
            var body = new List<byte> { 0x00 }; // no locals
            for (var j = 0; j < padding[i]; j++)
            {
                body.AddRange([0x41, 0x01, 0x1A]); // i32.const 1; drop
            }

            body.AddRange([0x41, (byte)(40 + i), 0x0B]); // i32.const 40+i; end
            Leb(code, body.Count);
            code.AddRange(body);
        }

        Section(bytes, 10, code);
        return [.. bytes];
    }

    private static void Section(List<byte> module, byte id, List<byte> content)
    {
        module.Add(id);
        Leb(module, content.Count);
        module.AddRange(content);
    }

    private static void Leb(List<byte> output, int value)
    {
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            output.Add(value != 0 ? (byte)(b | 0x80) : b);
        }
        while (value != 0);
    }
}

namespace ReactorHost.Wasm.Tests.Backend;

public class ResourceLimitTests
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

    [Fact]
    public void MemoryLargerThanTheEngineCapFailsInstantiationWithAWasmError()
    {
        // (module (memory 100)): 6.25 MiB initially, above a 1 MiB cap.
        byte[] bytes = [.. Header, 0x05, 0x03, 0x01, 0x00, 0x64];
        using var engine = new Engine(new EngineOptions { MaxMemoryBytes = 1 << 20 });
        var module = Module.FromBytes(engine, "big-memory", bytes);

        var error = Assert.Throws<WasmResourceLimitException>(() => new Linker(engine).Instantiate(module));
        Assert.Contains("memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableLargerThanTheEngineCapFailsInstantiationWithAWasmError()
    {
        // (module (table 20000000 funcref))
        byte[] bytes = [.. Header, 0x04, 0x07, 0x01, 0x70, 0x00, 0x80, 0xda, 0xc4, 0x09];
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "big-table", bytes);

        var error = Assert.Throws<WasmResourceLimitException>(() => new Linker(engine).Instantiate(module));
        Assert.Contains("table", error.Message, StringComparison.Ordinal);
    }
}

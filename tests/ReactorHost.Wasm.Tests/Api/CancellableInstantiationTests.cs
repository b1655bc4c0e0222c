namespace ReactorHost.Wasm.Tests.Backend;

public class CancellableInstantiationTests
{
    // (module (func $s (loop $l (br $l))) (start $s)): a start function that never returns.
    private static readonly byte[] EndlessStart =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60,
        0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x08, 0x01, 0x00, 0x0a, 0x09, 0x01,
        0x07, 0x00, 0x03, 0x40, 0x0c, 0x00, 0x0b, 0x0b,
    ];

    [Fact]
    public void CancellingStopsAnEndlessStartFunction()
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "endless-start", EndlessStart);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var error = Assert.Throws<OperationCanceledException>(() => new Linker(engine).Instantiate(module, cancellation.Token));

        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.Equal(TrapCode.Interrupted, Assert.IsType<WasmTrapException>(error.InnerException).Code);
    }

    [Fact]
    public void AnAlreadyCancelledTokenInstantiatesNothing()
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "endless-start", EndlessStart);

        Assert.Throws<OperationCanceledException>(() => new Linker(engine).Instantiate(module, new CancellationToken(canceled: true)));
    }
}

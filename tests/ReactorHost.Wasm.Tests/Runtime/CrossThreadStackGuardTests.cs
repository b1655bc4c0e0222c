namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>
/// The stack limit lives in each instance's context and is handed from caller to callee. These
/// tests run an instance on one thread, then recurse into it through another instance on a thread
/// with different stack addresses: a stale limit would let the recursion overflow the stack and
/// kill the test host instead of trapping.
/// </summary>
public class CrossThreadStackGuardTests
{
    // (module (func $rec (export "rec") (param i32) (result i32)
    //   (call $rec (i32.add (local.get 0) (i32.const 1)))))
    private static readonly byte[] Recursive =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60,
        0x01, 0x7f, 0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03,
        0x72, 0x65, 0x63, 0x00, 0x00, 0x0a, 0x0b, 0x01, 0x09, 0x00, 0x20, 0x00,
        0x41, 0x01, 0x6a, 0x10, 0x00, 0x0b,
    ];

    // (module (import "b" "rec" (func $rec (param i32) (result i32)))
    //   (table 1 funcref) (elem (i32.const 0) $rec) (type $t (func (param i32) (result i32)))
    //   (func (export "go") (result i32) (call $rec (i32.const 0)))
    //   (func (export "go_indirect") (result i32) (call_indirect (type $t) (i32.const 0) (i32.const 0))))
    private static readonly byte[] Caller =
    [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60,
        0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x01, 0x7f, 0x02, 0x09, 0x01, 0x01,
        0x62, 0x03, 0x72, 0x65, 0x63, 0x00, 0x00, 0x03, 0x03, 0x02, 0x01, 0x01,
        0x04, 0x04, 0x01, 0x70, 0x00, 0x01, 0x07, 0x14, 0x02, 0x02, 0x67, 0x6f,
        0x00, 0x01, 0x0b, 0x67, 0x6f, 0x5f, 0x69, 0x6e, 0x64, 0x69, 0x72, 0x65,
        0x63, 0x74, 0x00, 0x02, 0x09, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01,
        0x00, 0x0a, 0x12, 0x02, 0x06, 0x00, 0x41, 0x00, 0x10, 0x00, 0x0b, 0x09,
        0x00, 0x41, 0x00, 0x41, 0x00, 0x11, 0x00, 0x00, 0x0b,
    ];

    [Theory]
    [InlineData("go")]
    [InlineData("go_indirect")]
    public void RecursionEnteredThroughAnotherInstanceOnAnotherThreadTraps(string export)
    {
        using var engine = new Engine();
        var linker = new Linker(engine);
        var callee = linker.Instantiate(Module.FromBytes(engine, "b", Recursive));
        linker.DefineInstance("b", callee);
        var caller = linker.Instantiate(Module.FromBytes(engine, "a", Caller));

        // First run the callee directly on a big-stack thread, leaving its context with that
        // thread's limit; then enter it through the caller on a small-stack thread.
        Assert.Equal(TrapCode.StackExhausted, RunOnThread(16 << 20, () => callee.GetFunction("rec")!.Invoke(WasmValue.FromInt32(0))));
        Assert.Equal(TrapCode.StackExhausted, RunOnThread(1 << 20, () => caller.GetFunction(export)!.Invoke()));
        Assert.Equal(TrapCode.StackExhausted, RunOnThread(16 << 20, () => caller.GetFunction(export)!.Invoke()));
    }

    private static TrapCode? RunOnThread(int stackSize, Action action)
    {
        TrapCode? code = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    action();
                }
                catch (WasmTrapException trap)
                {
                    code = trap.Code;
                }
            },
            stackSize);
        thread.Start();
        thread.Join();
        return code;
    }
}

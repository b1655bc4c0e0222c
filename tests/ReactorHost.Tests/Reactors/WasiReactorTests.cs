using ReactorHost.Wasm;
using static ReactorHost.Tests.Reactors.ReactorTestGuests;

namespace ReactorHost.Tests.Reactors;

public sealed class WasiReactorTests
{
    [Fact]
    public async Task TypedExportsReturnResults()
    {
        await using var reactor = await StartAsync(Test);
        var add = reactor.GetExport<int, int, int>("add");
        var add64 = reactor.GetExport<long, long, long>("add64");
        var scale = reactor.GetExport<double, float, double>("scale");
        Assert.Equal(5, await add(2, 3));
        Assert.Equal(int.MinValue, await add(int.MaxValue, 1));
        Assert.Equal(1L << 40, await add64(1L << 39, 1L << 39));
        Assert.Equal(5.0, await scale(2.0, 2.5f));
        Assert.Equal(WasiReactorState.Running, reactor.State);
    }

    [Fact]
    public async Task InitializeRunsExactlyOnce()
    {
        await using var reactor = await StartAsync(Test);
        var initCalls = reactor.GetExport<int>("init_calls");
        var add = reactor.GetExport<int, int, int>("add");
        for (var i = 0; i < 100; i++)
        {
            await add(i, i);
        }

        Assert.Equal(1, await initCalls());
    }

    [Fact]
    public async Task BindingChecksTheExportAtBindTime()
    {
        await using var reactor = new WasiReactor(Test);
        var missing = Assert.Throws<ArgumentException>(() => reactor.GetExport<int, int, int>("nope"));
        Assert.Contains("exports no function \"nope\"", missing.Message);
        Assert.Contains("add", missing.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => reactor.GetExport<long, int, int>("add"));
        Assert.Contains("(func (param i32 i32) (result i32))", mismatch.Message);
        Assert.Contains("(Int64, Int32) -> Int32", mismatch.Message);
        Assert.Throws<ArgumentException>(() => reactor.GetExport<int, int>("add"));
        Assert.Throws<ArgumentException>(() => reactor.GetAction<int, int>("add"));
        Assert.Throws<ArgumentException>(() => reactor.GetExport<string, int>("add"));
        Assert.Throws<ArgumentException>(() => reactor.GetExport("memory"));
    }

    [Fact]
    public void CommandModulesAreRejected()
    {
        var command = Module.FromFile(SharedEngine, GuestPath("exit_code.wasm"));
        var e = Assert.Throws<ArgumentException>(() => new WasiReactor(command));
        Assert.Contains("WasiProcess", e.Message);
    }

    [Fact]
    public async Task UntypedExportsTakeAndReturnWasmValues()
    {
        await using var reactor = await StartAsync(Test);
        var add = reactor.GetExport("add");
        var results = await add([WasmValue.FromInt32(40), WasmValue.FromInt32(2)]);
        Assert.Equal([WasmValue.FromInt32(42)], results);
        await Assert.ThrowsAsync<ArgumentException>(() => add([WasmValue.FromInt32(1)]));
        await Assert.ThrowsAsync<ArgumentException>(() => add([WasmValue.FromInt64(1), WasmValue.FromInt32(2)]));
        Assert.Equal(WasiReactorState.Running, reactor.State);
        var reset = reactor.GetAction("reset");
        await reset();
    }

    [Fact]
    public async Task SixtyFourCallersGetTheirResultsInOrder()
    {
        await using var reactor = await StartAsync(Test);
        var nextSeq = reactor.GetExport<int, int>("next_seq");
        var add = reactor.GetExport<int, int, int>("add");
        const int Callers = 64;
        const int CallsPerCaller = 1000;
        var failures = 0;
        var callers = Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < CallsPerCaller; i++)
            {
                // Per-caller guest state proves per-caller order; add proves the value is this call's.
                if (await nextSeq(caller) != i || await add(caller, i) != caller + i)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, failures);
        Assert.Equal(2L * Callers * CallsPerCaller, reactor.CompletedCalls);
    }

    [Fact]
    public async Task StateIsKeptAcrossThousandsOfCalls()
    {
        await using var reactor = await StartAsync(Test);
        var accumulate = reactor.GetExport<int, long>("accumulate");
        long expected = 0;
        for (var i = 1; i <= 5000; i++)
        {
            expected += i;
            Assert.Equal(expected, await accumulate(i));
        }
    }

    [Fact]
    public async Task CallsMadeBeforeStartAreServedAfterIt()
    {
        await using var reactor = new WasiReactor(Test);
        var add = reactor.GetExport<int, int, int>("add");
        var early = add(1, 2);
        Assert.False(early.IsCompleted);
        await reactor.StartAsync();
        Assert.Equal(3, await early);
    }

    [Fact]
    public async Task BoundedQueueMakesCallersWaitAndKeepsOrder()
    {
        await using var reactor = await StartAsync(Test, o => o.QueueCapacity = 2);
        var accumulate = reactor.GetExport<int, long>("accumulate");
        var calls = Enumerable.Range(1, 200).Select(i => accumulate(i)).ToArray();
        var results = await Task.WhenAll(calls);
        long total = 0;
        for (var i = 0; i < results.Length; i++)
        {
            total += i + 1;
            Assert.Equal(total, results[i]);
        }
    }

    [Fact]
    public async Task StartFailureFaultsTheReactor()
    {
        // reactor_bench imports env.host_inc: without it instantiation fails.
        var reactor = new WasiReactor(Bench);
        var nop = reactor.GetAction("nop");
        await Assert.ThrowsAsync<WasmLinkException>(() => reactor.StartAsync());
        Assert.Equal(WasiReactorState.Faulted, reactor.State);
        var e = await Assert.ThrowsAsync<WasiReactorFaultedException>(() => nop());
        Assert.IsType<WasmLinkException>(e.InnerException);
        await reactor.DisposeAsync();
    }

    [Fact]
    public async Task HostFunctionsCanBeDefined()
    {
        await using var reactor = await StartAsync(Bench, o => o.ConfigureLinker = DefineHostInc);
        var hostLoop = reactor.GetExport<int, int>("host_loop");
        Assert.Equal(10_000, await hostLoop(10_000));
    }

    [Fact]
    public async Task InvokeAsyncRunsOnTheGuestThreadWithTheContext()
    {
        await using var reactor = await StartAsync(Test);
        var callerThread = Environment.CurrentManagedThreadId;
        var (thread, kind, pages) = await reactor.InvokeAsync(
            static (context, _) => (Environment.CurrentManagedThreadId, context.Allocator, context.Memory.Pages),
            0);
        Assert.NotEqual(callerThread, thread);
        Assert.Equal(ReactorAllocatorKind.Malloc, kind);
        Assert.True(pages > 0);
    }

    [Fact]
    public async Task ContinuationsNeverRunOnTheGuestThread()
    {
        await using var reactor = await StartAsync(Test);
        var guestThread = await reactor.InvokeAsync(static (_, _) => Environment.CurrentManagedThreadId, 0);
        var add = reactor.GetExport<int, int, int>("add");
        for (var i = 0; i < 200; i++)
        {
            await add(i, 1).ContinueWith(
                _ => Assert.NotEqual(guestThread, Environment.CurrentManagedThreadId),
                TaskContinuationOptions.ExecuteSynchronously);
        }
    }
}

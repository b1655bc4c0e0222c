using ReactorHost.Wasm;
using static ReactorHost.Tests.Reactors.ReactorTestGuests;

namespace ReactorHost.Tests.Reactors;

/// <summary>Per-call cancellation in its three states, faults and restarts.</summary>
public sealed class ReactorCancellationTests
{
    private static async Task<(WasiReactor Reactor, BlockingStdinHandler Stdin)> StartWithBlockingStdinAsync(Action<WasiReactorOptions>? configure = null)
    {
        BlockingStdinHandler? stdin = null;
        var reactor = await StartAsync(Test, o =>
        {
            o.Wasi.WrapHandler = inner => stdin = new BlockingStdinHandler(inner);
            configure?.Invoke(o);
        });
        return (reactor, stdin!);
    }

    [Fact]
    public async Task QueuedCallIsRemovedAndNeverRuns()
    {
        var (reactor, stdin) = await StartWithBlockingStdinAsync();
        await using var _ = reactor;
        var readStdin = reactor.GetExport<int>("read_stdin");
        var accumulate = reactor.GetExport<int, long>("accumulate");

        var blocker = readStdin(); // occupies the guest thread
        await stdin.Entered.WaitAsync(TimeSpan.FromSeconds(5));
        using var cts = new CancellationTokenSource();
        var queued = accumulate(100, cts.Token);
        var after = accumulate(1);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.True(queued.IsCanceled);

        stdin.Release();
        Assert.Equal(0, await blocker);
        Assert.Equal(1, await after); // the cancelled +100 never ran
        Assert.Equal(WasiReactorState.Running, reactor.State);
        Assert.False(stdin.SawCancellation);
    }

    [Fact]
    public async Task RunningCallIsInterruptedAndFaultsTheReactor()
    {
        await using var reactor = await StartAsync(Test);
        var spin = reactor.GetExport<int>("spin");
        var add = reactor.GetExport<int, int, int>("add");
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var running = spin(cts.Token);
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cts.Token, e.CancellationToken);
        Assert.True(running.IsCanceled);

        var fault = await Assert.ThrowsAsync<WasiReactorFaultedException>(() => add(1, 2));
        Assert.Equal(WasiReactorState.Faulted, reactor.State);
        Assert.Same(reactor.Fault, fault);
        Assert.Contains("\"spin\" was cancelled while running", fault.Message);
        Assert.Equal(TrapCode.Interrupted, Assert.IsType<WasmTrapException>(fault.InnerException).Code);
    }

    [Fact]
    public async Task CallBlockedInASyscallHasItsHandlerCancelled()
    {
        var (reactor, stdin) = await StartWithBlockingStdinAsync();
        await using var _ = reactor;
        var readStdin = reactor.GetExport<int>("read_stdin");
        var add = reactor.GetExport<int, int, int>("add");
        using var cts = new CancellationTokenSource();
        var blocked = readStdin(cts.Token);
        await stdin.Entered.WaitAsync(TimeSpan.FromSeconds(5));
        cts.Cancel();

        // The guest saw ECANCELED from read() and returned normally: its result is delivered and
        // the instance stays usable.
        Assert.Equal(-ECanceled, await blocked.WaitAsync(TimeSpan.FromSeconds(5)));
        await stdin.Cancelled.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WasiReactorState.Running, reactor.State);
        Assert.Equal(3, await add(1, 2));
        Assert.Equal(ECanceled, await reactor.GetExport<int>("ecanceled")());
    }

    [Fact]
    public async Task CancellationAfterCompletionChangesNothing()
    {
        await using var reactor = await StartAsync(Test);
        var accumulate = reactor.GetExport<int, long>("accumulate");
        for (var i = 1; i <= 300; i++)
        {
            using var cts = new CancellationTokenSource();
            var call = accumulate(1, cts.Token);
            if (i % 3 == 0)
            {
                cts.Cancel(); // races with the call: queued → cancelled, running → still completes (no wasm loop)
            }

            try
            {
                await call;
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.Equal(WasiReactorState.Running, reactor.State);
        Assert.InRange(await accumulate(0), 200, 300);
    }

    [Fact]
    public async Task TrapFaultsTheReactorAndLaterCallsFailFast()
    {
        await using var reactor = await StartAsync(Test);
        var trap = reactor.GetAction("trap");
        var add = reactor.GetExport<int, int, int>("add");
        var e = await Assert.ThrowsAsync<WasmTrapException>(() => trap());
        Assert.Equal(TrapCode.Unreachable, e.Code);
        Assert.Equal(WasiReactorState.Faulted, reactor.State);
        var fault = await Assert.ThrowsAsync<WasiReactorFaultedException>(() => add(1, 2));
        Assert.Same(e, fault.InnerException);
        Assert.Contains("trapped during \"trap\"", fault.Message);
        Assert.Contains("Unreachable", fault.Message);
    }

    [Fact]
    public async Task CallsQueuedBehindATrapFailWithTheFault()
    {
        await using var reactor = await StartAsync(Test);
        var trap = reactor.GetAction("trap");
        var add = reactor.GetExport<int, int, int>("add");
        var results = await reactor.InvokeAsync(
            static (_, pair) => (pair.trap(), pair.add(1, 2), pair.add(3, 4)),
            (trap: (Func<Task>)(() => trap()), add: (Func<int, int, Task<int>>)((a, b) => add(a, b))));
        await Assert.ThrowsAsync<WasmTrapException>(() => results.Item1);
        await Assert.ThrowsAsync<WasiReactorFaultedException>(() => results.Item2);
        await Assert.ThrowsAsync<WasiReactorFaultedException>(() => results.Item3);
    }

    [Fact]
    public async Task RestartPolicyReinstantiatesWithAFreshInstance()
    {
        await using var reactor = await StartAsync(Test, o => o.RestartPolicy = ReactorRestartPolicy.OnFault);
        var accumulate = reactor.GetExport<int, long>("accumulate");
        var initCalls = reactor.GetExport<int>("init_calls");
        var trap = reactor.GetAction("trap");
        var spin = reactor.GetExport<int>("spin");
        Assert.Equal(10, await accumulate(10));
        await Assert.ThrowsAsync<WasmTrapException>(() => trap());
        Assert.Equal(5, await accumulate(5)); // fresh state
        Assert.Equal(1, await initCalls()); // _initialize ran again, once, in the new instance
        Assert.Equal(1, reactor.RestartCount);

        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => spin(cts.Token));
        Assert.Equal(7, await accumulate(7));
        Assert.Equal(2, reactor.RestartCount);
        Assert.Equal(WasiReactorState.Running, reactor.State);
    }

    [Fact]
    public async Task RestartsAreBounded()
    {
        await using var reactor = await StartAsync(Test, o =>
        {
            o.RestartPolicy = ReactorRestartPolicy.OnFault;
            o.MaxRestarts = 2;
        });
        var trap = reactor.GetAction("trap");
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<WasmTrapException>(() => trap());
        }

        Assert.Equal(WasiReactorState.Faulted, reactor.State);
        Assert.Equal(2, reactor.RestartCount);
        await Assert.ThrowsAsync<WasiReactorFaultedException>(() => trap());
    }

    [Fact]
    public async Task MarshallerErrorsFailOnlyTheirCall()
    {
        await using var reactor = await StartAsync(Test);
        var bad = reactor.GetExport<int, int>("add", static (_, _, _) => throw new FormatException("bad input"), ReactorMarshal.Int32);
        var forgetful = reactor.GetExport<int, int>("add", static (_, value, args) => args[0] = WasmValue.FromInt32(value), ReactorMarshal.Int32);
        await Assert.ThrowsAsync<FormatException>(() => bad(1));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => forgetful(1));
        Assert.Contains("argument 1", e.Message);
        Assert.Equal(WasiReactorState.Running, reactor.State);
        Assert.Equal(3, await reactor.GetExport<int, int, int>("add")(1, 2));
    }
}

using static ReactorHost.Tests.Reactors.ReactorTestGuests;

namespace ReactorHost.Tests.Reactors;

public sealed class ReactorDisposalTests
{
    [Fact]
    public async Task DisposeDrainsQueuedCallsAndLosesNoResult()
    {
        var reactor = await StartAsync(Test);
        var accumulate = reactor.GetExport<int, long>("accumulate");
        var calls = new List<Task<long>>();
        for (var i = 1; i <= 2000; i++)
        {
            calls.Add(accumulate(i));
        }

        await reactor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
        long total = 0;
        for (var i = 0; i < calls.Count; i++)
        {
            total += i + 1;
            Assert.True(calls[i].IsCompletedSuccessfully);
            Assert.Equal(total, await calls[i]);
        }

        await Assert.ThrowsAsync<ObjectDisposedException>(() => accumulate(1));
    }

    [Fact]
    public async Task ConcurrentCallersDuringDisposeGetAResultOrADisposedError()
    {
        var reactor = await StartAsync(Test);
        var add = reactor.GetExport<int, int, int>("add");
        var started = 0;
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            var completed = 0;
            for (var i = 0; ; i++)
            {
                try
                {
                    Assert.Equal(c + i, await add(c, i));
                    if (completed++ == 0)
                    {
                        Interlocked.Increment(ref started);
                    }
                }
                catch (ObjectDisposedException)
                {
                    return completed;
                }
            }
        })).ToArray();
        while (Volatile.Read(ref started) < callers.Length)
        {
            await Task.Delay(5);
        }

        await reactor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        var counts = await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(counts, n => Assert.True(n > 0));
        Assert.Equal(counts.Sum(), reactor.CompletedCalls);
    }

    [Fact]
    public async Task CancelModeCancelsQueuedCallsAndInterruptsTheRunningOne()
    {
        var reactor = await StartAsync(Test, o => o.StopMode = ReactorStopMode.Cancel);
        var add = reactor.GetExport<int, int, int>("add");
        var spin = reactor.GetExport<int>("spin");
        Assert.Equal(3, await add(1, 2));
        var running = spin();
        var queued = Enumerable.Range(0, 100).Select(i => add(i, i)).ToArray();
        await Task.Delay(20);
        await reactor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(running.IsCanceled);
        Assert.All(queued, t => Assert.True(t.IsCanceled));
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
    }

    [Fact]
    public async Task StopTokenTurnsADrainIntoACancel()
    {
        var (reactor, stdin) = await StartBlockedAsync();
        var readStdin = reactor.GetExport<int>("read_stdin");
        var add = reactor.GetExport<int, int, int>("add");
        var blocked = readStdin();
        await stdin.Entered.WaitAsync(TimeSpan.FromSeconds(5));
        var queued = add(1, 2);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await reactor.StopAsync(cts.Token).WaitAsync(TimeSpan.FromSeconds(10));
        await stdin.Cancelled.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(blocked.IsCompleted);
        Assert.True(queued.IsCanceled);
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
        await reactor.DisposeAsync();
    }

    [Fact]
    public async Task StoppingANeverStartedReactorRejectsItsQueue()
    {
        var reactor = new WasiReactor(Test);
        var early = reactor.GetExport<int, int, int>("add")(1, 2);
        await reactor.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => early);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reactor.StartAsync());
    }

    [Fact]
    public async Task DisposingAFaultedReactorReturnsPromptly()
    {
        var reactor = await StartAsync(Test);
        await Assert.ThrowsAnyAsync<Exception>(() => reactor.GetAction("trap")());
        await reactor.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WasiReactorState.Faulted, reactor.State);
    }

    private static async Task<(WasiReactor, BlockingStdinHandler)> StartBlockedAsync()
    {
        BlockingStdinHandler? stdin = null;
        var reactor = await StartAsync(Test, o => o.Wasi.WrapHandler = inner => stdin = new BlockingStdinHandler(inner));
        return (reactor, stdin!);
    }
}

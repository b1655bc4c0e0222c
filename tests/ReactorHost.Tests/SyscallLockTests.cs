using Microsoft.Extensions.Logging;
using ReactorHost.Wasi;

namespace ReactorHost.Tests;

public class SyscallLockTests
{
    private sealed class ControllableHandler : WasiHandler
    {
        public Func<CancellationToken, ValueTask<Errno>> Close { get; set; } = _ => new(Errno.Success);

        public int ConcurrentCalls;
        public int MaxConcurrentCalls;

        public override ValueTask<Errno> FdClose(int fd, CancellationToken cancellationToken) => Close(cancellationToken);

        public override async ValueTask<Errno> FdSync(int fd, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref ConcurrentCalls);
            InterlockedMax(ref MaxConcurrentCalls, now);
            await Task.Delay(5, cancellationToken);
            Interlocked.Decrement(ref ConcurrentCalls);
            return Errno.Success;
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, exception));
    }

    private static SyscallLock CreateLock(WasiHandler handler, SyscallDispatcher? dispatcher = null, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        new(new SyscallExecutor(handler, new GuestMemory(new byte[1024])), dispatcher, logger, cancellationToken);

    private static SyscallRequest Close(int fd) => Request(WasiSyscall.FdClose, fd);

    private static SyscallRequest Request(WasiSyscall syscall, int fd)
    {
        var request = new SyscallRequest { Syscall = syscall, ArgumentCount = 1 };
        request.Arguments[0] = fd;
        return request;
    }

    [Fact]
    public void SynchronousCompletionReturnsTheErrnoAndLeavesTheSlotIdle()
    {
        var handler = new ControllableHandler { Close = _ => new(Errno.Badf) };
        using var slot = CreateLock(handler);
        Assert.Equal(Errno.Badf, slot.Call(Close(9)));
        Assert.Equal(SyscallLockState.Idle, slot.State);
        Assert.Equal(Errno.Badf, slot.Call(Close(9)));
    }

    [Fact]
    public void AsynchronousCompletionWakesTheWaitingGuest()
    {
        var handler = new ControllableHandler
        {
            Close = async ct =>
            {
                await Task.Delay(20, ct);
                return Errno.Io;
            },
        };
        using var slot = CreateLock(handler);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Errno.Io, slot.Call(Close(1)));
            Assert.Equal(SyscallLockState.Idle, slot.State);
        }
    }

    [Fact]
    public void CompletionFromAnotherThreadIsObserved()
    {
        var gate = new TaskCompletionSource<Errno>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ControllableHandler { Close = _ => new(gate.Task) };
        using var slot = CreateLock(handler);
        _ = Task.Run(async () =>
        {
            await Task.Delay(30);
            gate.SetResult(Errno.Again);
        });
        Assert.Equal(Errno.Again, slot.Call(Close(1)));
    }

    [Fact]
    public void HandlerExceptionsBecomeEioAndAreLogged()
    {
        var logger = new ListLogger();
        var handler = new ControllableHandler { Close = _ => throw new InvalidOperationException("boom") };
        using var slot = CreateLock(handler, logger: logger);
        Assert.Equal(Errno.Io, slot.Call(Close(1)));
        Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Error, logger.Entries[0].Level);

        handler.Close = async _ =>
        {
            await Task.Yield();
            throw new IOException("late boom");
        };
        Assert.Equal(Errno.Io, slot.Call(Close(1)));
        Assert.Equal(2, logger.Entries.Count);
    }

    [Fact]
    public void WasiErrnoExceptionAnswersItsErrnoWithoutLogging()
    {
        var logger = new ListLogger();
        var handler = new ControllableHandler { Close = _ => throw new WasiErrnoException(Errno.Acces) };
        using var slot = CreateLock(handler, logger: logger);
        Assert.Equal(Errno.Acces, slot.Call(Close(1)));
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void CancellationReachesThePendingHandlerAndUnwindsTheGuest()
    {
        using var cts = new CancellationTokenSource();
        var sawCancellation = false;
        var handler = new ControllableHandler
        {
            Close = async ct =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    sawCancellation = true;
                    throw;
                }

                return Errno.Success;
            },
        };
        using var slot = CreateLock(handler, cancellationToken: cts.Token);
        cts.CancelAfter(50);
        Assert.ThrowsAny<OperationCanceledException>(() => slot.Call(Close(1)));
        Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref sawCancellation), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void CancellationUnblocksTheGuestEvenWhenTheHandlerIgnoresIt()
    {
        using var cts = new CancellationTokenSource();
        var never = new TaskCompletionSource<Errno>();
        var handler = new ControllableHandler { Close = _ => new(never.Task) };
        using var slot = CreateLock(handler, cancellationToken: cts.Token);
        cts.CancelAfter(50);
        Assert.ThrowsAny<OperationCanceledException>(() => slot.Call(Close(1)));
    }

    [Fact]
    public async Task HostLoopSerializesHandlersOfSeveralGuests()
    {
        var handler = new ControllableHandler();
        await using var loop = new HostLoopSyscallDispatcher();
        var guests = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            using var slot = CreateLock(handler, loop);
            for (var i = 0; i < 5; i++)
            {
                Assert.Equal(Errno.Success, slot.Call(Request(WasiSyscall.FdSync, 1)));
            }
        })).ToArray();
        await Task.WhenAll(guests);
        Assert.Equal(1, handler.MaxConcurrentCalls);
    }
}

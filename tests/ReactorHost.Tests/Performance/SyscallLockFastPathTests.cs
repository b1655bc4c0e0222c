using System.Threading.Tasks.Sources;
using ReactorHost.Wasi;

namespace ReactorHost.Tests.Performance;

/// <summary>
/// Correctness of the SyscallLock's fast paths: inline completion straight from the caller's
/// request, the Requested → Blocked hand-shake (the host signals only a blocked guest), and
/// many back-to-back hand-offs mixing the spinning and the blocking wait (no lost wake-ups).
/// </summary>
public class SyscallLockFastPathTests
{
    private const uint IovecPointer = 0;
    private const uint WrittenPointer = 16;

    /// <summary>fd_write handler that answers inline, from another thread at once, or from another thread after a delay.</summary>
    private sealed class SwitchingHandler : WasiHandler, IValueTaskSource<WasiResult<uint>>
    {
        private ManualResetValueTaskSourceCore<WasiResult<uint>> _source;

        public int Mode { get; set; }

        public int LastFd { get; private set; }

        public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
        {
            LastFd = fd;
            var length = (uint)iovs.TotalLength;
            if (Mode == 0)
            {
                return new(length);
            }

            _source.Reset();
            var version = _source.Version;
            var delay = Mode == 2;
            ThreadPool.UnsafeQueueUserWorkItem(
                state =>
                {
                    if (delay)
                    {
                        Thread.Sleep(2);
                    }

                    state._source.SetResult(length + 1);
                },
                this,
                preferLocal: false);
            return new(this, version);
        }

        public WasiResult<uint> GetResult(short token) => _source.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _source.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _source.OnCompleted(continuation, state, token, flags);
    }

    private static (SyscallLock Slot, byte[] Memory) CreateLock(WasiHandler handler, SyscallDispatcher? dispatcher = null, int spinIterations = 32)
    {
        var memory = new byte[1024];
        BitConverter.TryWriteBytes(memory.AsSpan((int)IovecPointer), 64u);
        BitConverter.TryWriteBytes(memory.AsSpan((int)IovecPointer + 4), 8u);
        var slot = new SyscallLock(new SyscallExecutor(handler, new GuestMemory(memory)), dispatcher)
        {
            SpinIterations = spinIterations,
            SpinTime = spinIterations == 0 ? TimeSpan.Zero : TimeSpan.FromMicroseconds(10),
        };
        return (slot, memory);
    }

    private static SyscallRequest Write(int fd)
    {
        var request = new SyscallRequest { Syscall = WasiSyscall.FdWrite, ArgumentCount = 4 };
        request.Arguments[0] = fd;
        request.Arguments[1] = IovecPointer;
        request.Arguments[2] = 1;
        request.Arguments[3] = WrittenPointer;
        return request;
    }

    [Fact]
    public void InlineCompletionDecodesTheCallersRequestAndWritesTheResult()
    {
        var handler = new SwitchingHandler();
        var (slot, memory) = CreateLock(handler);
        using (slot)
        {
            Assert.Equal(Errno.Success, slot.Call(Write(7)));
            Assert.Equal(7, handler.LastFd);
            Assert.Equal(8u, BitConverter.ToUInt32(memory, (int)WrittenPointer));
            Assert.Equal(SyscallLockState.Idle, slot.State);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    public void CompletionsFromAnotherThreadWakeTheGuestEveryTime(int spinIterations)
    {
        // spinIterations = 0 (and no spin time) forces the Blocked path on every pending call; 32
        // mixes completions seen while polling with blocked waits (the 2 ms ones).
        var handler = new SwitchingHandler();
        var (slot, memory) = CreateLock(handler, spinIterations: spinIterations);
        using (slot)
        {
            for (var i = 0; i < 300; i++)
            {
                handler.Mode = i % 7 == 0 ? 2 : i % 3;
                Assert.Equal(Errno.Success, slot.Call(Write(i)));
                Assert.Equal(handler.Mode == 0 ? 8u : 9u, BitConverter.ToUInt32(memory, (int)WrittenPointer));
                Assert.Equal(SyscallLockState.Idle, slot.State);
            }
        }
    }

    [Fact]
    public async Task HostLoopDispatchStillCompletesThroughTheSlot()
    {
        var handler = new SwitchingHandler();
        var loop = new HostLoopSyscallDispatcher();
        var (slot, memory) = CreateLock(handler, loop, spinIterations: 0);
        using (slot)
        {
            for (var i = 0; i < 50; i++)
            {
                handler.Mode = i % 3;
                Assert.Equal(Errno.Success, slot.Call(Write(3)));
                Assert.Equal(handler.Mode == 0 ? 8u : 9u, BitConverter.ToUInt32(memory, (int)WrittenPointer));
            }
        }

        await loop.DisposeAsync();
    }

    [Fact]
    public async Task ADisposedHostLoopAnswersInsteadOfHanging()
    {
        var loop = new HostLoopSyscallDispatcher(TimeSpan.Zero);
        var (slot, _) = CreateLock(new SwitchingHandler(), loop, spinIterations: 0);
        using (slot)
        {
            Assert.Equal(Errno.Success, slot.Call(Write(1)));
            await loop.DisposeAsync();
            Assert.Equal(Errno.Io, slot.Call(Write(1)));
            Assert.Equal(SyscallLockState.Idle, slot.State);
        }
    }

    [Fact]
    public void ABlockedGuestIsCancelledThroughItsToken()
    {
        using var cts = new CancellationTokenSource();
        var never = new TaskCompletionSource<WasiResult<uint>>();
        var handler = new NeverHandler(never.Task);
        var memory = new byte[1024];
        BitConverter.TryWriteBytes(memory.AsSpan(4), 8u);
        using var slot = new SyscallLock(new SyscallExecutor(handler, new GuestMemory(memory)), cancellationToken: cts.Token) { SpinIterations = 0, SpinTime = TimeSpan.Zero };
        cts.CancelAfter(50);
        Assert.ThrowsAny<OperationCanceledException>(() => slot.Call(Write(1)));
        Assert.Equal(SyscallLockState.Blocked, slot.State);
    }

    private sealed class NeverHandler(Task<WasiResult<uint>> pending) : WasiHandler
    {
        public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken) => new(pending);
    }
}

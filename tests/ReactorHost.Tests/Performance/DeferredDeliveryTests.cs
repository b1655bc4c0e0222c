using ReactorHost.Wasi;

namespace ReactorHost.Tests.Performance;

/// <summary>
/// Value-returning syscalls whose handler is pending: the result reaches the guest's out-pointer
/// through the reusable deferred wrapper (no async state machine), across result types, for
/// failures, and in foreground mode.
/// </summary>
public class DeferredDeliveryTests
{
    private sealed class LateHandler : WasiHandler
    {
        public bool Throw { get; set; }

        public override async ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (Throw)
            {
                throw new IOException("late failure");
            }

            return (uint)iovs.TotalLength + (uint)fd;
        }

        public override async ValueTask<WasiResult<ulong>> FdTell(int fd, CancellationToken cancellationToken)
        {
            await Task.Delay(1, cancellationToken);
            return 0x1_0000_0000UL + (ulong)fd;
        }
    }

    private static byte[] Memory()
    {
        var memory = new byte[1024];
        BitConverter.TryWriteBytes(memory.AsSpan(0), 64u);
        BitConverter.TryWriteBytes(memory.AsSpan(4), 8u);
        return memory;
    }

    private static SyscallRequest Write(int fd)
    {
        var request = new SyscallRequest { Syscall = WasiSyscall.FdWrite, ArgumentCount = 4 };
        request.Arguments[0] = fd;
        request.Arguments[1] = 0;
        request.Arguments[2] = 1;
        request.Arguments[3] = 16;
        return request;
    }

    private static SyscallRequest Tell(int fd)
    {
        var request = new SyscallRequest { Syscall = WasiSyscall.FdTell, ArgumentCount = 2 };
        request.Arguments[0] = fd;
        request.Arguments[1] = 24;
        return request;
    }

    [Fact]
    public void PendingResultsOfDifferentTypesReachTheOutPointers()
    {
        var memory = Memory();
        using var entry = new ProxyWasiPreview1(new LateHandler());
        entry.Bind(new GuestMemory(memory));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(Errno.Success, entry.Invoke(Write(i)));
            Assert.Equal(8u + (uint)i, BitConverter.ToUInt32(memory, 16));
            Assert.Equal(Errno.Success, entry.Invoke(Tell(i)));
            Assert.Equal(0x1_0000_0000UL + (ulong)i, BitConverter.ToUInt64(memory, 24));
        }
    }

    [Fact]
    public void APendingHandlerThatFailsIsEio()
    {
        var memory = Memory();
        var handler = new LateHandler { Throw = true };
        using var entry = new ProxyWasiPreview1(handler);
        entry.Bind(new GuestMemory(memory));
        Assert.Equal(Errno.Io, entry.Invoke(Write(1)));
        handler.Throw = false;
        Assert.Equal(Errno.Success, entry.Invoke(Write(1)));
        Assert.Equal(9u, BitConverter.ToUInt32(memory, 16));
    }

    [Fact]
    public void ForegroundModeWaitsForPendingResults()
    {
        var memory = Memory();
        var entry = new DirectWasiPreview1(new LateHandler());
        entry.Bind(new GuestMemory(memory));
        Assert.Equal(Errno.Success, entry.Invoke(Write(2)));
        Assert.Equal(10u, BitConverter.ToUInt32(memory, 16));
        Assert.Equal(Errno.Success, entry.Invoke(Tell(3)));
        Assert.Equal(0x1_0000_0003UL, BitConverter.ToUInt64(memory, 24));
    }

    [Fact]
    public async Task HostLoopAwaitsPendingResults()
    {
        var memory = Memory();
        var loop = new HostLoopSyscallDispatcher();
        using (var entry = new ProxyWasiPreview1(new LateHandler(), loop))
        {
            entry.Bind(new GuestMemory(memory));
            Assert.Equal(Errno.Success, entry.Invoke(Write(4)));
            Assert.Equal(12u, BitConverter.ToUInt32(memory, 16));
        }

        await loop.DisposeAsync();
    }
}

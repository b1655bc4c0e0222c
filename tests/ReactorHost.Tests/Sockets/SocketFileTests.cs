using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using ReactorHost.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Tests.Sockets;

/// <summary>Handler-independent socket fd behaviour: SO_RCVTIMEO/SO_SNDTIMEO, non-blocking connect, write readiness.</summary>
public class SocketFileTests
{
    private static readonly IPEndPoint Loopback0 = new(IPAddress.Loopback, 0);

    public static TheoryData<string> Handlers => new() { "net", "loopback" };

    private static WasiSocketHandler Create(string name) => name == "net" ? new NetSocketHandler() : new LoopbackSocketHandler();

    private static async Task<WasiSocket> Open(WasiSocketHandler h) => (await h.OpenAsync(SocketAddressFamily.Inet4, SocketKind.Stream, default)).Value;

    private static async Task<(WasiSocket Listener, IPEndPoint EndPoint)> Listen(WasiSocketHandler h)
    {
        var listener = await Open(h);
        Assert.Equal(Errno.Success, await h.BindAsync(listener, Loopback0, default));
        Assert.Equal(Errno.Success, await h.ListenAsync(listener, 16, default));
        return (listener, h.GetLocalAddress(listener).Value);
    }

    private static async Task<(WasiSocket Client, WasiSocket Server, WasiSocket Listener)> Pair(WasiSocketHandler h)
    {
        var (listener, ep) = await Listen(h);
        var client = await Open(h);
        Assert.Equal(Errno.Success, await h.ConnectAsync(client, ep, default));
        var server = (await h.AcceptAsync(listener, nonBlocking: false, default)).Value;
        return (client, server, listener);
    }

    /// <summary>One iovec of <paramref name="length"/> bytes (filled with <paramref name="fill"/>) in a fresh guest memory.</summary>
    private static IovecArray Buffer(int length, byte fill = 0)
    {
        var memory = new byte[16 + length];
        BinaryPrimitives.WriteUInt32LittleEndian(memory.AsSpan(0), 16);
        BinaryPrimitives.WriteUInt32LittleEndian(memory.AsSpan(4), (uint)length);
        memory.AsSpan(16).Fill(fill);
        Assert.Equal(Errno.Success, IovecArray.TryCreate(new GuestMemory(memory), 0, 1, out var iovs));
        return iovs;
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task ReceiveTimeoutAnswersEagainAndDataStillArrivesAfterwards(string name)
    {
        var h = Create(name);
        var (client, server, listener) = await Pair(h);
        using var file = new WasiSocketFile(h, server) { ReceiveTimeout = TimeSpan.FromMilliseconds(150) };
        var clock = Stopwatch.StartNew();
        var result = await file.ReceiveAsync(Buffer(64), RiFlags.None, default).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Errno.Again, result.Errno);
        Assert.InRange(clock.ElapsedMilliseconds, 120, 5000);

        // Data arriving during a timed wait is delivered.
        file.ReceiveTimeout = TimeSpan.FromSeconds(10);
        var pending = file.ReceiveAsync(Buffer(64), RiFlags.None, default).AsTask();
        Assert.Equal(5, (await h.SendAsync(client, "hello"u8.ToArray(), nonBlocking: false, default)).Value);
        Assert.Equal(5u, (await pending.WaitAsync(TimeSpan.FromSeconds(10))).Value);
        h.Close(client);
        h.Close(listener);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task AcceptHonoursTheReceiveTimeout(string name)
    {
        var h = Create(name);
        var (listener, ep) = await Listen(h);
        using var file = new WasiSocketFile(h, listener) { ReceiveTimeout = TimeSpan.FromMilliseconds(100) };
        Assert.Equal(Errno.Again, (await file.AcceptAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(10))).Errno);

        var client = await Open(h);
        Assert.Equal(Errno.Success, await h.ConnectAsync(client, ep, default));
        var accepted = await file.AcceptAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Errno.Success, accepted.Errno);
        h.Close(accepted.Value);
        h.Close(client);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task SendTimeoutReportsWhatWasSentThenEagainWhenThePeerDoesNotRead(string name)
    {
        var h = Create(name);
        var (client, server, listener) = await Pair(h);
        using var file = new WasiSocketFile(h, client) { SendTimeout = TimeSpan.FromMilliseconds(200) };
        var big = Buffer(64 << 20, 0x5a); // far beyond any socket buffer
        var first = await file.SendAsync(big, default).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(Errno.Success, first.Errno);
        Assert.InRange(first.Value, 1u, (64u << 20) - 1); // partial: the buffers filled up, then the timeout hit

        // Once the buffers are full (the kernel may still grow them a little), nothing fits: EAGAIN after the timeout.
        var last = first;
        for (var attempt = 0; attempt < 50 && last.Errno != Errno.Again; attempt++)
        {
            var clock = Stopwatch.StartNew();
            last = await file.SendAsync(Buffer(1 << 20), default).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(last.Errno == Errno.Again || (last.IsSuccess && last.Value < 1u << 20), $"{last.Errno} {last.Value}");
            Assert.InRange(clock.ElapsedMilliseconds, 150, 10000);
        }

        Assert.Equal(Errno.Again, last.Errno);
        h.Close(server);
        h.Close(client);
        h.Close(listener);
    }

    [Theory]
    [InlineData(Errno.Success)]
    [InlineData(Errno.Connrefused)]
    public async Task NonBlockingConnectAnswersEinprogressThenWritableAndSoError(Errno outcome)
    {
        var gated = new GatedConnectHandler(new LoopbackSocketHandler());
        var socket = await Open(gated);
        using var file = new WasiSocketFile(gated, socket) { Flags = FdFlags.Nonblock };
        Assert.Equal(Errno.Inprogress, await file.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 9), default));
        Assert.True(file.IsConnecting);
        Assert.False(file.IsReady(EventType.FdWrite));
        Assert.Equal(Errno.Already, await file.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 9), default));
        Assert.Equal(Errno.Again, (await file.SendAsync(Buffer(4), default)).Errno);
        Assert.Null(file.TakeConnectError());

        var writable = file.WaitReadyAsync(EventType.FdWrite, default).AsTask();
        await Task.Delay(20);
        Assert.False(writable.IsCompleted);
        gated.Gate.SetResult(outcome);
        await writable.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(file.IsReady(EventType.FdWrite));
        Assert.False(file.IsConnecting);
        Assert.Equal(outcome, file.TakeConnectError());
        Assert.Null(file.TakeConnectError()); // reported once
    }

    [Fact]
    public async Task NonBlockingConnectThatCompletesAtOnceAnswersItsResult()
    {
        var h = new LoopbackSocketHandler();
        var (listener, ep) = await Listen(h);
        using var file = new WasiSocketFile(h, await Open(h)) { Flags = FdFlags.Nonblock };
        Assert.Equal(Errno.Success, await file.ConnectAsync(ep, default));
        Assert.False(file.IsConnecting);
        h.Close(listener);
    }

    [Fact]
    public async Task NetWritabilityIsSignalledWhenThePeerDrainsWithoutPolling()
    {
        var h = new NetSocketHandler();
        var (client, server, listener) = await Pair(h);
        var chunk = new byte[1 << 16];
        while ((await h.SendAsync(client, chunk, nonBlocking: true, default)).IsSuccess)
        {
        }

        Assert.False(client.IsWritable);

        // A cancelled wait ends cancelled and leaves nothing behind.
        using (var cancel = new CancellationTokenSource(50))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitWritableAsync(cancel.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        var writable = client.WaitWritableAsync(default).AsTask();
        await Task.Delay(50);
        Assert.False(writable.IsCompleted);

        var sink = new byte[1 << 20];
        while (!writable.IsCompleted)
        {
            var n = await h.ReceiveAsync(server, sink, RiFlags.None, nonBlocking: true, default);
            if (!n.IsSuccess)
            {
                await Task.Delay(1);
            }
        }

        await writable.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(client.IsWritable);
        h.Close(client);
        h.Close(server);
        h.Close(listener);
    }

    /// <summary>A handler whose connects finish only when the test says so.</summary>
    private sealed class GatedConnectHandler(WasiSocketHandler inner) : DelegatingSocketHandler(inner)
    {
        public TaskCompletionSource<Errno> Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<Errno> ConnectAsync(WasiSocket socket, IPEndPoint endPoint, CancellationToken cancellationToken) =>
            await Gate.Task.WaitAsync(cancellationToken);
    }
}

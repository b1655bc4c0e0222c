using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using ReactorHost.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Tests.Sockets;

public class SocketHandlerTests
{
    private static readonly IPEndPoint Loopback0 = new(IPAddress.Loopback, 0);

    private static async Task<WasiSocket> Open(WasiSocketHandler h, SocketKind kind = SocketKind.Stream)
    {
        var r = await h.OpenAsync(SocketAddressFamily.Inet4, kind, default);
        Assert.Equal(Errno.Success, r.Errno);
        return r.Value;
    }

    private static async Task<(WasiSocket Listener, IPEndPoint EndPoint)> Listen(WasiSocketHandler h)
    {
        var listener = await Open(h);
        Assert.Equal(Errno.Success, await h.BindAsync(listener, Loopback0, default));
        Assert.Equal(Errno.Success, await h.ListenAsync(listener, 16, default));
        return (listener, h.GetLocalAddress(listener).Value);
    }

    public static TheoryData<string> Handlers => new() { "net", "loopback" };

    private static WasiSocketHandler Create(string name) => name == "net" ? new NetSocketHandler() : new LoopbackSocketHandler();

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task ConnectAcceptSendReceiveAndEndOfStream(string name)
    {
        var h = Create(name);
        var (listener, ep) = await Listen(h);
        Assert.NotEqual(0, ep.Port);
        Assert.False(listener.IsReadable);
        var acceptReady = listener.WaitReadableAsync(default).AsTask();

        var client = await Open(h);
        Assert.Equal(Errno.Success, await h.ConnectAsync(client, ep, default));
        await acceptReady.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(listener.IsReadable);
        var server = (await h.AcceptAsync(listener, nonBlocking: false, default)).Value;
        Assert.Equal(h.GetLocalAddress(client).Value, h.GetPeerAddress(server).Value);

        var buffer = new byte[64];
        Assert.Equal(Errno.Again, (await h.ReceiveAsync(server, buffer, RiFlags.None, nonBlocking: true, default)).Errno);
        var readable = server.WaitReadableAsync(default).AsTask();
        Assert.Equal(5, (await h.SendAsync(client, "hello"u8.ToArray(), nonBlocking: false, default)).Value);
        await readable.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, (await h.ReceiveAsync(server, buffer.AsMemory(0, 3), RiFlags.RecvPeek, false, default)).Value);
        Assert.Equal(5, (await h.ReceiveAsync(server, buffer, RiFlags.None, false, default)).Value);
        Assert.Equal("hello", Encoding.ASCII.GetString(buffer, 0, 5));

        Assert.Equal(Errno.Success, h.Shutdown(client, SdFlags.Wr));
        Assert.Equal(0, (await h.ReceiveAsync(server, buffer, RiFlags.None, false, default)).Value);
        h.Close(client);
        h.Close(server);
        h.Close(listener);
        Assert.True(listener.IsDisposed);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task ConnectToNobodyIsRefused(string name)
    {
        var h = Create(name);
        var (listener, ep) = await Listen(h);
        h.Close(listener);
        var client = await Open(h);
        Assert.Equal(Errno.Connrefused, await h.ConnectAsync(client, ep, default));
    }

    [Fact]
    public async Task LoopbackAppliesBackPressureAndReportsBrokenPipe()
    {
        var h = new LoopbackSocketHandler { BufferSize = 1024 };
        var (listener, ep) = await Listen(h);
        var client = await Open(h);
        await h.ConnectAsync(client, ep, default);
        var server = (await h.AcceptAsync(listener, false, default)).Value;
        Assert.Equal(1024, (await h.SendAsync(client, new byte[4096], nonBlocking: true, default)).Value);
        Assert.False(client.IsWritable);
        Assert.Equal(Errno.Again, (await h.SendAsync(client, new byte[1], nonBlocking: true, default)).Errno);
        var blocked = h.SendAsync(client, new byte[100], nonBlocking: false, default).AsTask();
        await Task.Delay(20);
        Assert.False(blocked.IsCompleted);
        Assert.Equal(512, (await h.ReceiveAsync(server, new byte[512], RiFlags.None, false, default)).Value);
        Assert.Equal(100, (await blocked.WaitAsync(TimeSpan.FromSeconds(5))).Value);
        h.Close(server);
        Assert.Equal(Errno.Pipe, (await h.SendAsync(client, new byte[1], false, default)).Errno);
    }

    [Fact]
    public async Task LoopbackDatagramsCarryTheSenderAndTruncate()
    {
        var h = new LoopbackSocketHandler();
        var a = await Open(h, SocketKind.Datagram);
        var b = await Open(h, SocketKind.Datagram);
        Assert.Equal(Errno.Success, await h.BindAsync(a, new IPEndPoint(IPAddress.Loopback, 5000), default));
        Assert.Equal(Errno.Addrinuse, await h.BindAsync(b, new IPEndPoint(IPAddress.Any, 5000), default));
        Assert.Equal(6, (await h.SendToAsync(b, "abcdef"u8.ToArray(), new IPEndPoint(IPAddress.Loopback, 5000), false, default)).Value);
        var buffer = new byte[4];
        var got = await h.ReceiveFromAsync(a, buffer, RiFlags.None, false, default);
        Assert.Equal(4, got.Value.Length);
        Assert.Equal(RoFlags.RecvDataTruncated, got.Value.Flags);
        Assert.Equal(h.GetLocalAddress(b).Value, got.Value.RemoteEndPoint);
    }

    [Fact]
    public async Task NetDatagramsRoundTrip()
    {
        var h = new NetSocketHandler();
        var a = await Open(h, SocketKind.Datagram);
        var b = await Open(h, SocketKind.Datagram);
        await h.BindAsync(a, Loopback0, default);
        await h.BindAsync(b, Loopback0, default);
        var aep = h.GetLocalAddress(a).Value;
        Assert.Equal(3, (await h.SendToAsync(b, "xyz"u8.ToArray(), aep, false, default)).Value);
        await a.WaitReadableAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var buffer = new byte[16];
        var got = await h.ReceiveFromAsync(a, buffer, RiFlags.None, false, default);
        Assert.Equal(3, got.Value.Length);
        Assert.Equal(h.GetLocalAddress(b).Value, got.Value.RemoteEndPoint);
        h.Close(a);
        h.Close(b);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task OptionsReadBackAndTypeIsReadOnly(string name)
    {
        var h = Create(name);
        var s = await Open(h);
        Assert.Equal((long)SocketKind.Stream, h.GetOption(s, SocketOption.Type).Value);
        Assert.Equal(Errno.Success, h.SetOption(s, SocketOption.KeepAlive, 1));
        Assert.Equal(1, h.GetOption(s, SocketOption.KeepAlive).Value);
        Assert.Equal(Errno.Success, h.SetOption(s, SocketOption.Linger, 3));
        Assert.Equal(3, h.GetOption(s, SocketOption.Linger).Value);
        Assert.Equal(Errno.Noprotoopt, h.SetOption(s, SocketOption.Type, 1));
        Assert.Equal(0, h.GetOption(s, SocketOption.AcceptConnections).Value);
        h.Close(s);
    }

    [Fact]
    public async Task PolicyDeniesByRuleAndLogs()
    {
        var logger = new ListLogger();
        var loopback = new LoopbackSocketHandler();
        var policy = new SocketPolicyHandler(loopback, logger);
        policy.Rules.Add(SocketRule.Deny("127.0.0.1", 6000, 6000, SocketDirection.Outbound));
        policy.Rules.Add(SocketRule.Allow("127.0.0.0/8"));
        policy.DefaultAction = SocketRuleAction.Deny;

        var s = await Open(policy);
        Assert.Equal(Errno.Acces, await policy.ConnectAsync(s, new IPEndPoint(IPAddress.Loopback, 6000), default));
        Assert.Equal(Errno.Acces, await policy.ConnectAsync(s, new IPEndPoint(IPAddress.Parse("10.1.2.3"), 80), default));
        Assert.Equal(Errno.Acces, await policy.BindAsync(s, new IPEndPoint(IPAddress.Any, 80), default));
        Assert.Equal(Errno.Connrefused, await policy.ConnectAsync(s, new IPEndPoint(IPAddress.Loopback, 6001), default));
        Assert.Equal(3, policy.DeniedCount);
        Assert.Equal(3, logger.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("refused", StringComparison.Ordinal)));
        Assert.Contains(logger.Entries, e => e.Message.Contains("127.0.0.1:6000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PolicyLimitsConnectionsAndReleasesThemOnClose()
    {
        var logger = new ListLogger();
        var loopback = new LoopbackSocketHandler();
        var policy = new SocketPolicyHandler(loopback, logger) { MaxConnections = 2 };
        var (listener, ep) = await Listen(policy);
        var clients = new List<WasiSocket>();
        for (var i = 0; i < 3; i++)
        {
            var c = await Open(loopback);
            Assert.Equal(Errno.Success, await loopback.ConnectAsync(c, ep, default));
            clients.Add(c);
        }

        var first = (await policy.AcceptAsync(listener, false, default)).Value;
        var second = (await policy.AcceptAsync(listener, false, default)).Value;
        Assert.Equal(2, policy.ConnectionCount);

        // The third is refused: closed at once (its client sees end of stream), and accept would wait.
        Assert.Equal(Errno.Again, (await policy.AcceptAsync(listener, nonBlocking: true, default)).Errno);
        Assert.Equal(0, (await loopback.ReceiveAsync(clients[2], new byte[1], RiFlags.None, false, default)).Value);
        Assert.Contains(logger.Entries, e => e.Message.Contains("connection limit", StringComparison.Ordinal));

        policy.Close(first);
        Assert.Equal(1, policy.ConnectionCount);
        var c4 = await Open(loopback);
        await loopback.ConnectAsync(c4, ep, default);
        Assert.Equal(Errno.Success, (await policy.AcceptAsync(listener, false, default)).Errno);
        policy.Close(second);
    }

    [Fact]
    public async Task GetAddressInfoFollowsGetaddrinfoRules()
    {
        var h = new LoopbackSocketHandler();
        h.Hosts["svc.test"] = [IPAddress.Parse("10.0.0.7")];

        Assert.Equal(SocketErrno.AiNoName, (await h.GetAddressInfoAsync(null, null, default, default)).Errno);
        Assert.Equal(SocketErrno.AiNoName, (await h.GetAddressInfoAsync("nowhere.test", "80", default, default)).Errno);
        Assert.Equal(SocketErrno.AiNoName, (await h.GetAddressInfoAsync("svc.test", "80", new(AddressInfoFlags.NumericHost), default)).Errno);
        Assert.Equal(SocketErrno.AiNoName, (await h.GetAddressInfoAsync("1.2.3.4", "http", new(AddressInfoFlags.NumericService), default)).Errno);
        Assert.Equal(SocketErrno.AiService, (await h.GetAddressInfoAsync("1.2.3.4", "no-such-service", default, default)).Errno);
        Assert.Equal(SocketErrno.AiBadFlags, (await h.GetAddressInfoAsync(null, "80", new(AddressInfoFlags.CanonicalName), default)).Errno);
        Assert.Equal(SocketErrno.AiBadFlags, (await h.GetAddressInfoAsync("a", "80", new((AddressInfoFlags)0x8000), default)).Errno);
        Assert.Equal(SocketErrno.AiAddressFamily, (await h.GetAddressInfoAsync("svc.test", "80", new(Family: SocketAddressFamily.Inet6), default)).Errno);
        Assert.Equal(SocketErrno.AiSocketType, (await h.GetAddressInfoAsync("svc.test", "80", new(Kind: SocketKind.Stream, Protocol: SocketProtocol.Udp), default)).Errno);

        var named = (await h.GetAddressInfoAsync("svc.test", "http", new(AddressInfoFlags.CanonicalName), default)).Value;
        var only = Assert.Single(named);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.7"), 80), only.EndPoint);
        Assert.Equal(SocketKind.Stream, only.Kind);
        Assert.Equal(SocketProtocol.Tcp, only.Protocol);
        Assert.Equal("svc.test", only.CanonicalName);

        var both = (await h.GetAddressInfoAsync("10.0.0.1", "53", default, default)).Value;
        Assert.Equal([SocketKind.Stream, SocketKind.Datagram], both.Select(r => r.Kind));

        var passive = (await h.GetAddressInfoAsync(null, "8080", new(AddressInfoFlags.Passive, Kind: SocketKind.Stream), default)).Value;
        Assert.Equal([IPAddress.Any, IPAddress.IPv6Any], passive.Select(r => r.EndPoint.Address));
        var active = (await h.GetAddressInfoAsync(null, "8080", new(Family: SocketAddressFamily.Inet4, Kind: SocketKind.Stream), default)).Value;
        Assert.Equal(IPAddress.Loopback, Assert.Single(active).EndPoint.Address);

        var mapped = (await h.GetAddressInfoAsync("svc.test", "1", new(AddressInfoFlags.V4Mapped, SocketAddressFamily.Inet6, SocketKind.Stream), default)).Value;
        Assert.Equal(IPAddress.Parse("::ffff:10.0.0.7"), Assert.Single(mapped).EndPoint.Address);
        Assert.Equal(SocketAddressFamily.Inet6, mapped[0].Family);
    }

    [Fact]
    public async Task NetHandlerResolvesLocalhost()
    {
        var h = new NetSocketHandler();
        var r = await h.GetAddressInfoAsync("localhost", "80", new(Family: SocketAddressFamily.Inet4, Kind: SocketKind.Stream), default);
        Assert.Equal(Errno.Success, r.Errno);
        Assert.All(r.Value, a => Assert.True(IPAddress.IsLoopback(a.EndPoint.Address)));
    }

    [Fact]
    public async Task NetNonBlockingAcceptAndReceiveAnswerEagain()
    {
        var h = new NetSocketHandler();
        var (listener, ep) = await Listen(h);
        Assert.Equal(Errno.Again, (await h.AcceptAsync(listener, nonBlocking: true, default)).Errno);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(ep);
        await listener.WaitReadableAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        var server = (await h.AcceptAsync(listener, nonBlocking: true, default)).Value;
        Assert.Equal(Errno.Again, (await h.ReceiveAsync(server, new byte[4], RiFlags.None, nonBlocking: true, default)).Errno);
        await client.SendAsync("ping"u8.ToArray());
        await server.WaitReadableAsync(default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(4, server.BytesAvailable);
        Assert.Equal(4, (await h.ReceiveAsync(server, new byte[4], RiFlags.None, nonBlocking: true, default)).Value);
        h.Close(server);
        h.Close(listener);
    }
}

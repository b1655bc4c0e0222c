using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using ReactorHost.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Tests.Sockets;

/// <summary>The socket guests of tests/guests driven by .NET clients over 127.0.0.1.</summary>
public class GuestSocketTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="rounds"/> round trips of varied sizes and checks every byte.</summary>
    private static async Task EchoClientAsync(IPEndPoint server, int seed, int rounds)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await client.ConnectAsync(server);
        var random = new Random(seed);
        var send = new byte[4096];
        var receive = new byte[4096];
        for (var r = 0; r < rounds; r++)
        {
            var length = random.Next(1, send.Length);
            random.NextBytes(send.AsSpan(0, length));
            await client.SendAsync(send.AsMemory(0, length));
            var got = 0;
            while (got < length)
            {
                var n = await client.ReceiveAsync(receive.AsMemory(got, length - got));
                Assert.NotEqual(0, n);
                got += n;
            }

            Assert.True(send.AsSpan(0, length).SequenceEqual(receive.AsSpan(0, length)), $"client {seed} round {r}: bytes differ");
        }

        client.Shutdown(SocketShutdown.Send);
        Assert.Equal(0, await client.ReceiveAsync(receive));
    }

    [Fact]
    public async Task PollServerEchoes100ConcurrentConnectionsTimes100RoundTrips()
    {
        using var run = GuestRun.Start("sock_poll_server", ["127.0.0.1", "0", "100"], o => o.Sockets.Handler = new NetSocketHandler());
        var port = await run.ListeningPortAsync();
        var server = new IPEndPoint(IPAddress.Loopback, port);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => EchoClientAsync(server, i, 100)))).WaitAsync(Timeout);
        Assert.Equal(0, await run.Exit.WaitAsync(Timeout));
        Assert.Contains("served 100 bytes", run.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockingEchoServerOnAPreopenedSocketServes100ConcurrentClientsTimes100RoundTrips()
    {
        var (preopen, endPoint) = GuestRun.HostListener();
        using var run = GuestRun.Start("sock_echo_server", ["--fd", "3", "100"], o => o.Sockets.Preopened.Add(preopen));
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => EchoClientAsync(endPoint, 1000 + i, 100)))).WaitAsync(Timeout);
        Assert.Equal(0, await run.Exit.WaitAsync(Timeout));
        Assert.Contains("served 100 bytes", run.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoClientGuestResolvesConnectsAndRoundTripsThroughTheEchoServerGuest()
    {
        var network = new NetSocketHandler();
        using var server = GuestRun.Start("sock_echo_server", ["127.0.0.1", "0", "1"], o => o.Sockets.Handler = network);
        var port = await server.ListeningPortAsync();
        using var client = GuestRun.Start("sock_echo_client", ["localhost", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "200"], o => o.Sockets.Handler = network);
        Assert.Equal(0, await client.Exit.WaitAsync(Timeout));
        Assert.Contains("ok 200", client.Stdout.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.Exit.WaitAsync(Timeout));
    }

    [Fact]
    public async Task GuestsTalkOverTheInMemoryLoopback()
    {
        var network = new LoopbackSocketHandler();
        using var server = GuestRun.Start("sock_echo_server", ["127.0.0.1", "7000", "1"], o => o.Sockets.Handler = network);
        Assert.Equal(7000, await server.ListeningPortAsync());
        using var client = GuestRun.Start("sock_echo_client", ["127.0.0.1", "7000", "300"], o => o.Sockets.Handler = network);
        Assert.Equal(0, await client.Exit.WaitAsync(Timeout));
        Assert.Equal(0, await server.Exit.WaitAsync(Timeout));
        Assert.Equal(0, network.BoundCount);
    }

    [Fact]
    public async Task DeniedAddressGetsEaccesInTheGuestAndALogEntryInTheHost()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var logger = new ListLogger();
        var policy = new SocketPolicyHandler(new NetSocketHandler(), logger);
        policy.Rules.Add(SocketRule.Deny("127.0.0.1", port, port));
        using var client = GuestRun.Start("sock_echo_client", ["127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"], o => o.Sockets.Handler = policy);
        Assert.Equal(3, await client.Exit.WaitAsync(Timeout));
        Assert.Contains($"connect: errno {(int)Errno.Acces}", client.Stdout.Text, StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains($"127.0.0.1:{port}", entry.Message, StringComparison.Ordinal);
        Assert.Equal(0, policy.SocketCount);
    }

    [Fact]
    public async Task RefusedConnectionGetsEconnrefused()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var client = GuestRun.Start("sock_echo_client", ["127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "1"], o => o.Sockets.Handler = new NetSocketHandler());
        Assert.Equal(3, await client.Exit.WaitAsync(Timeout));
        Assert.Contains($"connect: errno {(int)Errno.Connrefused}", client.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuestWithoutANetworkCannotOpenSockets()
    {
        using var client = GuestRun.Start("sock_echo_client", ["127.0.0.1", "80", "1"]);
        Assert.Equal(2, await client.Exit.WaitAsync(Timeout));
        Assert.Contains($"getaddrinfo: errno {(int)Errno.Acces}", client.Stdout.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpServerGuestServesA10MiBFileIntact()
    {
        var root = Directory.CreateTempSubdirectory("rh-http-");
        try
        {
            var content = new byte[10 << 20];
            new Random(42).NextBytes(content);
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "big.bin"), content);
            var (preopen, endPoint) = GuestRun.HostListener();
            using var run = GuestRun.Start("http_server", ["--fd", "4", "3"], o =>
            {
                o.Preopens.Add(WasiPreopen.Host(root.FullName, "/www"));
                o.Sockets.Preopened.Add(preopen);
            });
            using var http = new HttpClient { BaseAddress = new Uri($"http://{endPoint}/"), Timeout = Timeout };
            var body = await http.GetByteArrayAsync("big.bin");
            Assert.Equal(content.Length, body.Length);
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(body));
            using var missing = await http.GetAsync("missing.txt");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            using var head = new HttpRequestMessage(HttpMethod.Head, "big.bin");
            using var headResponse = await http.SendAsync(head);
            Assert.Equal(content.Length, headResponse.Content.Headers.ContentLength);
            Assert.Equal(0, await run.Exit.WaitAsync(Timeout));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CancellingTheHostMidTransferReleasesEverySocketAndTheGuestThread()
    {
        var root = Directory.CreateTempSubdirectory("rh-http-");
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(root.FullName, "big.bin"), new byte[64 << 20]);
            var counting = new CountingSocketHandler(new NetSocketHandler());
            using var cts = new CancellationTokenSource();
            using var run = GuestRun.Start("http_server", ["127.0.0.1", "0", "0"], o =>
            {
                o.Preopens.Add(WasiPreopen.Host(root.FullName, "/www"));
                o.Sockets.Handler = counting;
            }, cts.Token);
            var port = await run.ListeningPortAsync();

            using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await client.ConnectAsync(IPAddress.Loopback, port);
            await client.SendAsync("GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            var buffer = new byte[65536];
            var received = 0;
            while (received < 1 << 20)
            {
                received += await client.ReceiveAsync(buffer);
            }

            // The guest is now blocked sending (this client stopped reading): stop the host.
            Assert.Equal(2, counting.Open);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Exit.WaitAsync(Timeout));
            Assert.Equal(0, counting.Open);

            // The connection is gone for the client too: it drains what was buffered, then sees the end.
            client.ReceiveTimeout = 10_000;
            int n;
            do
            {
                n = client.Receive(buffer, SocketFlags.None, out var error);
                if (error != SocketError.Success)
                {
                    break;
                }
            }
            while (n > 0);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Counts sockets opened and not yet closed.</summary>
    private sealed class CountingSocketHandler(WasiSocketHandler inner) : DelegatingSocketHandler(inner)
    {
        private int _open;

        public int Open => Volatile.Read(ref _open);

        public override async ValueTask<WasiResult<WasiSocket>> OpenAsync(SocketAddressFamily family, SocketKind kind, CancellationToken cancellationToken)
        {
            var r = await base.OpenAsync(family, kind, cancellationToken);
            if (r.IsSuccess)
            {
                Interlocked.Increment(ref _open);
            }

            return r;
        }

        public override async ValueTask<WasiResult<WasiSocket>> AcceptAsync(WasiSocket socket, bool nonBlocking, CancellationToken cancellationToken)
        {
            var r = await base.AcceptAsync(socket, nonBlocking, cancellationToken);
            if (r.IsSuccess)
            {
                Interlocked.Increment(ref _open);
            }

            return r;
        }

        public override void Close(WasiSocket socket)
        {
            Interlocked.Decrement(ref _open);
            base.Close(socket);
        }
    }
}

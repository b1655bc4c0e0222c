using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocketHttpServer;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

/// <summary>Runs examples/SocketHttpServer in-process on an ephemeral loopback port, with bounded time.</summary>
public sealed class SocketHttpServerExampleTests
{
    private const string HandlerCategory = "SocketHttpServer.ConnectionLimitingSocketHandler";

    [Fact]
    public async Task ServesFilesLogsConnectionsAndRefusesBeyondTheLimit()
    {
        var logs = new LogCapture();
        var builder = HttpServerApp.CreateBuilder(["--SocketHttpServer:Listen=127.0.0.1:0", "--SocketHttpServer:MaxConnections=2"]);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        using var host = builder.Build();
        await host.StartAsync().Within(60);
        var endPoint = host.Services.GetRequiredService<HttpListenerSocket>().EndPoint;
        var handler = host.Services.GetRequiredService<ConnectionLimitingSocketHandler>();
        Assert.Equal(IPAddress.Loopback, endPoint.Address);
        Assert.NotEqual(8080, endPoint.Port);

        // A file, byte for byte, through the guest, and a 404.
        var expected = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "site", "www", "hello.txt"));
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            using var response = await http.GetAsync(new Uri($"http://{endPoint}/hello.txt")).Within(30);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            using var missing = await http.GetAsync(new Uri($"http://{endPoint}/nope.txt")).Within(30);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // Two keep-alive connections fill the limit; both are served, several times each.
        using var first = await ConnectAsync(endPoint);
        using var second = await ConnectAsync(endPoint);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected, await GetAsync(first, "/hello.txt"));
            Assert.Equal(expected, await GetAsync(second, "/hello.txt"));
        }

        // A third is answered 503 by the host's handler and closed; the guest never sees it.
        using (var third = await ConnectAsync(endPoint))
        {
            var refused = Encoding.ASCII.GetString(await ReadToEndAsync(third));
            Assert.StartsWith("HTTP/1.1 503 Service Unavailable\r\n", refused, StringComparison.Ordinal);
        }

        Assert.Equal(1, handler.RefusedConnections);
        Assert.True(logs.Has(HandlerCategory, LogLevel.Warning, "refused: 2 connections open already"), logs.Dump());

        // The held connections still work; once one closes, a new client gets in.
        Assert.Equal(expected, await GetAsync(first, "/hello.txt"));
        first.Shutdown(SocketShutdown.Send);
        Assert.Empty(await ReadToEndAsync(first)); // the guest closes its side after our EOF
        await WaitUntilAsync(() => handler.ActiveConnections == 1);
        using (var fourth = await ConnectAsync(endPoint))
        {
            Assert.Equal(expected, await GetAsync(fourth, "/hello.txt"));
        }

        // One log entry per accepted connection, and a closing entry with the byte counts.
        Assert.True(logs.Has(HandlerCategory, LogLevel.Information, "accepted (1/2 open)"), logs.Dump());
        Assert.True(logs.Has(HandlerCategory, LogLevel.Information, "accepted (2/2 open)"), logs.Dump());
        Assert.True(logs.Has(HandlerCategory, LogLevel.Information, "bytes in, "), logs.Dump());
        var accepted = logs.Entries.Count(e => e.Category == HandlerCategory && e.Message.Contains("accepted (", StringComparison.Ordinal));
        Assert.Equal(4, accepted); // HttpClient (its two requests share a keep-alive connection), first, second, fourth; not the third

        // Stopping the host cancels the guest and closes every socket, the held one included.
        await host.StopAsync().Within(30);
        Assert.Equal(0, handler.ActiveConnections);
        Assert.Empty(await ReadToEndAsync(second));
        Assert.True(logs.Has("ReactorHost.Guests.http", LogLevel.Information, "Process http: running"), logs.Dump());
    }

    private static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).Within(30);
        return socket;
    }

    /// <summary>One keep-alive GET; returns the body (checks the status line and Content-Length).</summary>
    private static async Task<byte[]> GetAsync(Socket socket, string path)
    {
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n"), SocketFlags.None).Within(30);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var n = await socket.ReceiveAsync(chunk, SocketFlags.None).Within(30);
            Assert.NotEqual(0, n);
            buffer.AddRange(chunk.AsSpan(0, n));
        }

        var header = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray());
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", header, StringComparison.Ordinal);
        var lengthLine = header.Split("\r\n").Single(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal));
        var length = int.Parse(lengthLine["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        while (buffer.Count < headerEnd + 4 + length)
        {
            var n = await socket.ReceiveAsync(chunk, SocketFlags.None).Within(30);
            Assert.NotEqual(0, n);
            buffer.AddRange(chunk.AsSpan(0, n));
        }

        Assert.Equal(headerEnd + 4 + length, buffer.Count);
        return buffer.GetRange(headerEnd + 4, length).ToArray();
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var all = new List<byte>();
        var chunk = new byte[4096];
        int n;
        while ((n = await socket.ReceiveAsync(chunk, SocketFlags.None).Within(30)) > 0)
        {
            all.AddRange(chunk.AsSpan(0, n));
        }

        return [.. all];
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> value) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer).IndexOf(value);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 30 s");
            await Task.Delay(10);
        }
    }
}

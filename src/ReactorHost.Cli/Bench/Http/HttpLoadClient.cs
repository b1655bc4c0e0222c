using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ReactorHost.Cli.Bench.Http;

/// <summary>
/// A small HTTP/1.1 load client: <c>concurrency</c> keep-alive connections, each sending one GET at
/// a time and reading the whole response (Content-Length framed) before the next, until a fixed
/// number of requests is done. Every body is checked against the expected bytes.
/// </summary>
internal sealed class HttpLoadClient(IPEndPoint endPoint, string path, byte[] expectedBody)
{
    private readonly byte[] _request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n");
    private readonly byte[] _contentLength = Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\r\nContent-Length: {expectedBody.Length}\r\n"));

    /// <summary>Runs <paramref name="requests"/> requests over <paramref name="concurrency"/> connections.</summary>
    public async Task<HttpLoadResult> RunAsync(int requests, int concurrency, CancellationToken cancellationToken)
    {
        var remaining = requests;
        var latencies = new List<double>[concurrency];
        var workers = new Task[concurrency];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < concurrency; i++)
        {
            var mine = latencies[i] = new List<double>(requests / concurrency + 1);
            workers[i] = Task.Run(() => WorkAsync(mine), cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new HttpLoadResult(all.Length, elapsed, Percentile(all, 0.5), Percentile(all, 0.99));

        async Task WorkAsync(List<double> mine)
        {
            using var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[Math.Max(16384, expectedBody.Length + 1024)];
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                var start = Stopwatch.GetTimestamp();
                await socket.SendAsync(_request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                await ReadResponseAsync(socket, buffer, cancellationToken).ConfigureAwait(false);
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }

    private async Task ReadResponseAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        // Responses never overlap (one request in flight per connection), so a response starts at buffer[0].
        var used = 0;
        int headerEnd;
        while ((headerEnd = buffer.AsSpan(0, used).IndexOf("\r\n\r\n"u8)) < 0)
        {
            used += await ReceiveSomeAsync(socket, buffer.AsMemory(used), cancellationToken).ConfigureAwait(false);
        }

        var header = buffer.AsSpan(0, headerEnd);
        if (!header.StartsWith("HTTP/1.1 200 "u8))
        {
            throw new InvalidOperationException($"unexpected response: {Encoding.ASCII.GetString(header)}");
        }

        var total = headerEnd + 4 + expectedBody.Length;
        if (total > buffer.Length || buffer.AsSpan(0, headerEnd + 2).IndexOf(_contentLength) < 0)
        {
            throw new InvalidOperationException("response without the expected Content-Length");
        }

        while (used < total)
        {
            used += await ReceiveSomeAsync(socket, buffer.AsMemory(used, total - used), cancellationToken).ConfigureAwait(false);
        }

        if (used != total || !buffer.AsSpan(headerEnd + 4, expectedBody.Length).SequenceEqual(expectedBody))
        {
            throw new InvalidOperationException("response body differs from the served file");
        }
    }

    private static async ValueTask<int> ReceiveSomeAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            throw new InvalidOperationException("response larger than expected");
        }

        var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        return n > 0 ? n : throw new InvalidOperationException("the server closed the connection");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

/// <summary>One load run: requests completed, wall time, latency percentiles (ms).</summary>
internal sealed record HttpLoadResult(int Requests, TimeSpan Elapsed, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;
}

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ReactorHost.Sockets;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Bench.Http;

/// <summary>A running HTTP server under test.</summary>
internal interface IHttpBenchServer : IAsyncDisposable
{
    IPEndPoint EndPoint { get; }
}

/// <summary>The WASI build of the server on our engine: a <see cref="WasiProcess"/> given a preopened listening socket and www directory.</summary>
internal sealed class WasmHttpServer : IHttpBenchServer
{
    private readonly Engine _engine;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private WasmHttpServer(Engine engine, CancellationTokenSource stop, Task<int> run, IPEndPoint endPoint)
    {
        _engine = engine;
        _stop = stop;
        _run = run;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static WasmHttpServer Start(string modulePath, string wwwDirectory, EngineOptions engineOptions)
    {
        var engine = new Engine(engineOptions);
        var module = Module.FromBytes(engine, "http_server", File.ReadAllBytes(modulePath));
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(512);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        var options = new WasiProcessOptions { ProgramName = "http_server.wasm" };
        foreach (var argument in new[] { "--fd", "4", "/www" })
        {
            options.Arguments.Add(argument);
        }

        options.Preopens.Add(WasiPreopen.Host(wwwDirectory, "/www"));                        // fd 3
        options.Sockets.Handler = new NetSocketHandler();
        options.Sockets.Preopened.Add(WasiPreopenedSocket.FromSocket(NetSocketHandler.Adopt(listener))); // fd 4
        var stop = new CancellationTokenSource();
        return new WasmHttpServer(engine, stop, new WasiProcess(module, options).RunAsync(stop.Token), endPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            var exit = await _run.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new InvalidOperationException($"the wasm server exited with {exit}");
            }
        }
        catch (OperationCanceledException)
        {
            // The expected way to stop a server that serves forever.
        }
        finally
        {
            _stop.Dispose();
            _engine.Dispose();
        }
    }
}

/// <summary>The native build of the same C source (benchmarks/native/build.sh), as a child process.</summary>
internal sealed class NativeHttpServer : IHttpBenchServer
{
    private readonly Process _process;

    private NativeHttpServer(Process process, IPEndPoint endPoint)
    {
        _process = process;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public static NativeHttpServer Start(string binary, string wwwDirectory)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "127.0.0.1", "0", wwwDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {binary}");
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal) ||
            !int.TryParse(line.AsSpan("listening ".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"the native server did not report its port (got '{line}')");
        }

        return new NativeHttpServer(process, new IPEndPoint(IPAddress.Loopback, port));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Builds the native server with benchmarks/native/build.sh unless a binary newer than the source exists.</summary>
    public static string EnsureBuilt(string repositoryRoot, TextWriter output)
    {
        var script = Path.Combine(repositoryRoot, "benchmarks", "native", "build.sh");
        var binary = Path.Combine(repositoryRoot, "benchmarks", "native", "bin", "http_server");
        var source = Path.Combine(repositoryRoot, HttpBenchCommand.SourcePath);
        if (File.Exists(binary) && File.GetLastWriteTimeUtc(binary) >= File.GetLastWriteTimeUtc(source))
        {
            return binary;
        }

        var start = new ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(binary);
        using var build = Process.Start(start) ?? throw new InvalidOperationException("cannot run sh");
        var stdout = build.StandardOutput.ReadToEnd();
        var stderr = build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({build.ExitCode}): {stderr}");
        }

        output.Write(stdout);
        return binary;
    }
}

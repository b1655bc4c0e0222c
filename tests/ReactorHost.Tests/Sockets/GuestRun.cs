using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using ReactorHost.Sockets;
using ReactorHost.Wasm;

namespace ReactorHost.Tests.Sockets;

/// <summary>A socket test guest running in the background, with its stdout captured line by line.</summary>
internal sealed class GuestRun : IDisposable
{
    private readonly Engine _engine;

    private GuestRun(Engine engine, LineStream stdout, Task<int> exit)
    {
        _engine = engine;
        Stdout = stdout;
        Exit = exit;
    }

    public LineStream Stdout { get; }

    public Task<int> Exit { get; }

    public static GuestRun Start(string guest, IEnumerable<string> arguments, Action<WasiProcessOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var engine = new Engine();
        var module = Module.FromBytes(engine, guest, File.ReadAllBytes(GuestPath(guest)));
        var stdout = new LineStream();
        var options = new WasiProcessOptions { ProgramName = guest, Stdout = WasiStdio.FromStream(stdout) };
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        configure?.Invoke(options);
        return new GuestRun(engine, stdout, new WasiProcess(module, options).RunAsync(cancellationToken));
    }

    /// <summary>The port of the guest's "listening PORT" line.</summary>
    public async Task<int> ListeningPortAsync()
    {
        var line = await Stdout.WaitForLineAsync("listening ").WaitAsync(TimeSpan.FromSeconds(30));
        return int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A host listening socket on 127.0.0.1 (any port) preopened for the guest as fd 3.</summary>
    public static (WasiPreopenedSocket Preopen, IPEndPoint EndPoint) HostListener()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Listen(256);
        return (WasiPreopenedSocket.FromSocket(NetSocketHandler.Adopt(socket)), (IPEndPoint)socket.LocalEndPoint!);
    }

    public static string GuestPath(string name, [CallerFilePath] string thisFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RH_GUESTS_BIN");
        var bin = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "..", "guests", "bin"));
        var path = Path.Combine(bin, name + ".wasm");
        return File.Exists(path) ? path : throw new FileNotFoundException($"guest {name}.wasm not found in tests/guests/bin (run tests/guests/build.sh)");
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>A write-only stream that collects text and lets a test wait for a line.</summary>
    internal sealed class LineStream : Stream
    {
        private readonly StringBuilder _text = new();
        private readonly List<(string Prefix, TaskCompletionSource<string> Done)> _waiters = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public Task<string> WaitForLineAsync(string prefix)
        {
            lock (_text)
            {
                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((prefix, done));
                Check();
                return done.Task;
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_text)
            {
                _text.Append(Encoding.UTF8.GetString(buffer, offset, count));
                Check();
            }
        }

        private void Check()
        {
            foreach (var line in _text.ToString().Split('\n'))
            {
                foreach (var (prefix, done) in _waiters)
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        done.TrySetResult(line);
                    }
                }
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

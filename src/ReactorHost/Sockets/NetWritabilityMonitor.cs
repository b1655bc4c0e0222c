using System.Net;
using System.Net.Sockets;

namespace ReactorHost.Sockets;

/// <summary>
/// Waits for System.Net sockets to become writable without polling in a loop: System.Net has no
/// async write-readiness primitive, so one background thread per process sleeps in
/// <c>Socket.Select</c> (poll(2)) on every socket someone waits for, plus a loopback UDP
/// socket used to wake it when the set changes. Waiters are only ever woken early (a closed socket,
/// a spurious wake-up), never late: callers re-check <see cref="NetSocket.IsWritable"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A process-lifetime singleton: its wake socket lives as long as its thread.")]
internal sealed class NetWritabilityMonitor
{
    private static readonly Lazy<NetWritabilityMonitor> LazyShared = new(() => new NetWritabilityMonitor());
    private readonly Lock _gate = new();
    private readonly List<Waiter> _waiters = [];
    private readonly Socket _wake;
    private readonly byte[] _wakeByte = [1];

    private NetWritabilityMonitor()
    {
        _wake = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wake.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _wake.Connect(_wake.LocalEndPoint!);
        _wake.Blocking = false;
        new Thread(Run) { IsBackground = true, Name = "ReactorHost socket writability" }.Start();
    }

    /// <summary>The process-wide monitor (its thread starts with the first wait).</summary>
    public static NetWritabilityMonitor Shared => LazyShared.Value;

    /// <summary>Completes when <paramref name="socket"/> may be writable (or failed, or closed).</summary>
    public Task WaitAsync(Socket socket, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new Waiter(socket);
        lock (_gate)
        {
            _waiters.Add(waiter);
        }

        Wake();
        if (cancellationToken.CanBeCanceled)
        {
            waiter.Registration = cancellationToken.UnsafeRegister(
                static (state, token) =>
                {
                    var (monitor, w) = ((NetWritabilityMonitor, Waiter))state!;
                    monitor.Remove(w);
                    w.Done.TrySetCanceled(token);
                },
                (this, waiter));
        }

        return waiter.Done.Task;
    }

    private void Remove(Waiter waiter)
    {
        lock (_gate)
        {
            _waiters.Remove(waiter);
        }
    }

    private void Wake()
    {
        try
        {
            _wake.Send(_wakeByte);
        }
        catch (SocketException)
        {
            // A full wake queue already guarantees a wake-up.
        }
    }

    private void Run()
    {
        var read = new List<Socket>(1);
        var write = new List<Socket>();
        var drain = new byte[64];
        while (true)
        {
            read.Clear();
            read.Add(_wake);
            write.Clear();
            lock (_gate)
            {
                foreach (var waiter in _waiters)
                {
                    if (!write.Contains(waiter.Socket))
                    {
                        write.Add(waiter.Socket);
                    }
                }
            }

            var failed = false;
            try
            {
                // A bounded sleep is only a safety net: changes to the set wake the select at once.
                Socket.Select(read, write.Count == 0 ? null : write, null, 1_000_000);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                failed = true; // a socket was closed meanwhile: wake everyone, they re-check
            }

            try
            {
                while (_wake.Available > 0)
                {
                    _wake.Receive(drain);
                }
            }
            catch (SocketException)
            {
                // Nothing to drain.
            }

            List<Waiter>? ready = null;
            lock (_gate)
            {
                for (var i = _waiters.Count - 1; i >= 0; i--)
                {
                    var waiter = _waiters[i];
                    if (failed || write.Contains(waiter.Socket))
                    {
                        _waiters.RemoveAt(i);
                        (ready ??= []).Add(waiter);
                    }
                }
            }

            if (ready is not null)
            {
                foreach (var waiter in ready)
                {
                    waiter.Registration.Dispose();
                    waiter.Done.TrySetResult();
                }
            }
        }
    }

    private sealed class Waiter(Socket socket)
    {
        public Socket Socket { get; } = socket;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}

using System.Diagnostics;
namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>
/// The floor of any cross-thread hand-off on this machine: the calling thread raises a flag, a
/// partner thread (spinning like the probes' completer) answers with another, the caller spins
/// until it sees it. No WASI, no tasks, no allocation: what a proxied call to a handler completed
/// on another thread cannot beat.
/// </summary>
internal sealed class ThreadPingPong : IDisposable
{
    private readonly Thread _partner;
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private volatile int _request;
    private volatile int _response;
    private volatile bool _stopping;

    public ThreadPingPong(TimeSpan? spinTime = null)
    {
        SpinTime = spinTime ?? TimeSpan.FromMilliseconds(1);
        _partner = new Thread(Run) { IsBackground = true, Name = "ping-pong partner" };
        _partner.Start();
    }

    public TimeSpan SpinTime { get; }

    /// <summary>One round trip.</summary>
    public int Call()
    {
        var next = _request + 1;
        _request = next;
        if (!_wake.IsSet)
        {
            _wake.Set();
        }

        // Same waiting as SyscallLock: tight spin first, then SpinWait's pauses and yields.
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100_000);
        while (_response != next && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(1);
        }

        var spinner = default(SpinWait);
        while (_response != next)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return 0;
    }

    private void Run()
    {
        var seen = 0;
        while (!_stopping)
        {
            // A busy I/O thread: poll tightly (a pause between checks) for SpinTime, then block.
            var deadline = Stopwatch.GetTimestamp() + (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
            while (_request == seen && !_stopping)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(1);
                    continue;
                }

                _wake.Wait();
                _wake.Reset();
            }

            seen = _request;
            _response = seen;
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _partner.Join();
        _wake.Dispose();
    }
}

using System.Diagnostics;
using System.Threading.Tasks.Sources;
using ReactorHost.Wasi;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>
/// A handler whose <c>fd_write</c> is always pending: it hands the call to a dedicated "I/O" thread
/// (standing in for an event loop or a completion port) which completes it. The completer spins
/// briefly for work, then blocks; the returned <see cref="ValueTask{TResult}"/> is backed by a reused
/// <see cref="IValueTaskSource{TResult}"/>, so nothing is allocated per call.
/// </summary>
internal sealed class ThreadCompletedWriteHandler : WasiHandler, IValueTaskSource<WasiResult<uint>>, IDisposable
{
    private readonly Thread _completer;
    private readonly ManualResetEventSlim _wake = new(initialState: false, spinCount: 0);
    private ManualResetValueTaskSourceCore<WasiResult<uint>> _source;
    private volatile int _posted;
    private uint _length;
    private volatile bool _stopping;

    public ThreadCompletedWriteHandler(TimeSpan? spinTime = null)
    {
        SpinTime = spinTime ?? TimeSpan.FromMilliseconds(1);
        _source.RunContinuationsAsynchronously = false;
        _completer = new Thread(Run) { IsBackground = true, Name = "probe completer" };
        _completer.Start();
    }

    /// <summary>How long the completer polls for the next call before it blocks.</summary>
    public TimeSpan SpinTime { get; }

    public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
    {
        _source.Reset();
        _length = (uint)iovs.TotalLength;
        var version = _source.Version;
        _posted = 1;
        if (_wake.IsSet == false)
        {
            _wake.Set();
        }

        return new ValueTask<WasiResult<uint>>(this, version);
    }

    private void Run()
    {
        while (!_stopping)
        {
            // A busy I/O thread: poll tightly (a pause between checks) for SpinTime, then block.
            var deadline = Stopwatch.GetTimestamp() + (long)(SpinTime.TotalSeconds * Stopwatch.Frequency);
            while (_posted == 0 && !_stopping)
            {
                if (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(1);
                    continue;
                }

                _wake.Wait();
                _wake.Reset();
            }

            if (_posted != 0)
            {
                _posted = 0;
                _source.SetResult(_length);
            }
        }
    }

    public WasiResult<uint> GetResult(short token) => _source.GetResult(token);

    public ValueTaskSourceStatus GetStatus(short token) => _source.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);

    public void Dispose()
    {
        _stopping = true;
        _wake.Set();
        _completer.Join();
        _wake.Dispose();
    }
}

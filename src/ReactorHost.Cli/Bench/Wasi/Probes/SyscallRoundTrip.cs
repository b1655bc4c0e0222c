using ReactorHost.Wasi;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>
/// One proxied syscall, end to end, without an engine: the guest side (<see cref="Call"/>, run on the
/// measuring thread) posts an <c>fd_write</c> of 8 bytes through the entry of <see cref="Scenario"/>,
/// and the request is decoded (iovec bounds checks, out-pointer check), run by the handler and its
/// result written back into guest memory, exactly as for a wasm guest's import call.
/// </summary>
internal sealed class SyscallRoundTrip : IDisposable
{
    private const uint IovecPointer = 0;
    private const uint BufferPointer = 64;
    private const uint WrittenPointer = 16;

    private readonly WasiPreview1 _entry;
    private readonly IDisposable? _handlerResource;
    private readonly HostLoopSyscallDispatcher? _hostLoop;
    private readonly SyscallRequest _request;

    public SyscallRoundTrip(SyscallScenario scenario)
    {
        Scenario = scenario;
        WasiHandler handler = scenario switch
        {
            SyscallScenario.ProxyAsyncThread => new ThreadCompletedWriteHandler(),
            SyscallScenario.ProxyAsyncYield => new YieldingWriteHandler(),
            _ => new NullWriteHandler(),
        };
        _handlerResource = handler as IDisposable;
        if (scenario == SyscallScenario.HostLoopSync)
        {
            _hostLoop = new HostLoopSyscallDispatcher();
        }

        _entry = scenario == SyscallScenario.DirectSync
            ? new DirectWasiPreview1(handler)
            : new ProxyWasiPreview1(handler, _hostLoop);

        var memory = new byte[64 * 1024];
        BitConverter.TryWriteBytes(memory.AsSpan((int)IovecPointer), BufferPointer);
        BitConverter.TryWriteBytes(memory.AsSpan((int)IovecPointer + 4), 8u);
        _entry.Bind(new GuestMemory(memory));

        var request = new SyscallRequest { Syscall = WasiSyscall.FdWrite, ArgumentCount = 4 };
        request.Arguments[0] = 1;
        request.Arguments[1] = IovecPointer;
        request.Arguments[2] = 1;
        request.Arguments[3] = WrittenPointer;
        _request = request;
    }

    public SyscallScenario Scenario { get; }

    /// <summary>One round trip; returns the errno the guest would see.</summary>
    public Errno Call() => _entry.Invoke(in _request);

    public void Dispose()
    {
        (_entry as IDisposable)?.Dispose();
        _handlerResource?.Dispose();
        _hostLoop?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}

using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Tests;

public sealed class WasiProcessTests : IDisposable
{
    private readonly Engine _engine = new(new EngineOptions { MaxStackBytes = 256 * 1024 });

    public void Dispose() => _engine.Dispose();

    private Module Load(string wat) => Module.FromText(_engine, "test", wat);

    private const string Hello = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (data (i32.const 100) "hello\n")
          (func (export "_start")
            (i32.store (i32.const 0) (i32.const 100))
            (i32.store (i32.const 4) (i32.const 6))
            (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
            (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
            ;; exit with argc
            (call $proc_exit (i32.load (i32.const 16)))
            unreachable))
        """;

    private WasiProcessOptions Options(MemoryStream stdout)
    {
        var options = new WasiProcessOptions { Stdout = WasiStdio.FromStream(stdout) };
        options.Arguments.Add("one");
        options.Arguments.Add("two");
        return options;
    }

    [Fact]
    public async Task BackgroundProcessWritesStdoutAndReturnsTheExitCode()
    {
        using var stdout = new MemoryStream();
        var code = await new WasiProcess(Load(Hello), Options(stdout)).RunAsync();
        Assert.Equal(3, code);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public void ForegroundProcessBehavesTheSame()
    {
        using var stdout = new MemoryStream();
        var code = new WasiProcess(Load(Hello), Options(stdout)).Run();
        Assert.Equal(3, code);
        Assert.Equal("hello\n", Encoding.UTF8.GetString(stdout.ToArray()));
    }

    [Fact]
    public async Task ReturningFromStartIsExitCodeZero()
    {
        var module = Load("""(module (memory (export "memory") 1) (func (export "_start")))""");
        Assert.Equal(0, await new WasiProcess(module, new WasiProcessOptions()).RunAsync());
    }

    [Fact]
    public async Task TrapsSurfaceAsWasmTrapException()
    {
        var module = Load("""(module (memory (export "memory") 1) (func (export "_start") unreachable))""");
        var trap = await Assert.ThrowsAsync<WasmTrapException>(() => new WasiProcess(module, new WasiProcessOptions()).RunAsync());
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Throws<WasmTrapException>(() => new WasiProcess(module, new WasiProcessOptions()).Run());
    }

    [Fact]
    public async Task CancellationInterruptsARunningGuest()
    {
        var module = Load("""(module (memory (export "memory") 1) (func (export "_start") (loop $l (br $l))))""");
        using var cts = new CancellationTokenSource(100);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new WasiProcess(module, new WasiProcessOptions()).RunAsync(cts.Token));
    }

    [Fact]
    public async Task CancellationReachesAGuestBlockedInPollOneoff()
    {
        // poll_oneoff on a relative clock of one hour.
        var module = Load("""
            (module
              (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (i32.store8 (i32.const 8) (i32.const 0))
                (i32.store (i32.const 16) (i32.const 1))
                (i64.store (i32.const 24) (i64.const 3600000000000))
                (drop (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128)))))
            """);
        using var cts = new CancellationTokenSource(100);
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new WasiProcess(module, new WasiProcessOptions()).RunAsync(cts.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task PollOneoffSleepsForARelativeClock()
    {
        var module = Load("""
            (module
              (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start")
                (i64.store (i32.const 0) (i64.const 77))
                (i32.store8 (i32.const 8) (i32.const 0))
                (i32.store (i32.const 16) (i32.const 1))
                (i64.store (i32.const 24) (i64.const 30000000))
                (call $proc_exit
                  (i32.add
                    (call $poll (i32.const 0) (i32.const 64) (i32.const 1) (i32.const 128))
                    (i32.add (i32.load (i32.const 128)) (i32.wrap_i64 (i64.load (i32.const 64))))))))
            """);
        var started = DateTime.UtcNow;
        var code = await new WasiProcess(module, new WasiProcessOptions()).RunAsync();
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(25));
        Assert.Equal(0 + 1 + 77, code); // errno 0, one event, its userdata
    }

    [Fact]
    public async Task TracingHandlerPrintsEachSyscall()
    {
        using var stdout = new MemoryStream();
        var trace = new StringWriter();
        var options = Options(stdout);
        options.WrapHandler = inner => new TracingWasiHandler(inner, trace);
        Assert.Equal(3, await new WasiProcess(Load(Hello), options).RunAsync());
        var text = trace.ToString();
        Assert.Contains("fd_write(fd=1, iovs=[1 bufs, 6 bytes]) -> Success(6)", text, StringComparison.Ordinal);
        Assert.Contains("proc_exit(exitCode=3)", text, StringComparison.Ordinal);
    }
}

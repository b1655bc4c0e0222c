using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Bench.Wasi.Probes;

/// <summary>
/// A wasm guest that calls one import in a tight loop (<c>run(n)</c> makes n calls), for the cost of
/// a syscall as the guest sees it: import call, argument decoding, handler, result delivery.
/// </summary>
internal sealed class GuestCallLoop : IDisposable
{
    private const string Text = """
        (module
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
          (import "bench" "noop" (func $noop (param i32) (result i32)))
          (memory (export "memory") 1)
          ;; iovec at 0: { buf = 64, len = 8 }; nwritten at 16; timestamp at 24
          (data (i32.const 0) "\40\00\00\00\08\00\00\00")
          (func (export "fd_write") (param $n i32) (result i32) (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 16))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "clock_time_get") (param $n i32) (result i32) (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc) (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 24))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc))
          (func (export "noop") (param $n i32) (result i32) (local $acc i32)
            (block $done
              (loop $next
                (br_if $done (i32.eqz (local.get $n)))
                (local.set $acc (i32.add (local.get $acc) (call $noop (local.get $n))))
                (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                (br $next)))
            (local.get $acc)))
        """;

    private readonly Engine _engine;
    private readonly WasiPreview1 _entry;
    private readonly IDisposable? _handlerResource;
    private readonly Func<int, int> _run;

    public GuestCallLoop(GuestCallKind kind)
    {
        Kind = kind;
        _engine = new Engine();
        var module = Module.FromText(_engine, "syscall-loop", Text);
        WasiHandler handler = kind == GuestCallKind.FdWriteProxyAsync ? new ThreadCompletedWriteHandler() : new NullWriteHandler();
        _handlerResource = handler as IDisposable;
        _entry = kind == GuestCallKind.FdWriteDirect ? new DirectWasiPreview1(handler) : new ProxyWasiPreview1(handler);
        var linker = new Linker(_engine);
        _entry.Define(linker);
        linker.DefineFunction("bench", "noop", (Func<int, int>)(static x => x & 1));
        var instance = linker.Instantiate(module);
        _entry.Bind(instance);
        var export = kind switch
        {
            GuestCallKind.ImportNoop => "noop",
            GuestCallKind.ClockTimeGet => "clock_time_get",
            _ => "fd_write",
        };
        _run = instance.GetFunction<int, int>(export) ?? throw new InvalidOperationException($"export {export} missing");
    }

    public GuestCallKind Kind { get; }

    /// <summary>Makes <paramref name="calls"/> calls from wasm; returns the sum of their results (0 for syscalls that succeeded).</summary>
    public int Run(int calls) => _run(calls);

    public void Dispose()
    {
        (_entry as IDisposable)?.Dispose();
        _handlerResource?.Dispose();
        _engine.Dispose();
    }
}

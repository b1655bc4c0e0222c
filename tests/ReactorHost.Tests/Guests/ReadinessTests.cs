using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasm;
using ReactorHost.Wasm.Text;

namespace ReactorHost.Tests.Guests;

/// <summary>
/// poll_oneoff on stdin and fdflags.nonblock, with stdin a real host pipe that the test writes late:
/// the guest must really wait (not see the fd ready at once), wake when data arrives, lose no byte
/// of what a read-ahead took, and get EAGAIN from a non-blocking read while the pipe is empty.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly Engine _engine = new();

    public void Dispose() => _engine.Dispose();

    // Memory: subscriptions at 0 (48 bytes each), events at 200 (32 bytes each), nevents at 300,
    // iovec at 400 -> buffer 1024 (64 bytes), nread at 408. Subscription: userdata@0, tag@8,
    // clock: id@16 timeout@24 precision@32 flags@40; fd_read/fd_write: fd@16.
    private const string Common = """
          (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $set_flags (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
          (memory (export "memory") 1)
          (func $sub_stdin (param $at i32) (param $userdata i64)
            (i64.store (local.get $at) (local.get $userdata))
            (i32.store8 offset=8 (local.get $at) (i32.const 1))
            (i32.store offset=16 (local.get $at) (i32.const 0)))
          (func $sub_clock (param $at i32) (param $userdata i64) (param $timeout i64)
            (i64.store (local.get $at) (local.get $userdata))
            (i32.store8 offset=8 (local.get $at) (i32.const 0))
            (i32.store offset=16 (local.get $at) (i32.const 1))
            (i64.store offset=24 (local.get $at) (local.get $timeout))
            (i64.store offset=32 (local.get $at) (i64.const 0))
            (i32.store16 offset=40 (local.get $at) (i32.const 0)))
          ;; poll; exit 100+errno on failure; returns userdata of the first event
          (func $poll_first (param $n i32) (result i64)
            (local $e i32)
            (local.set $e (call $poll (i32.const 0) (i32.const 200) (local.get $n) (i32.const 300)))
            (if (local.get $e) (then (call $exit (i32.add (i32.const 100) (local.get $e)))))
            (if (i32.ne (i32.load (i32.const 300)) (i32.const 1)) (then (call $exit (i32.const 90))))
            (if (i32.load16_u (i32.const 208)) (then (call $exit (i32.const 91))))
            (i64.load (i32.const 200)))
          ;; read stdin once into the buffer and echo it to stdout; returns the read errno
          (func $echo (result i32)
            (local $e i32)
            (i32.store (i32.const 400) (i32.const 1024))
            (i32.store (i32.const 404) (i32.const 64))
            (local.set $e (call $fd_read (i32.const 0) (i32.const 400) (i32.const 1) (i32.const 408)))
            (if (local.get $e) (then (return (local.get $e))))
            (i32.store (i32.const 404) (i32.load (i32.const 408)))
            (drop (call $fd_write (i32.const 1) (i32.const 400) (i32.const 1) (i32.const 408)))
            (i32.const 0))
        """;

    /// <summary>Waits for stdin with a 5 s clock beside it: stdin must win (exit 1), and its data must be read intact.</summary>
    private const string PollStdinGuest = "(module " + Common + """
          (func (export "_start")
            (call $sub_stdin (i32.const 0) (i64.const 1))
            (call $sub_clock (i32.const 48) (i64.const 2) (i64.const 5000000000))
            (if (i64.ne (call $poll_first (i32.const 2)) (i64.const 1)) (then (call $exit (i32.const 2))))
            (if (call $echo) (then (call $exit (i32.const 3))))
            (call $exit (i32.const 0))))
        """;

    /// <summary>stdin stays empty: the 50 ms clock must fire (exit 0).</summary>
    private const string PollStdinTimeoutGuest = "(module " + Common + """
          (func (export "_start")
            (call $sub_stdin (i32.const 0) (i64.const 1))
            (call $sub_clock (i32.const 48) (i64.const 2) (i64.const 50000000))
            (if (i64.ne (call $poll_first (i32.const 2)) (i64.const 2)) (then (call $exit (i32.const 2))))
            (call $exit (i32.const 0))))
        """;

    /// <summary>Non-blocking stdin: EAGAIN while empty (else exit 10+errno), then poll, then the data.</summary>
    private const string NonblockGuest = "(module " + Common + """
          (func (export "_start")
            (local $e i32)
            (if (call $set_flags (i32.const 0) (i32.const 4)) (then (call $exit (i32.const 4))))
            (local.set $e (call $echo))
            (if (i32.ne (local.get $e) (i32.const 6)) (then (call $exit (i32.add (i32.const 10) (local.get $e)))))
            (call $sub_stdin (i32.const 0) (i64.const 1))
            (if (i64.ne (call $poll_first (i32.const 1)) (i64.const 1)) (then (call $exit (i32.const 2))))
            (if (call $echo) (then (call $exit (i32.const 3))))
            (call $exit (i32.const 0))))
        """;

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task PollWaitsForStdinDataInsteadOfReportingItReady(bool background)
    {
        var (exitCode, stdout, elapsed) = await RunWithLateStdinAsync(PollStdinGuest, "ping", TimeSpan.FromMilliseconds(300), background);
        Assert.Equal(0, exitCode);
        Assert.Equal("ping", stdout);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(250), $"poll returned after {elapsed.TotalMilliseconds} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"poll waited for the clock: {elapsed.TotalMilliseconds} ms");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task PollOnEmptyStdinTimesOut(bool background)
    {
        var (exitCode, _, elapsed) = await RunWithLateStdinAsync(PollStdinTimeoutGuest, null, TimeSpan.Zero, background);
        Assert.Equal(0, exitCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(50));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task NonBlockingReadOfEmptyStdinIsEagain(bool background)
    {
        var (exitCode, stdout, _) = await RunWithLateStdinAsync(NonblockGuest, "late", TimeSpan.FromMilliseconds(200), background);
        Assert.Equal(0, exitCode);
        Assert.Equal("late", stdout);
    }

    /// <summary>
    /// The CLI's stdin is the host's fd 0, here a shell pipe whose writer starts late. (A shell does the
    /// late write because a .NET parent's write into the child's stdin pipe was seen to block while the
    /// child had a read pending on it, which python or sh parents do not do.)
    /// </summary>
    [Theory]
    [InlineData("poll")]
    [InlineData("nonblock")]
    public async Task ReadinessWorksOnTheHostStdinOfTheCli(string which)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var wasm = Path.Combine(Path.GetTempPath(), $"rh-readiness-{Guid.NewGuid():N}.wasm");
        await File.WriteAllBytesAsync(wasm, Wat.ToBinary(which == "poll" ? PollStdinGuest : NonblockGuest));
        try
        {
            var cli = GuestRunner.CliStartInfo();
            var command = new StringBuilder("(sleep 0.5; printf data) | exec");
            foreach (var part in new[] { cli.FileName }.Concat(cli.ArgumentList).Append(wasm))
            {
                command.Append(" '").Append(part.Replace("'", "'\\''", StringComparison.Ordinal)).Append('\'');
            }

            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(command.ToString());
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
            Assert.Equal("data", await stdout);
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450));
        }
        finally
        {
            File.Delete(wasm);
        }
    }

    [Fact]
    public void RegularFilesAndDirectoriesAreAlwaysReady()
    {
        var root = Directory.CreateTempSubdirectory("rh-ready-").FullName;
        try
        {
            var dir = new ReactorHost.Wasi.FileSystem.HostDirectory(root);
            Assert.True(dir.PollReadable());
            Assert.True(dir.PollWritable());
            Assert.True(dir.WaitReadableAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task StreamReadinessWaitCanBeAbandonedWithoutLosingData()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var file = new ReactorHost.Wasi.FileSystem.StreamFile(client, FileType.Unknown);
        Assert.False(file.PollReadable());
        using (var cts = new CancellationTokenSource(50))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await file.WaitReadableAsync(cts.Token));
        }

        server.Write("abc"u8);
        server.Flush();
        Assert.True(await file.WaitReadableAsync(CancellationToken.None));
        Assert.True(file.PollReadable());
        Assert.Equal(3ul, file.BytesReadable);
        server.Dispose();
    }

    private async Task<(int ExitCode, string Stdout, TimeSpan Elapsed)> RunWithLateStdinAsync(string wat, string? data, TimeSpan delay, bool background)
    {
        var module = Module.FromText(_engine, "readiness", wat);
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        using var stdout = new MemoryStream();
        var options = new WasiProcessOptions { Stdin = WasiStdio.FromStream(client), Stdout = WasiStdio.FromStream(stdout) };
        var process = new WasiProcess(module, options);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();
        var running = background ? process.RunAsync(timeout.Token) : Task.Run(() => process.Run(timeout.Token));
        if (data is not null)
        {
            await Task.Delay(delay);
            await server.WriteAsync(Encoding.UTF8.GetBytes(data));
            await server.FlushAsync();
        }

        var exitCode = await running;
        var elapsed = clock.Elapsed;
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), elapsed);
    }
}

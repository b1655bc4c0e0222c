using System.Diagnostics;
using ReactorHost.Tests.Guests;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Tests;

/// <summary>
/// The file type a guest sees for its stdio decides its <c>isatty</c>: only a terminal may be a
/// character device (as in Wasmtime). <c>/dev/null</c> is a character device on the host, and a
/// guest told so refuses to write binary data "to a terminal" (bzip2 did).
/// </summary>
public sealed class StdioFileTypeTests
{
    // Exits with filetype(fd 0) + 10 * filetype(fd 1) + 100 * filetype(fd 2), each from fd_fdstat_get.
    private const string Probe = """
        (module
          (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func $type (param $fd i32) (result i32)
            (if (call $fdstat (local.get $fd) (i32.const 64)) (then (return (i32.const 9))))
            (i32.load8_u (i32.const 64)))
          (func (export "_start")
            (call $proc_exit
              (i32.add (call $type (i32.const 0))
                (i32.add (i32.mul (i32.const 10) (call $type (i32.const 1)))
                         (i32.mul (i32.const 100) (call $type (i32.const 2))))))))
        """;

    [Fact]
    public async Task NullStdioIsNotATerminal()
    {
        using var engine = new Engine();
        var module = Module.FromText(engine, "probe", Probe);
        var exitCode = await new WasiProcess(module, new WasiProcessOptions()).RunAsync(CancellationToken.None);
        Assert.Equal(0, exitCode); // FileType.Unknown (0) for all three
    }

    // Exits with errno(fd_seek(0, 0, SET)) * 100 + errno(fd_tell(1)): 70 * 100 + 70 when both are ESPIPE.
    private const string SeekProbe = """
        (module
          (import "wasi_snapshot_preview1" "fd_seek" (func $seek (param i32 i64 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "fd_tell" (func $tell (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
          (memory (export "memory") 1)
          (func (export "_start")
            (call $proc_exit
              (i32.add (i32.mul (i32.const 100) (call $seek (i32.const 0) (i64.const 0) (i32.const 0) (i32.const 64)))
                       (call $tell (i32.const 1) (i32.const 64))))))
        """;

    [Fact]
    public async Task SeekingStdioIsEspipeNotEnotcapable()
    {
        // Stdio carries no seek/tell rights (wasi-libc's isatty needs that), but a stream cannot
        // seek anyway: lseek(2) and Wasmtime say ESPIPE, and programs print "Illegal seek".
        using var engine = new Engine();
        var module = Module.FromText(engine, "seek", SeekProbe);
        var options = new WasiProcessOptions { Stdin = WasiStdio.FromStream(new MemoryStream([1, 2, 3])), Stdout = WasiStdio.FromStream(new MemoryStream()) };
        var exitCode = await new WasiProcess(module, options).RunAsync(CancellationToken.None);
        Assert.Equal(((int)Errno.Spipe * 100) + (int)Errno.Spipe, exitCode);
    }

    [Fact]
    public async Task DevNullAndPipesAreNotTerminalsThroughTheCli()
    {
        var directory = Directory.CreateTempSubdirectory("rh-stdio-");
        try
        {
            var wasm = Path.Combine(directory.FullName, "probe.wasm");
            await File.WriteAllBytesAsync(wasm, ReactorHost.Wasm.Text.Wat.ToBinary(Probe));

            // stdin and stdout from/to /dev/null (character devices on the host), stderr a pipe.
            var cli = GuestRunner.CliStartInfo();
            var shell = new ProcessStartInfo("/bin/sh")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            shell.ArgumentList.Add("-c");
            shell.ArgumentList.Add("exec \"$0\" \"$@\" < /dev/null > /dev/null");
            shell.ArgumentList.Add(cli.FileName);
            foreach (var argument in cli.ArgumentList)
            {
                shell.ArgumentList.Add(argument);
            }

            shell.ArgumentList.Add(wasm);
            using var process = Process.Start(shell)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(GuestRunner.Timeout);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode} (filetypes stdin + 10 stdout + 100 stderr; 0 = all unknown); stderr: {stderr}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}

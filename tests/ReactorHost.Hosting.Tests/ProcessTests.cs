using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReactorHost.Wasi;
using ReactorHost.Wasm;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

public sealed class ProcessTests
{
    [Fact]
    public async Task AProcessRunsInTheBackgroundLogsItsOutputAndExitCodeAndCanStopTheHost()
    {
        var logs = new LogCapture();
        var builder = Builder(logs);
        builder.Services.AddWasiProcess("exit", o =>
        {
            o.ModulePath = Guest("exit_code.wasm");
            o.StopHostOnExit = true;
            o.SetHostExitCode = false; // never touch the test runner's exit code
        });
        using var host = builder.Build();
        var process = host.Services.GetRequiredKeyedService<HostedWasiProcess>("exit");
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        await host.StartAsync().Within();
        Assert.Equal(42, await process.Completion.Within());
        await Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }).Within(); // StopHostOnExit
        await host.StopAsync().Within();

        Assert.Equal(1, process.Runs);
        Assert.Equal(42, process.LastExitCode);
        Assert.True(logs.Has("ReactorHost.Guests.exit", LogLevel.Information, "[stdout] before exit"), logs.Dump());
        Assert.True(logs.Has("ReactorHost.Guests.exit", LogLevel.Warning, "Process exit exited with code 42."), logs.Dump());
        Assert.Same(process, host.Services.GetRequiredService<WasiGuests>().GetProcess("exit"));
    }

    [Fact]
    public async Task FailingRunsAreRestartedUpToTheLimit()
    {
        var logs = new LogCapture();
        var builder = Builder(logs);
        builder.Services.AddWasiProcess("trap", o =>
        {
            o.ModulePath = Guest("trap.wasm");
            o.RestartPolicy = WasiProcessRestartPolicy.OnFailure;
            o.MaxRestarts = 2;
            o.RestartDelay = TimeSpan.Zero;
        });
        using var host = builder.Build();
        var process = host.Services.GetRequiredKeyedService<HostedWasiProcess>("trap");
        await host.StartAsync().Within();
        await Assert.ThrowsAsync<WasmTrapException>(() => process.Completion).Within();
        await host.StopAsync().Within();
        Assert.Equal(3, process.Runs);
        Assert.Equal(3, logs.Entries.Count(e => e.Category == "ReactorHost.Guests.trap" && e.Level == LogLevel.Error && e.Message.StartsWith("Process trap failed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HostShutdownCancelsARunningProcess()
    {
        var logs = new LogCapture();
        var builder = Builder(logs);
        builder.Services.AddWasiProcess("reader", o =>
        {
            o.ModulePath = Guest("stdio.wasm");
            o.ConfigureWasi = wasi => wasi.WrapHandler = inner => new BlockingStdin(inner);
        });
        using var host = builder.Build();
        var process = host.Services.GetRequiredKeyedService<HostedWasiProcess>("reader");
        await host.StartAsync().Within();
        await Task.Delay(100);
        Assert.False(process.Completion.IsCompleted);
        await host.StopAsync().Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => process.Completion).Within();
        Assert.True(logs.Has("ReactorHost.Guests.reader", LogLevel.Information, "cancelled by the host's shutdown"), logs.Dump());
    }

    /// <summary>Reads of stdin wait until the syscall is cancelled.</summary>
    private sealed class BlockingStdin(WasiHandler inner) : DelegatingWasiHandler(inner)
    {
        public override async ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken)
        {
            if (fd != 0)
            {
                return await base.FdRead(fd, iovs, cancellationToken);
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0u;
        }
    }
}

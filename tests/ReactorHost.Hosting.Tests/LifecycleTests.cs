using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReactorHost.Wasm;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task KeyedReactorsResolveByName()
    {
        var builder = Builder();
        builder.Services.AddWasiReactor("a", o => o.ModulePath = Guest("reactor_test.wasm"));
        builder.Services.AddWasiReactor("b", o => o.ModulePath = Guest("reactor_test.wasm"));
        builder.Services.AddSingleton<KeyedConsumer>();
        using var host = builder.Build();
        await host.StartAsync().Within();

        var consumer = host.Services.GetRequiredService<KeyedConsumer>();
        Assert.NotSame(consumer.A, consumer.B);
        Assert.Same(consumer.A, host.Services.GetRequiredKeyedService<WasiReactor>("a"));
        var guests = host.Services.GetRequiredService<WasiGuests>();
        Assert.Same(consumer.B, guests.GetReactor("b"));
        Assert.Equal(["a", "b"], guests.ReactorNames);
        Assert.Contains("Registered: a, b", Assert.Throws<KeyNotFoundException>(() => guests.GetReactor("c")).Message);

        // Separate instances: state does not leak between them.
        var accumulateA = consumer.A.GetExport<int, long>("accumulate");
        var accumulateB = consumer.B.GetExport<int, long>("accumulate");
        Assert.Equal(5, await accumulateA(5));
        Assert.Equal(7, await accumulateB(7));
        Assert.Equal(6, await accumulateA(1));
        await host.StopAsync().Within();
    }

    [Fact]
    public async Task ReactorsAreRunningBeforeAnyHostedServiceStartsAndStoppedAfterThemAll()
    {
        var builder = Builder();
        builder.Services.AddHostedService<Probe>(); // registered first, still sees a running reactor
        builder.Services.AddWasiReactor("calc", o => o.ModulePath = Guest("reactor_test.wasm"));
        using var host = builder.Build();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("calc");
        Assert.Equal(WasiReactorState.Created, reactor.State);

        await host.StartAsync().Within();
        var probe = host.Services.GetServices<IHostedService>().OfType<Probe>().Single();
        Assert.Equal(WasiReactorState.Running, probe.StateAtStart);
        Assert.Equal(1, probe.InitCallsAtStart);

        await host.StopAsync().Within();
        Assert.Equal(WasiReactorState.Running, probe.StateAtStop); // callers stop first
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => reactor.GetExport<int, int, int>("add")(1, 2)).Within();
    }

    [Fact]
    public async Task GracefulShutdownWithCallsInFlightLosesNoCompletedResult()
    {
        var builder = Builder();
        builder.Services.AddWasiReactor("busy", o =>
        {
            o.ModulePath = Guest("reactor_test.wasm");
            o.QueueCapacity = 64;
        });
        using var host = builder.Build();
        await host.StartAsync().Within();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("busy");
        var add = reactor.GetExport<int, int, int>("add");

        // 64 callers keep calling until the reactor refuses; shutdown begins mid-stream.
        var started = new CountdownEvent(64);
        var results = new List<(int Expected, Task<int> Call)>[64];
        var callers = Enumerable.Range(0, 64).Select(c => Task.Run(async () =>
        {
            results[c] = [];
            started.Signal();
            for (var i = 0; ; i++)
            {
                var call = add(c, i);
                results[c].Add((c + i, call));
                try
                {
                    await call;
                }
                catch (ObjectDisposedException)
                {
                    return; // refused: the reactor is stopping
                }
            }
        })).ToArray();
        started.Wait(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        await host.StopAsync().Within();
        await Task.WhenAll(callers).Within(); // no caller hangs

        var completed = 0;
        foreach (var (expected, call) in results.SelectMany(r => r))
        {
            Assert.True(call.IsCompleted);
            if (call.IsCompletedSuccessfully)
            {
                Assert.Equal(expected, await call);
                completed++;
            }
            else
            {
                Assert.IsType<ObjectDisposedException>(call.Exception!.InnerException);
            }
        }

        Assert.True(completed > 64, $"only {completed} calls completed");
        Assert.Equal(completed, reactor.CompletedCalls); // every call the guest ran reached its caller
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
    }

    [Fact]
    public async Task ShutdownTimeoutCancelsARunawayCallWithoutHanging()
    {
        var logs = new LogCapture();
        var builder = Builder(logs, shutdownTimeout: TimeSpan.FromMilliseconds(300));
        builder.Services.AddWasiReactor("spin", o => o.ModulePath = Guest("reactor_test.wasm"));
        using var host = builder.Build();
        await host.StartAsync().Within();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("spin");
        var spin = reactor.GetExport<int>("spin")();
        var queued = reactor.GetExport<int, int, int>("add")(1, 2);
        await Task.Delay(50);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await host.StopAsync().Within();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stop took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => spin).Within();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued).Within();
        Assert.Equal(WasiReactorState.Stopped, reactor.State);
        Assert.True(logs.Has("ReactorHost.Guests.spin", LogLevel.Warning, "did not drain within the host's shutdown timeout"), logs.Dump());
    }

    [Fact]
    public async Task RestartPolicyFromOptionsReinstantiatesAfterATrap()
    {
        var builder = Builder();
        builder.Services.AddWasiReactor("flaky", o =>
        {
            o.ModulePath = Guest("reactor_test.wasm");
            o.RestartPolicy = ReactorRestartPolicy.OnFault;
        });
        using var host = builder.Build();
        await host.StartAsync().Within();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("flaky");
        await Assert.ThrowsAsync<WasmTrapException>(() => reactor.GetAction("trap")()).Within();
        Assert.Equal(5, await reactor.GetExport<int, int, int>("add")(2, 3).Within());
        Assert.Equal(1, reactor.RestartCount);
        await host.StopAsync().Within();
    }

    private sealed class KeyedConsumer([FromKeyedServices("a")] WasiReactor a, [FromKeyedServices("b")] WasiReactor b)
    {
        public WasiReactor A { get; } = a;

        public WasiReactor B { get; } = b;
    }

    private sealed class Probe([FromKeyedServices("calc")] WasiReactor calc) : IHostedService
    {
        public WasiReactorState StateAtStart { get; private set; }

        public int InitCallsAtStart { get; private set; }

        public WasiReactorState StateAtStop { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            StateAtStart = calc.State;
            InitCallsAtStart = await calc.GetExport<int>("init_calls")(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            StateAtStop = calc.State;
            return Task.CompletedTask;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReactorHost;
using ReactorHost.Hosting;

namespace HostedCalculator;

/// <summary>A BackgroundService that awaits the calc reactor's exports, then stops the app.</summary>
public sealed class CalculatorWorker(
    [FromKeyedServices("calc")] WasiReactor calc,
    CalculatorOutput output,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Bind once (checked against the export types now), call many times from any thread.
        var add = calc.GetMeteredExport<int, int, int>("add");
        var fib = calc.GetMeteredExport<int, long>("fib");
        var calls = calc.GetExport<int>("calls");
        var report = calc.GetAction("report");

        var writer = output.Writer;
        writer.WriteLine($"add(2, 3) = {await add(2, 3, stoppingToken)}");

        // Concurrent callers: the reactor serves them one at a time, in queue order.
        var fibs = await Task.WhenAll(Enumerable.Range(0, 10).Select(n => fib(n, stoppingToken)));
        writer.WriteLine($"fib(0..9) = {string.Join(", ", fibs)}");
        writer.WriteLine($"fib(90) = {await fib(90, stoppingToken)}");

        await report(stoppingToken);  // the guest writes to stderr: logged under ReactorHost.Guests.calc
        writer.WriteLine($"calls served = {await calls(stoppingToken)}");
        lifetime.StopApplication();
    }
}

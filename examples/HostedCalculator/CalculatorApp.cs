using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HostedCalculator;

/// <summary>The example's host: the "calc" reactor (configured in appsettings.json) and the worker that calls it.</summary>
public static class CalculatorApp
{
    public static HostApplicationBuilder CreateBuilder(string[] args, TextWriter output)
    {
        // Content root = the build output, so appsettings.json and calc.wasm are found from any directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // Binds ReactorHost:Reactors:calc; validated, instantiated and _initialize'd before the worker starts.
        builder.Services.AddWasiReactor("calc");
        builder.Services.AddSingleton(new CalculatorOutput(output));
        builder.Services.AddHostedService<CalculatorWorker>();
        return builder;
    }
}

/// <summary>Where the worker prints its results (the console, or a test's writer).</summary>
public sealed record CalculatorOutput(TextWriter Writer);

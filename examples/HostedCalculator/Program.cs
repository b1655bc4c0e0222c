using Microsoft.Extensions.Hosting;
using HostedCalculator;

// dotnet run --project examples/HostedCalculator
using var host = CalculatorApp.CreateBuilder(args, Console.Out).Build();
await host.RunAsync();

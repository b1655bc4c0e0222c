using HostedCalculator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StringMarshalling;
using WordCounter;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

/// <summary>Runs each example's main logic in-process, with a bounded time, and checks what it prints.</summary>
public sealed class ExampleTests
{
    [Fact]
    public async Task HostedCalculatorAwaitsTheReactorFromABackgroundService()
    {
        var output = new StringWriter();
        var logs = new LogCapture();
        var builder = CalculatorApp.CreateBuilder([], output);
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        using var host = builder.Build();
        await host.RunAsync().Within(60); // the worker stops the app when done

        Assert.Equal(
            "add(2, 3) = 5\nfib(0..9) = 0, 1, 1, 2, 3, 5, 8, 13, 21, 34\nfib(90) = 2880067194370816120\ncalls served = 12\n",
            output.ToString().ReplaceLineEndings("\n"));
        Assert.True(logs.Has("ReactorHost.Guests.calc", LogLevel.Information, "[stderr] calc: initialised"), logs.Dump());
        Assert.True(logs.Has("ReactorHost.Guests.calc", LogLevel.Information, "[stderr] calc: 12 calls served"), logs.Dump());
    }

    [Fact]
    public async Task StringMarshallingCrossesStringsBothWays()
    {
        var output = new StringWriter();
        await StringMarshallingDemo.RunAsync(output, CancellationToken.None).Within(60);
        var lines = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(
            [
                "HELLO FROM .NET",
                "Hello, Wörld 🌍! (11 bytes of UTF-8)",
                "vowels in \"WebAssembly reactor\": 6",
                "21 is odd and its square is 441",
                "echo echo echo",
                "RAW GUEST MEMORY",
            ],
            lines[..6]);
        Assert.Matches(@"^1000 round trips: guest memory (\d+) -> \1 pages$", lines[6]);
    }

    [Fact]
    public async Task WordCounterKeepsStateAcrossThousandsOfCalls()
    {
        var output = new StringWriter();
        Assert.True(await WordCounterDemo.RunAsync(5000, 16, output, CancellationToken.None).Within(60), output.ToString());
        var text = output.ToString();
        Assert.Contains("5000 words from 16 feeders: 30 distinct, total 5000", text);
        Assert.Contains("counts match .NET: True", text);
        Assert.Contains("metered add_word calls: 5000", text);
    }
}

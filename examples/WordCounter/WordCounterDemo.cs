using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReactorHost;
using ReactorHost.Hosting;

namespace WordCounter;

/// <summary>
/// A long-lived reactor keeping state: a word-frequency table in guest memory, fed by thousands of
/// calls from concurrent feeders, then checked against the same counts computed in .NET.
/// </summary>
public static class WordCounterDemo
{
    private static readonly string[] s_vocabulary =
    [
        "wasm", "reactor", "guest", "host", "memory", "table", "export", "import", "stack", "queue",
        "thread", "call", "trap", "fuel", "page", "module", "instance", "linker", "engine", "value",
        "würfel", "ünïcödé", "日本語", "a", "the", "of", "and", "to", "in", "is",
    ];

    /// <returns>True when every count the guest kept matches the expected one.</returns>
    public static async Task<bool> RunAsync(int wordCount, int feeders, TextWriter output, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWasiReactor("words", options =>
        {
            options.ModulePath = "words.wasm";
            options.QueueCapacity = 512;
        });
        using var host = builder.Build();

        // Count the metered calls and their total round trip as they are recorded: the instruments
        // of this host's meter (created by its IMeterFactory), not of other hosts in the process.
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        long meteredCalls = 0;
        double meteredSeconds = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == ReactorHostMetrics.MeterName && instrument.Name == ReactorHostMetrics.CallDuration)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            Interlocked.Increment(ref meteredCalls);
            lock (listener)
            {
                meteredSeconds += seconds;
            }
        });
        listener.Start();

        await host.StartAsync(cancellationToken);
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("words");
        var addWord = reactor.GetMeteredExport("add_word", ReactorMarshal.Utf8, ReactorMarshal.Int32);
        var countOf = reactor.GetExport("count_of", ReactorMarshal.Utf8, ReactorMarshal.Int32);
        var distinct = reactor.GetExport<int>("distinct");
        var total = reactor.GetExport<long>("total");
        // No argument, a string result: a marshaller that fills no wasm argument.
        var top = reactor.GetExport<object?, string>("top", static (_, _, _) => { }, ReactorMarshal.PackedUtf8());

        // Deterministic text; each feeder sends its share, one awaited call at a time.
        var text = Generate(wordCount);
        var perFeeder = (wordCount + feeders - 1) / feeders;
        await Task.WhenAll(Enumerable.Range(0, feeders).Select(f => Task.Run(
            async () =>
            {
                for (var i = f * perFeeder; i < Math.Min(wordCount, (f + 1) * perFeeder); i++)
                {
                    if (await addWord(text[i], cancellationToken) < 1)
                    {
                        throw new InvalidOperationException("The guest's table is full.");
                    }
                }
            },
            cancellationToken)));

        var expected = text.GroupBy(w => w, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var ok = await total(cancellationToken) == wordCount && await distinct(cancellationToken) == expected.Count;
        foreach (var (word, count) in expected)
        {
            ok &= await countOf(word, cancellationToken) == count;
        }

        var best = await top(null, cancellationToken);
        ok &= int.Parse(best[(best.LastIndexOf('=') + 1)..], System.Globalization.CultureInfo.InvariantCulture) == expected.Values.Max();

        output.WriteLine($"{wordCount} words from {feeders} feeders: {await distinct(cancellationToken)} distinct, total {await total(cancellationToken)}");
        output.WriteLine($"most frequent: {best}");
        output.WriteLine($"counts match .NET: {ok}");
        output.WriteLine($"reactor completed calls: {reactor.CompletedCalls}, metered add_word calls: {Interlocked.Read(ref meteredCalls)}");
        output.WriteLine($"mean add_word round trip: {meteredSeconds / Math.Max(1, Interlocked.Read(ref meteredCalls)) * 1e6:0.0} us");
        await host.StopAsync(cancellationToken);
        return ok;
    }

    private static string[] Generate(int count)
    {
        var words = new string[count];
        var state = 12345u;
        for (var i = 0; i < count; i++)
        {
            state = (state * 1103515245u) + 12345u;      // a fixed LCG: the same text on every run
            var r = (int)((state >> 16) % 1000);
            words[i] = s_vocabulary[r * r / 1000 * s_vocabulary.Length / 1000];   // skewed: early words are frequent
        }

        return words;
    }
}

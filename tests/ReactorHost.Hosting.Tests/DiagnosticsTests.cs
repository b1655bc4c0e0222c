using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task GuestStderrLinesAreLoggedUnderTheGuestsCategory()
    {
        var logs = new LogCapture();
        var builder = Builder(logs);
        builder.Services.AddWasiReactor("calc", o =>
        {
            o.ModulePath = CalcGuest();
            o.StderrLogLevel = LogLevel.Error;
        });
        using var host = builder.Build();
        await host.StartAsync().Within();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>("calc");
        Assert.Equal(5, await reactor.GetExport<int, int, int>("add")(2, 3).Within());
        await reactor.GetAction("report")().Within();
        await host.StopAsync().Within();

        Assert.True(logs.Has("ReactorHost.Guests.calc", LogLevel.Error, "[stderr] calc: initialised"), logs.Dump());
        Assert.True(logs.Has("ReactorHost.Guests.calc", LogLevel.Error, "[stderr] calc: 1 calls served"), logs.Dump());
        Assert.True(logs.Has("ReactorHost.Guests.calc", LogLevel.Information, "Reactor calc started"), logs.Dump());
    }

    [Fact]
    public void LogLineStreamSplitsLinesAndFlushesTheRest()
    {
        var logs = new LogCapture();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using (var stream = new LogLineStream(factory.CreateLogger("t"), LogLevel.Information, "stdout"))
        {
            stream.Write("one\r\ntw"u8);
            stream.Write("o\n\nthr"u8);
            stream.Write(new byte[LogLineStream.MaxLineBytes + 10]);
            stream.Flush(); // stdio flushes after each write: no partial line yet
            Assert.Equal(4, logs.Entries.Count);
        }

        var lines = logs.Entries.Select(e => e.Message).ToArray();
        Assert.Equal(["[stdout] one", "[stdout] two", "[stdout] ", "[stdout] thr" + new string('\0', LogLineStream.MaxLineBytes - 3), "[stdout] " + new string('\0', 13)], lines);
    }

    [Fact]
    public async Task SyscallTracesGoToTheTraceLevel()
    {
        var logs = new LogCapture();
        var builder = Builder(logs);
        builder.Services.AddWasiReactor("traced", o =>
        {
            o.ModulePath = CalcGuest();
            o.TraceSyscalls = true;
        });
        using var host = builder.Build();
        await host.StartAsync().Within();
        await host.Services.GetRequiredKeyedService<WasiReactor>("traced").GetAction("report")().Within();
        await host.StopAsync().Within();

        var traces = logs.Entries.Where(e => e.Category == "ReactorHost.Guests.traced.Syscalls").ToArray();
        Assert.NotEmpty(traces);
        Assert.All(traces, t => Assert.Equal(LogLevel.Trace, t.Level));
        Assert.Contains(traces, t => t.Message.StartsWith("[wasi] fd_write(fd=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MetricsReportCallsDurationsQueueLengthAndSyscallLatency()
    {
        var name = UniqueName("metrics");
        var longs = new ConcurrentQueue<(string Instrument, long Value, string? Tag)>();
        var doubles = new ConcurrentQueue<(string Instrument, double Value, string? Export, string? Syscall)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReactorHostMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Tag(tags, ReactorHostMetrics.ReactorTag) == name || Tag(tags, ReactorHostMetrics.GuestTag) == name)
            {
                longs.Enqueue((instrument.Name, value, Tag(tags, ReactorHostMetrics.ReactorTag)));
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (Tag(tags, ReactorHostMetrics.ReactorTag) == name)
            {
                longs.Enqueue((instrument.Name, value, name));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tag(tags, ReactorHostMetrics.ReactorTag) == name || Tag(tags, ReactorHostMetrics.GuestTag) == name)
            {
                doubles.Enqueue((instrument.Name, value, Tag(tags, ReactorHostMetrics.ExportTag), Tag(tags, ReactorHostMetrics.SyscallTag)));
            }
        });
        listener.Start();

        var builder = Builder();
        builder.Services.AddWasiReactor(name, o => o.ModulePath = CalcGuest());
        using var host = builder.Build();
        await host.StartAsync().Within();
        var reactor = host.Services.GetRequiredKeyedService<WasiReactor>(name);
        var add = reactor.GetMeteredExport<int, int, int>("add");
        var plain = reactor.GetExport<int, int, int>("add");
        var report = reactor.GetMeteredAction("report");
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => add(i, 1))).Within();
        await plain(1, 1).Within();
        await report().Within();
        listener.RecordObservableInstruments();

        Assert.Equal(50, doubles.Count(d => d.Instrument == ReactorHostMetrics.CallDuration && d.Export == "add"));
        Assert.Single(doubles, d => d.Instrument == ReactorHostMetrics.CallDuration && d.Export == "report");
        Assert.All(doubles, d => Assert.True(d.Value >= 0));
        Assert.Contains(doubles, d => d.Instrument == ReactorHostMetrics.SyscallDuration && d.Syscall == "fd_write");
        Assert.Contains(longs, l => l.Instrument == ReactorHostMetrics.Calls && l.Value == 52);
        Assert.Contains(longs, l => l.Instrument == ReactorHostMetrics.QueueLength && l.Value == 0);
        Assert.Contains(longs, l => l.Instrument == ReactorHostMetrics.Restarts && l.Value == 0);
        await host.StopAsync().Within();

        // A stopped host's reactors are no longer observed.
        host.Dispose();
        longs.Clear();
        listener.RecordObservableInstruments();
        Assert.DoesNotContain(longs, l => l.Instrument == ReactorHostMetrics.Calls);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}

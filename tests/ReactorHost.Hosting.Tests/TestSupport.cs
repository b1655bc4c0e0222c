using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ReactorHost.Hosting.Tests;

/// <summary>Guest paths, host builders and a log capture shared by the tests.</summary>
internal static class TestSupport
{
    /// <summary>tests/guests/bin/NAME (the committed WASI test guests).</summary>
    public static string Guest(string file, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "guests", "bin", file));

    /// <summary>examples/HostedCalculator/guest/calc.wasm (init and report write to stderr).</summary>
    public static string CalcGuest([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "examples", "HostedCalculator", "guest", "calc.wasm"));

    /// <summary>A unique guest name, so metrics of parallel tests never mix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>An empty host builder (no default config sources or providers) with the given configuration and a log capture.</summary>
    public static HostApplicationBuilder Builder(LogCapture? logs = null, IDictionary<string, string?>? configuration = null, TimeSpan? shutdownTimeout = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        if (configuration is not null)
        {
            builder.Configuration.AddInMemoryCollection(configuration);
        }

        builder.Services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout ?? TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Fails the test instead of hanging it.</summary>
    public static Task<T> Within<T>(this Task<T> task, int seconds = 30) => task.WaitAsync(TimeSpan.FromSeconds(seconds));

    public static Task Within(this Task task, int seconds = 30) => task.WaitAsync(TimeSpan.FromSeconds(seconds));
}

/// <summary>Collects every log entry.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public bool Has(string category, LogLevel level, string contains) =>
        Entries.Any(e => e.Category == category && e.Level == level && e.Message.Contains(contains, StringComparison.Ordinal));

    public string Dump() => string.Join("\n", Entries.Select(e => $"{e.Level} {e.Category}: {e.Message}"));

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

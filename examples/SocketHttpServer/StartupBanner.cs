using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocketHttpServer;

/// <summary>Logs where to point a browser or curl once the host has started.</summary>
public sealed partial class StartupBanner(HttpListenerSocket listener, ConnectionLimitingSocketHandler handler, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogListening(logger, listener.EndPoint, handler.MaxConnections);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Serving www/ on http://{EndPoint}/ (at most {Max} connections at once)")]
    private static partial void LogListening(ILogger logger, System.Net.IPEndPoint endPoint, int max);
}

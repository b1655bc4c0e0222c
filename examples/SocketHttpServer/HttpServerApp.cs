using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReactorHost.Hosting;
using ReactorHost.Sockets;

namespace SocketHttpServer;

/// <summary>
/// The example's host: the C HTTP server guest as a hosted WASI process ("http", configured in
/// appsettings.json), serving the preopened www/ directory on a listening socket the host opened,
/// every connection going through <see cref="ConnectionLimitingSocketHandler"/>.
/// </summary>
public static class HttpServerApp
{
    public static HostApplicationBuilder CreateBuilder(string[] args)
    {
        // Content root = site/ in the build output (appsettings.json, http_server.wasm, www/), from any directory.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = Path.Combine(AppContext.BaseDirectory, "site"),
        });

        builder.Services.Configure<HttpServerOptions>(builder.Configuration.GetSection(HttpServerOptions.SectionName));
        builder.Services.AddSingleton<HttpListenerSocket>();
        builder.Services.AddSingleton(sp => new ConnectionLimitingSocketHandler(
            new NetSocketHandler(),
            sp.GetRequiredService<IOptions<HttpServerOptions>>().Value.MaxConnections,
            sp.GetRequiredService<ILogger<ConnectionLimitingSocketHandler>>()));

        // Binds ReactorHost:Processes:http (module, arguments, the www preopen), then hands the guest
        // its socket handler and the listening socket (fd 4, after the /www directory at fd 3).
        builder.Services.AddWasiProcess("http")
            .Configure<HttpListenerSocket, ConnectionLimitingSocketHandler>((options, listener, handler) =>
                options.ConfigureWasi = wasi =>
                {
                    wasi.Sockets.Handler = handler;
                    wasi.Sockets.Preopened.Add(WasiPreopenedSocket.FromSocket(listener.Socket));
                });
        builder.Services.AddHostedService<StartupBanner>();
        return builder;
    }
}

namespace SocketHttpServer;

/// <summary>The <c>SocketHttpServer</c> section of appsettings.json.</summary>
public sealed class HttpServerOptions
{
    public const string SectionName = "SocketHttpServer";

    /// <summary>Where the server listens, <c>HOST:PORT</c> (port 0: any free port).</summary>
    public string Listen { get; set; } = "127.0.0.1:8080";

    /// <summary>Connections served at once; further clients get a 503 from the host and are closed.</summary>
    public int MaxConnections { get; set; } = 8;
}

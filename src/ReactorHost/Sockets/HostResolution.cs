using System.Net;

namespace ReactorHost.Sockets;

/// <summary>The addresses of a host name and its canonical name.</summary>
/// <param name="Addresses">The addresses, in preference order.</param>
/// <param name="CanonicalName">The canonical name, when known.</param>
public sealed record HostResolution(IReadOnlyList<IPAddress> Addresses, string? CanonicalName);

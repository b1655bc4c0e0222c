using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>The getaddrinfo algorithm shared by every <see cref="WasiSocketHandler"/>; only the host lookup differs.</summary>
internal static class AddressInfoResolver
{
    private const AddressInfoFlags AllFlags = AddressInfoFlags.Passive | AddressInfoFlags.CanonicalName | AddressInfoFlags.NumericHost
        | AddressInfoFlags.NumericService | AddressInfoFlags.V4Mapped | AddressInfoFlags.All | AddressInfoFlags.AddressConfig;

    // The services a guest most often names; anything else must be numeric (no /etc/services in a sandbox).
    private static readonly Dictionary<string, (int Port, bool Tcp, bool Udp)> WellKnownServices = new(StringComparer.OrdinalIgnoreCase)
    {
        ["echo"] = (7, true, true),
        ["ftp"] = (21, true, false),
        ["ssh"] = (22, true, false),
        ["telnet"] = (23, true, false),
        ["smtp"] = (25, true, false),
        ["domain"] = (53, true, true),
        ["http"] = (80, true, false),
        ["pop3"] = (110, true, false),
        ["ntp"] = (123, false, true),
        ["imap"] = (143, true, false),
        ["https"] = (443, true, false),
        ["submission"] = (587, true, false),
        ["imaps"] = (993, true, false),
        ["pop3s"] = (995, true, false),
        ["mysql"] = (3306, true, false),
        ["postgresql"] = (5432, true, false),
        ["redis"] = (6379, true, false),
        ["http-alt"] = (8080, true, false),
    };

    public static async ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> ResolveAsync(WasiSocketHandler handler, string? node, string? service, AddressInfoHints hints, CancellationToken cancellationToken)
    {
        node = string.IsNullOrEmpty(node) ? null : node;
        service = string.IsNullOrEmpty(service) ? null : service;
        if (node is null && service is null)
        {
            return SocketErrno.AiNoName;
        }

        if ((hints.Flags & ~AllFlags) != 0 || ((hints.Flags & AddressInfoFlags.CanonicalName) != 0 && node is null))
        {
            return SocketErrno.AiBadFlags;
        }

        if (hints.Family > SocketAddressFamily.Inet6)
        {
            return SocketErrno.AiFamily;
        }

        if (hints.Kind > SocketKind.Stream || hints.Protocol > SocketProtocol.Udp
            || (hints.Kind == SocketKind.Stream && hints.Protocol == SocketProtocol.Udp)
            || (hints.Kind == SocketKind.Datagram && hints.Protocol == SocketProtocol.Tcp))
        {
            return SocketErrno.AiSocketType;
        }

        // Which (type, protocol) pairs to report.
        var wantStream = hints.Kind is SocketKind.Stream or SocketKind.Any && hints.Protocol != SocketProtocol.Udp;
        var wantDatagram = hints.Kind is SocketKind.Datagram or SocketKind.Any && hints.Protocol != SocketProtocol.Tcp;

        var port = 0;
        if (service is not null)
        {
            if (int.TryParse(service, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                if (number > ushort.MaxValue)
                {
                    return SocketErrno.AiService;
                }

                port = number;
            }
            else if ((hints.Flags & AddressInfoFlags.NumericService) != 0)
            {
                return SocketErrno.AiNoName;
            }
            else if (WellKnownServices.TryGetValue(service, out var known))
            {
                wantStream &= known.Tcp;
                wantDatagram &= known.Udp;
                if (!wantStream && !wantDatagram)
                {
                    return SocketErrno.AiService;
                }

                port = known.Port;
            }
            else
            {
                return SocketErrno.AiService;
            }
        }

        IReadOnlyList<IPAddress> addresses;
        string? canonicalName = null;
        if (node is null)
        {
            addresses = (hints.Flags & AddressInfoFlags.Passive) != 0
                ? [IPAddress.Any, IPAddress.IPv6Any]
                : [IPAddress.Loopback, IPAddress.IPv6Loopback];
        }
        else if (IPAddress.TryParse(node, out var literal))
        {
            addresses = [literal];
            canonicalName = node;
        }
        else if ((hints.Flags & AddressInfoFlags.NumericHost) != 0)
        {
            return SocketErrno.AiNoName;
        }
        else
        {
            var lookup = await handler.ResolveHostAsync(node, cancellationToken).ConfigureAwait(false);
            if (!lookup.IsSuccess)
            {
                return lookup.Errno;
            }

            addresses = lookup.Value.Addresses;
            canonicalName = lookup.Value.CanonicalName ?? node;
            if (addresses.Count == 0)
            {
                return SocketErrno.AiNoData;
            }
        }

        var selected = SelectFamily(addresses, hints);
        if (selected.Count == 0)
        {
            return node is null ? SocketErrno.AiFamily : SocketErrno.AiAddressFamily;
        }

        var results = new List<AddressInfo>(selected.Count * 2);
        foreach (var address in selected)
        {
            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? SocketAddressFamily.Inet6 : SocketAddressFamily.Inet4;
            var endPoint = new IPEndPoint(address, port);
            var name = results.Count == 0 && (hints.Flags & AddressInfoFlags.CanonicalName) != 0 ? canonicalName : null;
            if (wantStream)
            {
                results.Add(new AddressInfo(family, SocketKind.Stream, SocketProtocol.Tcp, endPoint, name));
                name = null;
            }

            if (wantDatagram)
            {
                results.Add(new AddressInfo(family, SocketKind.Datagram, SocketProtocol.Udp, endPoint, name));
            }
        }

        return results;
    }

    private static List<IPAddress> SelectFamily(IReadOnlyList<IPAddress> addresses, AddressInfoHints hints)
    {
        var v4 = new List<IPAddress>();
        var v6 = new List<IPAddress>();
        foreach (var address in addresses)
        {
            (address.AddressFamily == AddressFamily.InterNetworkV6 ? v6 : v4).Add(address);
        }

        if ((hints.Flags & AddressInfoFlags.AddressConfig) != 0)
        {
            if (!Socket.OSSupportsIPv4)
            {
                v4.Clear();
            }

            if (!Socket.OSSupportsIPv6)
            {
                v6.Clear();
            }
        }

        switch (hints.Family)
        {
            case SocketAddressFamily.Inet4:
                return v4;
            case SocketAddressFamily.Inet6:
                if ((hints.Flags & AddressInfoFlags.V4Mapped) != 0 && (v6.Count == 0 || (hints.Flags & AddressInfoFlags.All) != 0))
                {
                    foreach (var address in v4)
                    {
                        v6.Add(address.MapToIPv6());
                    }
                }

                return v6;
            default:
                // Preserve the resolver's order.
                var all = new List<IPAddress>(v4.Count + v6.Count);
                foreach (var address in addresses)
                {
                    if (v4.Contains(address) || v6.Contains(address))
                    {
                        all.Add(address);
                    }
                }

                return all;
        }
    }
}

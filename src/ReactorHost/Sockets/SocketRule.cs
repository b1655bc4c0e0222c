using System.Net;

namespace ReactorHost.Sockets;

/// <summary>
/// One allow/deny rule of a <see cref="SocketPolicyHandler"/>: an address range, a port range and
/// the operations it covers. IPv4-mapped IPv6 addresses are matched as IPv4.
/// </summary>
/// <param name="Action">Allow or deny.</param>
/// <param name="Network">The addresses (e.g. <c>127.0.0.0/8</c>, <c>::/0</c>).</param>
/// <param name="MinPort">Lowest port covered.</param>
/// <param name="MaxPort">Highest port covered.</param>
/// <param name="Direction">The operations covered.</param>
public sealed record SocketRule(SocketRuleAction Action, IPNetwork Network, int MinPort = 0, int MaxPort = 65535, SocketDirection Direction = SocketDirection.Any)
{
    /// <summary>Allows <paramref name="network"/> (CIDR, e.g. <c>10.0.0.0/8</c>, or a single address) on the given ports.</summary>
    public static SocketRule Allow(string network, int minPort = 0, int maxPort = 65535, SocketDirection direction = SocketDirection.Any) =>
        new(SocketRuleAction.Allow, ParseNetwork(network), minPort, maxPort, direction);

    /// <summary>Denies <paramref name="network"/> (CIDR or a single address) on the given ports.</summary>
    public static SocketRule Deny(string network, int minPort = 0, int maxPort = 65535, SocketDirection direction = SocketDirection.Any) =>
        new(SocketRuleAction.Deny, ParseNetwork(network), minPort, maxPort, direction);

    /// <summary>Whether the rule covers <paramref name="endPoint"/> for <paramref name="direction"/>.</summary>
    public bool Matches(IPEndPoint endPoint, SocketDirection direction)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        return (Direction & direction) != 0
            && endPoint.Port >= MinPort && endPoint.Port <= MaxPort
            && address.AddressFamily == Network.BaseAddress.AddressFamily
            && Network.Contains(address);
    }

    private static IPNetwork ParseNetwork(string network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.Parse(network);
        }

        var address = IPAddress.Parse(network);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? 128 : 32);
    }
}

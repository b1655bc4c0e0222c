namespace ReactorHost.Sockets;

/// <summary>getaddrinfo hint flags (<c>ai_flags</c>), with the bit values of the WasmEdge socket ABI.</summary>
[Flags]
public enum AddressInfoFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary><c>AI_PASSIVE</c>: with no node, return the wildcard address (for bind) instead of loopback.</summary>
    Passive = 1 << 0,

    /// <summary><c>AI_CANONNAME</c>: report the canonical name in the first result.</summary>
    CanonicalName = 1 << 1,

    /// <summary><c>AI_NUMERICHOST</c>: the node must be a numeric address (no lookup).</summary>
    NumericHost = 1 << 2,

    /// <summary><c>AI_NUMERICSERV</c>: the service must be a port number.</summary>
    NumericService = 1 << 3,

    /// <summary><c>AI_V4MAPPED</c>: with family inet6 and no IPv6 address, return IPv4-mapped IPv6 addresses.</summary>
    V4Mapped = 1 << 4,

    /// <summary><c>AI_ALL</c>: with <see cref="V4Mapped"/>, return IPv6 and IPv4-mapped addresses.</summary>
    All = 1 << 5,

    /// <summary><c>AI_ADDRCONFIG</c>: only families the host has configured.</summary>
    AddressConfig = 1 << 6,
}

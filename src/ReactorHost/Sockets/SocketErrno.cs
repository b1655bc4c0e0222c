using System.Net.Sockets;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>
/// Errno values for sockets: the getaddrinfo codes the WasmEdge ABI adds after the preview1
/// errnos (77 and up), and the mapping from <see cref="SocketError"/>.
/// </summary>
public static class SocketErrno
{
    /// <summary><c>EAI_ADDRFAMILY</c>: the host has no address in the requested family.</summary>
    public const Errno AiAddressFamily = (Errno)77;

    /// <summary><c>EAI_AGAIN</c>: temporary failure in name resolution.</summary>
    public const Errno AiAgain = (Errno)78;

    /// <summary><c>EAI_BADFLAGS</c>: invalid hint flags.</summary>
    public const Errno AiBadFlags = (Errno)79;

    /// <summary><c>EAI_FAIL</c>: permanent failure in name resolution.</summary>
    public const Errno AiFail = (Errno)80;

    /// <summary><c>EAI_FAMILY</c>: the family is not supported.</summary>
    public const Errno AiFamily = (Errno)81;

    /// <summary><c>EAI_MEMORY</c>: no room for the results.</summary>
    public const Errno AiMemory = (Errno)82;

    /// <summary><c>EAI_NODATA</c>: the host exists but has no address.</summary>
    public const Errno AiNoData = (Errno)83;

    /// <summary><c>EAI_NONAME</c>: node or service unknown (or both empty).</summary>
    public const Errno AiNoName = (Errno)84;

    /// <summary><c>EAI_SERVICE</c>: the service is not available for the socket type.</summary>
    public const Errno AiService = (Errno)85;

    /// <summary><c>EAI_SOCKTYPE</c>: the socket type is not supported.</summary>
    public const Errno AiSocketType = (Errno)86;

    /// <summary><c>EAI_SYSTEM</c>: other system error.</summary>
    public const Errno AiSystem = (Errno)87;

    /// <summary>The errno for a <see cref="SocketError"/>.</summary>
    public static Errno FromSocketError(SocketError error) => error switch
    {
        SocketError.Success => Errno.Success,
        SocketError.AccessDenied => Errno.Acces,
        SocketError.AddressAlreadyInUse => Errno.Addrinuse,
        SocketError.AddressNotAvailable => Errno.Addrnotavail,
        SocketError.AddressFamilyNotSupported or SocketError.ProtocolFamilyNotSupported => Errno.Afnosupport,
        SocketError.WouldBlock or SocketError.TryAgain => Errno.Again,
        SocketError.AlreadyInProgress => Errno.Already,
        SocketError.ConnectionAborted => Errno.Connaborted,
        SocketError.ConnectionRefused => Errno.Connrefused,
        SocketError.ConnectionReset => Errno.Connreset,
        SocketError.DestinationAddressRequired => Errno.Destaddrreq,
        SocketError.Fault => Errno.Fault,
        SocketError.HostUnreachable or SocketError.HostDown => Errno.Hostunreach,
        SocketError.InProgress or SocketError.IOPending => Errno.Inprogress,
        SocketError.Interrupted => Errno.Intr,
        SocketError.InvalidArgument => Errno.Inval,
        SocketError.IsConnected => Errno.Isconn,
        SocketError.MessageSize => Errno.Msgsize,
        SocketError.NetworkDown => Errno.Netdown,
        SocketError.NetworkReset => Errno.Netreset,
        SocketError.NetworkUnreachable => Errno.Netunreach,
        SocketError.NoBufferSpaceAvailable => Errno.Nobufs,
        SocketError.NotConnected => Errno.Notconn,
        SocketError.NotSocket => Errno.Notsock,
        SocketError.OperationNotSupported => Errno.Notsup,
        SocketError.ProtocolNotSupported or SocketError.SocketNotSupported => Errno.Protonosupport,
        SocketError.ProtocolOption => Errno.Noprotoopt,
        SocketError.ProtocolType => Errno.Prototype,
        SocketError.Shutdown => Errno.Pipe,
        SocketError.TimedOut => Errno.Timedout,
        SocketError.TooManyOpenSockets => Errno.Mfile,
        SocketError.OperationAborted => Errno.Canceled,
        SocketError.HostNotFound => AiNoName,
        SocketError.NoData => AiNoData,
        SocketError.NoRecovery => AiFail,
        _ => Errno.Io,
    };
}

using System.Net;
using ReactorHost.Wasi;

namespace ReactorHost.Sockets;

/// <summary>The outcome of a receive-from: bytes stored, flags and the sender.</summary>
/// <param name="Length">Bytes stored in the buffer.</param>
/// <param name="Flags"><see cref="RoFlags.RecvDataTruncated"/> when a datagram did not fit.</param>
/// <param name="RemoteEndPoint">The sender.</param>
public readonly record struct ReceivedDatagram(int Length, RoFlags Flags, IPEndPoint RemoteEndPoint);

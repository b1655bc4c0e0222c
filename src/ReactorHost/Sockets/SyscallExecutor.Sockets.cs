using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ReactorHost.Sockets;

namespace ReactorHost.Wasi;

// Decoding of the WasmEdge socket extension (versions 1 and 2). Layouts (wasm32, little-endian):
//   address   {u32 buf, u32 buf_len}; buf_len 4 / 16 = raw IPv4 / IPv6 bytes (version 1),
//             buf_len >= 18 (128 in version 2) = u16 family (1 inet4, 2 inet6) then the address bytes.
//   addrinfo  28 bytes: u16 flags, u8 family, u8 socktype, u32 protocol (low byte), u32 addrlen,
//             u32 *sockaddr, u32 *canonname, u32 canonname_len, u32 *next
//   sockaddr  12 bytes: u8 family, 3 pad, u32 sa_data_len, u32 *sa_data; sa_data as the kernel's:
//             inet4 = port (big-endian) + 4 address bytes + 8 zero; inet6 = port + flowinfo + 16
//             address bytes + scope id.
public sealed partial class SyscallExecutor
{
    private const uint AddrInfoSize = 28;
    private const uint SockaddrSize = 12;
    private const int MaxAddrInfoResults = 1024;

    private ValueTask<Errno> ExecuteSocketExtension(in SyscallRequest request, CancellationToken ct)
    {
        var h = Handler;
        switch (request.Syscall)
        {
            case WasiSyscall.SockOpen:
            {
                if (request.U32(0) > (uint)SocketAddressFamily.Inet6 || request.U32(0) == 0)
                {
                    return Fail(Errno.Afnosupport);
                }

                if (request.U32(1) is not ((uint)SocketKind.Stream or (uint)SocketKind.Datagram))
                {
                    return Fail(request.U32(1) > (uint)SocketKind.Stream ? Errno.Inval : Errno.Prototype);
                }

                return CheckOut(request.U32(2), 4) is var e && e != Errno.Success
                    ? Fail(e)
                    : Finish(h.SockOpen((SocketAddressFamily)request.U32(0), (SocketKind)request.U32(1), ct), request.U32(2));
            }

            case WasiSyscall.SockBind:
            case WasiSyscall.SockConnect:
            {
                var e = TryReadEndPoint(request.U32(1), request.U32(2), out var endPoint);
                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                return request.Syscall == WasiSyscall.SockBind
                    ? h.SockBind(Fd(request, 0), endPoint, ct)
                    : h.SockConnect(Fd(request, 0), endPoint, ct);
            }

            case WasiSyscall.SockListen:
                return h.SockListen(Fd(request, 0), (int)request.U32(1), ct);

            case WasiSyscall.SockAcceptV1:
                return CheckOut(request.U32(1), 4) is var e6 && e6 != Errno.Success
                    ? Fail(e6)
                    : Finish(h.SockAccept(Fd(request, 0), FdFlags.None, ct), request.U32(1));

            case WasiSyscall.SockSendTo:
            {
                var e = IovecArray.TryCreate(Memory, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success)
                {
                    e = TryReadEndPoint(request.U32(3), request.U32(4), out var endPoint);
                    if (e == Errno.Success && request.U32(5) != 0)
                    {
                        e = Errno.Inval;
                    }

                    if (e == Errno.Success && (e = CheckOut(request.U32(6), 4)) == Errno.Success)
                    {
                        return Finish(h.SockSendTo(Fd(request, 0), iovs, endPoint, SiFlags.None, ct), request.U32(6));
                    }
                }

                return Fail(e);
            }

            case WasiSyscall.SockRecvFrom:
            case WasiSyscall.SockRecvFromV1:
            {
                var v1 = request.Syscall == WasiSyscall.SockRecvFromV1;
                var e = IovecArray.TryCreate(Memory, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success)
                {
                    e = TryAddressBuffer(request.U32(3), out _, out _);
                }

                if (e == Errno.Success && !TryFlags(request.U32(4), (ushort)(RiFlags.RecvPeek | RiFlags.RecvWaitall), out _))
                {
                    e = Errno.Inval;
                }

                var portPointer = v1 ? 0u : request.U32(5);
                var lengthPointer = request.U32(v1 ? 5 : 6);
                var flagsPointer = request.U32(v1 ? 6 : 7);
                if (e == Errno.Success && ((!v1 && CheckOut(portPointer, 2) != Errno.Success) || CheckOut(lengthPointer, 4) != Errno.Success || CheckOut(flagsPointer, 2) != Errno.Success))
                {
                    e = Errno.Fault;
                }

                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                return FinishRecvFrom(h.SockRecvFrom(Fd(request, 0), iovs, (RiFlags)request.U32(4), ct), request.U32(3), v1 ? null : portPointer, lengthPointer, flagsPointer);
            }

            case WasiSyscall.SockGetsockopt:
            case WasiSyscall.SockSetsockopt:
            {
                if (request.U32(1) != 0 || request.U32(2) > (uint)SocketOption.BindToDevice)
                {
                    return Fail(Errno.Inval);
                }

                var option = (SocketOption)request.U32(2);
                var size = OptionSize(option);
                if (request.Syscall == WasiSyscall.SockSetsockopt)
                {
                    if (!Memory.IsInBounds(request.U32(3), request.U32(4)))
                    {
                        return Fail(Errno.Fault);
                    }

                    if (request.U32(4) < size)
                    {
                        return Fail(Errno.Inval);
                    }

                    return h.SockSetOpt(Fd(request, 0), option, ReadOption(option, request.U32(3)), ct);
                }

                if (CheckOut(request.U32(4), 4) != Errno.Success)
                {
                    return Fail(Errno.Fault);
                }

                var capacity = Memory.ReadUInt32(request.U32(4));
                if (!Memory.IsInBounds(request.U32(3), Math.Min(capacity, size)))
                {
                    return Fail(Errno.Fault);
                }

                return capacity < size ? Fail(Errno.Inval) : FinishGetOpt(h.SockGetOpt(Fd(request, 0), option, ct), option, request.U32(3), request.U32(4));
            }

            case WasiSyscall.SockGetlocaladdr:
            case WasiSyscall.SockGetpeeraddr:
            case WasiSyscall.SockGetlocaladdrV1:
            case WasiSyscall.SockGetpeeraddrV1:
            {
                var v1 = request.Syscall is WasiSyscall.SockGetlocaladdrV1 or WasiSyscall.SockGetpeeraddrV1;
                var typePointer = v1 ? request.U32(2) : (uint?)null;
                var portPointer = request.U32(v1 ? 3 : 2);
                var e = TryAddressBuffer(request.U32(1), out _, out _);
                if (e == Errno.Success && ((typePointer is { } t && CheckOut(t, 4) != Errno.Success) || CheckOut(portPointer, 4) != Errno.Success))
                {
                    e = Errno.Fault;
                }

                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                var pending = request.Syscall is WasiSyscall.SockGetlocaladdr or WasiSyscall.SockGetlocaladdrV1
                    ? h.SockGetLocalAddr(Fd(request, 0), ct)
                    : h.SockGetPeerAddr(Fd(request, 0), ct);
                return FinishAddress(pending, request.U32(1), typePointer, portPointer);
            }

            case WasiSyscall.SockGetaddrinfo:
                return ExecuteGetAddrInfo(in request, ct);

            default:
                return Fail(Errno.Nosys);
        }
    }

    // ---- addresses ----

    /// <summary>Checks an address struct and its buffer; the buffer must be 4, 16 or at least 18 bytes.</summary>
    private Errno TryAddressBuffer(uint pointer, out uint buffer, out uint length)
    {
        buffer = length = 0;
        if (!Memory.IsInBounds(pointer, 8))
        {
            return Errno.Fault;
        }

        buffer = Memory.ReadUInt32(pointer);
        length = Memory.ReadUInt32(pointer + 4);
        if (!Memory.IsInBounds(buffer, length))
        {
            return Errno.Fault;
        }

        return length is 4 or 16 or >= 18 ? Errno.Success : Errno.Inval;
    }

    private Errno TryReadEndPoint(uint pointer, uint port, out IPEndPoint endPoint)
    {
        endPoint = null!;
        var e = TryAddressBuffer(pointer, out var buffer, out var length);
        if (e != Errno.Success)
        {
            return e;
        }

        if (port > ushort.MaxValue)
        {
            return Errno.Inval;
        }

        var bytes = Memory.GetSpan(buffer, length);
        ReadOnlySpan<byte> address;
        if (length is 4 or 16)
        {
            address = bytes;
        }
        else
        {
            address = BinaryPrimitives.ReadUInt16LittleEndian(bytes) switch
            {
                (ushort)SocketAddressFamily.Inet4 => bytes.Slice(2, 4),
                (ushort)SocketAddressFamily.Inet6 => bytes.Slice(2, 16),
                _ => [],
            };
            if (address.IsEmpty)
            {
                return Errno.Afnosupport;
            }
        }

        endPoint = new IPEndPoint(new IPAddress(address), (int)port);
        return Errno.Success;
    }

    /// <summary>Writes <paramref name="address"/> into a checked address buffer; false when it does not fit.</summary>
    private bool WriteAddress(uint pointer, IPAddress address)
    {
        var buffer = Memory.ReadUInt32(pointer);
        var length = Memory.ReadUInt32(pointer + 4);
        var target = Memory.GetSpan(buffer, length);
        var isV6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        var size = isV6 ? 16 : 4;
        if (length is 4 or 16)
        {
            if (length < size)
            {
                return false;
            }

            target.Clear();
            return address.TryWriteBytes(target, out _);
        }

        target.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(target, (ushort)(isV6 ? SocketAddressFamily.Inet6 : SocketAddressFamily.Inet4));
        return address.TryWriteBytes(target[2..], out _);
    }

    private ValueTask<Errno> FinishAddress(ValueTask<WasiResult<IPEndPoint>> pending, uint addressPointer, uint? typePointer, uint portPointer)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new(DeliverAddress(pending.Result, addressPointer, typePointer, portPointer));
        }

        return Awaited(this, pending, addressPointer, typePointer, portPointer);

        static async ValueTask<Errno> Awaited(SyscallExecutor self, ValueTask<WasiResult<IPEndPoint>> pending, uint addressPointer, uint? typePointer, uint portPointer) =>
            self.DeliverAddress(await pending.ConfigureAwait(false), addressPointer, typePointer, portPointer);
    }

    private Errno DeliverAddress(WasiResult<IPEndPoint> result, uint addressPointer, uint? typePointer, uint portPointer)
    {
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        if (!WriteAddress(addressPointer, result.Value.Address))
        {
            return Errno.Inval;
        }

        if (typePointer is { } t)
        {
            // Version 1 reports 4 or 6 here (WasmEdge kept this for compatibility), not the family code.
            Memory.WriteUInt32(t, result.Value.AddressFamily == AddressFamily.InterNetworkV6 ? 6u : 4u);
        }

        Memory.WriteUInt32(portPointer, (uint)result.Value.Port);
        return Errno.Success;
    }

    private ValueTask<Errno> FinishRecvFrom(ValueTask<WasiResult<ReceivedDatagram>> pending, uint addressPointer, uint? portPointer, uint lengthPointer, uint flagsPointer)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new(DeliverRecvFrom(pending.Result, addressPointer, portPointer, lengthPointer, flagsPointer));
        }

        return Awaited(this, pending, addressPointer, portPointer, lengthPointer, flagsPointer);

        static async ValueTask<Errno> Awaited(SyscallExecutor self, ValueTask<WasiResult<ReceivedDatagram>> pending, uint addressPointer, uint? portPointer, uint lengthPointer, uint flagsPointer) =>
            self.DeliverRecvFrom(await pending.ConfigureAwait(false), addressPointer, portPointer, lengthPointer, flagsPointer);
    }

    private Errno DeliverRecvFrom(WasiResult<ReceivedDatagram> result, uint addressPointer, uint? portPointer, uint lengthPointer, uint flagsPointer)
    {
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var received = result.Value;
        if (received.RemoteEndPoint is { } from)
        {
            WriteAddress(addressPointer, from.Address);
            if (portPointer is { } p)
            {
                Memory.WriteUInt16(p, (ushort)from.Port);
            }
        }

        Memory.WriteUInt32(lengthPointer, (uint)received.Length);
        Memory.WriteUInt16(flagsPointer, (ushort)received.Flags);
        return Errno.Success;
    }

    // ---- options ----

    private static uint OptionSize(SocketOption option) => option switch
    {
        SocketOption.Linger => 8,
        SocketOption.ReceiveTimeout or SocketOption.SendTimeout => 16,
        _ => 4,
    };

    private long ReadOption(SocketOption option, uint pointer)
    {
        var span = Memory.GetSpan(pointer, OptionSize(option));
        switch (option)
        {
            case SocketOption.Linger:
                return BinaryPrimitives.ReadInt32LittleEndian(span) == 0 ? -1 : BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
            case SocketOption.ReceiveTimeout or SocketOption.SendTimeout:
                var seconds = BinaryPrimitives.ReadInt64LittleEndian(span);
                var micros = BinaryPrimitives.ReadInt64LittleEndian(span[8..]);
                return seconds < 0 || micros < 0 ? 0 : (long)Math.Min((ulong)seconds * 1_000_000UL + (ulong)micros, long.MaxValue);
            default:
                return BinaryPrimitives.ReadInt32LittleEndian(span);
        }
    }

    private ValueTask<Errno> FinishGetOpt(ValueTask<WasiResult<long>> pending, SocketOption option, uint valuePointer, uint lengthPointer)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new(DeliverOption(pending.Result, option, valuePointer, lengthPointer));
        }

        return Awaited(this, pending, option, valuePointer, lengthPointer);

        static async ValueTask<Errno> Awaited(SyscallExecutor self, ValueTask<WasiResult<long>> pending, SocketOption option, uint valuePointer, uint lengthPointer) =>
            self.DeliverOption(await pending.ConfigureAwait(false), option, valuePointer, lengthPointer);
    }

    private Errno DeliverOption(WasiResult<long> result, SocketOption option, uint valuePointer, uint lengthPointer)
    {
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var size = OptionSize(option);
        var span = Memory.GetSpan(valuePointer, size);
        var value = result.Value;
        switch (option)
        {
            case SocketOption.Linger:
                BinaryPrimitives.WriteInt32LittleEndian(span, value < 0 ? 0 : 1);
                BinaryPrimitives.WriteInt32LittleEndian(span[4..], value < 0 ? 0 : (int)Math.Min(value, int.MaxValue));
                break;
            case SocketOption.ReceiveTimeout or SocketOption.SendTimeout:
                BinaryPrimitives.WriteInt64LittleEndian(span, value / 1_000_000);
                BinaryPrimitives.WriteInt64LittleEndian(span[8..], value % 1_000_000);
                break;
            default:
                BinaryPrimitives.WriteInt32LittleEndian(span, (int)Math.Clamp(value, int.MinValue, int.MaxValue));
                break;
        }

        Memory.WriteUInt32(lengthPointer, size);
        return Errno.Success;
    }

    // ---- getaddrinfo ----

    private ValueTask<Errno> ExecuteGetAddrInfo(in SyscallRequest request, CancellationToken ct)
    {
        var e = TryGuestString(request.U32(0), request.U32(1), out var node);
        if (e == Errno.Success)
        {
            e = TryGuestString(request.U32(2), request.U32(3), out var service);
            if (e == Errno.Success)
            {
                var hintsPointer = request.U32(4);
                var resultPointer = request.U32(5);
                var maxResults = request.U32(6);
                var lengthPointer = request.U32(7);
                if (!Memory.IsInBounds(hintsPointer, AddrInfoSize) || CheckOut(resultPointer, 4) != Errno.Success || CheckOut(lengthPointer, 4) != Errno.Success)
                {
                    return Fail(Errno.Fault);
                }

                if (maxResults == 0)
                {
                    return Fail(SocketErrno.AiMemory);
                }

                var hintBytes = Memory.GetSpan(hintsPointer, AddrInfoSize);
                var hints = new AddressInfoHints(
                    (AddressInfoFlags)BinaryPrimitives.ReadUInt16LittleEndian(hintBytes),
                    (SocketAddressFamily)hintBytes[2],
                    (SocketKind)hintBytes[3],
                    (SocketProtocol)hintBytes[4]);

                // Walk the guest's preallocated list now, so a bad pointer fails before any lookup.
                var entries = new List<uint>();
                var entry = Memory.ReadUInt32(resultPointer);
                while (entry != 0 && entries.Count < Math.Min(maxResults, MaxAddrInfoResults))
                {
                    if (!Memory.IsInBounds(entry, AddrInfoSize))
                    {
                        return Fail(Errno.Fault);
                    }

                    var sockaddr = Memory.ReadUInt32(entry + 12);
                    if (!Memory.IsInBounds(sockaddr, SockaddrSize)
                        || !Memory.IsInBounds(Memory.ReadUInt32(sockaddr + 8), Memory.ReadUInt32(sockaddr + 4))
                        || !Memory.IsInBounds(Memory.ReadUInt32(entry + 16), Memory.ReadUInt32(entry + 20)))
                    {
                        return Fail(Errno.Fault);
                    }

                    entries.Add(entry);
                    entry = Memory.ReadUInt32(entry + 24);
                }

                if (entries.Count == 0)
                {
                    return Fail(SocketErrno.AiMemory);
                }

                var pending = Handler.SockGetAddrInfo(node, service, hints, entries.Count, ct);
                if (pending.IsCompletedSuccessfully)
                {
                    return new(DeliverAddrInfo(pending.Result, entries, lengthPointer));
                }

                return Awaited(this, pending, entries, lengthPointer);
            }
        }

        return Fail(e);

        static async ValueTask<Errno> Awaited(SyscallExecutor self, ValueTask<WasiResult<IReadOnlyList<AddressInfo>>> pending, List<uint> entries, uint lengthPointer) =>
            self.DeliverAddrInfo(await pending.ConfigureAwait(false), entries, lengthPointer);
    }

    /// <summary>A node/service string: one trailing NUL (as WasmEdge guests send) is dropped; empty means none.</summary>
    private Errno TryGuestString(uint pointer, uint length, out string? value)
    {
        value = null;
        if (!Memory.TryGetSpan(pointer, length, out var bytes))
        {
            return Errno.Fault;
        }

        if (bytes.Length > 0 && bytes[^1] == 0)
        {
            bytes = bytes[..^1];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return Errno.Ilseq;
        }

        try
        {
            value = bytes.IsEmpty ? null : StrictUtf8.GetString(bytes);
            return Errno.Success;
        }
        catch (DecoderFallbackException)
        {
            return Errno.Ilseq;
        }
    }

    private Errno DeliverAddrInfo(WasiResult<IReadOnlyList<AddressInfo>> result, List<uint> entries, uint lengthPointer)
    {
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var written = 0;
        uint last = 0;
        foreach (var info in result.Value)
        {
            if (written == entries.Count)
            {
                break;
            }

            var entry = entries[written];
            var sockaddr = Memory.ReadUInt32(entry + 12);
            var data = Memory.GetSpan(Memory.ReadUInt32(sockaddr + 8), Memory.ReadUInt32(sockaddr + 4));
            var isV6 = info.EndPoint.AddressFamily == AddressFamily.InterNetworkV6;
            var dataLength = isV6 ? 26 : 14;
            if (data.Length < dataLength)
            {
                // The guest's buffer cannot hold this family's address: skip the result.
                continue;
            }

            data[..dataLength].Clear();
            BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)info.EndPoint.Port);
            if (isV6)
            {
                info.EndPoint.Address.TryWriteBytes(data[6..22], out _);
                BinaryPrimitives.WriteUInt32LittleEndian(data[22..], (uint)info.EndPoint.Address.ScopeId);
            }
            else
            {
                info.EndPoint.Address.TryWriteBytes(data[2..6], out _);
            }

            var sockaddrBytes = Memory.GetSpan(sockaddr, SockaddrSize);
            sockaddrBytes[0] = (byte)info.Family;
            BinaryPrimitives.WriteUInt32LittleEndian(sockaddrBytes[4..], (uint)dataLength);

            var bytes = Memory.GetSpan(entry, AddrInfoSize);
            bytes[2] = (byte)info.Family;
            bytes[3] = (byte)info.Kind;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], (uint)info.Protocol);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], SockaddrSize);
            var canonicalLength = 0u;
            if (info.CanonicalName is { } name)
            {
                var target = Memory.GetSpan(BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..]), BinaryPrimitives.ReadUInt32LittleEndian(bytes[20..]));
                if (target.Length > 0)
                {
                    // NUL-terminated, truncated to the guest's buffer.
                    var encoded = Encoding.UTF8.GetBytes(name);
                    var n = Math.Min(encoded.Length, target.Length - 1);
                    encoded.AsSpan(0, n).CopyTo(target);
                    target[n] = 0;
                    canonicalLength = (uint)n;
                }
            }

            BinaryPrimitives.WriteUInt32LittleEndian(bytes[20..], canonicalLength);
            last = entry;
            written++;
        }

        if (written == 0)
        {
            return result.Value.Count == 0 ? SocketErrno.AiNoData : SocketErrno.AiMemory;
        }

        // The list a C caller walks ends at the last result.
        Memory.WriteUInt32(last + 24, 0);
        Memory.WriteUInt32(lengthPointer, (uint)written);
        return Errno.Success;
    }
}

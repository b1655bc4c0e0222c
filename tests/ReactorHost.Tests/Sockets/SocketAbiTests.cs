using System.Buffers.Binary;
using System.Net;
using ReactorHost.Sockets;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasm;
using ReactorHost.Wasm.Text;

namespace ReactorHost.Tests.Sockets;

/// <summary>Decoding of the WasmEdge socket extension against a plain buffer as guest memory.</summary>
public sealed class SocketAbiTests : IDisposable
{
    private readonly byte[] _memory = new byte[65536];
    private readonly WasiFdTable _fds = new();
    private readonly LoopbackSocketHandler _network = new();
    private readonly SyscallExecutor _executor;

    public SocketAbiTests()
    {
        _fds.Add(new WasiFdEntry(new StreamFile(Stream.Null, FileType.CharacterDevice), Rights.FdRead, Rights.None));
        var handler = new StandardWasiHandler(new WasiStrings([]), new WasiStrings([]), _fds) { SocketHandler = _network };
        _executor = new SyscallExecutor(handler, new GuestMemory(_memory));
    }

    public void Dispose() => _fds.Dispose();

    private Errno Run(WasiSyscall syscall, params long[] args)
    {
        var request = new SyscallRequest { Syscall = syscall, ArgumentCount = args.Length };
        for (var i = 0; i < args.Length; i++)
        {
            request.Arguments[i] = args[i];
        }

        return _executor.Execute(in request, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(_memory.AsSpan(at));

    private void Put32(int at, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(_memory.AsSpan(at), value);

    /// <summary>An address struct at <paramref name="at"/> pointing to a buffer at <paramref name="buffer"/>.</summary>
    private void Address(int at, int buffer, int length, params byte[] bytes)
    {
        Put32(at, (uint)buffer);
        Put32(at + 4, (uint)length);
        _memory.AsSpan(buffer, length).Clear();
        bytes.CopyTo(_memory, buffer);
    }

    private int OpenStream()
    {
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockOpen, 1, 2, 100));
        return (int)U32(100);
    }

    [Fact]
    public void OpenChecksFamilyTypeAndOutPointer()
    {
        Assert.Equal(Errno.Afnosupport, Run(WasiSyscall.SockOpen, 3, 2, 100));
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockOpen, 1, 9, 100));
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockOpen, 1, 2, 65534));
        Assert.Equal(1, _fds.Count);
        var fd = OpenStream();
        Assert.Equal(1, fd);
        Assert.Equal(FileType.SocketStream, _fds.Get(fd)!.File.FileType);
    }

    [Fact]
    public void BindDecodesVersion1AndVersion2AddressesAndRejectsBadOnes()
    {
        var fd = OpenStream();
        Address(200, 300, 5, 127, 0, 0, 1);
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockBind, fd, 200, 80));
        Put32(200, 65530);
        Put32(204, 128);
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockBind, fd, 200, 80));
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockBind, fd, 65532, 80));
        Address(200, 300, 128, 9, 0);
        Assert.Equal(Errno.Afnosupport, Run(WasiSyscall.SockBind, fd, 200, 80));
        Address(200, 300, 128, 1, 0, 127, 0, 0, 1);
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockBind, fd, 200, 70000));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockBind, fd, 200, 8080));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), _network.GetLocalAddress(((WasiSocketFile)_fds.Get(fd)!.File).Socket).Value);

        var other = OpenStream();
        Address(200, 300, 4, 127, 0, 0, 1);
        Assert.Equal(Errno.Addrinuse, Run(WasiSyscall.SockBind, other, 200, 8080));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockBind, other, 200, 8081));
    }

    [Fact]
    public void LocalAddressIsWrittenInTheVersionsFormat()
    {
        var fd = OpenStream();
        Address(200, 300, 4, 10, 1, 2, 3);
        Run(WasiSyscall.SockBind, fd, 200, 4321);

        Address(200, 300, 128);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetlocaladdr, fd, 200, 500));
        Assert.Equal(new byte[] { 1, 0, 10, 1, 2, 3 }, _memory.AsSpan(300, 6).ToArray());
        Assert.Equal(4321u, U32(500));

        Address(200, 300, 4);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetlocaladdrV1, fd, 200, 504, 508));
        Assert.Equal(new byte[] { 10, 1, 2, 3 }, _memory.AsSpan(300, 4).ToArray());
        Assert.Equal(4u, U32(504));
        Assert.Equal(4321u, U32(508));

        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockGetlocaladdr, fd, 200, 65534));
        Assert.Equal(Errno.Notconn, Run(WasiSyscall.SockGetpeeraddr, fd, 200, 500));
        Assert.Equal(Errno.Notsock, Run(WasiSyscall.SockGetlocaladdr, 0, 200, 500));
        Assert.Equal(Errno.Badf, Run(WasiSyscall.SockGetlocaladdr, 77, 200, 500));
    }

    [Fact]
    public void SocketOptionsUseALengthPointer()
    {
        var fd = OpenStream();
        _memory.AsSpan(600, 4).Clear();
        BinaryPrimitives.WriteInt32LittleEndian(_memory.AsSpan(600), 1);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockSetsockopt, fd, 0, (long)SocketOption.KeepAlive, 600, 4));
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockSetsockopt, fd, 0, (long)SocketOption.KeepAlive, 600, 2));
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockSetsockopt, fd, 1, (long)SocketOption.KeepAlive, 600, 4));

        Put32(700, 4);
        Put32(604, 0);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetsockopt, fd, 0, (long)SocketOption.KeepAlive, 604, 700));
        Assert.Equal(1u, U32(604));
        Assert.Equal(4u, U32(700));

        Put32(700, 16);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetsockopt, fd, 0, (long)SocketOption.Type, 604, 700));
        Assert.Equal((uint)SocketKind.Stream, U32(604));
        Assert.Equal(4u, U32(700));

        // Timeouts are struct timeval (16 bytes).
        BinaryPrimitives.WriteInt64LittleEndian(_memory.AsSpan(800), 2);
        BinaryPrimitives.WriteInt64LittleEndian(_memory.AsSpan(808), 500_000);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockSetsockopt, fd, 0, (long)SocketOption.ReceiveTimeout, 800, 16));
        Put32(700, 4);
        Assert.Equal(Errno.Inval, Run(WasiSyscall.SockGetsockopt, fd, 0, (long)SocketOption.ReceiveTimeout, 900, 700));
        Put32(700, 16);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetsockopt, fd, 0, (long)SocketOption.ReceiveTimeout, 900, 700));
        Assert.Equal(2L, BinaryPrimitives.ReadInt64LittleEndian(_memory.AsSpan(900)));
        Assert.Equal(500_000L, BinaryPrimitives.ReadInt64LittleEndian(_memory.AsSpan(908)));
    }

    /// <summary>Builds a guest-side result list of <paramref name="count"/> addrinfo entries at 1000.</summary>
    private void AddrInfoList(int count, int dataLength = 26)
    {
        for (var i = 0; i < count; i++)
        {
            var entry = 1000 + (i * 28);
            var sockaddr = 2000 + (i * 12);
            var data = 3000 + (i * 32);
            var canon = 4000 + (i * 64);
            _memory.AsSpan(entry, 28).Clear();
            Put32(entry + 12, (uint)sockaddr);
            Put32(entry + 16, (uint)canon);
            Put32(entry + 20, 64);
            Put32(entry + 24, i + 1 < count ? (uint)(entry + 28) : 0);
            _memory[sockaddr] = 0;
            Put32(sockaddr + 4, (uint)dataLength);
            Put32(sockaddr + 8, (uint)data);
        }

        Put32(900, 1000);
    }

    private int String(int at, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text + "\0");
        bytes.CopyTo(_memory, at);
        return bytes.Length;
    }

    [Fact]
    public void GetAddrInfoFillsTheGuestsListAndTerminatesIt()
    {
        _network.Hosts["db.test"] = [IPAddress.Parse("10.9.8.7"), IPAddress.Parse("fd00::5")];
        AddrInfoList(4);
        var nodeLength = String(5000, "db.test");
        var serviceLength = String(5100, "5432");
        _memory.AsSpan(5200, 28).Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(_memory.AsSpan(5200), (ushort)AddressInfoFlags.CanonicalName);
        _memory[5203] = (byte)SocketKind.Stream;

        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetaddrinfo, 5000, nodeLength, 5100, serviceLength, 5200, 900, 4, 950));
        Assert.Equal(2u, U32(950));
        // First: inet4 10.9.8.7:5432, canonical name.
        Assert.Equal((byte)SocketAddressFamily.Inet4, _memory[1002]);
        Assert.Equal((byte)SocketKind.Stream, _memory[1003]);
        Assert.Equal((uint)SocketProtocol.Tcp, U32(1004));
        Assert.Equal((byte)SocketAddressFamily.Inet4, _memory[2000]);
        Assert.Equal(14u, U32(2004));
        Assert.Equal(new byte[] { 0x15, 0x38, 10, 9, 8, 7 }, _memory.AsSpan(3000, 6).ToArray());
        Assert.Equal("db.test", System.Text.Encoding.UTF8.GetString(_memory, 4000, (int)U32(1020)));
        Assert.Equal(0, _memory[4000 + 7]);
        // Second: inet6, the kernel's sockaddr_in6 layout after the family.
        Assert.Equal((byte)SocketAddressFamily.Inet6, _memory[1028 + 2]);
        Assert.Equal(26u, U32(2012 + 4));
        Assert.Equal(IPAddress.Parse("fd00::5").GetAddressBytes(), _memory.AsSpan(3032 + 6, 16).ToArray());
        Assert.Equal(0u, U32(1028 + 24));
    }

    [Fact]
    public void GetAddrInfoChecksEveryPointerBeforeResolving()
    {
        AddrInfoList(2);
        var nodeLength = String(5000, "localhost");
        _memory.AsSpan(5200, 28).Clear();
        Put32(2012 + 8, 65530);
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockGetaddrinfo, 5000, nodeLength, 5100, 0, 5200, 900, 2, 950));
        AddrInfoList(2);
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockGetaddrinfo, 5000, nodeLength, 5100, 0, 65530, 900, 2, 950));
        Assert.Equal(Errno.Fault, Run(WasiSyscall.SockGetaddrinfo, 65000, 1000, 5100, 0, 5200, 900, 2, 950));
        Assert.Equal(SocketErrno.AiMemory, Run(WasiSyscall.SockGetaddrinfo, 5000, nodeLength, 5100, 0, 5200, 900, 0, 950));
        Assert.Equal(SocketErrno.AiNoName, Run(WasiSyscall.SockGetaddrinfo, 5000, 0, 5100, 0, 5200, 900, 2, 950));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockGetaddrinfo, 5000, nodeLength, 5100, 0, 5200, 900, 2, 950));
        Assert.Equal(2u, U32(950));
    }

    [Fact]
    public void NonBlockingAcceptAndReceiveAnswerEagainThroughTheFdFlags()
    {
        var listener = OpenStream();
        Address(200, 300, 4, 127, 0, 0, 1);
        Run(WasiSyscall.SockBind, listener, 200, 9000);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockListen, listener, 4));
        Assert.Equal(Errno.Success, Run(WasiSyscall.FdFdstatSetFlags, listener, (long)FdFlags.Nonblock));
        Assert.Equal(Errno.Again, Run(WasiSyscall.SockAccept, listener, 0, 100));

        var client = OpenStream();
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockConnect, client, 200, 9000));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockAccept, listener, (long)FdFlags.Nonblock, 100));
        var server = (int)U32(100);
        Assert.Equal(FdFlags.Nonblock, _fds.Get(server)!.File.Flags);

        // iovec at 400 -> buffer 420..436
        Put32(400, 420);
        Put32(404, 16);
        Assert.Equal(Errno.Again, Run(WasiSyscall.SockRecv, server, 400, 1, 0, 440, 444));
        "hi there"u8.CopyTo(_memory.AsSpan(420));
        Put32(404, 8);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockSend, client, 400, 1, 0, 440));
        Assert.Equal(8u, U32(440));
        Put32(404, 16);
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockRecv, server, 400, 1, 0, 440, 444));
        Assert.Equal(8u, U32(440));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockShutdown, client, (long)SdFlags.Wr));
        Assert.Equal(Errno.Success, Run(WasiSyscall.SockRecv, server, 400, 1, 0, 440, 444));
        Assert.Equal(0u, U32(440));
    }

    private const string Version1Module = """
        (module
          (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_recv_from" (func (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_getlocaladdr" (func (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_getpeeraddr" (func (param i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_open" (func (param i32 i32 i32) (result i32)))
          (memory (export "memory") 1))
        """;

    private const string Version2Module = """
        (module
          (import "wasi_snapshot_preview1" "sock_accept" (func (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_recv_from" (func (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_getlocaladdr" (func (param i32 i32 i32) (result i32)))
          (import "wasi_snapshot_preview1" "sock_getaddrinfo" (func (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
          (memory (export "memory") 1))
        """;

    [Theory]
    [InlineData(Version1Module, true)]
    [InlineData(Version2Module, false)]
    public void VersionIsDetectedFromTheImportedSignaturesAndTheModuleLinks(string text, bool v1)
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "abi", Wat.ToBinary(text));
        var abi = SocketAbi.Detect(module);
        Assert.Equal(v1, abi.UsesVersion1);
        Assert.Equal(v1, abi.AcceptV1 && abi.RecvFromV1 && abi.LocalAddrV1 && abi.PeerAddrV1);

        var entry = new DirectWasiPreview1(new StandardWasiHandler(new WasiStrings([]), new WasiStrings([]), _fds), null, default);
        var linker = new Linker(engine);
        entry.Define(linker, module);
        var instance = linker.Instantiate(module);
        Assert.NotNull(instance.GetMemory("memory"));
    }

    [Fact]
    public void Version1ModuleDoesNotLinkAgainstVersion2Definitions()
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, "abi", Wat.ToBinary(Version1Module));
        var entry = new DirectWasiPreview1(new StandardWasiHandler(new WasiStrings([]), new WasiStrings([]), _fds), null, default);
        var linker = new Linker(engine);
        entry.Define(linker);
        Assert.Throws<WasmLinkException>(() => linker.Instantiate(module));
    }
}

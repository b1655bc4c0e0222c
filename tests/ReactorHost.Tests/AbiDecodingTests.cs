using System.Buffers.Binary;
using System.Text;
using ReactorHost.Wasi;

namespace ReactorHost.Tests;

public class AbiDecodingTests
{
    private sealed class RecordingHandler : WasiHandler
    {
        public int Calls;
        public string? LastPath;
        public byte[]? Written;

        public override ValueTask<WasiResult<uint>> FdWrite(int fd, IovecArray iovs, CancellationToken cancellationToken)
        {
            Calls++;
            var buffer = new byte[iovs.TotalLength];
            iovs.CopyTo(buffer);
            Written = buffer;
            return new((uint)buffer.Length);
        }

        public override ValueTask<WasiResult<uint>> FdRead(int fd, IovecArray iovs, CancellationToken cancellationToken)
        {
            Calls++;
            return new((uint)iovs.CopyFrom("abcdefgh"u8));
        }

        public override ValueTask<Errno> PathCreateDirectory(int fd, string path, CancellationToken cancellationToken)
        {
            Calls++;
            LastPath = path;
            return new(Errno.Success);
        }

        public override ValueTask<WasiResult<ulong>> FdSeek(int fd, long offset, Whence whence, CancellationToken cancellationToken)
        {
            Calls++;
            return new((ulong)offset);
        }

        public override ValueTask<WasiResult<FileStat>> FdFilestatGet(int fd, CancellationToken cancellationToken)
        {
            Calls++;
            return new(new FileStat { Dev = 1, Ino = 2, FileType = FileType.RegularFile, NLink = 3, FileSize = 4, ATim = 5, MTim = 6, CTim = 7 });
        }
    }

    private readonly byte[] _memory = new byte[4096];
    private readonly RecordingHandler _handler = new();
    private readonly SyscallExecutor _executor;

    public AbiDecodingTests() => _executor = new SyscallExecutor(_handler, new GuestMemory(_memory));

    private Errno Run(WasiSyscall syscall, params long[] args)
    {
        var request = new SyscallRequest { Syscall = syscall, ArgumentCount = args.Length };
        for (var i = 0; i < args.Length; i++)
        {
            request.Arguments[i] = args[i];
        }

        return Completed(_executor.Execute(in request, CancellationToken.None));
    }

    private static T Completed<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private void Iovec(int at, int buffer, int length)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_memory.AsSpan(at), buffer);
        BinaryPrimitives.WriteInt32LittleEndian(_memory.AsSpan(at + 4), length);
    }

    [Fact]
    public void FdWriteGathersEveryIovecAndWritesTheCount()
    {
        "hello "u8.CopyTo(_memory.AsSpan(100));
        "world"u8.CopyTo(_memory.AsSpan(200));
        Iovec(16, 100, 6);
        Iovec(24, 200, 5);
        Assert.Equal(Errno.Success, Run(WasiSyscall.FdWrite, 1, 16, 2, 64));
        Assert.Equal("hello world", Encoding.UTF8.GetString(_handler.Written!));
        Assert.Equal(11u, BinaryPrimitives.ReadUInt32LittleEndian(_memory.AsSpan(64)));
    }

    [Fact]
    public void FdReadScattersIntoGuestBuffersWithoutCopyingThroughTheHandler()
    {
        Iovec(16, 100, 3);
        Iovec(24, 200, 10);
        Assert.Equal(Errno.Success, Run(WasiSyscall.FdRead, 0, 16, 2, 64));
        Assert.Equal("abc", Encoding.ASCII.GetString(_memory, 100, 3));
        Assert.Equal("defgh", Encoding.ASCII.GetString(_memory, 200, 5));
        Assert.Equal(8u, BinaryPrimitives.ReadUInt32LittleEndian(_memory.AsSpan(64)));
    }

    [Theory]
    [InlineData(4090, 1, 64)] // iovec array straddles the end
    [InlineData(16, 1, 4094)] // result pointer straddles the end
    [InlineData(-8, 1, 64)] // array at 0xFFFFFFF8
    [InlineData(16, 0x20000000, 64)] // count * 8 overflows 32 bits
    public void BadPointersAreEfaultAndTheHandlerNeverRuns(int iovs, int count, int result)
    {
        Iovec(16, 100, 4);
        Assert.Equal(Errno.Fault, Run(WasiSyscall.FdWrite, 1, (uint)iovs, (uint)count, (uint)result));
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public void AnIovecBufferOutsideMemoryIsEfault()
    {
        Iovec(16, 4000, 200);
        Assert.Equal(Errno.Fault, Run(WasiSyscall.FdWrite, 1, 16, 1, 64));
        Assert.Equal(0, _handler.Calls);
    }

    [Fact]
    public void PathsAreDecodedAsUtf8AndInvalidUtf8IsEilseq()
    {
        var name = Encoding.UTF8.GetBytes("dïr/ü");
        name.CopyTo(_memory.AsSpan(300));
        Assert.Equal(Errno.Success, Run(WasiSyscall.PathCreateDirectory, 3, 300, name.Length));
        Assert.Equal("dïr/ü", _handler.LastPath);

        _memory[400] = 0xC3;
        _memory[401] = 0x28;
        Assert.Equal(Errno.Ilseq, Run(WasiSyscall.PathCreateDirectory, 3, 400, 2));
        Assert.Equal(Errno.Fault, Run(WasiSyscall.PathCreateDirectory, 3, 4095, 2));
        Assert.Equal(1, _handler.Calls);
    }

    [Fact]
    public void OutOfRangeEnumsAndFlagsAreEinval()
    {
        Assert.Equal(Errno.Inval, Run(WasiSyscall.FdSeek, 3, 0, 3, 64));
        Assert.Equal(Errno.Inval, Run(WasiSyscall.FdFdstatSetFlags, 3, 1 << 5));
        Assert.Equal(Errno.Inval, Run(WasiSyscall.PathOpen, 3, 2, 300, 1, 0, 0, 0, 0, 64));
        Assert.Equal(0, _handler.Calls);
        Assert.Equal(Errno.Success, Run(WasiSyscall.FdSeek, 3, -5, 1, 64));
    }

    [Fact]
    public void StructResultsAreWrittenWithTheWitxLayout()
    {
        Assert.Equal(Errno.Success, Run(WasiSyscall.FdFilestatGet, 3, 128));
        var m = _memory.AsSpan(128);
        Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(m));
        Assert.Equal(2UL, BinaryPrimitives.ReadUInt64LittleEndian(m[8..]));
        Assert.Equal((byte)FileType.RegularFile, m[16]);
        Assert.Equal(3UL, BinaryPrimitives.ReadUInt64LittleEndian(m[24..]));
        Assert.Equal(4UL, BinaryPrimitives.ReadUInt64LittleEndian(m[32..]));
        Assert.Equal(7UL, BinaryPrimitives.ReadUInt64LittleEndian(m[56..]));
    }

    [Fact]
    public void MembersAHandlerDoesNotImplementAnswerEnosys()
    {
        _memory[300] = (byte)'x';
        Assert.Equal(Errno.Nosys, Run(WasiSyscall.FdClose, 3));
        Assert.Equal(Errno.Nosys, Run(WasiSyscall.PathUnlinkFile, 3, 300, 1));
    }

    [Fact]
    public void WitxRecordSizesMatchTheSpec()
    {
        Assert.Equal(64, System.Runtime.CompilerServices.Unsafe.SizeOf<FileStat>());
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<FdStat>());
        Assert.Equal(8, System.Runtime.CompilerServices.Unsafe.SizeOf<Prestat>());
        Assert.Equal(24, System.Runtime.CompilerServices.Unsafe.SizeOf<Dirent>());
        Assert.Equal(48, System.Runtime.CompilerServices.Unsafe.SizeOf<Subscription>());
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<Event>());
        Assert.Equal(76, (int)Errno.Notcapable);
        Assert.Equal(1UL << 29, (ulong)Rights.SockAccept);
        Assert.Equal(46, WasiSyscallNames.Count);
    }
}

using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem.InMemory;
using static ReactorHost.Tests.InMemory.MemFs;

namespace ReactorHost.Tests.InMemory;

public class InMemoryFileTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryFileSystem _fs;
    private readonly InMemoryDirectory _root;

    public InMemoryFileTests()
    {
        _fs = new InMemoryFileSystem(_clock);
        _root = _fs.Root;
    }

    [Fact]
    public void WriteThenReadBackThroughAnotherHandle()
    {
        using var writer = OpenFile(_root, "f.txt", OFlags.Creat);
        Assert.Equal(11u, Write(writer, "hello world").Value);
        using var reader = OpenFile(_root, "f.txt", write: false);
        Assert.Equal("hello", Encoding.UTF8.GetString(Read(reader, 5)));
        Assert.Equal(" world", ReadText(reader));
        Assert.Empty(Read(reader, 10));
        Assert.Equal("hello world", _fs.ReadAllText("/f.txt"));
    }

    [Fact]
    public void PositionsAreIndependentPerHandle()
    {
        _fs.WriteAllText("/f", "abcdef");
        using var a = OpenFile(_root, "f");
        using var b = OpenFile(_root, "f");
        Assert.Equal("abc", ReadText(a, 3));
        Assert.Equal("ab", ReadText(b, 2));
        Assert.Equal("def", ReadText(a));
    }

    [Fact]
    public void SeekAndTell()
    {
        _fs.WriteAllText("/f", "0123456789");
        using var f = OpenFile(_root, "f");
        Assert.Equal(4ul, f.Seek(4, Whence.Set).Value);
        Assert.Equal(6ul, f.Seek(2, Whence.Cur).Value);
        Assert.Equal("67", ReadText(f, 2));
        Assert.Equal(8ul, f.Seek(0, Whence.Cur).Value);
        Assert.Equal(7ul, f.Seek(-3, Whence.End).Value);
        Assert.Equal("789", ReadText(f));
        Assert.Equal(Errno.Inval, f.Seek(-1, Whence.Set).Errno);
        Assert.Equal(Errno.Inval, f.Seek(-20, Whence.End).Errno);
        Assert.Equal(100ul, f.Seek(100, Whence.Set).Value);
        Assert.Empty(Read(f, 4));
    }

    [Fact]
    public void WritingPastTheEndLeavesAHoleOfZeros()
    {
        using var f = OpenFile(_root, "sparse", OFlags.Creat);
        Assert.Equal(3u, Write(f, "end", offset: 100_000).Value);
        Assert.Equal(100_003ul, f.GetStat().Value.FileSize);
        var all = Read(f, 200_000, offset: 0);
        Assert.Equal(100_003, all.Length);
        Assert.All(all[..100_000], b => Assert.Equal(0, b));
        Assert.Equal("end", Encoding.ASCII.GetString(all[100_000..]));

        // Seek past the end, then write: the gap reads as zeros too.
        Assert.Equal(200_010ul, f.Seek(200_010, Whence.Set).Value);
        Write(f, "x");
        Assert.Equal(new byte[] { 0, 0, (byte)'x' }, Read(f, 3, offset: 200_008));
    }

    [Fact]
    public void ContentSpanningPagesRoundTrips()
    {
        var data = new byte[(3 * InMemoryFileContent.PageSize) + 123];
        new Random(7).NextBytes(data);
        using var f = OpenFile(_root, "big", OFlags.Creat);
        Assert.Equal((uint)data.Length, Write(f, data, offset: 5).Value);
        Assert.Equal(data, Read(f, data.Length + 10, offset: 5));
        Assert.Equal(data[1000..70_000], Read(f, 69_000, offset: 1005));
    }

    [Fact]
    public void PreadAndPwriteDoNotMoveThePosition()
    {
        _fs.WriteAllText("/f", "abcdef");
        using var f = OpenFile(_root, "f");
        Assert.Equal("cd", ReadText(f, 2, offset: 2));
        Assert.Equal(2u, Write(f, "XY", offset: 4).Value);
        Assert.Equal(0ul, f.Seek(0, Whence.Cur).Value);
        Assert.Equal("abcdXY", ReadText(f));
        Assert.Empty(Read(f, 4, offset: 1000));
    }

    [Fact]
    public void AppendWritesAlwaysGoToTheEnd()
    {
        _fs.WriteAllText("/log", "one;");
        using var f = OpenFile(_root, "log", fdflags: FdFlags.Append);
        using var other = OpenFile(_root, "log");
        Write(f, "two;");
        Write(other, "ONE!", offset: 0);
        f.Seek(0, Whence.Set);
        Write(f, "three;");
        Assert.Equal("ONE!two;three;", _fs.ReadAllText("/log"));
        Assert.Equal(14ul, f.Seek(0, Whence.Cur).Value);
    }

    [Fact]
    public void SetSizeTruncatesAndExtendsWithZeros()
    {
        _fs.WriteAllText("/f", "abcdefgh");
        using var f = OpenFile(_root, "f");
        Assert.Equal(Errno.Success, f.SetSize(3));
        Assert.Equal("abc", ReadText(f));
        Assert.Equal(Errno.Success, f.SetSize(6));
        Assert.Equal(new byte[] { (byte)'a', (byte)'b', (byte)'c', 0, 0, 0 }, Read(f, 10, offset: 0));
        Assert.Equal(6ul, f.GetStat().Value.FileSize);
    }

    [Fact]
    public void ShrinkingAcrossPagesThenGrowingReadsZeros()
    {
        var data = Enumerable.Repeat((byte)0xAB, InMemoryFileContent.PageSize + 500).ToArray();
        using var f = OpenFile(_root, "f", OFlags.Creat);
        Write(f, data);
        Assert.Equal(Errno.Success, f.SetSize(100));
        Assert.Equal(Errno.Success, f.SetSize((ulong)data.Length));
        var back = Read(f, data.Length, offset: 0);
        Assert.All(back[..100], b => Assert.Equal(0xAB, b));
        Assert.All(back[100..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void AllocateExtendsButNeverShrinks()
    {
        _fs.WriteAllText("/f", "abc");
        using var f = OpenFile(_root, "f");
        Assert.Equal(Errno.Success, f.Allocate(0, 2));
        Assert.Equal(3ul, f.GetStat().Value.FileSize);
        Assert.Equal(Errno.Success, f.Allocate(10, 20));
        Assert.Equal(30ul, f.GetStat().Value.FileSize);
        Assert.Equal(Errno.Fbig, f.Allocate(ulong.MaxValue, 2));
    }

    [Fact]
    public void SizeLimitIsEfbig()
    {
        _fs.MaxFileSize = 10;
        using var f = OpenFile(_root, "f", OFlags.Creat);
        Assert.Equal(Errno.Fbig, f.SetSize(11));
        Assert.Equal(Errno.Fbig, f.Allocate(5, 6));
        Assert.Equal(4u, Write(f, "abcdef", offset: 6).Value); // a partial write, like write(2)
        Assert.Equal(Errno.Fbig, Write(f, "z", offset: 10).Errno);
        Assert.Equal(Errno.Fbig, f.SetSize(ulong.MaxValue));
    }

    [Fact]
    public void CapacityIsEnospcAndFreedByDeletion()
    {
        _fs.Capacity = 10;
        _fs.WriteAllText("/a", "12345678");
        using (var f = OpenFile(_root, "b", OFlags.Creat))
        {
            Assert.Equal(2u, Write(f, "abcd").Value);
            Assert.Equal(Errno.Nospc, Write(f, "e").Errno);
            Assert.Equal(Errno.Nospc, f.SetSize(5));
        }

        Assert.Equal(10, _fs.UsedBytes);
        Assert.Equal(Errno.Success, _root.UnlinkFile("a"));
        Assert.Equal(2, _fs.UsedBytes);
    }

    [Fact]
    public void UnlinkedFileStaysUsableWhileOpen()
    {
        _fs.WriteAllText("/f", "data");
        var f = OpenFile(_root, "f");
        Assert.Equal(Errno.Success, _root.UnlinkFile("f"));
        Assert.Equal(Errno.Noent, OpenErrno(_root, "f"));
        Assert.Equal(0ul, f.GetStat().Value.NLink);
        Write(f, "more", offset: 4);
        Assert.Equal("datamore", ReadText(f));
        Assert.Equal(8, _fs.UsedBytes);
        f.Dispose();
        f.Dispose();
        Assert.Equal(0, _fs.UsedBytes);
    }

    [Fact]
    public void AccessModesFromTheRequestAreEnforced()
    {
        _fs.WriteAllText("/f", "abc");
        using var readOnly = OpenFile(_root, "f", write: false);
        Assert.Equal(Errno.Badf, Write(readOnly, "x").Errno);
        Assert.Equal(Errno.Badf, readOnly.SetSize(0));
        Assert.Equal(Errno.Badf, readOnly.Allocate(0, 100));
        using var writeOnly = OpenFile(_root, "f", read: false);
        Assert.Equal(Errno.Badf, TryRead(writeOnly, 2).Errno);
        Assert.Equal(1u, Write(writeOnly, "X").Value);
        Assert.Equal("Xbc", _fs.ReadAllText("/f"));
    }

    [Fact]
    public void StatReportsTypeLinksSizeInodeAndDevice()
    {
        _fs.WriteAllText("/f", "12345");
        using var f = OpenFile(_root, "f");
        var stat = f.GetStat().Value;
        Assert.Equal(FileType.RegularFile, stat.FileType);
        Assert.Equal(1ul, stat.NLink);
        Assert.Equal(5ul, stat.FileSize);
        Assert.Equal(_fs.DeviceId, stat.Dev);
        Assert.Equal(stat.Ino, Stat(_root, "f").Ino);
        Assert.NotEqual(stat.Ino, _root.GetStat().Value.Ino);
        Assert.NotEqual(new InMemoryFileSystem().DeviceId, _fs.DeviceId);
    }

    [Fact]
    public void TimestampsFollowReadsWritesAndTheClock()
    {
        var created = _clock.NowNanoseconds;
        using var f = OpenFile(_root, "f", OFlags.Creat);
        var stat = f.GetStat().Value;
        Assert.Equal((created, created, created), (stat.ATim, stat.MTim, stat.CTim));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Write(f, "abc");
        stat = f.GetStat().Value;
        Assert.Equal((created, _clock.NowNanoseconds, _clock.NowNanoseconds), (stat.ATim, stat.MTim, stat.CTim));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Read(f, 3, offset: 0);
        Assert.Equal(_clock.NowNanoseconds, f.GetStat().Value.ATim);
        Assert.Equal(_clock.NowNanoseconds - 1_000_000_000, f.GetStat().Value.MTim);
    }

    [Fact]
    public void SetTimesExplicitNowAndConflicts()
    {
        using var f = OpenFile(_root, "f", OFlags.Creat);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Errno.Success, f.SetTimes(111, 222, FstFlags.Atim | FstFlags.Mtim));
        var stat = f.GetStat().Value;
        Assert.Equal((111ul, 222ul, _clock.NowNanoseconds), (stat.ATim, stat.MTim, stat.CTim));

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Errno.Success, f.SetTimes(0, 0, FstFlags.MtimNow));
        stat = f.GetStat().Value;
        Assert.Equal((111ul, _clock.NowNanoseconds), (stat.ATim, stat.MTim));
        Assert.Equal(Errno.Success, f.SetTimes(0, 0, FstFlags.AtimNow));
        Assert.Equal(_clock.NowNanoseconds, f.GetStat().Value.ATim);

        Assert.Equal(Errno.Inval, f.SetTimes(1, 1, FstFlags.Atim | FstFlags.AtimNow));
        Assert.Equal(Errno.Inval, f.SetTimes(1, 1, FstFlags.Mtim | FstFlags.MtimNow));
    }

    [Fact]
    public void BytesReadableIsWhatRemains()
    {
        _fs.WriteAllText("/f", "abcdef");
        using var f = OpenFile(_root, "f");
        Assert.Equal(6ul, f.BytesReadable);
        Read(f, 4);
        Assert.Equal(2ul, f.BytesReadable);
        f.Seek(10, Whence.Set);
        Assert.Equal(0ul, f.BytesReadable);
    }

    [Fact]
    public void SyncAndAdviseSucceed()
    {
        using var f = OpenFile(_root, "f", OFlags.Creat);
        Assert.Equal(Errno.Success, Completed(f.SyncAsync(dataOnly: false, CancellationToken.None)));
        Assert.Equal(Errno.Success, f.Advise(0, 10, Advice.Sequential));
    }
}

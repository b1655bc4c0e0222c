using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Tests;

/// <summary>HostDirectory/HostFile behaviour that follows Linux: real inode numbers and link counts, link times, "file/." and trailing slashes.</summary>
public sealed class HostDirectoryLinuxTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rh-hostdir-").FullName;
    private readonly HostDirectory _dir;

    public HostDirectoryLinuxTests()
    {
        File.WriteAllText(Path.Combine(_root, "f"), "data");
        Directory.CreateDirectory(Path.Combine(_root, "d"));
        _dir = new HostDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static T Completed<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private WasiFile OpenFile(string path)
    {
        var opened = Completed(_dir.OpenAsync(new WasiOpenRequest(path, true, OFlags.None, FdFlags.None, Read: true, Write: false), CancellationToken.None));
        Assert.Equal(Errno.Success, opened.Errno);
        return opened.Value;
    }

    [Fact]
    public void HardLinksShareTheInodeAndCountLinks()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.Equal(Errno.Success, _dir.Link("f", false, _dir, "g"));
        var f = _dir.GetStat("f", true).Value;
        var g = _dir.GetStat("g", true).Value;
        Assert.Equal(f.Ino, g.Ino);
        Assert.Equal(f.Dev, g.Dev);
        Assert.Equal(2ul, f.NLink);
        Assert.NotEqual(f.Ino, _dir.GetStat("d", true).Value.Ino);

        using var file = OpenFile("g");
        Assert.Equal(Errno.Success, _dir.UnlinkFile("f"));
        var viaHandle = file.GetStat().Value;
        Assert.Equal(f.Ino, viaHandle.Ino);
        Assert.Equal(1ul, viaHandle.NLink);

        var listed = _dir.ReadEntries().Value.Single(e => e.Name == "g");
        Assert.Equal(f.Ino, listed.Ino);
    }

    [Fact]
    public void SetTimesWithoutFollowChangesTheLinkItself()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        Assert.Equal(Errno.Success, _dir.Symlink("f", "lf"));
        var targetBefore = _dir.GetStat("f", true).Value.MTim;
        const ulong When = 1_000_000_000_123_456_789UL;
        Assert.Equal(Errno.Success, _dir.SetTimes("lf", false, When, When, FstFlags.Atim | FstFlags.Mtim));
        Assert.Equal(When, _dir.GetStat("lf", false).Value.MTim);
        Assert.Equal(targetBefore, _dir.GetStat("f", true).Value.MTim);

        Assert.Equal(Errno.Success, _dir.SetTimes("lf", true, 0, When + 1, FstFlags.Mtim));
        Assert.Equal(When + 1, _dir.GetStat("f", true).Value.MTim);
    }

    [Fact]
    public void FileTimesAreSetThroughTheHandleWithNanosecondPrecision()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var file = OpenFile("f");
        File.Move(Path.Combine(_root, "f"), Path.Combine(_root, "moved"));
        const ulong When = 1_234_567_890_987_654_321UL;
        Assert.Equal(Errno.Success, file.SetTimes(When, When, FstFlags.Atim | FstFlags.Mtim));
        Assert.Equal(When, _dir.GetStat("moved", true).Value.MTim);
        Assert.Equal(When, file.GetStat().Value.ATim);
        Assert.Equal(Errno.Inval, file.SetTimes(When, 0, FstFlags.Atim | FstFlags.AtimNow));
    }

    [Theory]
    [InlineData("f/.")]
    [InlineData("f/")]
    public void AFileFollowedByASlashIsNotADirectory(string path)
    {
        Assert.Equal(Errno.Notdir, _dir.GetStat(path, false).Errno);
        Assert.Equal(Errno.Notdir, _dir.UnlinkFile(path));
        Assert.True(File.Exists(Path.Combine(_root, "f")));
    }

    [Fact]
    public void NewNamesEndingInASlashFollowLinux()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(Errno.Noent, _dir.Link("f", false, _dir, "new/"));
        Assert.Equal(Errno.Noent, _dir.Symlink("f", "new/"));
        Assert.Equal(Errno.Notdir, _dir.Rename("f", _dir, "new/"));
        Assert.Equal(Errno.Success, _dir.Rename("d", _dir, "e/"));
        Assert.True(Directory.Exists(Path.Combine(_root, "e")));
    }
}

using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Tests;

public sealed class HostFileSystemSandboxTests : IDisposable
{
    private readonly string _outside;
    private readonly string _root;
    private readonly HostDirectory _dir;

    public HostFileSystemSandboxTests()
    {
        _outside = Directory.CreateTempSubdirectory("rh-sandbox-").FullName;
        _root = Path.Combine(_outside, "root");
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_outside, "secret.txt"), "secret");
        File.WriteAllText(Path.Combine(_root, "inside.txt"), "inside");
        _dir = new HostDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    private static T Completed<T>(ValueTask<T> pending)
    {
        Assert.True(pending.IsCompletedSuccessfully);
        return pending.Result;
    }

    private Errno Open(string path, bool follow = true)
    {
        var result = Completed(_dir.OpenAsync(new WasiOpenRequest(path, follow, OFlags.None, FdFlags.None, Read: true, Write: false), CancellationToken.None));
        result.Value?.Dispose();
        return result.Errno;
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("sub/../../secret.txt")]
    [InlineData("./../root/../secret.txt")]
    [InlineData("/etc/passwd")]
    public void DotDotAndAbsolutePathsCannotEscape(string path) => Assert.Equal(Errno.Notcapable, Open(path));

    [Fact]
    public void DotDotInsideTheRootIsFine()
    {
        Assert.Equal(Errno.Success, Open("sub/../inside.txt"));
        Assert.Equal(Errno.Success, Open("sub/./../sub/../inside.txt"));
    }

    [Fact]
    public void AbsoluteSymlinksAreRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "abs"), Path.Combine(_outside, "secret.txt"));
        Assert.Equal(Errno.Notcapable, Open("abs"));
        Assert.Equal(Errno.Notcapable, _dir.GetStat("abs/x", true).Errno);
    }

    [Fact]
    public void RelativeSymlinkChainsLeadingOutsideAreRefused()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "sub", "up"), "..");
        File.CreateSymbolicLink(Path.Combine(_root, "hop1"), "sub/up/hop2");
        File.CreateSymbolicLink(Path.Combine(_root, "hop2"), "../secret.txt");
        Assert.Equal(Errno.Notcapable, Open("hop1"));
        Assert.Equal(Errno.Success, Open("sub/up/inside.txt"));
    }

    [Fact]
    public void SymlinkLoopsAreEloop()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "a"), "b");
        File.CreateSymbolicLink(Path.Combine(_root, "b"), "a");
        Assert.Equal(Errno.Loop, Open("a"));
    }

    [Fact]
    public void NotFollowingAFinalSymlinkDoesNotOpenItsTarget()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link"), "inside.txt");
        Assert.Equal(Errno.Success, Open("link"));
        Assert.Equal(Errno.Loop, Open("link", follow: false));
        Assert.Equal(FileType.SymbolicLink, _dir.GetStat("link", false).Value.FileType);
        Assert.Equal("inside.txt", _dir.ReadLink("link").Value);
    }

    [Fact]
    public void ASubdirectoryFdIsItsOwnCapability()
    {
        var sub = (WasiDirectory)Completed(_dir.OpenAsync(new WasiOpenRequest("sub", true, OFlags.Directory, FdFlags.None, true, false), CancellationToken.None)).Value;
        Assert.Equal(Errno.Notcapable, sub.GetStat("../inside.txt", true).Errno);
    }

    [Fact]
    public void MutationsRespectTheSandbox()
    {
        Assert.Equal(Errno.Notcapable, _dir.CreateDirectory("../evil"));
        Assert.Equal(Errno.Notcapable, _dir.UnlinkFile("../secret.txt"));
        Assert.Equal(Errno.Notcapable, _dir.Rename("inside.txt", _dir, "../moved.txt"));
        Assert.Equal(Errno.Perm, _dir.Symlink("/etc/passwd", "evil"));
        Assert.True(File.Exists(Path.Combine(_outside, "secret.txt")));
        Assert.False(Directory.Exists(Path.Combine(_outside, "evil")));
    }
}

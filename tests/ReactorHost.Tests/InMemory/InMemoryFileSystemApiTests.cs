using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem.InMemory;
using static ReactorHost.Tests.InMemory.MemFs;

namespace ReactorHost.Tests.InMemory;

/// <summary>The .NET-side API embedders use to fill and inspect an in-memory file system.</summary>
public class InMemoryFileSystemApiTests
{
    private readonly InMemoryFileSystem _fs = new();

    [Fact]
    public void WriteAllBytesCreatesParentsAndReadAllBytesReturnsTheContent()
    {
        _fs.WriteAllBytes("/a/b/c.bin", [1, 2, 3]);
        Assert.Equal(new byte[] { 1, 2, 3 }, _fs.ReadAllBytes("/a/b/c.bin"));
        Assert.True(_fs.DirectoryExists("/a/b"));
        Assert.True(_fs.FileExists("a/b/c.bin")); // the leading slash is optional
        _fs.WriteAllBytes("/a/b/c.bin", [9]);
        Assert.Equal(new byte[] { 9 }, _fs.ReadAllBytes("/a/b/c.bin"));
    }

    [Fact]
    public void TextHelpersUseUtf8WithoutBom()
    {
        _fs.WriteAllText("/t.txt", "héllo");
        Assert.Equal(Encoding.UTF8.GetBytes("héllo"), _fs.ReadAllBytes("/t.txt"));
        Assert.Equal("héllo", _fs.ReadAllText("/t.txt"));
    }

    [Fact]
    public void CreateDirectoryIsIdempotentAndMakesParents()
    {
        _fs.CreateDirectory("/x/y/z");
        _fs.CreateDirectory("/x/y/z");
        _fs.CreateDirectory("/");
        Assert.Equal(["y"], _fs.GetEntries("/x"));
        _fs.WriteAllText("/file", "f");
        Assert.Throws<IOException>(() => _fs.CreateDirectory("/file/sub"));
    }

    [Fact]
    public void MissingPathsThrowFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => _fs.ReadAllBytes("/missing"));
        Assert.Throws<FileNotFoundException>(() => _fs.GetStat("/missing"));
        Assert.Throws<FileNotFoundException>(() => _fs.Delete("/missing"));
        Assert.Throws<FileNotFoundException>(() => _fs.OpenDirectory("/missing"));
        Assert.False(_fs.FileExists("/missing"));
        Assert.False(_fs.DirectoryExists("/missing"));
    }

    [Fact]
    public void WrongKindsThrowIOException()
    {
        _fs.CreateDirectory("/d");
        _fs.WriteAllText("/f", "x");
        Assert.Throws<IOException>(() => _fs.ReadAllBytes("/d"));
        Assert.Throws<IOException>(() => _fs.WriteAllText("/d", "x"));
        Assert.Throws<IOException>(() => _fs.OpenDirectory("/f"));
        Assert.Throws<IOException>(() => _fs.GetEntries("/f"));
    }

    [Fact]
    public void SymbolicLinksFromDotNet()
    {
        _fs.WriteAllText("/real.txt", "real");
        _fs.CreateSymbolicLink("/alias", "real.txt");
        Assert.Equal("real", _fs.ReadAllText("/alias"));
        Assert.Equal(FileType.SymbolicLink, _fs.GetStat("/alias", followSymlinks: false).FileType);
        Assert.Equal(FileType.RegularFile, _fs.GetStat("/alias").FileType);
        Assert.Throws<IOException>(() => _fs.CreateSymbolicLink("/alias", "other"));
        _fs.WriteAllText("/alias", "through");
        Assert.Equal("through", _fs.ReadAllText("/real.txt"));
    }

    [Fact]
    public void DeleteRemovesFilesLinksAndDirectories()
    {
        _fs.WriteAllText("/tree/a/b.txt", "b");
        _fs.WriteAllText("/tree/c.txt", "c");
        _fs.WriteAllText("/single.txt", "s");
        _fs.Delete("/single.txt");
        Assert.False(_fs.FileExists("/single.txt"));
        Assert.Throws<IOException>(() => _fs.Delete("/tree"));
        _fs.Delete("/tree", recursive: true);
        Assert.Empty(_fs.GetEntries("/"));
        Assert.Equal(0, _fs.UsedBytes);
        Assert.Throws<IOException>(() => _fs.Delete("/"));
    }

    [Fact]
    public void RootHandlesAreSeparateOpenDirectories()
    {
        var a = _fs.Root;
        var b = _fs.Root;
        Assert.NotSame(a, b);
        a.Flags = FdFlags.Sync;
        Assert.Equal(FdFlags.None, b.Flags);
        Assert.Equal(a.GetStat().Value.Ino, b.GetStat().Value.Ino);
        Assert.Same(_fs, a.FileSystem);
    }

    [Fact]
    public void PreopenMapsAGuestPathToADirectory()
    {
        _fs.WriteAllText("/data/x.txt", "x");
        var preopen = _fs.Preopen("/sandbox", "/data");
        Assert.Equal("/sandbox", preopen.GuestPath);
        var dir = Assert.IsType<InMemoryDirectory>(preopen.Directory);
        Assert.Equal(["x.txt"], Names(dir).Skip(2));
        Assert.Equal(".", _fs.Preopen(".").GuestPath);
    }

    [Fact]
    public void ChangesByTheGuestAreVisibleFromDotNetAndBack()
    {
        var root = _fs.Root;
        using (var f = OpenFile(root, "guest.txt", OFlags.Creat))
        {
            Write(f, "from guest");
        }

        Assert.Equal("from guest", _fs.ReadAllText("/guest.txt"));
        _fs.WriteAllText("/guest.txt", "from host");
        using var g = OpenFile(root, "guest.txt");
        Assert.Equal("from host", ReadText(g));
    }

    [Fact]
    public void ConcurrentWritersAndReadersKeepTheTreeConsistent()
    {
        const int Workers = 4;
        const int FilesEach = 50;
        Parallel.For(0, Workers, w =>
        {
            var root = _fs.Root;
            Assert.Equal(Errno.Success, root.CreateDirectory($"w{w}"));
            for (var i = 0; i < FilesEach; i++)
            {
                using (var f = OpenFile(root, $"w{w}/f{i}", OFlags.Creat))
                {
                    Write(f, $"{w}:{i}");
                }

                using (var shared = OpenFile(root, "shared.log", OFlags.Creat, fdflags: FdFlags.Append))
                {
                    Write(shared, "0123456789");
                }

                Assert.Equal(Errno.Success, root.Rename($"w{w}/f{i}", root, $"w{w}/g{i}"));
                _ = root.ReadEntries();
            }
        });

        Assert.Equal(Workers * FilesEach * 10, _fs.ReadAllBytes("/shared.log").Length);
        for (var w = 0; w < Workers; w++)
        {
            Assert.Equal(FilesEach, _fs.GetEntries($"/w{w}").Count);
            Assert.Equal($"{w}:7", _fs.ReadAllText($"/w{w}/g7"));
        }

        Assert.Equal(2ul + Workers, _fs.GetStat("/").NLink);
    }
}

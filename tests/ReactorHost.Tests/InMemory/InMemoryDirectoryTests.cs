using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasi.FileSystem.InMemory;
using static ReactorHost.Tests.InMemory.MemFs;

namespace ReactorHost.Tests.InMemory;

public class InMemoryDirectoryTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryFileSystem _fs;
    private readonly InMemoryDirectory _root;

    public InMemoryDirectoryTests()
    {
        _fs = new InMemoryFileSystem(_clock);
        _root = _fs.Root;
    }

    // ---- path_open ----

    [Fact]
    public void OpenMissingWithoutCreatIsNoent() => Assert.Equal(Errno.Noent, OpenErrno(_root, "nope"));

    [Fact]
    public void CreatCreatesAnEmptyFile()
    {
        using var f = OpenFile(_root, "new", OFlags.Creat);
        Assert.True(_fs.FileExists("/new"));
        Assert.Equal(0ul, f.GetStat().Value.FileSize);
    }

    [Fact]
    public void CreatExclOnExistingIsExist()
    {
        _fs.WriteAllText("/f", "x");
        _fs.CreateDirectory("/d");
        Assert.Equal(Errno.Exist, OpenErrno(_root, "f", OFlags.Creat | OFlags.Excl));
        Assert.Equal(Errno.Exist, OpenErrno(_root, "d", OFlags.Creat | OFlags.Excl));
        Assert.Equal(Errno.Success, OpenErrno(_root, "f", OFlags.Creat));
    }

    [Fact]
    public void TruncEmptiesAnExistingFile()
    {
        _fs.WriteAllText("/f", "content");
        using var f = OpenFile(_root, "f", OFlags.Trunc, write: false);
        Assert.Equal(0ul, f.GetStat().Value.FileSize);
        Assert.Equal(2u, Write(f, "ok").Value); // truncating opens for writing, as on the host
        Assert.Equal("ok", _fs.ReadAllText("/f"));
    }

    [Fact]
    public void DirectoryFlagRules()
    {
        _fs.WriteAllText("/f", "x");
        _fs.CreateDirectory("/d");
        Assert.Equal(Errno.Notdir, OpenErrno(_root, "f", OFlags.Directory));
        Assert.IsType<InMemoryDirectory>(Open(_root, "d", OFlags.Directory).Value);
        Assert.IsType<InMemoryDirectory>(Open(_root, "d").Value);
        Assert.Equal(Errno.Isdir, OpenErrno(_root, "d", OFlags.Trunc));
        Assert.Equal(Errno.Inval, OpenErrno(_root, "missing", OFlags.Creat | OFlags.Directory));
        Assert.Equal(Errno.Isdir, OpenErrno(_root, "missing/", OFlags.Creat));
        Assert.Equal(Errno.Notdir, OpenErrno(_root, "f/"));
    }

    [Fact]
    public void OpenedDirectoryIsACapabilityOfItsOwn()
    {
        _fs.WriteAllText("/d/inner.txt", "in");
        _fs.WriteAllText("/outer.txt", "out");
        var d = Assert.IsType<InMemoryDirectory>(Open(_root, "d").Value);
        using var f = OpenFile(d, "inner.txt");
        Assert.Equal("in", ReadText(f));
        Assert.Equal(Errno.Notcapable, OpenErrno(d, "../outer.txt"));
        Assert.Equal(Errno.Notcapable, OpenErrno(d, "/outer.txt"));
    }

    [Fact]
    public void OpenedDirectoryKeepsItsFdFlags()
    {
        _fs.CreateDirectory("/d");
        var d = Open(_root, "d", fdflags: FdFlags.Sync).Value;
        Assert.Equal(FdFlags.Sync, d.Flags);
        Assert.Equal(FdFlags.None, _root.Flags);
    }

    // ---- resolution ----

    [Theory]
    [InlineData("a/b/c.txt")]
    [InlineData("./a/b/c.txt")]
    [InlineData("a//b/./c.txt")]
    [InlineData("a/b/../b/c.txt")]
    [InlineData("a/../a/b/c.txt")]
    public void ResolutionNormalisesComponents(string path)
    {
        _fs.WriteAllText("/a/b/c.txt", "c");
        using var f = OpenFile(_root, path);
        Assert.Equal("c", ReadText(f));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("a/../..")]
    [InlineData("a/../../a")]
    [InlineData("/a")]
    [InlineData("/")]
    public void EscapingTheCapabilityIsNotcapable(string path)
    {
        _fs.CreateDirectory("/a");
        Assert.Equal(Errno.Notcapable, OpenErrno(_root, path));
        Assert.Equal(Errno.Notcapable, _root.GetStat(path, true).Errno);
        Assert.Equal(Errno.Notcapable, _root.CreateDirectory(path));
    }

    [Fact]
    public void EmptyPathIsNoent()
    {
        Assert.Equal(Errno.Noent, OpenErrno(_root, string.Empty));
        Assert.Equal(Errno.Noent, _root.GetStat(string.Empty, true).Errno);
    }

    [Fact]
    public void DotNamesTheDirectoryItself()
    {
        var stat = Stat(_root, ".");
        Assert.Equal(FileType.Directory, stat.FileType);
        Assert.Equal(_root.GetStat().Value.Ino, stat.Ino);
        Assert.IsType<InMemoryDirectory>(Open(_root, ".").Value);
    }

    [Fact]
    public void MissingIntermediateIsNoentAndFileIntermediateIsNotdir()
    {
        _fs.WriteAllText("/f", "x");
        Assert.Equal(Errno.Noent, OpenErrno(_root, "missing/x", OFlags.Creat));
        Assert.Equal(Errno.Notdir, OpenErrno(_root, "f/x", OFlags.Creat));
        Assert.Equal(Errno.Notdir, OpenErrno(_root, "f/.."));
        Assert.Equal(Errno.Notdir, _root.GetStat("f/.", true).Errno);
    }

    [Fact]
    public void NamesLongerThan255BytesAreNametoolong()
    {
        var longName = new string('n', 256);
        Assert.Equal(Errno.Nametoolong, OpenErrno(_root, longName, OFlags.Creat));
        Assert.Equal(Errno.Nametoolong, _root.CreateDirectory(longName));
        Assert.Equal(Errno.Noent, _root.GetStat("a/" + longName, true).Errno); // "a" is looked up first
        _fs.CreateDirectory("/a");
        Assert.Equal(Errno.Nametoolong, _root.GetStat("a/" + longName, true).Errno);
        Assert.Equal(Errno.Success, OpenErrno(_root, new string('n', 255), OFlags.Creat));
        Assert.Equal(Errno.Nametoolong, OpenErrno(_root, new string('\u00e9', 128), OFlags.Creat)); // 256 UTF-8 bytes
        Assert.Equal(Errno.Nametoolong, OpenErrno(_root, string.Join('/', Enumerable.Repeat("abcdefg", 600)), OFlags.Creat));
    }

    [Fact]
    public void NulInANameIsIlseq() => Assert.Equal(Errno.Ilseq, OpenErrno(_root, "a\0b", OFlags.Creat));

    // ---- symbolic links ----

    [Fact]
    public void SymlinksAreFollowedComponentByComponent()
    {
        _fs.WriteAllText("/data/file.txt", "payload");
        Assert.Equal(Errno.Success, _root.Symlink("data", "dlink"));
        Assert.Equal(Errno.Success, _root.Symlink("dlink/file.txt", "flink"));
        Assert.Equal(Errno.Success, _root.Symlink("../data/file.txt", "data/up"));
        using (var f = OpenFile(_root, "flink"))
        {
            Assert.Equal("payload", ReadText(f));
        }

        using (var f = OpenFile(_root, "dlink/up"))
        {
            Assert.Equal("payload", ReadText(f));
        }

        Assert.Equal(FileType.SymbolicLink, Stat(_root, "flink", follow: false).FileType);
        Assert.Equal(FileType.RegularFile, Stat(_root, "flink").FileType);
        Assert.Equal((ulong)"dlink/file.txt".Length, Stat(_root, "flink", follow: false).FileSize);
    }

    [Fact]
    public void FinalSymlinkNotFollowedIsEloopOnOpen()
    {
        _fs.WriteAllText("/f", "x");
        _root.Symlink("f", "l");
        Assert.Equal(Errno.Loop, OpenErrno(_root, "l", follow: false));
        Assert.Equal(Errno.Success, OpenErrno(_root, "l", follow: true));
    }

    [Fact]
    public void SymlinkLoopsAreEloop()
    {
        _root.Symlink("b", "a");
        _root.Symlink("a", "b");
        _root.Symlink("self/x", "self");
        Assert.Equal(Errno.Loop, OpenErrno(_root, "a"));
        Assert.Equal(Errno.Loop, OpenErrno(_root, "self"));
        Assert.Equal(Errno.Loop, _root.GetStat("a/x", false).Errno);
    }

    [Fact]
    public void ChainOf32LinksResolvesAnd33IsEloop()
    {
        _fs.WriteAllText("/target", "t");
        _root.Symlink("target", "l0");
        for (var i = 1; i <= 32; i++)
        {
            _root.Symlink($"l{i - 1}", $"l{i}");
        }

        Assert.Equal(Errno.Success, OpenErrno(_root, "l31"));
        Assert.Equal(Errno.Loop, OpenErrno(_root, "l32"));
    }

    [Fact]
    public void SymlinksCannotEscapeTheCapability()
    {
        _fs.WriteAllText("/secret", "s");
        _fs.CreateDirectory("/jail/sub");
        var jail = _fs.OpenDirectory("/jail");
        Assert.Equal(Errno.Success, jail.Symlink("../secret", "out"));
        Assert.Equal(Errno.Success, jail.Symlink("../../secret", "sub/deep"));
        Assert.Equal(Errno.Success, jail.Symlink("sub/../..", "chain"));
        Assert.Equal(Errno.Notcapable, OpenErrno(jail, "out"));
        Assert.Equal(Errno.Notcapable, OpenErrno(jail, "sub/deep"));
        Assert.Equal(Errno.Notcapable, OpenErrno(jail, "chain/secret"));
        // Not followed, the link itself is inside and may be inspected.
        Assert.Equal(FileType.SymbolicLink, Stat(jail, "out", follow: false).FileType);
        Assert.Equal("../secret", jail.ReadLink("out").Value);
        // The same link seen from the root is fine.
        Assert.Equal(Errno.Success, OpenErrno(_root, "jail/out"));
    }

    [Fact]
    public void AbsoluteSymlinksAreRefusedAndNeverFollowed()
    {
        Assert.Equal(Errno.Perm, _root.Symlink("/etc/passwd", "abs"));
        _fs.WriteAllText("/etc/passwd", "x");
        _fs.CreateSymbolicLink("/abs", "/etc/passwd"); // an embedder may create one, as a host disk may hold one
        Assert.Equal(Errno.Notcapable, OpenErrno(_root, "abs"));
        Assert.Equal(Errno.Notcapable, _root.GetStat("abs", true).Errno);
        Assert.Equal("/etc/passwd", _root.ReadLink("abs").Value);
    }

    [Fact]
    public void DanglingSymlinkFollowedWithCreatCreatesItsTarget()
    {
        _root.Symlink("created", "dangling");
        Assert.Equal(Errno.Noent, OpenErrno(_root, "dangling"));
        Assert.Equal(Errno.Success, OpenErrno(_root, "dangling", OFlags.Creat));
        Assert.True(_fs.FileExists("/created"));
    }

    [Fact]
    public void TrailingSlashFollowsAFinalSymlink()
    {
        _fs.CreateDirectory("/d");
        _fs.WriteAllText("/f", "x");
        _root.Symlink("d", "dl");
        _root.Symlink("f", "fl");
        Assert.Equal(FileType.SymbolicLink, Stat(_root, "dl", follow: false).FileType);
        Assert.Equal(FileType.Directory, Stat(_root, "dl/", follow: false).FileType);
        Assert.Equal(Errno.Notdir, _root.GetStat("fl/", false).Errno);
    }

    [Fact]
    public void SymlinkErrors()
    {
        _fs.WriteAllText("/f", "x");
        Assert.Equal(Errno.Exist, _root.Symlink("anything", "f"));
        Assert.Equal(Errno.Noent, _root.Symlink(string.Empty, "empty"));
        Assert.Equal(Errno.Noent, _root.Symlink("f", "missing/l"));
        Assert.Equal(Errno.Noent, _root.Symlink("f", "slash/"));
        Assert.Equal(Errno.Nametoolong, _root.Symlink(new string('x', 4096), "long"));
        Assert.Equal(Errno.Notcapable, _root.Symlink("f", "../l"));
    }

    [Fact]
    public void ReadLinkErrors()
    {
        _fs.WriteAllText("/f", "x");
        Assert.Equal(Errno.Inval, _root.ReadLink("f").Errno);
        Assert.Equal(Errno.Inval, _root.ReadLink(".").Errno);
        Assert.Equal(Errno.Noent, _root.ReadLink("missing").Errno);
    }

    // ---- mkdir / rmdir / unlink ----

    [Fact]
    public void CreateDirectoryAndItsErrors()
    {
        Assert.Equal(Errno.Success, _root.CreateDirectory("d"));
        Assert.Equal(Errno.Success, _root.CreateDirectory("d/e/"));
        Assert.Equal(Errno.Exist, _root.CreateDirectory("d"));
        Assert.Equal(Errno.Exist, _root.CreateDirectory("."));
        Assert.Equal(Errno.Noent, _root.CreateDirectory("x/y"));
        _fs.WriteAllText("/f", "x");
        Assert.Equal(Errno.Exist, _root.CreateDirectory("f"));
        Assert.Equal(Errno.Notdir, _root.CreateDirectory("f/g"));
        _root.Symlink("nowhere", "dangling");
        Assert.Equal(Errno.Exist, _root.CreateDirectory("dangling"));
        Assert.True(_fs.DirectoryExists("/d/e"));
    }

    [Fact]
    public void DirectoryLinkCountsCountSubdirectories()
    {
        Assert.Equal(2ul, _root.GetStat().Value.NLink);
        _root.CreateDirectory("a");
        _root.CreateDirectory("b");
        _fs.WriteAllText("/file", "x");
        Assert.Equal(4ul, _root.GetStat().Value.NLink);
        Assert.Equal(2ul, Stat(_root, "a").NLink);
        Assert.Equal(FileType.Directory, Stat(_root, "a").FileType);
        _root.RemoveDirectory("b");
        Assert.Equal(3ul, _root.GetStat().Value.NLink);
    }

    [Fact]
    public void RemoveDirectoryRules()
    {
        _fs.WriteAllText("/full/x", "x");
        _fs.CreateDirectory("/empty");
        _fs.WriteAllText("/f", "x");
        Assert.Equal(Errno.Notempty, _root.RemoveDirectory("full"));
        Assert.Equal(Errno.Notdir, _root.RemoveDirectory("f"));
        Assert.Equal(Errno.Noent, _root.RemoveDirectory("missing"));
        Assert.Equal(Errno.Inval, _root.RemoveDirectory("."));
        Assert.Equal(Errno.Success, _root.RemoveDirectory("empty"));
        Assert.False(_fs.DirectoryExists("/empty"));
        _root.Symlink("full", "link");
        Assert.Equal(Errno.Notdir, _root.RemoveDirectory("link"));
    }

    [Fact]
    public void RemovedDirectoryHandleIsEmptyAndRefusesNewEntries()
    {
        _fs.CreateDirectory("/gone");
        var gone = _fs.OpenDirectory("/gone");
        Assert.Equal(Errno.Success, _root.RemoveDirectory("gone"));
        Assert.Equal(0ul, gone.GetStat().Value.NLink);
        Assert.Empty(gone.ReadEntries().Value);
        Assert.Equal(Errno.Noent, OpenErrno(gone, "new", OFlags.Creat));
        Assert.Equal(Errno.Noent, gone.CreateDirectory("sub"));
        Assert.Equal(Errno.Noent, gone.Symlink("x", "l"));
    }

    [Fact]
    public void UnlinkRules()
    {
        _fs.WriteAllText("/f", "x");
        _fs.CreateDirectory("/d");
        _root.Symlink("d", "dl");
        Assert.Equal(Errno.Isdir, _root.UnlinkFile("d"));
        Assert.Equal(Errno.Noent, _root.UnlinkFile("missing"));
        Assert.Equal(Errno.Notdir, _root.UnlinkFile("f/"));
        Assert.Equal(Errno.Success, _root.UnlinkFile("dl")); // the link, not its target
        Assert.True(_fs.DirectoryExists("/d"));
        Assert.Equal(Errno.Success, _root.UnlinkFile("f"));
        Assert.Equal(["d"], _fs.GetEntries("/"));
    }

    // ---- readdir ----

    [Fact]
    public void ReadEntriesListsDotDotDotThenNamesInOrdinalOrder()
    {
        _fs.WriteAllText("/d/b.txt", "b");
        _fs.CreateDirectory("/d/A");
        _fs.CreateSymbolicLink("/d/c", "b.txt");
        var d = _fs.OpenDirectory("/d");
        var entries = d.ReadEntries().Value;
        Assert.Equal([".", "..", "A", "b.txt", "c"], entries.Select(e => e.Name));
        Assert.Equal([FileType.Directory, FileType.Directory, FileType.Directory, FileType.RegularFile, FileType.SymbolicLink], entries.Select(e => e.Type));
        Assert.Equal(d.GetStat().Value.Ino, entries[0].Ino);
        Assert.Equal(_root.GetStat().Value.Ino, entries[1].Ino);
        Assert.Equal(Stat(d, "b.txt").Ino, entries[3].Ino);
        Assert.Equal([".", ".."], Names(_fs.Root)[..2]);
        Assert.Equal(_root.GetStat().Value.Ino, _root.ReadEntries().Value[1].Ino); // the root's ".." is itself
    }

    [Fact]
    public void ListingsAreSnapshots()
    {
        _fs.WriteAllText("/a", "1");
        var before = _root.ReadEntries().Value;
        _fs.WriteAllText("/b", "2");
        Assert.Equal(3, before.Count);
        Assert.Equal(4, _root.ReadEntries().Value.Count);
    }

    // ---- stat / set_times by path ----

    [Fact]
    public void PathSetTimesFollowsOrNot()
    {
        _fs.WriteAllText("/f", "x");
        _root.Symlink("f", "l");
        Assert.Equal(Errno.Success, _root.SetTimes("l", followSymlinks: false, 5, 6, FstFlags.Atim | FstFlags.Mtim));
        Assert.Equal((5ul, 6ul), (Stat(_root, "l", false).ATim, Stat(_root, "l", false).MTim));
        Assert.NotEqual(6ul, Stat(_root, "f").MTim);
        Assert.Equal(Errno.Success, _root.SetTimes("l", followSymlinks: true, 7, 8, FstFlags.Atim | FstFlags.Mtim));
        Assert.Equal(8ul, Stat(_root, "f").MTim);
        Assert.Equal(Errno.Noent, _root.SetTimes("missing", true, 0, 0, FstFlags.MtimNow));
        Assert.Equal(Errno.Inval, _root.SetTimes("f", true, 0, 0, FstFlags.Mtim | FstFlags.MtimNow));
        Assert.Equal(Errno.Success, _root.SetTimes(1, 2, FstFlags.Atim | FstFlags.Mtim));
        Assert.Equal(2ul, _root.GetStat().Value.MTim);
    }

    [Fact]
    public void DirectoryTimesChangeWhenEntriesChange()
    {
        _fs.CreateDirectory("/d");
        var d = _fs.OpenDirectory("/d");
        var before = d.GetStat().Value.MTim;
        _clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(Errno.Success, OpenErrno(d, "new", OFlags.Creat));
        Assert.Equal(before + 3_000_000_000, d.GetStat().Value.MTim);
        Assert.Equal(before + 3_000_000_000, d.GetStat().Value.CTim);
    }

    [Fact]
    public void GetStatOfMissingIsNoent() => Assert.Equal(Errno.Noent, _root.GetStat("missing", true).Errno);

    // ---- hard links ----

    [Fact]
    public void HardLinksShareTheInode()
    {
        _fs.WriteAllText("/a", "shared");
        Assert.Equal(Errno.Success, _root.Link("a", false, _root, "b"));
        Assert.Equal(2ul, Stat(_root, "a").NLink);
        Assert.Equal(Stat(_root, "a").Ino, Stat(_root, "b").Ino);
        using (var f = OpenFile(_root, "b"))
        {
            Write(f, "SH");
        }

        Assert.Equal("SHared", _fs.ReadAllText("/a"));
        Assert.Equal(Errno.Success, _root.UnlinkFile("a"));
        Assert.Equal(1ul, Stat(_root, "b").NLink);
        Assert.Equal("SHared", _fs.ReadAllText("/b"));
    }

    [Fact]
    public void LinkErrors()
    {
        _fs.WriteAllText("/f", "x");
        _fs.CreateDirectory("/d");
        Assert.Equal(Errno.Perm, _root.Link("d", false, _root, "d2"));
        Assert.Equal(Errno.Noent, _root.Link("missing", false, _root, "m"));
        Assert.Equal(Errno.Exist, _root.Link("f", false, _root, "d"));
        Assert.Equal(Errno.Exist, _root.Link("f", false, _root, "f"));
        Assert.Equal(Errno.Noent, _root.Link("f", false, _root, "newname/"));
        Assert.Equal(Errno.Noent, _root.Link("f", false, _root, "nodir/x"));
        Assert.Equal(Errno.Xdev, _root.Link("f", false, new InMemoryFileSystem().Root, "x"));
        Assert.Equal(Errno.Xdev, _root.Link("f", false, new HostDirectory(Path.GetTempPath()), "x"));
    }

    [Fact]
    public void LinkToASymlinkFollowsOnlyWhenAsked()
    {
        _fs.WriteAllText("/f", "x");
        _root.Symlink("f", "l");
        Assert.Equal(Errno.Success, _root.Link("l", false, _root, "l2"));
        Assert.Equal(FileType.SymbolicLink, Stat(_root, "l2", false).FileType);
        Assert.Equal(2ul, Stat(_root, "l", false).NLink);
        Assert.Equal(Errno.Success, _root.Link("l", true, _root, "f2"));
        Assert.Equal(FileType.RegularFile, Stat(_root, "f2", false).FileType);
        Assert.Equal(2ul, Stat(_root, "f").NLink);
    }

    [Fact]
    public void LinkAcrossDirectoriesOfOneFileSystem()
    {
        _fs.WriteAllText("/a/f", "x");
        _fs.CreateDirectory("/b");
        Assert.Equal(Errno.Success, _fs.OpenDirectory("/a").Link("f", false, _fs.OpenDirectory("/b"), "g"));
        Assert.Equal("x", _fs.ReadAllText("/b/g"));
    }

    // ---- rename ----

    [Fact]
    public void RenameFileMovesAndReplaces()
    {
        _fs.WriteAllText("/a", "A");
        _fs.WriteAllText("/b", "B");
        var ino = Stat(_root, "a").Ino;
        Assert.Equal(Errno.Success, _root.Rename("a", _root, "b"));
        Assert.False(_fs.FileExists("/a"));
        Assert.Equal("A", _fs.ReadAllText("/b"));
        Assert.Equal(ino, Stat(_root, "b").Ino);
        _fs.CreateDirectory("/d");
        Assert.Equal(Errno.Success, _root.Rename("b", _fs.OpenDirectory("/d"), "moved"));
        Assert.Equal("A", _fs.ReadAllText("/d/moved"));
    }

    [Fact]
    public void RenameKeepsOpenHandlesWorking()
    {
        _fs.WriteAllText("/a", "A");
        using var f = OpenFile(_root, "a");
        _root.Rename("a", _root, "b");
        Write(f, "Z");
        Assert.Equal("Z", _fs.ReadAllText("/b"));
    }

    [Fact]
    public void RenameDirectoryMovesItsSubtree()
    {
        _fs.WriteAllText("/src/sub/f", "deep");
        _fs.CreateDirectory("/dst");
        Assert.Equal(Errno.Success, _root.Rename("src", _root, "dst/moved"));
        Assert.Equal("deep", _fs.ReadAllText("/dst/moved/sub/f"));
        Assert.Equal(3ul, Stat(_root, "dst").NLink);
        Assert.Equal(3ul, _root.GetStat().Value.NLink);
        Assert.Equal(Stat(_root, "dst").Ino, _fs.OpenDirectory("/dst/moved").ReadEntries().Value[1].Ino);
    }

    [Fact]
    public void RenameDirectoryOverEmptyDirectoryReplacesIt()
    {
        _fs.WriteAllText("/a/f", "x");
        _fs.CreateDirectory("/b");
        var b = _fs.OpenDirectory("/b");
        Assert.Equal(Errno.Success, _root.Rename("a", _root, "b"));
        Assert.Equal("x", _fs.ReadAllText("/b/f"));
        Assert.Equal(0ul, b.GetStat().Value.NLink);
    }

    [Fact]
    public void RenameErrors()
    {
        _fs.WriteAllText("/f", "x");
        _fs.WriteAllText("/full/x", "x");
        _fs.CreateDirectory("/d/sub");
        _fs.CreateDirectory("/empty");
        Assert.Equal(Errno.Noent, _root.Rename("missing", _root, "x"));
        Assert.Equal(Errno.Isdir, _root.Rename("f", _root, "empty"));
        Assert.Equal(Errno.Notdir, _root.Rename("empty", _root, "f"));
        Assert.Equal(Errno.Notempty, _root.Rename("empty", _root, "full"));
        Assert.Equal(Errno.Inval, _root.Rename("d", _root, "d/sub/inside"));
        Assert.Equal(Errno.Inval, _root.Rename("d", _root, "d/inside"));
        Assert.Equal(Errno.Notempty, _root.Rename("d/sub", _root, "d"));
        Assert.Equal(Errno.Busy, _root.Rename(".", _root, "x"));
        Assert.Equal(Errno.Busy, _root.Rename("f", _root, "."));
        Assert.Equal(Errno.Notdir, _root.Rename("f", _root, "g/"));
        Assert.Equal(Errno.Noent, _root.Rename("f", _root, "nodir/g"));
        Assert.Equal(Errno.Notcapable, _root.Rename("f", _root, "../g"));
        Assert.Equal(Errno.Xdev, _root.Rename("f", new InMemoryFileSystem().Root, "g"));
        Assert.True(_fs.FileExists("/f"));
    }

    [Fact]
    public void RenameBetweenHardLinksOfOneFileDoesNothing()
    {
        _fs.WriteAllText("/a", "x");
        _root.Link("a", false, _root, "b");
        Assert.Equal(Errno.Success, _root.Rename("a", _root, "b"));
        Assert.True(_fs.FileExists("/a"));
        Assert.Equal(2ul, Stat(_root, "a").NLink);
        Assert.Equal(Errno.Success, _root.Rename("a", _root, "a"));
    }

    [Fact]
    public void RenameMovesSymlinksNotTheirTargets()
    {
        _fs.CreateDirectory("/d");
        _root.Symlink("d", "l");
        Assert.Equal(Errno.Success, _root.Rename("l", _root, "l2"));
        Assert.Equal(FileType.SymbolicLink, Stat(_root, "l2", false).FileType);
        Assert.True(_fs.DirectoryExists("/d"));
    }
}

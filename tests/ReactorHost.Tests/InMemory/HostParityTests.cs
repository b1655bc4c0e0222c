using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;
using ReactorHost.Wasi.FileSystem.InMemory;

namespace ReactorHost.Tests.InMemory;

/// <summary>
/// Differential tests: the same path operation on the same tree, once through a
/// <see cref="HostDirectory"/> over a temporary directory and once through an
/// <see cref="InMemoryDirectory"/>, must answer the same errno (and, for opens, the same kind of
/// file, and for non-directories the same link count). Both follow Linux: there are no listed
/// deviations.
/// </summary>
public sealed class HostParityTests : IDisposable
{
    private static readonly string[] Paths =
    [
        "f", "d", "d/", "f/", "missing", "missing/", "d/sub", "d/sub/../..", "d/..", ".", "..", "/abs",
        "lf", "lf/", "ld", "ld/", "dangling", "loop1", "esc", "full", "empty", "empty/", "missing/x", "f/x", "f/.", "d/.", "lf/.", "ld/..",
    ];

    private readonly string _hostRoot = Directory.CreateTempSubdirectory("rh-memfs-parity-").FullName;

    public void Dispose() => Directory.Delete(_hostRoot, recursive: true);

    public static TheoryData<string> Operations()
    {
        var data = new TheoryData<string>();
        foreach (var p in Paths)
        {
            foreach (var op in new[]
            {
                "open", "open-nofollow", "open-creat", "open-creat-excl", "open-directory", "open-trunc", "open-creat-directory",
                "stat", "stat-nofollow", "mkdir", "rmdir", "unlink", "readlink", "rename-from", "rename-file-to", "rename-dir-to",
                "link-from", "link-to", "symlink-at", "settimes-nofollow",
            })
            {
                data.Add($"{op} {p}");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void SameErrnoAsTheHostDirectory(string operation)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var host = new HostDirectory(_hostRoot);
        Populate(host);
        var fs = new InMemoryFileSystem();
        var memory = fs.OpenDirectory("/");
        Populate(memory);

        var expected = Apply(host, operation);
        var actual = Apply(memory, operation);
        Assert.Equal(expected, actual);
    }

    private static (string Op, string Path) Split(string operation)
    {
        var space = operation.IndexOf(' ', StringComparison.Ordinal);
        return (operation[..space], operation[(space + 1)..]);
    }

    private static void Populate(WasiDirectory dir)
    {
        Assert.Equal(Errno.Success, dir.CreateDirectory("d"));
        Assert.Equal(Errno.Success, dir.CreateDirectory("d/sub"));
        Assert.Equal(Errno.Success, dir.CreateDirectory("full"));
        Assert.Equal(Errno.Success, dir.CreateDirectory("empty"));
        foreach (var file in new[] { "f", "full/x" })
        {
            var opened = MemFs.Open(dir, file, OFlags.Creat, write: true);
            Assert.Equal(Errno.Success, opened.Errno);
            opened.Value.Dispose();
        }

        Assert.Equal(Errno.Success, dir.Symlink("f", "lf"));
        Assert.Equal(Errno.Success, dir.Symlink("d", "ld"));
        Assert.Equal(Errno.Success, dir.Symlink("nowhere", "dangling"));
        Assert.Equal(Errno.Success, dir.Symlink("loop2", "loop1"));
        Assert.Equal(Errno.Success, dir.Symlink("loop1", "loop2"));
        Assert.Equal(Errno.Success, dir.Symlink("../outside", "esc"));
    }

    private static string Apply(WasiDirectory dir, string operation)
    {
        var (op, p) = Split(operation);
        return op switch
        {
            "open" => Open(dir, p, OFlags.None, true),
            "open-nofollow" => Open(dir, p, OFlags.None, false),
            "open-creat" => Open(dir, p, OFlags.Creat, true),
            "open-creat-excl" => Open(dir, p, OFlags.Creat | OFlags.Excl, true),
            "open-directory" => Open(dir, p, OFlags.Directory, true),
            "open-trunc" => Open(dir, p, OFlags.Trunc, true),
            "open-creat-directory" => Open(dir, p, OFlags.Creat | OFlags.Directory, true),
            "stat" => Stat(dir, p, true),
            "stat-nofollow" => Stat(dir, p, false),
            "mkdir" => dir.CreateDirectory(p).ToString(),
            "rmdir" => dir.RemoveDirectory(p).ToString(),
            "unlink" => dir.UnlinkFile(p).ToString(),
            "readlink" => dir.ReadLink(p) is { IsSuccess: true } link ? "link " + link.Value : dir.ReadLink(p).Errno.ToString(),
            "rename-from" => dir.Rename(p, dir, "renamed") + Stat(dir, "renamed", false),
            "rename-file-to" => dir.Rename("f", dir, p) + Stat(dir, "f", false),
            "rename-dir-to" => dir.Rename("empty", dir, p) + Stat(dir, "empty", false),
            "link-from" => dir.Link(p, false, dir, "linked") + Stat(dir, "linked", false),
            "link-to" => dir.Link("f", false, dir, p).ToString(),
            "symlink-at" => dir.Symlink("target", p).ToString(),
            "settimes-nofollow" => dir.SetTimes(p, false, 0, 0, FstFlags.MtimNow).ToString(),
            _ => throw new ArgumentException(op),
        };
    }

    private static string Open(WasiDirectory dir, string path, OFlags flags, bool follow)
    {
        var opened = MemFs.Open(dir, path, flags, write: (flags & OFlags.Trunc) != 0, follow: follow);
        if (!opened.IsSuccess)
        {
            return opened.Errno.ToString();
        }

        var kind = opened.Value.FileType.ToString();
        opened.Value.Dispose();
        return kind;
    }

    private static string Stat(WasiDirectory dir, string path, bool follow) =>
        dir.GetStat(path, follow) is { IsSuccess: true } stat
            ? "/" + stat.Value.FileType + (stat.Value.FileType == FileType.Directory ? string.Empty : " nlink " + stat.Value.NLink)
            : "/" + dir.GetStat(path, follow).Errno;
}

using System.Runtime.CompilerServices;
using System.Text;
using ReactorHost.Tests.InMemory.Guest;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem.InMemory;
using ReactorHost.Wasm;

namespace ReactorHost.Tests.InMemory;

/// <summary>WASI guests running through <see cref="WasiProcess"/> against an in-memory preopen: no disk involved.</summary>
public class InMemoryGuestTests
{
    private static readonly string[] FsGuests = ["fs_basic", "fs_dirs", "fs_links", "fs_errors", "fs_sandbox"];

    public static TheoryData<bool> Modes => new() { false, true };

    public static TheoryData<string, bool> FsGuestRuns
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var name in FsGuests)
            {
                data.Add(name, false);
                data.Add(name, true);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task LibcGuestWorksOnAnInMemoryPreopen(bool background)
    {
        var fs = new InMemoryFileSystem();
        fs.WriteAllText("/input.txt", "hello, memory\n");
        fs.WriteAllText("/sub/keep.txt", "kept");

        var (exitCode, stdout) = await RunAsync(MemFsGuestModule.Bytes, "memfs_guest", fs.Preopen("/data"), background);

        Assert.True(exitCode == 0, stdout);
        Assert.Equal("HELLO, MEMORY\n", fs.ReadAllText("/out/result.txt"));
        Assert.Equal("HELLO, MEMORY\n", fs.ReadAllText("/copy.txt"));
        Assert.Equal("line\nLINE\n", fs.ReadAllText("/log.txt"));
        Assert.Equal("kept", fs.ReadAllText("/moved/keep.txt"));
        Assert.False(fs.DirectoryExists("/sub"));
        Assert.Equal(2ul, fs.GetStat("/copy.txt").NLink);
        Assert.Equal(FileType.SymbolicLink, fs.GetStat("/link", followSymlinks: false).FileType);
        Assert.Equal(
            "dir .\ndir ..\nfile copy.txt\nfile input.txt\nlink link\nfile log.txt\ndir moved\ndir out\n",
            stdout);
    }

    [Fact]
    public async Task GuestSeesOnlyTheDirectoryItWasGiven()
    {
        var fs = new InMemoryFileSystem();
        fs.WriteAllText("/secret.txt", "not for the guest");
        fs.WriteAllText("/jail/input.txt", "jailed\n");
        fs.CreateDirectory("/jail/sub");

        var (exitCode, stdout) = await RunAsync(MemFsGuestModule.Bytes, "memfs_guest", fs.Preopen("/data", "/jail"), background: true);

        Assert.True(exitCode == 0, stdout);
        Assert.Equal("JAILED\n", fs.ReadAllText("/jail/out/result.txt"));
        Assert.Equal(["jail", "secret.txt"], fs.GetEntries("/"));
    }

    /// <summary>
    /// The self-checking file-system guests of tests/guests (every line "ok NAME", exit 0), with an
    /// empty in-memory /sandbox instead of a temporary host directory.
    /// </summary>
    [Theory]
    [MemberData(nameof(FsGuestRuns))]
    public async Task FsGuestPassesOnAnInMemorySandbox(string name, bool background)
    {
        // The built guests are committed (tests/guests/bin); a missing one is a broken checkout.
        var path = FindGuest(name) ?? throw new FileNotFoundException($"guest {name}.wasm not found in tests/guests/bin (run tests/guests/build.sh)");

        var fs = new InMemoryFileSystem();
        var (exitCode, stdout) = await RunAsync(File.ReadAllBytes(path), name, fs.Preopen("/sandbox"), background);

        var failures = stdout.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("ok ", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Contains("ok ", stdout);
        Assert.Equal(0, exitCode);
    }

    private static async Task<(int ExitCode, string Stdout)> RunAsync(byte[] wasm, string name, WasiPreopen preopen, bool background)
    {
        using var engine = new Engine();
        var module = Module.FromBytes(engine, name, wasm);
        using var stdout = new MemoryStream();
        var options = new WasiProcessOptions { ProgramName = name, Stdout = WasiStdio.FromStream(stdout) };
        options.Arguments.Add(name);
        options.Preopens.Add(preopen);
        var process = new WasiProcess(module, options);
        var exitCode = background ? await process.RunAsync() : await Task.Run(() => process.Run());
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()));
    }

    /// <summary>tests/guests/bin/NAME.wasm of this checkout (or of RH_GUESTS_BIN), if built.</summary>
    private static string? FindGuest(string name, [CallerFilePath] string thisFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RH_GUESTS_BIN");
        var bin = !string.IsNullOrEmpty(fromEnvironment)
            ? fromEnvironment
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "..", "guests", "bin"));
        var path = Path.Combine(bin, name + ".wasm");
        return File.Exists(path) ? path : null;
    }
}

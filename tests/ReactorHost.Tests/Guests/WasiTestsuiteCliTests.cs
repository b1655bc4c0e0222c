namespace ReactorHost.Tests.Guests;

/// <summary>
/// <c>reactorhost run</c> invoked the way the WASI testsuite's runner adapters invoke Wasmtime:
/// <c>--dir fs-tests.dir</c> (a host path relative to the working directory, which the guest also
/// sees under the relative name <c>fs-tests.dir</c>) and <c>--dir HOST::/</c> (the test's root
/// directory preopened as "/"), with <c>--env</c> values holding quotes and newlines.
/// </summary>
public sealed class WasiTestsuiteCliTests : IDisposable
{
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "rh-wts-" + Guid.NewGuid().ToString("N"));

    public WasiTestsuiteCliTests()
    {
        Directory.CreateDirectory(Path.Combine(_workDir, "fs-tests.dir"));
    }

    public void Dispose() => Directory.Delete(_workDir, recursive: true);

    [Theory]
    [InlineData("ts_libc", "fs-tests.dir")]
    [InlineData("ts_paths", "fs-tests.dir")]
    [InlineData("ts_fds", "fs-tests.dir")]
    public async Task RelativeDirIsPreopenedUnderTheSameRelativeName(string guest, string guestArgument)
    {
        // Host path "fs-tests.dir" resolves against the working directory; the guest finds the
        // preopen by the name "fs-tests.dir" (ts_paths/ts_fds) or opens "fs-tests.dir/..." through
        // wasi-libc's preopen matching (ts_libc).
        var result = await RunAsync(["--dir", "fs-tests.dir", WasmPath(guest), guestArgument]);

        AssertAllOk(result);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_workDir, "fs-tests.dir")));
    }

    [Fact]
    public async Task RootDirIsPreopenedAsSlash()
    {
        var root = Path.Combine(_workDir, "fs-tests.dir");
        File.WriteAllText(Path.Combine(root, "keep.txt"), "fixture");

        // wasi-libc's cwd is "/", so "./..." paths land in the "/" preopen.
        var result = await RunAsync(["--dir", root + "::/", WasmPath("ts_libc"), "."]);

        AssertAllOk(result);
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName));
        Assert.Equal("fixture", File.ReadAllText(Path.Combine(root, "keep.txt")));
    }

    [Fact]
    public async Task EnvValuesWithQuotesAndNewlinesAndExitCodePassThrough()
    {
        // rust_line_count prints LC_GREETING and the number of variables, and exits with --exit=N.
        var result = await RunAsync(
            ["--env", "LC_GREETING=escap \" ing\nnew line", "--env", "OTHER=", WasmPath("line_count"), "the \"second\" arg", "--exit=33"],
            stdin: "");

        Assert.Equal(33, result.ExitCode);
        Assert.Contains("arg[1]: the \"second\" arg\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("LC_GREETING=escap \" ing\nnew line\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("env vars: 2\n", result.Stdout, StringComparison.Ordinal);
    }

    private static string WasmPath(string name) => Path.Combine(GuestManifest.Directory, "bin", name + ".wasm");

    private static void AssertAllOk((int ExitCode, string Stdout, string Stderr) result)
    {
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.StartsWith("ok ", line, StringComparison.Ordinal));
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] arguments, string stdin = "")
    {
        var start = GuestRunner.CliStartInfo();
        start.WorkingDirectory = _workDir;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var run = await ChildProcess.RunAsync(start, System.Text.Encoding.UTF8.GetBytes(stdin), GuestRunner.Timeout);
        return (run.ExitCode, System.Text.Encoding.UTF8.GetString(run.Stdout), run.Stderr);
    }
}

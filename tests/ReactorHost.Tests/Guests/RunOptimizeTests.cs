using System.Text;

namespace ReactorHost.Tests.Guests;

/// <summary><c>reactorhost run --optimize</c> (fully optimized guest code instead of tiered) runs guests the same.</summary>
public sealed class RunOptimizeTests
{
    [Fact]
    public async Task GuestRunsTheSameWithAndWithoutOptimize()
    {
        var tiered = await RunSyscallHeavyAsync(optimize: false);
        var optimized = await RunSyscallHeavyAsync(optimize: true);

        Assert.StartsWith("syscall_heavy iterations=20000 calls=80002 checksum=0x", tiered, StringComparison.Ordinal);
        Assert.Equal(tiered, optimized);
    }

    private static async Task<string> RunSyscallHeavyAsync(bool optimize)
    {
        var sandbox = Directory.CreateTempSubdirectory("rh-optimize-");
        try
        {
            var start = GuestRunner.CliStartInfo();
            if (optimize)
            {
                start.ArgumentList.Add("--optimize");
            }

            start.ArgumentList.Add("--dir");
            start.ArgumentList.Add(sandbox.FullName + "::/sandbox");
            start.ArgumentList.Add(Path.Combine(GuestManifest.Directory, "bin", "syscall_heavy.wasm"));
            start.ArgumentList.Add("20000");
            var run = await ChildProcess.RunAsync(start, [], GuestRunner.Timeout);
            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode} (optimize: {optimize}): {run.Stderr}");
            return Encoding.UTF8.GetString(run.Stdout);
        }
        finally
        {
            sandbox.Delete(recursive: true);
        }
    }
}

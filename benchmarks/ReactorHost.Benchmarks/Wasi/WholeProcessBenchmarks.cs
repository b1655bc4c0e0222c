using System.Diagnostics;
using BenchmarkDotNet.Attributes;

namespace ReactorHost.Benchmarks.Wasi;

/// <summary>
/// The end-to-end target: a whole <c>reactorhost run</c> process of the syscall-heavy guest
/// (<c>tests/guests/bin/syscall_heavy.wasm 100000</c>: 400,002 WASI calls on a file in /sandbox)
/// against node's <c>node:wasi</c> on the same module (baseline: the Ratio column is ours / node).
/// Each invocation starts one process, so start-up counts. Needs the published CLI
/// (<c>./reactorhost --version</c> publishes it to artifacts/reactorhost) and node on PATH.
/// </summary>
[Config(typeof(LatencyConfig))]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 15, invocationCount: 1)]
public class WholeProcessBenchmarks
{
    private const string Iterations = "100000";
    private string _root = "";
    private string _cli = "";
    private string _sandbox = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = FindRepositoryRoot();
        _cli = Path.Combine(_root, "artifacts", "reactorhost", "reactorhost");
        if (!File.Exists(_cli))
        {
            throw new InvalidOperationException($"{_cli} is missing: run ./reactorhost --version in {_root} to publish the CLI first");
        }
    }

    [IterationSetup]
    public void NewSandbox() => _sandbox = Directory.CreateTempSubdirectory("rh-bench-").FullName;

    [IterationCleanup]
    public void DeleteSandbox() => Directory.Delete(_sandbox, recursive: true);

    [Benchmark(Baseline = true, Description = "node wasi.mjs --once")]
    public int Node() => Run("node", Path.Combine(_root, "benchmarks", "node", "wasi.mjs"), "--wasm", Guest(), "--preopen", "/sandbox=" + _sandbox, "--once", "--", "syscall_heavy", Iterations);

    [Benchmark(Description = "reactorhost run")]
    public int ReactorHostRun() => Run(_cli, "run", "--dir", _sandbox + "::/sandbox", Guest(), Iterations);

    private string Guest() => Path.Combine(_root, "tests", "guests", "bin", "syscall_heavy.wasm");

    /// <summary>Runs a process to completion, output discarded; a non-zero exit fails the benchmark.</summary>
    private static int Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}: {stderr.Result}");
    }

    /// <summary>The checkout: above BenchmarkDotNet's generated build folder, else above the current directory.</summary>
    private static string FindRepositoryRoot() =>
        FindUp(AppContext.BaseDirectory) ?? FindUp(Environment.CurrentDirectory)
        ?? throw new InvalidOperationException("cannot find the repository root (ReactorHost.sln) above the benchmark or the current directory");

    private static string? FindUp(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ReactorHost.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}

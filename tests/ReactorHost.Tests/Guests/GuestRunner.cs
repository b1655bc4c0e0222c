using System.Diagnostics;
using System.Text;
using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem.InMemory;
using ReactorHost.Wasm;

namespace ReactorHost.Tests.Guests;

/// <summary>How a guest is run.</summary>
public enum GuestMode
{
    /// <summary><see cref="WasiProcess.Run"/>: the caller's thread, handlers called directly.</summary>
    Foreground,

    /// <summary><see cref="WasiProcess.RunAsync"/>: a guest thread, syscalls proxied through the SyscallLock.</summary>
    Background,

    /// <summary><c>reactorhost run</c> as a child process (real pipes for stdio, host directories).</summary>
    Cli,

    /// <summary>Background mode with an in-memory file system as every $SANDBOX preopen.</summary>
    InMemory,
}

/// <summary>What a guest run produced.</summary>
public sealed record GuestOutcome(int? ExitCode, string? Trap, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);
}

/// <summary>Runs one guest of the manifest in one mode, each run with its own fresh sandbox.</summary>
public static class GuestRunner
{
    /// <summary>No guest should need more than this; a hang becomes a failure instead of a stuck test run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<GuestOutcome> RunAsync(GuestSpec guest, GuestMode mode)
    {
        if (!File.Exists(guest.WasmPath))
        {
            throw new FileNotFoundException($"guest module {guest.WasmPath} is missing (the built guests are committed in tests/guests/bin; run tests/guests/build.sh)", guest.WasmPath);
        }

        var sandboxes = new List<string>();
        try
        {
            return mode == GuestMode.Cli
                ? await RunCliAsync(guest, sandboxes)
                : await RunInProcessAsync(guest, mode, sandboxes);
        }
        finally
        {
            foreach (var sandbox in sandboxes)
            {
                DeleteTree(sandbox);
            }
        }
    }

    private static string NewSandbox(List<string> sandboxes)
    {
        var path = Path.Combine(Path.GetTempPath(), "rh-guest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        sandboxes.Add(path);
        return path;
    }

    private static async Task<GuestOutcome> RunInProcessAsync(GuestSpec guest, GuestMode mode, List<string> sandboxes)
    {
        using var engine = new Engine();
        var module = Module.FromFile(engine, guest.WasmPath);
        using var stdin = new MemoryStream(guest.Stdin, writable: false);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var options = new WasiProcessOptions
        {
            ProgramName = guest.Args[0],
            Stdin = WasiStdio.FromStream(stdin),
            Stdout = WasiStdio.FromStream(stdout),
            Stderr = WasiStdio.FromStream(stderr),
        };
        foreach (var arg in guest.Args.Skip(1))
        {
            options.Arguments.Add(arg);
        }

        foreach (var variable in guest.Env)
        {
            options.Environment.Add(variable);
        }

        foreach (var (guestPath, hostPath) in guest.Preopens)
        {
            if (hostPath != "$SANDBOX")
            {
                throw new InvalidDataException($"guest {guest.Name}: unsupported preopen host path {hostPath}");
            }

            options.Preopens.Add(mode == GuestMode.InMemory
                ? new InMemoryFileSystem().Preopen(guestPath)
                : WasiPreopen.Host(NewSandbox(sandboxes), guestPath));
        }

        using var timeout = new CancellationTokenSource(Timeout);
        var process = new WasiProcess(module, options);
        int? exitCode = null;
        string? trap = null;
        try
        {
            exitCode = mode == GuestMode.Foreground
                ? await Task.Run(() => process.Run(timeout.Token))
                : await process.RunAsync(timeout.Token);
        }
        catch (WasmTrapException e)
        {
            trap = e.Message;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"guest {guest.Name} ({mode}) did not finish within {Timeout}; stdout so far:\n{Encoding.UTF8.GetString(stdout.ToArray())}");
        }

        return new GuestOutcome(exitCode, trap, stdout.ToArray(), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private static async Task<GuestOutcome> RunCliAsync(GuestSpec guest, List<string> sandboxes)
    {
        var start = CliStartInfo();
        start.ArgumentList.Add("--argv0");
        start.ArgumentList.Add(guest.Args[0]);
        foreach (var (guestPath, hostPath) in guest.Preopens)
        {
            start.ArgumentList.Add("--dir");
            start.ArgumentList.Add((hostPath == "$SANDBOX" ? NewSandbox(sandboxes) : hostPath) + "::" + guestPath);
        }

        foreach (var (key, value) in guest.Env)
        {
            start.ArgumentList.Add("--env");
            start.ArgumentList.Add(key + "=" + value);
        }

        start.ArgumentList.Add(guest.WasmPath);
        foreach (var arg in guest.Args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        var run = await ChildProcess.RunAsync(start, guest.Stdin, Timeout);

        // reactorhost run reports a trap as exit code 134 with "wasm trap" on stderr.
        var trapped = run.ExitCode == 134 && run.Stderr.Contains("wasm trap", StringComparison.Ordinal);
        return new GuestOutcome(trapped ? null : run.ExitCode, trapped ? run.Stderr : null, run.Stdout, run.Stderr);
    }

    /// <summary><c>dotnet exec reactorhost.dll run</c> with redirected stdio; add the run arguments.</summary>
    public static ProcessStartInfo CliStartInfo()
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(CliAssembly());
        start.ArgumentList.Add("run");
        return start;
    }

    /// <summary>The dotnet host running this test (so the CLI runs on the same runtime).</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    /// <summary>reactorhost.dll, copied next to the tests by the project reference to ReactorHost.Cli.</summary>
    private static string CliAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "reactorhost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("reactorhost.dll is not next to the test assembly", path);
    }

    private static void DeleteTree(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

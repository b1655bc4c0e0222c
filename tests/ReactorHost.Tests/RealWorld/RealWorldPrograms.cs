using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using ReactorHost.Tests.Guests;

namespace ReactorHost.Tests.RealWorld;

/// <summary>
/// The programs tests/realworld/build.sh builds from Debian sources, each twice: out/wasm/NAME.wasm
/// (run here through <c>reactorhost run</c> as a child process, its work directory preopened as
/// ".") and out/native/NAME (the same sources built for the host: the reference for stdout, exit
/// code and every file written, since Wasmtime maps WASI onto the same Linux calls).
/// </summary>
public static class RealWorldPrograms
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly string[] Names = ["sqlite3", "lua", "minigzip", "bzip2"];

    /// <summary>tests/realworld/out (REACTORHOST_REALWORLD_OUT overrides the path baked in at build time).</summary>
    public static string OutDirectory { get; } =
        Environment.GetEnvironmentVariable("REACTORHOST_REALWORLD_OUT") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : typeof(RealWorldPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "RealWorldOut").Value!;

    /// <summary>Why the category cannot run, or null when every program is built.</summary>
    public static string? MissingReason { get; } = FindMissing();

    public static string Wasm(string name) => Path.Combine(OutDirectory, "wasm", name + ".wasm");

    public static string Native(string name) => Path.Combine(OutDirectory, "native", name);

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the real-world programs are built and compared natively on Linux only";
        }

        var missing = Names.Where(n => !File.Exists(Wasm(n)) || !File.Exists(Native(n))).ToList();
        return missing.Count == 0
            ? null
            : $"real-world programs not built ({string.Join(", ", missing)} missing in {OutDirectory}): run tests/realworld/build.sh";
    }

    /// <summary>A fresh directory holding a copy of <paramref name="files"/> (relative path → content).</summary>
    public static string NewWorkDirectory(IReadOnlyDictionary<string, byte[]> files)
    {
        var dir = Path.Combine(Path.GetTempPath(), "rh-realworld-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(dir, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }

        return dir;
    }

    /// <summary>Runs NAME.wasm through <c>reactorhost run --dir WORKDIR::.</c>.</summary>
    public static Task<ProgramRun> RunWasmAsync(string name, string workDirectory, IEnumerable<string> args, byte[]? stdin = null, IEnumerable<string>? env = null, string? argv0 = null)
    {
        var start = GuestRunner.CliStartInfo();
        if (argv0 is not null)
        {
            start.ArgumentList.Add("--argv0");
            start.ArgumentList.Add(argv0);
        }

        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(workDirectory + "::.");
        foreach (var variable in env ?? [])
        {
            start.ArgumentList.Add("--env");
            start.ArgumentList.Add(variable);
        }

        start.ArgumentList.Add(Wasm(name));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return RunAsync(start, workDirectory, stdin);
    }

    /// <summary>Runs the native build with <paramref name="workDirectory"/> as its current directory.</summary>
    public static Task<ProgramRun> RunNativeAsync(string name, string workDirectory, IEnumerable<string> args, byte[]? stdin = null, IEnumerable<string>? env = null)
    {
        var start = new ProcessStartInfo(Native(name))
        {
            WorkingDirectory = workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Like the guest (which sees only what --env gives it): no inherited environment.
        start.Environment.Clear();
        foreach (var variable in env ?? [])
        {
            var equals = variable.IndexOf('=');
            start.Environment[variable[..equals]] = variable[(equals + 1)..];
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return RunAsync(start, workDirectory, stdin);
    }

    /// <summary>Starts NAME.wasm through the CLI with redirected stdio (for tests that drive the pipes themselves).</summary>
    public static Process StartWasm(string name, string workDirectory, params string[] args)
    {
        var start = GuestRunner.CliStartInfo();
        start.ArgumentList.Add("--dir");
        start.ArgumentList.Add(workDirectory + "::.");
        start.ArgumentList.Add(Wasm(name));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("cannot start the CLI");
    }

    /// <summary>Relative path → SHA-256 of every file under <paramref name="directory"/>.</summary>
    public static IReadOnlyDictionary<string, string> HashFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(
                f => Path.GetRelativePath(directory, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    public static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<ProgramRun> RunAsync(ProcessStartInfo start, string workDirectory, byte[]? stdin)
    {
        var run = await ChildProcess.RunAsync(start, stdin ?? [], Timeout);
        return new ProgramRun(run.ExitCode, run.Stdout, run.Stderr, HashFiles(workDirectory));
    }
}

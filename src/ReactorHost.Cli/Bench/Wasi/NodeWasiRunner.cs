using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>Runs a guest under node's node:wasi through benchmarks/node/wasi.mjs.</summary>
internal sealed class NodeWasiRunner(string node, string harness)
{
    public string Version { get; private set; } = "";

    public double CompileMs { get; private set; } = double.NaN;

    /// <summary>Warm-up + measured runs inside one node process (module compiled once, fresh WASI per run).</summary>
    public IReadOnlyList<GuestRun> RunInProcess(WasiGuestSpec guest, int warmup, int runs)
    {
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in CommonArguments(guest, guest.Preopens))
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Insert(start.ArgumentList.IndexOf("--"), "--runs");
        start.ArgumentList.Insert(start.ArgumentList.IndexOf("--"), runs.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Insert(start.ArgumentList.IndexOf("--"), "--warmup");
        start.ArgumentList.Insert(start.ArgumentList.IndexOf("--"), warmup.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {node}");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited with code {process.ExitCode}: {stderr.Result.Trim()}");
        }

        var measured = new List<GuestRun>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            switch (root.GetProperty("kind").GetString())
            {
                case "compile":
                    CompileMs = root.GetProperty("ms").GetDouble();
                    Version = $"{root.GetProperty("version").GetString()} (uvwasi {root.GetProperty("uvwasi").GetString()})";
                    break;
                case "run" when !root.GetProperty("warmup").GetBoolean():
                    measured.Add(new GuestRun(root.GetProperty("ms").GetDouble(), root.GetProperty("exit").GetInt32(), root.GetProperty("stdout").GetString() ?? ""));
                    break;
            }
        }

        return measured;
    }

    /// <summary>One <c>node wasi.mjs --once</c> child process (start-up, compile and run included).</summary>
    public GuestRun RunProcess(WasiGuestSpec guest)
    {
        var sandboxes = new List<string>();
        try
        {
            var arguments = CommonArguments(guest, guest.ResolvePreopens(sandboxes));
            arguments.Insert(arguments.IndexOf("--"), "--once");
            return ChildProcess.Run(node, arguments);
        }
        finally
        {
            WasiGuestSpec.DeleteAll(sandboxes);
        }
    }

    private List<string> CommonArguments(WasiGuestSpec guest, IEnumerable<KeyValuePair<string, string>> preopens)
    {
        var arguments = new List<string> { "--no-warnings", harness, "--wasm", guest.WasmPath };
        foreach (var (guestPath, hostPath) in preopens)
        {
            arguments.Add("--preopen");
            arguments.Add($"{guestPath}={hostPath}");
        }

        foreach (var (key, value) in guest.Environment)
        {
            arguments.Add("--env");
            arguments.Add($"{key}={value}");
        }

        arguments.Add("--");
        arguments.AddRange(guest.Arguments);
        return arguments;
    }
}

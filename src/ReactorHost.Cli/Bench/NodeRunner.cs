using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ReactorHost.Cli.Bench;

/// <summary>Runs benchmarks/node/compute.mjs in a child node process and parses its JSON lines.</summary>
internal static class NodeRunner
{
    public const string HarnessPath = "benchmarks/node/compute.mjs";

    /// <summary>The node executable on PATH, or null.</summary>
    public static string? FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : new[] { "node" };
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (directory.Length == 0)
            {
                continue;
            }

            foreach (var name in names)
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs the harness on the same module, kernels and arguments; throws when it fails.</summary>
    public static NodeResults Run(
        string node, string harness, string modulePath, IReadOnlyList<(ComputeKernel Kernel, int Argument)> kernels,
        int warmup, int iterations)
    {
        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(harness);
        start.ArgumentList.Add("--wasm");
        start.ArgumentList.Add(modulePath);
        start.ArgumentList.Add("--runs");
        start.ArgumentList.Add(iterations.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--warmup");
        start.ArgumentList.Add(warmup.ToString(CultureInfo.InvariantCulture));
        foreach (var (kernel, argument) in kernels)
        {
            start.ArgumentList.Add("--kernel");
            start.ArgumentList.Add(kernel.Name);
            start.ArgumentList.Add("--arg");
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{kernel.Name}={argument}"));
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {node}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"node exited with code {process.ExitCode}: {stderr.Result.Trim()}");
        }

        return Parse(stdout);
    }

    private static NodeResults Parse(string output)
    {
        double loadMs = double.NaN;
        var version = "";
        var kernels = new List<KernelMeasurement>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.TryGetProperty("kind", out var kind) && kind.GetString() == "load")
            {
                loadMs = root.GetProperty("ms").GetDouble();
                version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "";
                continue;
            }

            var runs = new List<double>();
            foreach (var run in root.GetProperty("runs").EnumerateArray())
            {
                runs.Add(run.GetDouble());
            }

            kernels.Add(new KernelMeasurement(
                root.GetProperty("kernel").GetString() ?? "",
                root.GetProperty("arg").GetInt32(),
                root.GetProperty("checksum").GetUInt32(),
                root.TryGetProperty("first_ms", out var first) ? first.GetDouble() : double.NaN,
                runs));
        }

        return new NodeResults(version, loadMs, kernels);
    }
}

/// <summary>What the node harness reported.</summary>
internal sealed record NodeResults(string Version, double LoadMs, IReadOnlyList<KernelMeasurement> Kernels)
{
    /// <summary>Pools the runs of a later round (load time and first calls stay this round's).</summary>
    public NodeResults Merge(NodeResults later)
    {
        var merged = new List<KernelMeasurement>(Kernels.Count);
        foreach (var kernel in Kernels)
        {
            var match = later.Kernels.FirstOrDefault(k => k.Kernel == kernel.Kernel);
            merged.Add(match is null ? kernel : kernel.Merge(match));
        }

        return this with { Kernels = merged };
    }
}

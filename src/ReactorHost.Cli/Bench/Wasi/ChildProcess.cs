using System.Diagnostics;

namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>Starts a child process with stdout captured and times it from start to exit.</summary>
internal static class ChildProcess
{
    public static GuestRun Run(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 && stderr.Result.Length > 0)
        {
            Console.Error.Write(stderr.Result);
        }

        return new GuestRun(elapsed, process.ExitCode, stdout);
    }

    /// <summary>How to start this very CLI again: the apphost, or <c>dotnet reactorhost.dll</c>.</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell where this executable is");
        if (Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return (path, [typeof(ChildProcess).Assembly.Location]);
        }

        return (path, []);
    }
}

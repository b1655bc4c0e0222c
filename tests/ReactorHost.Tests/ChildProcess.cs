using System.Diagnostics;
using System.Text;

namespace ReactorHost.Tests;

/// <summary>What a child process left: exit code, stdout bytes, stderr text.</summary>
public sealed record ChildProcessResult(int ExitCode, byte[] Stdout, string Stderr);

/// <summary>Runs a child process with redirected stdio, feeding stdin while it runs, under a timeout.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Starts <paramref name="start"/>, writes <paramref name="stdin"/> then EOF (the child may
    /// exit without reading it all), collects stdout and stderr, and kills the process tree with a
    /// <see cref="TimeoutException"/> (showing stdout so far) if it outlives <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ChildProcessResult> RunAsync(ProcessStartInfo start, byte[] stdin, TimeSpan timeout)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        using var cancellation = new CancellationTokenSource(timeout);
        var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellation.Token);
        var readingErrors = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            // Feed stdin while the child runs (it may be larger than a pipe buffer), then EOF.
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(stdin, cancellation.Token);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child ended without reading all of its input.
            }

            await process.WaitForExitAsync(cancellation.Token);
            await reading;
            return new ChildProcessResult(process.ExitCode, stdout.ToArray(), await readingErrors);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}; stdout so far:\n{Encoding.UTF8.GetString(stdout.ToArray())}");
        }
    }
}

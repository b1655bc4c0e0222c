namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>The measured runs of one side (ours or node, in one mode).</summary>
internal sealed class GuestTimings
{
    private readonly List<GuestRun> _runs = [];

    public IReadOnlyList<GuestRun> Runs => _runs;

    public void Add(GuestRun run) => _runs.Add(run);

    public double Median
    {
        get
        {
            if (_runs.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _runs.Select(r => r.Milliseconds).Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => _runs.Count == 0 ? double.NaN : _runs.Min(r => r.Milliseconds);

    /// <summary>Null when every run exited as expected and printed the same as the expected text (or as the first run); otherwise what differed.</summary>
    public string? Check(int exitCode, string? expectedStdout)
    {
        var reference = expectedStdout ?? _runs.FirstOrDefault()?.Stdout;
        foreach (var run in _runs)
        {
            if (run.ExitCode != exitCode)
            {
                return $"exit code {run.ExitCode}, want {exitCode}";
            }

            if (reference is not null && run.Stdout != reference)
            {
                return $"stdout {Quote(run.Stdout)}, want {Quote(reference)}";
            }
        }

        return null;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text.Length > 200 ? text[..200] + "..." : text);
}

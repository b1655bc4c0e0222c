namespace ReactorHost.Cli.Bench.Wasi;

/// <summary>One timed run of a guest: wall time, exit code and what it printed.</summary>
internal sealed record GuestRun(double Milliseconds, int ExitCode, string Stdout);

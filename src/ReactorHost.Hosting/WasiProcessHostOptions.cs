namespace ReactorHost.Hosting;

/// <summary>A hosted WASI command (<c>_start</c>) run in the background with the host.</summary>
public sealed class WasiProcessHostOptions : WasiGuestHostOptions
{
    /// <summary>Stop the host once the process has ended for good (after its last restart). Default false.</summary>
    public bool StopHostOnExit { get; set; }

    /// <summary>
    /// With <see cref="StopHostOnExit"/>: set <see cref="Environment.ExitCode"/> to the guest's exit
    /// code (1 after a trap) so the host process exits with it. Default true.
    /// </summary>
    public bool SetHostExitCode { get; set; } = true;

    /// <summary>Whether to run the command again after it ended. Default <see cref="WasiProcessRestartPolicy.Never"/>.</summary>
    public WasiProcessRestartPolicy RestartPolicy { get; set; } = WasiProcessRestartPolicy.Never;

    /// <summary>Most restarts (runs after the first). Default 10; a negative value means no limit.</summary>
    public int MaxRestarts { get; set; } = 10;

    /// <summary>Wait between a run's end and the next run. Default 1 second.</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);
}

namespace ReactorHost.Hosting;

/// <summary>When a hosted WASI command is run again after it ended.</summary>
public enum WasiProcessRestartPolicy
{
    /// <summary>Run once.</summary>
    Never,

    /// <summary>Run again after a non-zero exit code or a trap.</summary>
    OnFailure,

    /// <summary>Run again whatever the outcome (a long-running worker).</summary>
    Always,
}

namespace ReactorHost.Hosting;

/// <summary>Where a hosted guest's standard input comes from.</summary>
public enum WasiInputMode
{
    /// <summary>End of file at once.</summary>
    Null,

    /// <summary>The host process's own standard input.</summary>
    Inherit,
}

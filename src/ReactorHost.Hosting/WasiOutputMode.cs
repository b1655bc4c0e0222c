namespace ReactorHost.Hosting;

/// <summary>Where a hosted guest's standard output or error goes.</summary>
public enum WasiOutputMode
{
    /// <summary>One log entry per line (category <c>ReactorHost.Guests.{name}</c>); partial lines are logged when the guest stops.</summary>
    Log,

    /// <summary>The host process's own stream.</summary>
    Inherit,

    /// <summary>Discarded.</summary>
    Discard,
}

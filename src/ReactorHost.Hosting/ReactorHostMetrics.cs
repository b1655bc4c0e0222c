namespace ReactorHost.Hosting;

/// <summary>
/// Names of the <see cref="System.Diagnostics.Metrics"/> instruments the hosting layer publishes
/// on the meter <see cref="MeterName"/> (listen with <c>dotnet-counters</c>, OpenTelemetry's
/// <c>AddMeter("ReactorHost")</c> or a <see cref="System.Diagnostics.Metrics.MeterListener"/>).
/// </summary>
public static class ReactorHostMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "ReactorHost";

    /// <summary>Observable counter: calls a reactor has run to completion (successfully or not). Tag <see cref="ReactorTag"/>.</summary>
    public const string Calls = "reactorhost.reactor.calls";

    /// <summary>
    /// Histogram (seconds): a call's round trip from the caller's await to its result, queue wait
    /// included, for exports bound with <c>GetMeteredExport</c>/<c>GetMeteredAction</c>. Tags
    /// <see cref="ReactorTag"/>, <see cref="ExportTag"/>, <see cref="OutcomeTag"/>.
    /// </summary>
    public const string CallDuration = "reactorhost.reactor.call.duration";

    /// <summary>Observable gauge: calls waiting in a reactor's queue. Tag <see cref="ReactorTag"/>.</summary>
    public const string QueueLength = "reactorhost.reactor.queue.length";

    /// <summary>Observable counter: times a reactor's restart policy re-instantiated its module. Tag <see cref="ReactorTag"/>.</summary>
    public const string Restarts = "reactorhost.reactor.restarts";

    /// <summary>Histogram (seconds): a syscall's latency in the WASI handler. Tags <see cref="GuestTag"/>, <see cref="SyscallTag"/>.</summary>
    public const string SyscallDuration = "reactorhost.wasi.syscall.duration";

    /// <summary>Counter: hosted WASI process runs that ended. Tags <see cref="GuestTag"/>, <see cref="OutcomeTag"/> (<c>exit</c>, <c>trap</c>, <c>cancelled</c>, <c>error</c>).</summary>
    public const string ProcessRuns = "reactorhost.process.runs";

    /// <summary>Tag: the reactor's registration name.</summary>
    public const string ReactorTag = "reactorhost.reactor";

    /// <summary>Tag: a hosted guest's (reactor's or process's) registration name.</summary>
    public const string GuestTag = "reactorhost.guest";

    /// <summary>Tag: the export called.</summary>
    public const string ExportTag = "reactorhost.export";

    /// <summary>Tag: the WASI function, e.g. <c>fd_write</c>.</summary>
    public const string SyscallTag = "reactorhost.syscall";

    /// <summary>Tag: how a call or run ended: <c>ok</c>, <c>error</c> or <c>cancelled</c> for calls.</summary>
    public const string OutcomeTag = "reactorhost.outcome";
}

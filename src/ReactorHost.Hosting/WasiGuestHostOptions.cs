using Microsoft.Extensions.Logging;

namespace ReactorHost.Hosting;

/// <summary>
/// What <see cref="WasiReactorHostOptions"/> and <see cref="WasiProcessHostOptions"/> share: the
/// module file, the guest's WASI world (argv, environment, preopens, stdio), limits and
/// diagnostics. Every property binds from configuration (see docs/hosting.md); the
/// <c>Configure*</c> delegates are code-only escape hatches.
/// </summary>
public abstract class WasiGuestHostOptions
{
    /// <summary>
    /// The <c>.wasm</c> file. A relative path resolves against the host's content root, then
    /// against the application's base directory (where build output copies files).
    /// </summary>
    public string? ModulePath { get; set; }

    /// <summary>argv[0] as the guest sees it. Default: the module's file name.</summary>
    public string? ProgramName { get; set; }

    /// <summary>Arguments after argv[0].</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>The guest's environment (exactly these variables; nothing is inherited).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Host directories the guest finds preopened, in order (fds 3, 4, ...).</summary>
    public IList<WasiPreopenOptions> Preopens { get; } = [];

    /// <summary>Memory, stack and file limits.</summary>
    public WasiLimitsOptions Limits { get; set; } = new();

    /// <summary>Standard input. Default <see cref="WasiInputMode.Null"/> (end of file).</summary>
    public WasiInputMode Stdin { get; set; } = WasiInputMode.Null;

    /// <summary>Standard output. Default <see cref="WasiOutputMode.Log"/>: one log entry per line.</summary>
    public WasiOutputMode Stdout { get; set; } = WasiOutputMode.Log;

    /// <summary>Standard error. Default <see cref="WasiOutputMode.Log"/>: one log entry per line.</summary>
    public WasiOutputMode Stderr { get; set; } = WasiOutputMode.Log;

    /// <summary>Level of stdout lines logged under <see cref="WasiOutputMode.Log"/>. Default Information.</summary>
    public LogLevel StdoutLogLevel { get; set; } = LogLevel.Information;

    /// <summary>Level of stderr lines logged under <see cref="WasiOutputMode.Log"/>. Default Warning.</summary>
    public LogLevel StderrLogLevel { get; set; } = LogLevel.Warning;

    /// <summary>
    /// Log every syscall (name, arguments, result, latency) at Trace level under the category
    /// <c>ReactorHost.Guests.{name}.Syscalls</c>. Costly (it formats text); only applied when that
    /// category is enabled at Trace. Default false.
    /// </summary>
    public bool TraceSyscalls { get; set; }

    /// <summary>Record the syscall latency histogram (<c>reactorhost.wasi.syscall.duration</c>). Default true; free when nobody listens.</summary>
    public bool SyscallMetrics { get; set; } = true;

    /// <summary>
    /// Code-only: adjusts the <see cref="WasiProcessOptions"/> built from this configuration
    /// (custom handlers via <see cref="WasiProcessOptions.WrapHandler"/>, in-memory directories,
    /// stdio streams...), before the hosting layer adds its own metrics and tracing wrappers.
    /// Called for every instantiation (each process run, each reactor restart).
    /// </summary>
    public Action<WasiProcessOptions>? ConfigureWasi { get; set; }
}

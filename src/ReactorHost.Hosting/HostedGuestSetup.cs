using Microsoft.Extensions.Logging;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Hosting;

/// <summary>
/// Turns one guest's <see cref="WasiGuestHostOptions"/> into an engine, a module and (per
/// instantiation) a <see cref="WasiProcessOptions"/>: path resolution, stdio to ILogger, syscall
/// metrics and tracing. Owns the guest's log streams and engine.
/// </summary>
internal sealed class HostedGuestSetup : IDisposable
{
    private readonly WasiGuestHostOptions _options;
    private readonly string _contentRoot;
    private readonly ILogger _syscallLogger;
    private readonly ReactorHostInstrumentation _instrumentation;
    private readonly LogLineStream? _stdout;
    private readonly LogLineStream? _stderr;
    private Engine? _engine;

    public HostedGuestSetup(string kind, string name, WasiGuestHostOptions options, string contentRoot, ILoggerFactory loggerFactory, ReactorHostInstrumentation instrumentation)
    {
        Kind = kind;
        Name = name;
        _options = options;
        _contentRoot = contentRoot;
        _instrumentation = instrumentation;
        Logger = loggerFactory.CreateLogger(LoggerCategory(name));
        _syscallLogger = loggerFactory.CreateLogger(LoggerCategory(name) + ".Syscalls");
        if (options.Stdout == WasiOutputMode.Log)
        {
            _stdout = new LogLineStream(Logger, options.StdoutLogLevel, "stdout");
        }

        if (options.Stderr == WasiOutputMode.Log)
        {
            _stderr = new LogLineStream(Logger, options.StderrLogLevel, "stderr");
        }
    }

    /// <summary>"Reactor" or "Process", for messages.</summary>
    public string Kind { get; }

    public string Name { get; }

    /// <summary>Category <c>ReactorHost.Guests.{name}</c>: the guest's output, lifecycle and WASI handler failures.</summary>
    public ILogger Logger { get; }

    public string ModuleFullPath => ResolvePath(_options.ModulePath ?? string.Empty, _contentRoot);

    public static string LoggerCategory(string name) => "ReactorHost.Guests." + name;

    /// <summary>
    /// A relative path resolves against <paramref name="contentRoot"/> when it exists there, else
    /// against the application's base directory when it exists there, else against the content root.
    /// </summary>
    public static string ResolvePath(string path, string contentRoot)
    {
        if (Path.IsPathFullyQualified(path))
        {
            return Path.GetFullPath(path);
        }

        var fromContentRoot = Path.GetFullPath(path, contentRoot);
        if (File.Exists(fromContentRoot) || Directory.Exists(fromContentRoot))
        {
            return fromContentRoot;
        }

        var fromBase = Path.GetFullPath(path, AppContext.BaseDirectory);
        return File.Exists(fromBase) || Directory.Exists(fromBase) ? fromBase : fromContentRoot;
    }

    /// <summary>Creates the guest's engine (with its limits) and compiles the module; every failure names the guest and the file.</summary>
    /// <exception cref="WasiHostingException">The module cannot be loaded.</exception>
    public Module LoadModule()
    {
        var path = ModuleFullPath;
        var limits = _options.Limits ?? new WasiLimitsOptions();
        var defaults = new EngineOptions();
        _engine ??= new Engine(new EngineOptions
        {
            MaxMemoryBytes = limits.MaxMemoryBytes ?? defaults.MaxMemoryBytes,
            MaxStackBytes = limits.MaxStackBytes ?? defaults.MaxStackBytes,
        });
        try
        {
            return Module.FromFile(_engine, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WasiHostingException($"{Kind} '{Name}': cannot read the module '{path}': {e.Message}", e);
        }
        catch (WasmNotSupportedException e)
        {
            throw new WasiHostingException($"{Kind} '{Name}': the module '{path}' uses an unsupported feature: {e.Message}", e);
        }
        catch (WasmModuleException e)
        {
            throw new WasiHostingException($"{Kind} '{Name}': the module '{path}' is {(e.IsMalformed ? "malformed" : "invalid")}: {e.Message}", e);
        }
    }

    /// <summary>A fresh WASI setup for one instantiation.</summary>
    public WasiProcessOptions CreateWasiOptions()
    {
        var limits = _options.Limits ?? new WasiLimitsOptions();
        var wasi = new WasiProcessOptions
        {
            ProgramName = string.IsNullOrEmpty(_options.ProgramName) ? Path.GetFileName(ModuleFullPath) : _options.ProgramName,
            Stdin = _options.Stdin == WasiInputMode.Inherit ? WasiStdio.Inherit : WasiStdio.Null,
            Stdout = Output(_options.Stdout, _stdout),
            Stderr = Output(_options.Stderr, _stderr),
            Logger = Logger,
        };
        if (limits.GuestThreadStackBytes is { } stack)
        {
            wasi.GuestThreadStackSize = stack;
        }

        if (limits.MaxOpenFiles is { } maxFiles)
        {
            wasi.MaxOpenFiles = maxFiles;
        }

        foreach (var argument in _options.Arguments)
        {
            wasi.Arguments.Add(argument);
        }

        foreach (var variable in _options.Environment)
        {
            wasi.Environment.Add(variable);
        }

        foreach (var preopen in _options.Preopens)
        {
            wasi.Preopens.Add(WasiPreopen.Host(ResolvePath(preopen.HostPath ?? string.Empty, _contentRoot), preopen.GuestPath));
        }

        _options.ConfigureWasi?.Invoke(wasi);

        var metered = _options.SyscallMetrics;
        var traced = _options.TraceSyscalls && _syscallLogger.IsEnabled(LogLevel.Trace);
        if (metered || traced)
        {
            var wrap = wasi.WrapHandler;
            var latency = _instrumentation.SyscallDuration;
            var trace = traced ? new LogTextWriter(_syscallLogger) : null;
            wasi.WrapHandler = handler =>
            {
                handler = wrap?.Invoke(handler) ?? handler;
                if (metered)
                {
                    handler = new MeteredWasiHandler(handler, latency, Name);
                }

                return trace is null ? handler : new TracingWasiHandler(handler, trace);
            };
        }

        return wasi;
    }

    /// <summary>Logs unfinished output lines.</summary>
    public void FlushOutput()
    {
        _stdout?.FlushPartialLine();
        _stderr?.FlushPartialLine();
    }

    public void Dispose()
    {
        _stdout?.Dispose();
        _stderr?.Dispose();
        _engine?.Dispose();
    }

    private static WasiStdio Output(WasiOutputMode mode, LogLineStream? log) => mode switch
    {
        WasiOutputMode.Inherit => WasiStdio.Inherit,
        WasiOutputMode.Discard => WasiStdio.Null,
        _ => WasiStdio.FromStream(log!, FileType.Unknown),
    };
}

using Microsoft.Extensions.Logging;
using ReactorHost.Wasi;

namespace ReactorHost;

/// <summary>How to run a WASI command module: its argv, environment, preopens, stdio and limits.</summary>
public sealed class WasiProcessOptions
{
    /// <summary>The program name the guest sees as argv[0].</summary>
    public string ProgramName { get; set; } = "main.wasm";

    /// <summary>Arguments after argv[0].</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>Environment variables, in order.</summary>
    public IList<KeyValuePair<string, string>> Environment { get; } = [];

    /// <summary>Preopened directories, assigned fds 3, 4, ... in order.</summary>
    public IList<WasiPreopen> Preopens { get; } = [];

    /// <summary>Standard input. Default: nothing (end of file).</summary>
    public WasiStdio Stdin { get; set; } = WasiStdio.Null;

    /// <summary>Standard output. Default: discarded.</summary>
    public WasiStdio Stdout { get; set; } = WasiStdio.Null;

    /// <summary>Standard error. Default: discarded.</summary>
    public WasiStdio Stderr { get; set; } = WasiStdio.Null;

    /// <summary>Stack size of the dedicated guest thread in background mode. Default 16 MiB.</summary>
    public int GuestThreadStackSize { get; set; } = 16 << 20;

    /// <summary>Dispatch policy of proxied syscalls in background mode (default: inline, wait only when pending).</summary>
    public SyscallDispatcher? Dispatcher { get; set; }

    /// <summary>Wraps the standard handler (tracing, policy, an in-memory file system in front...).</summary>
    public Func<WasiHandler, WasiHandler>? WrapHandler { get; set; }

    /// <summary>Receives handler failures.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>The most fds the guest may hold open.</summary>
    public int MaxOpenFiles { get; set; } = 1 << 16;

    /// <summary>Sockets: the handler behind sock_open/sock_getaddrinfo and the preopened sockets (see docs/sockets.md).</summary>
    public Sockets.WasiSocketOptions Sockets { get; } = new();
}

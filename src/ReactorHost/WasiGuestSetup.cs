using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost;

/// <summary>
/// Builds a guest's fd table and handler from <see cref="WasiProcessOptions"/>: shared by
/// <see cref="WasiProcess"/> (command modules) and <see cref="WasiReactor"/> (reactor modules) so
/// both see the same stdio, preopened directories and sockets, rights and handler wrapping.
/// </summary>
internal static class WasiGuestSetup
{
    private const Rights StreamRights = Rights.FdRead | Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite | Rights.FdSync | Rights.FdDatasync;

    /// <summary>fds 0–2 (stdio), then the preopened directories, then the preopened sockets.</summary>
    public static WasiFdTable CreateFdTable(WasiProcessOptions options, CancellationToken cancellationToken)
    {
        var fds = new WasiFdTable { MaxFds = options.MaxOpenFiles };
        fds.Add(new WasiFdEntry(options.Stdin.Open(0), StreamRights & ~Rights.FdWrite, Rights.None));
        fds.Add(new WasiFdEntry(options.Stdout.Open(1), StreamRights & ~Rights.FdRead, Rights.None));
        fds.Add(new WasiFdEntry(options.Stderr.Open(2), StreamRights & ~Rights.FdRead, Rights.None));
        foreach (var preopen in options.Preopens)
        {
            fds.Add(new WasiFdEntry(preopen.Directory, StandardWasiHandler.DirectoryRights, SyscallExecutor.AllRights, preopen.GuestPath));
        }

        options.Sockets.AddPreopened(fds, cancellationToken);
        return fds;
    }

    /// <summary>The standard handler over <paramref name="fds"/>, wrapped by <see cref="WasiProcessOptions.WrapHandler"/>.</summary>
    public static WasiHandler CreateHandler(WasiProcessOptions options, WasiFdTable fds)
    {
        WasiHandler handler = new StandardWasiHandler(
            new WasiStrings([options.ProgramName, .. options.Arguments]),
            new WasiStrings(options.Environment.Select(kv => $"{kv.Key}={kv.Value}")),
            fds)
        {
            SocketHandler = options.Sockets.Handler,
        };
        return options.WrapHandler is { } wrap ? wrap(handler) : handler;
    }
}

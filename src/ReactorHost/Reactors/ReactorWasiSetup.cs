using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost;

/// <summary>
/// The fd table and handler of a reactor instance, built from <see cref="WasiProcessOptions"/>
/// exactly as <see cref="WasiProcess"/> builds them. A duplicate of WasiProcess's private setup
/// (kept in one place so the two can later share one helper).
/// </summary>
internal static class ReactorWasiSetup
{
    public static WasiFdTable CreateFdTable(WasiProcessOptions options)
    {
        var fds = new WasiFdTable { MaxFds = options.MaxOpenFiles };
        const Rights StreamRights = Rights.FdRead | Rights.FdWrite | Rights.FdFdstatSetFlags | Rights.FdFilestatGet | Rights.PollFdReadwrite | Rights.FdSync | Rights.FdDatasync;
        fds.Add(new WasiFdEntry(options.Stdin.Open(0), StreamRights & ~Rights.FdWrite, Rights.None));
        fds.Add(new WasiFdEntry(options.Stdout.Open(1), StreamRights & ~Rights.FdRead, Rights.None));
        fds.Add(new WasiFdEntry(options.Stderr.Open(2), StreamRights & ~Rights.FdRead, Rights.None));
        foreach (var preopen in options.Preopens)
        {
            fds.Add(new WasiFdEntry(preopen.Directory, StandardWasiHandler.DirectoryRights, SyscallExecutor.AllRights, preopen.GuestPath));
        }

        // Preopened sockets after the directories, as for processes (closed with the fd table when the session ends).
        options.Sockets.AddPreopened(fds, CancellationToken.None);
        return fds;
    }

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

using ReactorHost.Wasi;
using ReactorHost.Wasi.FileSystem;

namespace ReactorHost.Sockets;

/// <summary>The network a <see cref="WasiProcess"/> gives its guest.</summary>
public sealed class WasiSocketOptions
{
    private static readonly NetSocketHandler SharedNetHandler = new();

    /// <summary>
    /// The handler behind <c>sock_open</c> and <c>sock_getaddrinfo</c> (wrap it in a
    /// <see cref="SocketPolicyHandler"/> to restrict it). Null (default): the guest cannot open
    /// sockets (EACCES) and has only its preopened ones.
    /// </summary>
    public WasiSocketHandler? Handler { get; set; }

    /// <summary>Sockets handed to the guest as fds after the preopened directories, in order.</summary>
    public IList<WasiPreopenedSocket> Preopened { get; } = [];

    /// <summary>The handler operating preopened sockets: <see cref="Handler"/>, or a System.Net handler when none is set.</summary>
    public WasiSocketHandler PreopenHandler => Handler ?? SharedNetHandler;

    /// <summary>Opens every preopened socket into <paramref name="fds"/>; on failure closes what it opened and throws <see cref="IOException"/>.</summary>
    internal void AddPreopened(WasiFdTable fds, CancellationToken cancellationToken)
    {
        if (Preopened.Count == 0)
        {
            return;
        }

        var handler = PreopenHandler;
        var added = new List<int>();
        foreach (var preopen in Preopened)
        {
            var opened = preopen.OpenAsync(handler, cancellationToken).AsTask().GetAwaiter().GetResult();
            var fd = opened.IsSuccess ? fds.Add(new WasiFdEntry(new WasiSocketFile(handler, opened.Value), StandardWasiHandler.SocketRights, StandardWasiHandler.SocketRights)) : -1;
            if (fd < 0)
            {
                if (opened.IsSuccess)
                {
                    handler.Close(opened.Value);
                }

                foreach (var done in added)
                {
                    fds.Close(done);
                }

                throw new IOException($"Cannot preopen socket ({preopen.Description}): {(opened.IsSuccess ? Errno.Mfile : opened.Errno)}.");
            }

            added.Add(fd);
        }
    }
}

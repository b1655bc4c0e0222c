using System.Net;

namespace ReactorHost.Sockets;

/// <summary>A socket of a <see cref="LoopbackSocketHandler"/>: an in-memory endpoint, listener or datagram port.</summary>
public sealed class LoopbackSocket : WasiSocket
{
    internal LoopbackSocket(LoopbackSocketHandler owner, SocketAddressFamily family, SocketKind kind)
        : base(family, kind)
    {
        Owner = owner;
    }

    internal LoopbackSocketHandler Owner { get; }

    /// <summary>The bound (or automatically assigned) local address, or null.</summary>
    public IPEndPoint? LocalEndPoint { get; internal set; }

    /// <summary>The peer, once connected.</summary>
    public IPEndPoint? RemoteEndPoint { get; internal set; }

    /// <summary>Whether <c>listen</c> succeeded.</summary>
    public bool IsListening => Pending is not null;

    internal LoopbackQueue<LoopbackSocket>? Pending { get; set; }

    internal LoopbackQueue<(byte[] Data, IPEndPoint From)>? Datagrams { get; set; }

    internal LoopbackPipe? Input { get; set; }

    internal LoopbackPipe? Output { get; set; }

    internal bool ReadShutdown { get; set; }

    internal bool WriteShutdown { get; set; }

    internal Dictionary<SocketOption, long> Options { get; } = [];

    /// <inheritdoc/>
    public override bool IsReadable =>
        Pending?.IsReady ?? Datagrams?.IsReady ?? Input?.CanRead ?? true;

    /// <inheritdoc/>
    public override bool IsWritable => Output?.CanWrite ?? true;

    /// <inheritdoc/>
    public override long BytesAvailable => Input?.Available ?? 0;

    /// <inheritdoc/>
    public override ValueTask WaitReadableAsync(CancellationToken cancellationToken)
    {
        var wait = Pending?.WaitAsync(cancellationToken) ?? Datagrams?.WaitAsync(cancellationToken) ?? Input?.WaitReadableAsync(cancellationToken);
        return wait is null ? ValueTask.CompletedTask : new ValueTask(wait);
    }

    /// <inheritdoc/>
    public override ValueTask WaitWritableAsync(CancellationToken cancellationToken) =>
        Output is { } output ? new ValueTask(output.WaitWritableAsync(cancellationToken)) : ValueTask.CompletedTask;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Input?.CloseReader();
            Output?.CloseWriter();
            if (Pending is { } pending)
            {
                foreach (var unaccepted in pending.Close())
                {
                    unaccepted.Dispose();
                }
            }

            Datagrams?.Close();
            Owner.Unregister(this);
        }

        base.Dispose(disposing);
    }
}

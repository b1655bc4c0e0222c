namespace ReactorHost.Sockets;

/// <summary>
/// Which signatures of the WasmEdge socket extension a module imports. The versions differ in
/// <c>sock_accept</c>, <c>sock_recv_from</c>, <c>sock_getlocaladdr</c> and <c>sock_getpeeraddr</c>;
/// each is detected from its own imported signature, so a module mixing them still links.
/// </summary>
/// <param name="AcceptV1"><c>sock_accept(fd, *newfd)</c> instead of preview1's <c>(fd, flags, *newfd)</c>.</param>
/// <param name="RecvFromV1"><c>sock_recv_from</c> without the port out-pointer (7 parameters).</param>
/// <param name="LocalAddrV1"><c>sock_getlocaladdr(fd, *addr, *addr_type, *port)</c>.</param>
/// <param name="PeerAddrV1"><c>sock_getpeeraddr(fd, *addr, *addr_type, *port)</c>.</param>
public readonly record struct SocketAbi(bool AcceptV1, bool RecvFromV1, bool LocalAddrV1, bool PeerAddrV1)
{
    /// <summary>Version 2 throughout (what <c>Define(linker)</c> without a module provides).</summary>
    public static SocketAbi Version2 => default;

    /// <summary>Whether any version 1 signature is imported.</summary>
    public bool UsesVersion1 => AcceptV1 || RecvFromV1 || LocalAddrV1 || PeerAddrV1;

    /// <summary>Detects the signatures <paramref name="module"/> imports from <c>wasi_snapshot_preview1</c>.</summary>
    public static SocketAbi Detect(ReactorHost.Wasm.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        bool accept = false, recvFrom = false, local = false, peer = false;
        foreach (var import in module.Imports)
        {
            if (import.ModuleName != ReactorHost.Wasi.WasiSyscallNames.Module || import.Type is not ReactorHost.Wasm.FunctionType type)
            {
                continue;
            }

            var count = type.Parameters.Length;
            switch (import.Name)
            {
                case "sock_accept": accept = count == 2; break;
                case "sock_recv_from": recvFrom = count == 7; break;
                case "sock_getlocaladdr": local = count == 4; break;
                case "sock_getpeeraddr": peer = count == 4; break;
            }
        }

        return new SocketAbi(accept, recvFrom, local, peer);
    }
}

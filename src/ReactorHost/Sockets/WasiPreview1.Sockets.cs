using ReactorHost.Sockets;
using ReactorHost.Wasm;

namespace ReactorHost.Wasi;

// Imports of the WasmEdge socket extension: every parameter i32, every function returns an errno,
// proxied like the other non-direct syscalls (SyscallRequest -> Dispatch -> SyscallExecutor).
public abstract partial class WasiPreview1
{
    /// <summary>
    /// Defines the preview1 imports plus the WasmEdge socket extension with the signatures
    /// <paramref name="module"/> imports (version 1 or 2, detected per function by
    /// <see cref="SocketAbi.Detect"/>).
    /// </summary>
    public void Define(Linker linker, Module module)
    {
        ArgumentNullException.ThrowIfNull(linker);
        ArgumentNullException.ThrowIfNull(module);
        var abi = SocketAbi.Detect(module);
        DefineDirect(linker);
        DefineProxied(linker);
        DefineSocketExtension(linker, abi);
    }

    private void DefineSocketExtension(Linker linker, SocketAbi abi)
    {
        linker.DefineFunction(Module, "sock_open", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Forward(caller, WasiSyscall.SockOpen, 3, (uint)a0, (uint)a1, (uint)a2)));
        linker.DefineFunction(Module, "sock_bind", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Forward(caller, WasiSyscall.SockBind, 3, (uint)a0, (uint)a1, (uint)a2)));
        linker.DefineFunction(Module, "sock_connect", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Forward(caller, WasiSyscall.SockConnect, 3, (uint)a0, (uint)a1, (uint)a2)));
        linker.DefineFunction(Module, "sock_listen", (Func<Caller, int, int, int>)((caller, a0, a1) => Forward(caller, WasiSyscall.SockListen, 3, (uint)a0, (uint)a1, 0)));
        linker.DefineFunction(Module, "sock_send_to", (Func<Caller, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
            Forward(caller, WasiSyscall.SockSendTo, 7, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5, (uint)a6)));
        if (abi.RecvFromV1)
        {
            linker.DefineFunction(Module, "sock_recv_from", (Func<Caller, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
                Forward(caller, WasiSyscall.SockRecvFromV1, 7, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5, (uint)a6)));
        }
        else
        {
            linker.DefineFunction(Module, "sock_recv_from", (Func<Caller, int, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6, a7) =>
                Forward(caller, WasiSyscall.SockRecvFrom, 8, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5, (uint)a6, (uint)a7)));
        }

        linker.DefineFunction(Module, "sock_getsockopt", (Func<Caller, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4) => Forward(caller, WasiSyscall.SockGetsockopt, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4)));
        linker.DefineFunction(Module, "sock_setsockopt", (Func<Caller, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4) => Forward(caller, WasiSyscall.SockSetsockopt, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4)));
        DefineAddressQuery(linker, "sock_getlocaladdr", abi.LocalAddrV1, WasiSyscall.SockGetlocaladdr, WasiSyscall.SockGetlocaladdrV1);
        DefineAddressQuery(linker, "sock_getpeeraddr", abi.PeerAddrV1, WasiSyscall.SockGetpeeraddr, WasiSyscall.SockGetpeeraddrV1);
        linker.DefineFunction(Module, "sock_getaddrinfo", (Func<Caller, int, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6, a7) =>
            Forward(caller, WasiSyscall.SockGetaddrinfo, 8, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5, (uint)a6, (uint)a7)));

        if (abi.AcceptV1)
        {
            // Replaces preview1's sock_accept(fd, flags, *newfd) for a version 1 guest.
            var shadowing = linker.AllowShadowing;
            linker.AllowShadowing = true;
            linker.DefineFunction(Module, "sock_accept", (Func<Caller, int, int, int>)((caller, a0, a1) => Forward(caller, WasiSyscall.SockAcceptV1, 3, (uint)a0, (uint)a1, 0)));
            linker.AllowShadowing = shadowing;
        }
    }

    private void DefineAddressQuery(Linker linker, string name, bool v1, WasiSyscall v2Syscall, WasiSyscall v1Syscall)
    {
        if (v1)
        {
            linker.DefineFunction(Module, name, (Func<Caller, int, int, int, int, int>)((caller, a0, a1, a2, a3) => Forward(caller, v1Syscall, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, 0)));
        }
        else
        {
            linker.DefineFunction(Module, name, (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Forward(caller, v2Syscall, 3, (uint)a0, (uint)a1, (uint)a2)));
        }
    }


}

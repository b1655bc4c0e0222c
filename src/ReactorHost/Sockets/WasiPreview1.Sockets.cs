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
        linker.DefineFunction(Module, "sock_open", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Proxy3(caller, WasiSyscall.SockOpen, a0, a1, a2)));
        linker.DefineFunction(Module, "sock_bind", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Proxy3(caller, WasiSyscall.SockBind, a0, a1, a2)));
        linker.DefineFunction(Module, "sock_connect", (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Proxy3(caller, WasiSyscall.SockConnect, a0, a1, a2)));
        linker.DefineFunction(Module, "sock_listen", (Func<Caller, int, int, int>)((caller, a0, a1) => Proxy3(caller, WasiSyscall.SockListen, a0, a1, 0)));
        linker.DefineFunction(Module, "sock_send_to", (Func<Caller, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
        {
            var r = new SyscallRequest { Syscall = WasiSyscall.SockSendTo, ArgumentCount = 7 };
            r.Arguments[0] = (uint)a0;
            r.Arguments[1] = (uint)a1;
            r.Arguments[2] = (uint)a2;
            r.Arguments[3] = (uint)a3;
            r.Arguments[4] = (uint)a4;
            r.Arguments[5] = (uint)a5;
            r.Arguments[6] = (uint)a6;
            return (int)Proxy(caller, in r);
        }));
        if (abi.RecvFromV1)
        {
            linker.DefineFunction(Module, "sock_recv_from", (Func<Caller, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
            {
                var r = new SyscallRequest { Syscall = WasiSyscall.SockRecvFromV1, ArgumentCount = 7 };
                r.Arguments[0] = (uint)a0;
                r.Arguments[1] = (uint)a1;
                r.Arguments[2] = (uint)a2;
                r.Arguments[3] = (uint)a3;
                r.Arguments[4] = (uint)a4;
                r.Arguments[5] = (uint)a5;
                r.Arguments[6] = (uint)a6;
                return (int)Proxy(caller, in r);
            }));
        }
        else
        {
            linker.DefineFunction(Module, "sock_recv_from", (Func<Caller, int, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6, a7) =>
            {
                var r = new SyscallRequest { Syscall = WasiSyscall.SockRecvFrom, ArgumentCount = 8 };
                r.Arguments[0] = (uint)a0;
                r.Arguments[1] = (uint)a1;
                r.Arguments[2] = (uint)a2;
                r.Arguments[3] = (uint)a3;
                r.Arguments[4] = (uint)a4;
                r.Arguments[5] = (uint)a5;
                r.Arguments[6] = (uint)a6;
                r.Arguments[7] = (uint)a7;
                return (int)Proxy(caller, in r);
            }));
        }

        linker.DefineFunction(Module, "sock_getsockopt", (Func<Caller, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4) => Proxy5(caller, WasiSyscall.SockGetsockopt, a0, a1, a2, a3, a4)));
        linker.DefineFunction(Module, "sock_setsockopt", (Func<Caller, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4) => Proxy5(caller, WasiSyscall.SockSetsockopt, a0, a1, a2, a3, a4)));
        DefineAddressQuery(linker, "sock_getlocaladdr", abi.LocalAddrV1, WasiSyscall.SockGetlocaladdr, WasiSyscall.SockGetlocaladdrV1);
        DefineAddressQuery(linker, "sock_getpeeraddr", abi.PeerAddrV1, WasiSyscall.SockGetpeeraddr, WasiSyscall.SockGetpeeraddrV1);
        linker.DefineFunction(Module, "sock_getaddrinfo", (Func<Caller, int, int, int, int, int, int, int, int, int>)((caller, a0, a1, a2, a3, a4, a5, a6, a7) =>
        {
            var r = new SyscallRequest { Syscall = WasiSyscall.SockGetaddrinfo, ArgumentCount = 8 };
            r.Arguments[0] = (uint)a0;
            r.Arguments[1] = (uint)a1;
            r.Arguments[2] = (uint)a2;
            r.Arguments[3] = (uint)a3;
            r.Arguments[4] = (uint)a4;
            r.Arguments[5] = (uint)a5;
            r.Arguments[6] = (uint)a6;
            r.Arguments[7] = (uint)a7;
            return (int)Proxy(caller, in r);
        }));

        if (abi.AcceptV1)
        {
            // Replaces preview1's sock_accept(fd, flags, *newfd) for a version 1 guest.
            var shadowing = linker.AllowShadowing;
            linker.AllowShadowing = true;
            linker.DefineFunction(Module, "sock_accept", (Func<Caller, int, int, int>)((caller, a0, a1) => Proxy3(caller, WasiSyscall.SockAcceptV1, a0, a1, 0)));
            linker.AllowShadowing = shadowing;
        }
    }

    private void DefineAddressQuery(Linker linker, string name, bool v1, WasiSyscall v2Syscall, WasiSyscall v1Syscall)
    {
        if (v1)
        {
            linker.DefineFunction(Module, name, (Func<Caller, int, int, int, int, int>)((caller, a0, a1, a2, a3) => Proxy5(caller, v1Syscall, a0, a1, a2, a3, 0)));
        }
        else
        {
            linker.DefineFunction(Module, name, (Func<Caller, int, int, int, int>)((caller, a0, a1, a2) => Proxy3(caller, v2Syscall, a0, a1, a2)));
        }
    }

    private int Proxy3(Caller caller, WasiSyscall syscall, int a0, int a1, int a2)
    {
        var r = new SyscallRequest { Syscall = syscall, ArgumentCount = 3 };
        r.Arguments[0] = (uint)a0;
        r.Arguments[1] = (uint)a1;
        r.Arguments[2] = (uint)a2;
        return (int)Proxy(caller, in r);
    }

    private int Proxy5(Caller caller, WasiSyscall syscall, int a0, int a1, int a2, int a3, int a4)
    {
        var r = new SyscallRequest { Syscall = syscall, ArgumentCount = 5 };
        r.Arguments[0] = (uint)a0;
        r.Arguments[1] = (uint)a1;
        r.Arguments[2] = (uint)a2;
        r.Arguments[3] = (uint)a3;
        r.Arguments[4] = (uint)a4;
        return (int)Proxy(caller, in r);
    }
}

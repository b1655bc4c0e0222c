using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReactorHost.Wasm;

namespace ReactorHost.Wasi;

/// <summary>
/// The WASI preview1 syscall entry: defines the 46 <c>wasi_snapshot_preview1</c> imports in a
/// <see cref="Linker"/> and decodes each call. The direct group (arguments, environment, clocks,
/// random, sched_yield, proc_exit) is answered inline on the guest thread; every other call is
/// packed into a <see cref="SyscallRequest"/> and handed to <see cref="Dispatch"/>, which
/// <see cref="DirectWasiPreview1"/> runs inline and <see cref="ProxyWasiPreview1"/> forwards
/// through a <see cref="SyscallLock"/>. One instance serves one guest instance.
/// </summary>
public abstract partial class WasiPreview1
{
    /// <summary>The import module name.</summary>
    public const string Module = WasiSyscallNames.Module;

    private GuestMemory? _memory;
    private SyscallExecutor? _executor;

    /// <summary>Creates the entry for <paramref name="handler"/>.</summary>
    protected WasiPreview1(WasiHandler handler, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handler = handler;
        Logger = logger ?? NullLogger.Instance;
        CancellationToken = cancellationToken;
    }

    /// <summary>The handler that gives the syscalls their meaning.</summary>
    public WasiHandler Handler { get; }

    /// <summary>Where handler failures are logged.</summary>
    public ILogger Logger { get; }

    /// <summary>The guest's cancellation token, handed to every handler call.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The guest's memory, once known (after <see cref="Bind(Instance)"/> or the first call).</summary>
    public GuestMemory? Memory => _memory;

    /// <summary>The decoder for proxied calls, once the memory is known.</summary>
    protected SyscallExecutor? Executor => _executor;

    /// <summary>Binds to the guest's exported <c>memory</c> ahead of the first call (otherwise found through the caller on first use).</summary>
    public void Bind(Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (_memory is null && instance.GetMemory("memory") is { } memory)
        {
            Bind(new GuestMemory(memory));
        }
    }

    /// <summary>Binds to <paramref name="memory"/> (e.g. a plain buffer in tests).</summary>
    public void Bind(GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        _memory = memory;
        _executor = new SyscallExecutor(Handler, memory);
        OnBound(_executor);
    }

    /// <summary>Called once the executor exists (e.g. to create the syscall slot).</summary>
    protected virtual void OnBound(SyscallExecutor executor)
    {
    }

    /// <summary>Runs a proxied syscall and returns its errno.</summary>
    protected abstract Errno Dispatch(in SyscallRequest request);

    /// <summary>Runs a proxied syscall (public for tests and benchmarks that drive the entry without an engine).</summary>
    public Errno Invoke(in SyscallRequest request)
    {
        if (_executor is null)
        {
            return Errno.Fault;
        }

        return Dispatch(in request);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Errno Proxy(Caller caller, in SyscallRequest request) =>
        _executor is not null || TryBind(caller) ? Dispatch(in request) : Errno.Fault;

    /// <summary>
    /// Packs a call's raw arguments into a <see cref="SyscallRequest"/> and dispatches it: the body
    /// of every proxied import. i32 arguments arrive zero-extended (<c>(uint)a</c>), i64 as they are;
    /// only the first <paramref name="count"/> are stored. Inlined into each import's delegate, so
    /// the unused defaults cost nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Forward(Caller caller, WasiSyscall syscall, int count, long a0 = 0, long a1 = 0, long a2 = 0, long a3 = 0, long a4 = 0, long a5 = 0, long a6 = 0, long a7 = 0, long a8 = 0, long a9 = 0)
    {
        var r = new SyscallRequest { Syscall = syscall, ArgumentCount = count };
        r.Arguments[0] = a0;
        r.Arguments[1] = a1;
        r.Arguments[2] = a2;
        r.Arguments[3] = a3;
        r.Arguments[4] = a4;
        r.Arguments[5] = a5;
        r.Arguments[6] = a6;
        r.Arguments[7] = a7;
        r.Arguments[8] = a8;
        r.Arguments[9] = a9;
        return (int)Proxy(caller, in r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private GuestMemory? MemoryOf(Caller caller) => _memory ?? (TryBind(caller) ? _memory : null);

    private bool TryBind(Caller caller)
    {
        if (caller.GetMemory("memory") is not { } memory)
        {
            return false;
        }

        Bind(new GuestMemory(memory));
        return true;
    }

    /// <summary>Defines all 46 imports under <c>wasi_snapshot_preview1</c>, plus the WasmEdge socket extension (version 2).</summary>
    public void Define(Linker linker)
    {
        ArgumentNullException.ThrowIfNull(linker);
        DefineDirect(linker);
        DefineProxied(linker);
        DefineSocketExtension(linker, Sockets.SocketAbi.Version2);
    }

    private void DefineDirect(Linker linker)
    {
        linker.DefineFunction(Module, "args_get", (Func<Caller, int, int, int>)((caller, argv, buffer) =>
            (int)Guarded(WasiSyscall.ArgsGet, caller, (uint)argv, (uint)buffer, static (self, m, argv, buffer) => StringsGet(m, self.Handler.GetArguments(), argv, buffer))));
        linker.DefineFunction(Module, "args_sizes_get", (Func<Caller, int, int, int>)((caller, count, size) =>
            (int)Guarded(WasiSyscall.ArgsSizesGet, caller, (uint)count, (uint)size, static (self, m, count, size) => StringsSizesGet(m, self.Handler.GetArguments(), count, size))));
        linker.DefineFunction(Module, "environ_get", (Func<Caller, int, int, int>)((caller, environ, buffer) =>
            (int)Guarded(WasiSyscall.EnvironGet, caller, (uint)environ, (uint)buffer, static (self, m, environ, buffer) => StringsGet(m, self.Handler.GetEnvironment(), environ, buffer))));
        linker.DefineFunction(Module, "environ_sizes_get", (Func<Caller, int, int, int>)((caller, count, size) =>
            (int)Guarded(WasiSyscall.EnvironSizesGet, caller, (uint)count, (uint)size, static (self, m, count, size) => StringsSizesGet(m, self.Handler.GetEnvironment(), count, size))));
        linker.DefineFunction(Module, "clock_res_get", (Func<Caller, int, int, int>)((caller, id, result) =>
            (int)Guarded(WasiSyscall.ClockResGet, caller, (uint)id, (uint)result, static (self, m, id, result) =>
                id > (uint)ClockId.ThreadCputimeId ? Errno.Inval
                : !m.IsInBounds(result, 8) ? Errno.Fault
                : Deliver(m, self.Handler.ClockResGet((ClockId)id), result))));
        linker.DefineFunction(Module, "clock_time_get", (Func<Caller, int, long, int, int>)((caller, id, precision, result) =>
        {
            var m = MemoryOf(caller);
            if (m is null)
            {
                return (int)Errno.Fault;
            }

            if ((uint)id > (uint)ClockId.ThreadCputimeId)
            {
                return (int)Errno.Inval;
            }

            if (!m.IsInBounds((uint)result, 8))
            {
                return (int)Errno.Fault;
            }

            try
            {
                return (int)Deliver(m, Handler.ClockTimeGet((ClockId)id, (ulong)precision), (uint)result);
            }
#pragma warning disable CA1031 // handler failures become errnos
            catch (Exception e) when (SyscallFaults.TryMapToErrno(e, WasiSyscall.ClockTimeGet, Logger, CancellationToken, out var errno))
#pragma warning restore CA1031
            {
                return (int)errno;
            }
        }));
        linker.DefineFunction(Module, "random_get", (Func<Caller, int, int, int>)((caller, buffer, length) =>
            (int)Guarded(WasiSyscall.RandomGet, caller, (uint)buffer, (uint)length, static (self, m, buffer, length) =>
                m.TryGetSpan(buffer, length, out var span) ? self.Handler.RandomGet(span) : Errno.Fault)));
        linker.DefineFunction(Module, "sched_yield", (Func<Caller, int>)(caller =>
            (int)Guarded(WasiSyscall.SchedYield, caller, 0, 0, static (self, _, _, _) => self.Handler.SchedYield())));
        linker.DefineFunction(Module, "proc_exit", (Action<Caller, int>)((caller, code) =>
        {
            Handler.ProcExit(code);
            throw new WasiExitException(code);
        }));
    }

    private delegate Errno DirectCall(WasiPreview1 self, GuestMemory memory, uint a, uint b);

    private Errno Guarded(WasiSyscall syscall, Caller caller, uint a, uint b, DirectCall call)
    {
        var m = MemoryOf(caller);
        if (m is null)
        {
            return Errno.Fault;
        }

        try
        {
            return call(this, m, a, b);
        }
#pragma warning disable CA1031 // handler failures become errnos
        catch (Exception e) when (SyscallFaults.TryMapToErrno(e, syscall, Logger, CancellationToken, out var errno))
#pragma warning restore CA1031
        {
            return errno;
        }
    }

    private static Errno Deliver(GuestMemory memory, WasiResult<ulong> result, uint pointer)
    {
        if (result.IsSuccess)
        {
            memory.WriteUInt64(pointer, result.Value);
        }

        return result.Errno;
    }

    private static Errno StringsSizesGet(GuestMemory memory, WasiResult<WasiStrings> strings, uint countPointer, uint sizePointer)
    {
        if (!memory.IsInBounds(countPointer, 4) || !memory.IsInBounds(sizePointer, 4))
        {
            return Errno.Fault;
        }

        if (!strings.IsSuccess)
        {
            return strings.Errno;
        }

        memory.WriteUInt32(countPointer, (uint)strings.Value.Count);
        memory.WriteUInt32(sizePointer, (uint)strings.Value.BufferSize);
        return Errno.Success;
    }

    private static Errno StringsGet(GuestMemory memory, WasiResult<WasiStrings> result, uint pointers, uint buffer)
    {
        if (!result.IsSuccess)
        {
            return result.Errno;
        }

        var strings = result.Value;
        if (!memory.IsInBounds(pointers, (ulong)strings.Count * 4) || !memory.TryGetSpan(buffer, (uint)strings.BufferSize, out var target))
        {
            return Errno.Fault;
        }

        strings.Buffer.CopyTo(target);
        for (var i = 0; i < strings.Count; i++)
        {
            memory.WriteUInt32(pointers + ((uint)i * 4), buffer + (uint)strings.OffsetOf(i));
        }

        return Errno.Success;
    }

    private void DefineProxied(Linker linker)
    {
        linker.DefineFunction(Module, "fd_advise", (Func<Caller,int,long,long,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.FdAdvise, 4, (uint)a0, a1, a2, (uint)a3)));

        linker.DefineFunction(Module, "fd_allocate", (Func<Caller,int,long,long,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.FdAllocate, 3, (uint)a0, a1, a2)));

        linker.DefineFunction(Module, "fd_close", (Func<Caller,int,int>)((caller, a0) =>
            Forward(caller, WasiSyscall.FdClose, 1, (uint)a0)));

        linker.DefineFunction(Module, "fd_datasync", (Func<Caller,int,int>)((caller, a0) =>
            Forward(caller, WasiSyscall.FdDatasync, 1, (uint)a0)));

        linker.DefineFunction(Module, "fd_fdstat_get", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdFdstatGet, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_fdstat_set_flags", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdFdstatSetFlags, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_fdstat_set_rights", (Func<Caller,int,long,long,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.FdFdstatSetRights, 3, (uint)a0, a1, a2)));

        linker.DefineFunction(Module, "fd_filestat_get", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdFilestatGet, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_filestat_set_size", (Func<Caller,int,long,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdFilestatSetSize, 2, (uint)a0, a1)));

        linker.DefineFunction(Module, "fd_filestat_set_times", (Func<Caller,int,long,long,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.FdFilestatSetTimes, 4, (uint)a0, a1, a2, (uint)a3)));

        linker.DefineFunction(Module, "fd_pread", (Func<Caller,int,int,int,long,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.FdPread, 5, (uint)a0, (uint)a1, (uint)a2, a3, (uint)a4)));

        linker.DefineFunction(Module, "fd_prestat_get", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdPrestatGet, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_prestat_dir_name", (Func<Caller,int,int,int,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.FdPrestatDirName, 3, (uint)a0, (uint)a1, (uint)a2)));

        linker.DefineFunction(Module, "fd_pwrite", (Func<Caller,int,int,int,long,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.FdPwrite, 5, (uint)a0, (uint)a1, (uint)a2, a3, (uint)a4)));

        linker.DefineFunction(Module, "fd_read", (Func<Caller,int,int,int,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.FdRead, 4, (uint)a0, (uint)a1, (uint)a2, (uint)a3)));

        linker.DefineFunction(Module, "fd_readdir", (Func<Caller,int,int,int,long,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.FdReaddir, 5, (uint)a0, (uint)a1, (uint)a2, a3, (uint)a4)));

        linker.DefineFunction(Module, "fd_renumber", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdRenumber, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_seek", (Func<Caller,int,long,int,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.FdSeek, 4, (uint)a0, a1, (uint)a2, (uint)a3)));

        linker.DefineFunction(Module, "fd_sync", (Func<Caller,int,int>)((caller, a0) =>
            Forward(caller, WasiSyscall.FdSync, 1, (uint)a0)));

        linker.DefineFunction(Module, "fd_tell", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.FdTell, 2, (uint)a0, (uint)a1)));

        linker.DefineFunction(Module, "fd_write", (Func<Caller,int,int,int,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.FdWrite, 4, (uint)a0, (uint)a1, (uint)a2, (uint)a3)));

        linker.DefineFunction(Module, "path_create_directory", (Func<Caller,int,int,int,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.PathCreateDirectory, 3, (uint)a0, (uint)a1, (uint)a2)));

        linker.DefineFunction(Module, "path_filestat_get", (Func<Caller,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.PathFilestatGet, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4)));

        linker.DefineFunction(Module, "path_filestat_set_times", (Func<Caller,int,int,int,int,long,long,int,int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
            Forward(caller, WasiSyscall.PathFilestatSetTimes, 7, (uint)a0, (uint)a1, (uint)a2, (uint)a3, a4, a5, (uint)a6)));

        linker.DefineFunction(Module, "path_link", (Func<Caller,int,int,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4, a5, a6) =>
            Forward(caller, WasiSyscall.PathLink, 7, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5, (uint)a6)));

        linker.DefineFunction(Module, "path_open", (Func<Caller,int,int,int,int,int,long,long,int,int,int>)((caller, a0, a1, a2, a3, a4, a5, a6, a7, a8) =>
            Forward(caller, WasiSyscall.PathOpen, 9, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, a5, a6, (uint)a7, (uint)a8)));

        linker.DefineFunction(Module, "path_readlink", (Func<Caller,int,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4, a5) =>
            Forward(caller, WasiSyscall.PathReadlink, 6, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5)));

        linker.DefineFunction(Module, "path_remove_directory", (Func<Caller,int,int,int,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.PathRemoveDirectory, 3, (uint)a0, (uint)a1, (uint)a2)));

        linker.DefineFunction(Module, "path_rename", (Func<Caller,int,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4, a5) =>
            Forward(caller, WasiSyscall.PathRename, 6, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5)));

        linker.DefineFunction(Module, "path_symlink", (Func<Caller,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.PathSymlink, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4)));

        linker.DefineFunction(Module, "path_unlink_file", (Func<Caller,int,int,int,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.PathUnlinkFile, 3, (uint)a0, (uint)a1, (uint)a2)));

        linker.DefineFunction(Module, "poll_oneoff", (Func<Caller,int,int,int,int,int>)((caller, a0, a1, a2, a3) =>
            Forward(caller, WasiSyscall.PollOneoff, 4, (uint)a0, (uint)a1, (uint)a2, (uint)a3)));

        linker.DefineFunction(Module, "proc_raise", (Func<Caller,int,int>)((caller, a0) =>
            Forward(caller, WasiSyscall.ProcRaise, 1, (uint)a0)));

        linker.DefineFunction(Module, "sock_accept", (Func<Caller,int,int,int,int>)((caller, a0, a1, a2) =>
            Forward(caller, WasiSyscall.SockAccept, 3, (uint)a0, (uint)a1, (uint)a2)));

        linker.DefineFunction(Module, "sock_recv", (Func<Caller,int,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4, a5) =>
            Forward(caller, WasiSyscall.SockRecv, 6, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4, (uint)a5)));

        linker.DefineFunction(Module, "sock_send", (Func<Caller,int,int,int,int,int,int>)((caller, a0, a1, a2, a3, a4) =>
            Forward(caller, WasiSyscall.SockSend, 5, (uint)a0, (uint)a1, (uint)a2, (uint)a3, (uint)a4)));

        linker.DefineFunction(Module, "sock_shutdown", (Func<Caller,int,int,int>)((caller, a0, a1) =>
            Forward(caller, WasiSyscall.SockShutdown, 2, (uint)a0, (uint)a1)));
    }
}

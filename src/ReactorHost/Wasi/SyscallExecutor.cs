using System.Text;

namespace ReactorHost.Wasi;

/// <summary>
/// The ABI half of a proxied syscall: decodes a <see cref="SyscallRequest"/> (bounds-checks every
/// guest pointer, builds zero-copy views, decodes UTF-8 paths, range-checks enums and flags), calls
/// the <see cref="WasiHandler"/> member, and writes the result back into guest memory. Bad
/// arguments are answered with an errno before the handler runs, so a handler never sees an
/// out-of-bounds view and an operation never happens whose result could not be delivered.
/// </summary>
/// <remarks>May run on the guest thread or on a host loop; the guest is blocked either way.</remarks>
public sealed partial class SyscallExecutor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Creates an executor for <paramref name="handler"/> over <paramref name="memory"/>.</summary>
    public SyscallExecutor(WasiHandler handler, GuestMemory memory)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(memory);
        Handler = handler;
        Memory = memory;
    }

    /// <summary>The handler syscalls are decoded for.</summary>
    public WasiHandler Handler { get; }

    /// <summary>The guest's memory.</summary>
    public GuestMemory Memory { get; }

    /// <summary>
    /// Decodes and runs <paramref name="request"/>. Returns synchronously when the handler completes
    /// synchronously. Handler exceptions propagate (the caller decides how to report them).
    /// </summary>
    public ValueTask<Errno> Execute(in SyscallRequest request, CancellationToken cancellationToken)
    {
        var h = Handler;
        var m = Memory;
        var ct = cancellationToken;
        switch (request.Syscall)
        {
            case WasiSyscall.FdAdvise:
                if (request.U32(3) > (uint)Advice.Noreuse)
                {
                    return Fail(Errno.Inval);
                }

                return h.FdAdvise(Fd(request, 0), request.U64(1), request.U64(2), (Advice)request.U32(3), ct);

            case WasiSyscall.FdAllocate:
                return h.FdAllocate(Fd(request, 0), request.U64(1), request.U64(2), ct);

            case WasiSyscall.FdClose:
                return h.FdClose(Fd(request, 0), ct);

            case WasiSyscall.FdDatasync:
                return h.FdDatasync(Fd(request, 0), ct);

            case WasiSyscall.FdFdstatGet:
                return CheckOut(request.U32(1), FdStat.Size) is var e0 && e0 != Errno.Success
                    ? Fail(e0)
                    : Finish(h.FdFdstatGet(Fd(request, 0), ct), request.U32(1));

            case WasiSyscall.FdFdstatSetFlags:
                return !TryFlags(request.U32(1), AllFdFlags, out var setFlags)
                    ? Fail(Errno.Inval)
                    : h.FdFdstatSetFlags(Fd(request, 0), (FdFlags)setFlags, ct);

            case WasiSyscall.FdFdstatSetRights:
                return (request.U64(1) & ~(ulong)AllRights) != 0 || (request.U64(2) & ~(ulong)AllRights) != 0
                    ? Fail(Errno.Inval)
                    : h.FdFdstatSetRights(Fd(request, 0), (Rights)request.U64(1), (Rights)request.U64(2), ct);

            case WasiSyscall.FdFilestatGet:
                return CheckOut(request.U32(1), FileStat.Size) is var e1 && e1 != Errno.Success
                    ? Fail(e1)
                    : Finish(h.FdFilestatGet(Fd(request, 0), ct), request.U32(1));

            case WasiSyscall.FdFilestatSetSize:
                return h.FdFilestatSetSize(Fd(request, 0), request.U64(1), ct);

            case WasiSyscall.FdFilestatSetTimes:
                return !TryFlags(request.U32(3), AllFstFlags, out var fst)
                    ? Fail(Errno.Inval)
                    : h.FdFilestatSetTimes(Fd(request, 0), request.U64(1), request.U64(2), (FstFlags)fst, ct);

            case WasiSyscall.FdPread:
            case WasiSyscall.FdPwrite:
            {
                var e = IovecArray.TryCreate(m, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success)
                {
                    e = CheckOut(request.U32(4), 4);
                }

                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                return request.Syscall == WasiSyscall.FdPread
                    ? Finish(h.FdPread(Fd(request, 0), iovs, request.U64(3), ct), request.U32(4))
                    : Finish(h.FdPwrite(Fd(request, 0), iovs, request.U64(3), ct), request.U32(4));
            }

            case WasiSyscall.FdPrestatGet:
                return CheckOut(request.U32(1), Prestat.Size) is var e2 && e2 != Errno.Success
                    ? Fail(e2)
                    : Finish(h.FdPrestatGet(Fd(request, 0), ct), request.U32(1));

            case WasiSyscall.FdPrestatDirName:
                return !m.IsInBounds(request.U32(1), request.U32(2))
                    ? Fail(Errno.Fault)
                    : h.FdPrestatDirName(Fd(request, 0), m.GetMemory(request.U32(1), request.U32(2)), ct);

            case WasiSyscall.FdRead:
            case WasiSyscall.FdWrite:
            {
                var e = IovecArray.TryCreate(m, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success)
                {
                    e = CheckOut(request.U32(3), 4);
                }

                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                return request.Syscall == WasiSyscall.FdRead
                    ? Finish(h.FdRead(Fd(request, 0), iovs, ct), request.U32(3))
                    : Finish(h.FdWrite(Fd(request, 0), iovs, ct), request.U32(3));
            }

            case WasiSyscall.FdReaddir:
                if (!m.IsInBounds(request.U32(1), request.U32(2)) || CheckOut(request.U32(4), 4) != Errno.Success)
                {
                    return Fail(Errno.Fault);
                }

                return Finish(h.FdReaddir(Fd(request, 0), m.GetMemory(request.U32(1), request.U32(2)), request.U64(3), ct), request.U32(4));

            case WasiSyscall.FdRenumber:
                return h.FdRenumber(Fd(request, 0), Fd(request, 1), ct);

            case WasiSyscall.FdSeek:
                if (request.U32(2) > (uint)Whence.End)
                {
                    return Fail(Errno.Inval);
                }

                return CheckOut(request.U32(3), 8) is var e3 && e3 != Errno.Success
                    ? Fail(e3)
                    : Finish(h.FdSeek(Fd(request, 0), request.I64(1), (Whence)request.U32(2), ct), request.U32(3));

            case WasiSyscall.FdSync:
                return h.FdSync(Fd(request, 0), ct);

            case WasiSyscall.FdTell:
                return CheckOut(request.U32(1), 8) is var e4 && e4 != Errno.Success
                    ? Fail(e4)
                    : Finish(h.FdTell(Fd(request, 0), ct), request.U32(1));

            case WasiSyscall.PathCreateDirectory:
            case WasiSyscall.PathRemoveDirectory:
            case WasiSyscall.PathUnlinkFile:
            {
                var e = TryString(request.U32(1), request.U32(2), out var path);
                if (e != Errno.Success)
                {
                    return Fail(e);
                }

                return request.Syscall switch
                {
                    WasiSyscall.PathCreateDirectory => h.PathCreateDirectory(Fd(request, 0), path, ct),
                    WasiSyscall.PathRemoveDirectory => h.PathRemoveDirectory(Fd(request, 0), path, ct),
                    _ => h.PathUnlinkFile(Fd(request, 0), path, ct),
                };
            }

            case WasiSyscall.PathFilestatGet:
            {
                var e = TryLookupFlags(request.U32(1), out var flags);
                if (e == Errno.Success)
                {
                    e = TryString(request.U32(2), request.U32(3), out var path);
                    if (e == Errno.Success && (e = CheckOut(request.U32(4), FileStat.Size)) == Errno.Success)
                    {
                        return Finish(h.PathFilestatGet(Fd(request, 0), flags, path, ct), request.U32(4));
                    }
                }

                return Fail(e);
            }

            case WasiSyscall.PathFilestatSetTimes:
            {
                var e = TryLookupFlags(request.U32(1), out var flags);
                if (e == Errno.Success && !TryFlags(request.U32(6), AllFstFlags, out _))
                {
                    e = Errno.Inval;
                }

                if (e == Errno.Success && (e = TryString(request.U32(2), request.U32(3), out var path)) == Errno.Success)
                {
                    return h.PathFilestatSetTimes(Fd(request, 0), flags, path, request.U64(4), request.U64(5), (FstFlags)request.U32(6), ct);
                }

                return Fail(e);
            }

            case WasiSyscall.PathLink:
            {
                var e = TryLookupFlags(request.U32(1), out var flags);
                if (e == Errno.Success
                    && (e = TryString(request.U32(2), request.U32(3), out var oldPath)) == Errno.Success
                    && (e = TryString(request.U32(5), request.U32(6), out var newPath)) == Errno.Success)
                {
                    return h.PathLink(Fd(request, 0), flags, oldPath, Fd(request, 4), newPath, ct);
                }

                return Fail(e);
            }

            case WasiSyscall.PathOpen:
            {
                var e = TryLookupFlags(request.U32(1), out var flags);
                if (e == Errno.Success
                    && (!TryFlags(request.U32(4), AllOFlags, out _)
                        || !TryFlags(request.U32(7), AllFdFlags, out _)
                        || (request.U64(5) & ~(ulong)AllRights) != 0
                        || (request.U64(6) & ~(ulong)AllRights) != 0))
                {
                    e = Errno.Inval;
                }

                if (e == Errno.Success
                    && (e = TryString(request.U32(2), request.U32(3), out var path)) == Errno.Success
                    && (e = CheckOut(request.U32(8), 4)) == Errno.Success)
                {
                    return Finish(
                        h.PathOpen(Fd(request, 0), flags, path, (OFlags)request.U32(4), (Rights)request.U64(5), (Rights)request.U64(6), (FdFlags)request.U32(7), ct),
                        request.U32(8));
                }

                return Fail(e);
            }

            case WasiSyscall.PathReadlink:
            {
                var e = TryString(request.U32(1), request.U32(2), out var path);
                if (e == Errno.Success && (!m.IsInBounds(request.U32(3), request.U32(4)) || CheckOut(request.U32(5), 4) != Errno.Success))
                {
                    e = Errno.Fault;
                }

                return e != Errno.Success
                    ? Fail(e)
                    : Finish(h.PathReadlink(Fd(request, 0), path, m.GetMemory(request.U32(3), request.U32(4)), ct), request.U32(5));
            }

            case WasiSyscall.PathRename:
            {
                Errno e;
                if ((e = TryString(request.U32(1), request.U32(2), out var oldPath)) == Errno.Success
                    && (e = TryString(request.U32(4), request.U32(5), out var newPath)) == Errno.Success)
                {
                    return h.PathRename(Fd(request, 0), oldPath, Fd(request, 3), newPath, ct);
                }

                return Fail(e);
            }

            case WasiSyscall.PathSymlink:
            {
                Errno e;
                if ((e = TryString(request.U32(0), request.U32(1), out var oldPath)) == Errno.Success
                    && (e = TryString(request.U32(3), request.U32(4), out var newPath)) == Errno.Success)
                {
                    return h.PathSymlink(oldPath, Fd(request, 2), newPath, ct);
                }

                return Fail(e);
            }

            case WasiSyscall.PollOneoff:
            {
                var count = request.U32(2);
                if (count == 0)
                {
                    return Fail(Errno.Inval);
                }

                if (count > int.MaxValue / Subscription.Size
                    || !m.IsInBounds(request.U32(0), (ulong)count * Subscription.Size)
                    || !m.IsInBounds(request.U32(1), (ulong)count * Event.Size)
                    || CheckOut(request.U32(3), 4) != Errno.Success)
                {
                    return Fail(Errno.Fault);
                }

                return Finish(
                    h.PollOneoff(new SubscriptionArray(m, request.U32(0), (int)count), new EventArray(m, request.U32(1), (int)count), ct),
                    request.U32(3));
            }

            case WasiSyscall.ProcRaise:
                return request.U32(0) > (uint)Signal.Sys ? Fail(Errno.Inval) : h.ProcRaise((Signal)request.U32(0), ct);

            case WasiSyscall.SockAccept:
                return !TryFlags(request.U32(1), AllFdFlags, out var acceptFlags)
                    ? Fail(Errno.Inval)
                    : CheckOut(request.U32(2), 4) is var e5 && e5 != Errno.Success
                        ? Fail(e5)
                        : Finish(h.SockAccept(Fd(request, 0), (FdFlags)acceptFlags, ct), request.U32(2));

            case WasiSyscall.SockRecv:
            {
                var e = IovecArray.TryCreate(m, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success && !TryFlags(request.U32(3), (ushort)(RiFlags.RecvPeek | RiFlags.RecvWaitall), out _))
                {
                    e = Errno.Inval;
                }

                if (e == Errno.Success && (CheckOut(request.U32(4), 4) != Errno.Success || CheckOut(request.U32(5), 2) != Errno.Success))
                {
                    e = Errno.Fault;
                }

                return e != Errno.Success
                    ? Fail(e)
                    : FinishRecv(h.SockRecv(Fd(request, 0), iovs, (RiFlags)request.U32(3), ct), request.U32(4), request.U32(5));
            }

            case WasiSyscall.SockSend:
            {
                var e = IovecArray.TryCreate(m, request.U32(1), request.U32(2), out var iovs);
                if (e == Errno.Success && request.U32(3) != 0)
                {
                    e = Errno.Inval;
                }

                if (e == Errno.Success)
                {
                    e = CheckOut(request.U32(4), 4);
                }

                return e != Errno.Success
                    ? Fail(e)
                    : Finish(h.SockSend(Fd(request, 0), iovs, SiFlags.None, ct), request.U32(4));
            }

            case WasiSyscall.SockShutdown:
                return !TryFlags(request.U32(1), (ushort)(SdFlags.Rd | SdFlags.Wr), out var how)
                    ? Fail(Errno.Inval)
                    : h.SockShutdown(Fd(request, 0), (SdFlags)how, ct);

            case >= WasiSyscall.SockOpen:
                return ExecuteSocketExtension(in request, ct);

            default:
                return Fail(Errno.Nosys);
        }
    }

    private const ushort AllFdFlags = (ushort)(FdFlags.Append | FdFlags.Dsync | FdFlags.Nonblock | FdFlags.Rsync | FdFlags.Sync);
    private const ushort AllFstFlags = (ushort)(FstFlags.Atim | FstFlags.AtimNow | FstFlags.Mtim | FstFlags.MtimNow);
    private const ushort AllOFlags = (ushort)(OFlags.Creat | OFlags.Directory | OFlags.Excl | OFlags.Trunc);

    /// <summary>Every right defined by preview1.</summary>
    public const Rights AllRights = (Rights)((1UL << 30) - 1);

    private static int Fd(in SyscallRequest request, int index) => (int)request.U32(index);

    private static ValueTask<Errno> Fail(Errno errno) => new(errno);

    private static bool TryFlags(uint raw, ushort allowed, out ushort flags)
    {
        flags = (ushort)raw;
        return (raw & ~(uint)allowed) == 0;
    }

    private static Errno TryLookupFlags(uint raw, out LookupFlags flags)
    {
        flags = (LookupFlags)raw;
        return (raw & ~(uint)LookupFlags.SymlinkFollow) == 0 ? Errno.Success : Errno.Inval;
    }

    private Errno CheckOut(uint pointer, uint size) => Memory.IsInBounds(pointer, size) ? Errno.Success : Errno.Fault;

    private Errno TryString(uint pointer, uint length, out string value)
    {
        value = string.Empty;
        if (!Memory.TryGetSpan(pointer, length, out var bytes))
        {
            return Errno.Fault;
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return Errno.Ilseq;
        }

        try
        {
            value = StrictUtf8.GetString(bytes);
            return Errno.Success;
        }
        catch (DecoderFallbackException)
        {
            return Errno.Ilseq;
        }
    }

    private ValueTask<Errno> Finish<T>(ValueTask<WasiResult<T>> pending, uint resultPointer)
        where T : unmanaged
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new ValueTask<Errno>(Deliver(pending.Result, resultPointer));
        }

        // No async wrapper: see DeferredDelivery (nothing attached to the handler's task until a waiter needs it).
        return DeferredDelivery<T>.Start(this, pending, resultPointer);
    }

    /// <summary>The reusable pending-result wrapper of the last result type (see <see cref="DeferredDelivery{T}"/>).</summary>
    internal object? DeferredDeliveryCache { get; set; }

    internal Errno Deliver<T>(WasiResult<T> result, uint resultPointer)
        where T : unmanaged
    {
        if (result.Errno == Errno.Success && !Memory.TryWrite(resultPointer, result.Value))
        {
            return Errno.Fault;
        }

        return result.Errno;
    }

    private ValueTask<Errno> FinishRecv(ValueTask<WasiResult<(uint Length, RoFlags Flags)>> pending, uint lengthPointer, uint flagsPointer)
    {
        if (pending.IsCompletedSuccessfully)
        {
            return new ValueTask<Errno>(DeliverRecv(pending.Result, lengthPointer, flagsPointer));
        }

        return Awaited(this, pending, lengthPointer, flagsPointer);

        static async ValueTask<Errno> Awaited(SyscallExecutor self, ValueTask<WasiResult<(uint, RoFlags)>> pending, uint lengthPointer, uint flagsPointer) =>
            self.DeliverRecv(await pending.ConfigureAwait(false), lengthPointer, flagsPointer);
    }

    private Errno DeliverRecv(WasiResult<(uint Length, RoFlags Flags)> result, uint lengthPointer, uint flagsPointer)
    {
        if (result.Errno == Errno.Success
            && (!Memory.TryWrite(lengthPointer, result.Value.Length) || !Memory.TryWrite(flagsPointer, (ushort)result.Value.Flags)))
        {
            return Errno.Fault;
        }

        return result.Errno;
    }
}

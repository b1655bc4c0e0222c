using System.Runtime.InteropServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Reserve / commit / release of address space for linear memories. The whole maximum is reserved
/// up front (no access), pages are made accessible on growth, so the base address never moves.
/// Linux and macOS use mmap/mprotect, Windows VirtualAlloc; elsewhere a zeroed allocation of the
/// full reservation is the fallback.
/// </summary>
internal static unsafe partial class VirtualMemory
{
    private const int ProtNone = 0;
    private const int ProtReadWrite = 3;
    private const int MapPrivate = 0x02;
    private const int LinuxMapAnonymous = 0x20;
    private const int LinuxMapNoReserve = 0x4000;
    private const int MacMapAnonymous = 0x1000;
    private const uint MemCommit = 0x1000;
    private const uint MemReserve = 0x2000;
    private const uint MemRelease = 0x8000;
    private const uint PageNoAccess = 0x01;
    private const uint PageReadWrite = 0x04;

    private static bool UseMmap => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Reserves <paramref name="bytes"/> of inaccessible address space; null on failure.</summary>
    public static byte* Reserve(nuint bytes)
    {
        if (UseMmap)
        {
            var flags = MapPrivate | (OperatingSystem.IsLinux() ? LinuxMapAnonymous | LinuxMapNoReserve : MacMapAnonymous);
            var p = mmap(null, bytes, ProtNone, flags, -1, 0);
            return p == (void*)-1 ? null : (byte*)p;
        }

        if (OperatingSystem.IsWindows())
        {
            return (byte*)VirtualAlloc(null, bytes, MemReserve, PageNoAccess);
        }

        return (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(bytes);
    }

    /// <summary>Makes [address, address + bytes) readable and writable (zero-filled on first touch).</summary>
    public static bool Commit(byte* address, nuint bytes)
    {
        if (bytes == 0)
        {
            return true;
        }

        if (UseMmap)
        {
            return mprotect(address, bytes, ProtReadWrite) == 0;
        }

        if (OperatingSystem.IsWindows())
        {
            return VirtualAlloc(address, bytes, MemCommit, PageReadWrite) != null;
        }

        return true;
    }

    /// <summary>Releases a reservation made by <see cref="Reserve"/>.</summary>
    public static void Release(byte* address, nuint bytes)
    {
        if (UseMmap)
        {
            _ = munmap(address, bytes);
        }
        else if (OperatingSystem.IsWindows())
        {
            _ = VirtualFree(address, 0, MemRelease);
        }
        else
        {
            System.Runtime.InteropServices.NativeMemory.Free(address);
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(void* address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(void* address, nuint length);

    [LibraryImport("kernel32", SetLastError = true)]
    private static partial void* VirtualAlloc(void* address, nuint size, uint allocationType, uint protect);

    [LibraryImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool VirtualFree(void* address, nuint size, uint freeType);
}

using System.Runtime.InteropServices;

namespace ReactorHost.Wasm.Runtime;

/// <summary>The lowest address of the current thread's stack, where the OS can tell us.</summary>
internal static partial class ThreadStack
{
    /// <summary>Returns the low end of the current thread's stack, or 0 when unknown.</summary>
    public static unsafe nuint GetLowAddress()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // pthread_attr_t is 56 bytes on 64-bit glibc; use a generous buffer.
                var attr = stackalloc byte[256];
                if (pthread_getattr_np(pthread_self(), attr) != 0)
                {
                    return 0;
                }

                nint address = 0;
                nuint size = 0;
                var rc = pthread_attr_getstack(attr, &address, &size);
                _ = pthread_attr_destroy(attr);
                return rc == 0 ? (nuint)address : 0;
            }

            if (OperatingSystem.IsMacOS())
            {
                var self = pthread_self();
                var top = (nuint)pthread_get_stackaddr_np(self);
                var size = pthread_get_stacksize_np(self);
                return top > size ? top - size : 0;
            }

            if (OperatingSystem.IsWindows())
            {
                GetCurrentThreadStackLimits(out var low, out _);
                return low;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return 0;
    }

    [LibraryImport("libc")]
    private static partial nint pthread_self();

    [LibraryImport("libc")]
    private static unsafe partial int pthread_getattr_np(nint thread, byte* attr);

    [LibraryImport("libc")]
    private static unsafe partial int pthread_attr_getstack(byte* attr, nint* address, nuint* size);

    [LibraryImport("libc")]
    private static unsafe partial int pthread_attr_destroy(byte* attr);

    [LibraryImport("libc")]
    private static partial nint pthread_get_stackaddr_np(nint thread);

    [LibraryImport("libc")]
    private static partial nuint pthread_get_stacksize_np(nint thread);

    [LibraryImport("kernel32")]
    private static partial void GetCurrentThreadStackLimits(out nuint low, out nuint high);
}

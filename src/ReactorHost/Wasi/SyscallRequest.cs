using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ReactorHost.Wasi;

/// <summary>
/// A proxied syscall as the guest made it: which function, and its raw wasm arguments (i32 values
/// zero-extended, i64 as is) in import order. Fixed size and blittable, so a <see cref="SyscallLock"/>
/// slot holds one inline and nothing is serialized or allocated per call.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SyscallRequest
{
    /// <summary>Most parameters of any preview1 function (<c>path_open</c>: 9).</summary>
    public const int MaxArguments = 10;

    /// <summary>The function.</summary>
    public WasiSyscall Syscall;

    /// <summary>Number of meaningful <see cref="Arguments"/>.</summary>
    public int ArgumentCount;

    /// <summary>The raw arguments.</summary>
    public SyscallArguments Arguments;

    /// <summary>Argument <paramref name="index"/> as a guest u32 (pointer, length, fd, flags).</summary>
    public readonly uint U32(int index) => (uint)Arguments[index];

    /// <summary>Argument <paramref name="index"/> as a u64.</summary>
    public readonly ulong U64(int index) => (ulong)Arguments[index];

    /// <summary>Argument <paramref name="index"/> as an i64.</summary>
    public readonly long I64(int index) => Arguments[index];
}

/// <summary>Inline storage for the raw arguments of a <see cref="SyscallRequest"/>.</summary>
[InlineArray(SyscallRequest.MaxArguments)]
public struct SyscallArguments
{
    private long _element0;
}

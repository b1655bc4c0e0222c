using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// What marshalling code sees of a reactor's guest, on the guest thread: its instance, its linear
/// memory and its allocator (<c>cabi_realloc</c> when exported, else <c>malloc</c>/<c>free</c>).
/// One context per instance; valid only inside the marshaller, unmarshaller or
/// <see cref="WasiReactor.InvokeAsync{TState, TResult}"/> callback it was handed to.
/// </summary>
/// <remarks>
/// Guest addresses are wasm <c>i32</c> values: passed as <see cref="int"/> and read as unsigned.
/// Memory accessors check bounds and throw <see cref="ArgumentOutOfRangeException"/> outside memory.
/// </remarks>
public sealed class ReactorContext
{
    private readonly Memory? _memory;
    private readonly Func<int, int, int, int, int>? _cabiRealloc;
    private readonly Func<int, int>? _malloc;
    private readonly Action<int>? _free;
    private readonly List<int> _temporaries = [];

    internal ReactorContext(Instance instance)
    {
        Instance = instance;
        _memory = instance.GetMemory("memory");
        _cabiRealloc = instance.GetFunction("cabi_realloc") is { } cabiRealloc ? CabiRealloc(cabiRealloc) : null;
        _malloc = TryGet(() => instance.GetFunction<int, int>("malloc"));
        _free = TryGet(() => instance.GetAction<int>("free"));
        Allocator = _cabiRealloc is not null ? ReactorAllocatorKind.CabiRealloc
            : _malloc is not null ? ReactorAllocatorKind.Malloc
            : ReactorAllocatorKind.None;
    }

    /// <summary>The guest instance (exports, globals, tables).</summary>
    public Instance Instance { get; }

    /// <summary>The guest's exported <c>memory</c>.</summary>
    /// <exception cref="InvalidOperationException">The guest exports no memory.</exception>
    public Memory Memory => _memory ?? throw new InvalidOperationException($"The module '{Instance.Module.Name}' exports no memory named \"memory\".");

    /// <summary>Which allocator <see cref="Allocate(int, int)"/> uses.</summary>
    public ReactorAllocatorKind Allocator { get; }

    /// <summary>True while guest code runs on behalf of the current call (an exception then aborts the instance).</summary>
    internal bool InGuest { get; set; }

    /// <summary>A span over guest memory [address, address + length).</summary>
    public Span<byte> GetSpan(int address, int length) => Memory.GetSpan((uint)address, length);

    /// <summary>A <see cref="Memory{T}"/> view over guest memory [address, address + length) (valid while the instance lives; never moves).</summary>
    public Memory<byte> GetMemory(int address, int length) => Memory.AsMemory((uint)address, length);

    /// <summary>Reads a little-endian i32 at <paramref name="address"/>.</summary>
    public int ReadInt32(int address) => BinaryPrimitives.ReadInt32LittleEndian(GetSpan(address, 4));

    /// <summary>Writes a little-endian i32 at <paramref name="address"/>.</summary>
    public void WriteInt32(int address, int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(address, 4), value);

    /// <summary>Reads <paramref name="length"/> bytes of UTF-8 at <paramref name="address"/>.</summary>
    public string ReadUtf8(int address, int length) => length == 0 ? string.Empty : Encoding.UTF8.GetString(GetSpan(address, length));

    /// <summary>Copies <paramref name="length"/> bytes at <paramref name="address"/> into a new array.</summary>
    public byte[] ReadBytes(int address, int length) => length == 0 ? [] : GetSpan(address, length).ToArray();

    /// <summary>
    /// Allocates <paramref name="size"/> bytes in guest memory with the guest's allocator and
    /// returns the address (the caller frees it, or the guest takes ownership).
    /// </summary>
    /// <exception cref="InvalidOperationException">The guest exports no allocator, or it returned null.</exception>
    public int Allocate(int size, int alignment = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        int address;
        InGuest = true;
        if (_cabiRealloc is { } realloc)
        {
            address = realloc(0, 0, alignment, size);
        }
        else if (_malloc is { } malloc)
        {
            address = malloc(size);
        }
        else
        {
            InGuest = false;
            throw new InvalidOperationException($"The module '{Instance.Module.Name}' exports no allocator: export cabi_realloc, or malloc and free (link with -Wl,--export=malloc -Wl,--export=free).");
        }

        InGuest = false;
        if (address == 0 && size != 0)
        {
            ThrowAllocationFailed(size);
        }

        return address;
    }

    /// <summary>Frees guest memory from <see cref="Allocate(int, int)"/> (or returned by the guest) with the guest's <c>free</c>; a no-op when the guest exports none or <paramref name="address"/> is 0.</summary>
    public void Free(int address)
    {
        if (address != 0 && _free is { } free)
        {
            InGuest = true;
            free(address);
            InGuest = false;
        }
    }

    /// <summary>Allocates guest memory that is freed automatically once the current call has completed (after the unmarshaller ran).</summary>
    public int AllocateTemporary(int size, int alignment = 1)
    {
        var address = Allocate(size, alignment);
        _temporaries.Add(address);
        return address;
    }

    /// <summary>Copies <paramref name="bytes"/> into temporary guest memory (freed after the call); returns its address.</summary>
    public int WriteTemporary(ReadOnlySpan<byte> bytes)
    {
        var address = AllocateTemporary(Math.Max(bytes.Length, 1));
        bytes.CopyTo(GetSpan(address, bytes.Length));
        return address;
    }

    /// <summary>Encodes <paramref name="value"/> as UTF-8 into temporary guest memory (freed after the call); returns address and byte length.</summary>
    public (int Address, int Length) WriteUtf8Temporary(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = Encoding.UTF8.GetByteCount(value);
        var address = AllocateTemporary(Math.Max(length, 1));
        Encoding.UTF8.GetBytes(value, GetSpan(address, length));
        return (address, length);
    }

    /// <summary>Guest thread, after a call that left the instance usable: frees its temporaries.</summary>
    internal void EndCall()
    {
        if (_temporaries.Count == 0)
        {
            return;
        }

        foreach (var address in _temporaries)
        {
            Free(address);
        }

        _temporaries.Clear();
    }

    // The engine's typed accessors stop at three parameters: call the four-parameter
    // cabi_realloc through InvokeInto with a reused argument buffer.
    private static Func<int, int, int, int, int>? CabiRealloc(Function function)
    {
        if (function.Type.Parameters is not [ValueKind.Int32, ValueKind.Int32, ValueKind.Int32, ValueKind.Int32] || function.Type.Results is not [ValueKind.Int32])
        {
            return null;
        }

        var arguments = new WasmValue[4];
        var results = new WasmValue[1];
        return (old, oldSize, alignment, newSize) =>
        {
            arguments[0] = WasmValue.FromInt32(old);
            arguments[1] = WasmValue.FromInt32(oldSize);
            arguments[2] = WasmValue.FromInt32(alignment);
            arguments[3] = WasmValue.FromInt32(newSize);
            function.InvokeInto(arguments, results);
            return results[0].AsInt32();
        };
    }

    private static T? TryGet<T>(Func<T?> get)
        where T : class
    {
        try
        {
            return get();
        }
        catch (ArgumentException)
        {
            return null; // exported with another signature: not an allocator we can use
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAllocationFailed(int size) =>
        throw new InvalidOperationException($"The guest allocator returned null for {size} bytes.");
}

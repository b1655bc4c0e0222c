using static ReactorHost.Wasm.Tests.Backend.TestHost;

namespace ReactorHost.Wasm.Tests.Backend;

public class RuntimeTests
{
    [Fact]
    public void DataSegmentIsApplied()
    {
        var instance = Instantiate(BackendModules.Memory);
        Assert.Equal('h', instance.Call("load8", I32(16))[0].AsInt32());
        Assert.Equal("hello", System.Text.Encoding.ASCII.GetString(instance.GetMemory("mem")!.GetSpan(16, 5)));
    }

    [Theory]
    [InlineData(65535, true)]
    [InlineData(65536, false)]
    [InlineData(-1, false)]
    public void ByteAccessBoundsCheck(int address, bool ok)
    {
        var instance = Instantiate(BackendModules.Memory);
        if (ok)
        {
            Assert.Equal(0, instance.Call("load8", I32(address))[0].AsInt32());
        }
        else
        {
            Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<WasmTrapException>(() => instance.Call("load8", I32(address))).Code);
        }
    }

    [Fact]
    public void WideAccessStraddlingTheEndTraps()
    {
        var instance = Instantiate(BackendModules.Memory);
        instance.Call("store64", I32(65528), I64(-1));
        Assert.Equal(-1, instance.Call("load64", I32(65528))[0].AsInt64());
        Assert.Throws<WasmTrapException>(() => instance.Call("store64", I32(65529), I64(1)));
        Assert.All(instance.GetMemory("mem")!.GetSpan(65529, 7).ToArray(), b => Assert.Equal(0xff, b)); // nothing partially written
    }

    [Fact]
    public void OffsetIsAddedIn64Bits()
    {
        // 0x10 + 0xfffffff0 wraps to 0 in 32 bits; the access must trap instead.
        var instance = Instantiate(BackendModules.Memory);
        Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<WasmTrapException>(() => instance.Call("load_off", I32(0x10))).Code);
    }

    [Fact]
    public void GrowKeepsBaseAddressAndViewsValid()
    {
        var instance = Instantiate(BackendModules.Memory);
        var memory = instance.GetMemory("mem")!;
        var pointer = memory.Pointer;
        var view = memory.AsMemory(100, 8);
        Assert.Equal(1, instance.Call("grow", I32(2))[0].AsInt32());
        Assert.Equal(3, instance.Call("size")[0].AsInt32());
        Assert.Equal(pointer, memory.Pointer);
        instance.Call("store64", I32(100), I64(0x0102030405060708));
        Assert.Equal(8, view.Span[0]);

        // Newly committed pages are zero and accessible from compiled code (size re-read after grow).
        instance.Call("store64", I32((3 * 65536) - 8), I64(42));
        Assert.Equal(42, instance.Call("load64", I32((3 * 65536) - 8))[0].AsInt64());
        Assert.Equal(-1, instance.Call("grow", I32(2))[0].AsInt32()); // declared maximum is 4
    }

    [Fact]
    public void MaxMemoryBytesCapsGrowth()
    {
        var instance = Instantiate(BackendModules.Memory, options: new EngineOptions { MaxMemoryBytes = 2 * 65536 });
        Assert.Equal(1, instance.Call("grow", I32(1))[0].AsInt32());
        Assert.Equal(-1, instance.Call("grow", I32(1))[0].AsInt32());
        Assert.Equal(2, instance.Call("size")[0].AsInt32());
    }

    [Fact]
    public void BulkFillChecksBoundsBeforeWriting()
    {
        var instance = Instantiate(BackendModules.Memory);
        Assert.Throws<WasmTrapException>(() => instance.Call("fill", I32(65530), I32(0xff), I32(10)));
        Assert.Equal(0, instance.Call("load8", I32(65530))[0].AsInt32());
        instance.Call("fill", I32(65536), I32(0xff), I32(0)); // zero length at the end is fine
        instance.Call("fill", I32(65530), I32(0xff), I32(6));
        Assert.Equal(0xff, instance.Call("load8", I32(65535))[0].AsInt32());
    }

    [Fact]
    public void CallIndirectDispatchesAndTraps()
    {
        var instance = Instantiate(BackendModules.Tables);
        Assert.Equal(42, instance.Call("call", I32(0), I32(41))[0].AsInt32());
        Assert.Equal(TrapCode.IndirectCallTypeMismatch, Assert.Throws<WasmTrapException>(() => instance.Call("call", I32(1), I32(0))).Code);
        var nullElement = Assert.Throws<WasmTrapException>(() => instance.Call("call", I32(2), I32(0)));
        Assert.Equal(TrapCode.NullElement, nullElement.Code);
        Assert.Equal("uninitialized element", nullElement.Message);
        var outOfBounds = Assert.Throws<WasmTrapException>(() => instance.Call("call", I32(4), I32(0)));
        Assert.Equal(TrapCode.TableOutOfBounds, outOfBounds.Code);
        Assert.Equal("undefined element", outOfBounds.Message);
    }

    [Fact]
    public void CallIndirectAcceptsStructurallyEqualTypesFromOtherModules()
    {
        var instance = Instantiate(BackendModules.Tables);
        var host = Function.FromDelegate((int x) => x * 3);
        instance.GetTable("tab")!.SetElement(3, host);
        Assert.Equal(21, instance.Call("call", I32(3), I32(7))[0].AsInt32());
    }

    [Fact]
    public void RefFuncIsIdentityStable()
    {
        var instance = Instantiate(BackendModules.Tables);
        var first = instance.Call("ref")[0].AsFunction();
        Assert.Same(first, instance.Call("ref")[0].AsFunction());
        Assert.Same(instance.GetFunction("inc"), first);
        Assert.Same(first, instance.GetTable("tab")!.GetElement(0));
    }

    [Fact]
    public void DeepRecursionTrapsAndTheThreadSurvives()
    {
        OnThread(() =>
        {
            var instance = Instantiate(BackendModules.Traps);
            for (var i = 0; i < 3; i++)
            {
                var trap = Assert.Throws<WasmTrapException>(() => instance.Call("recurse", I32(0)));
                Assert.Equal(TrapCode.StackExhausted, trap.Code);
                Assert.Equal("call stack exhausted", trap.Message);
                Assert.Equal("recurse", trap.WasmStackTrace[0].FunctionName);
            }

            Assert.Equal(2, Instantiate(BackendModules.Calls).Call("fac", I64(2))[0].AsInt64());
        });
    }

    [Fact]
    public void StackBudgetIsHonouredOnSmallThreads()
    {
        // A 256 KiB thread cannot give wasm the default 512 KiB: the real stack bound wins.
        OnThread(() =>
        {
            var instance = Instantiate(BackendModules.Traps);
            Assert.Equal(TrapCode.StackExhausted, Assert.Throws<WasmTrapException>(() => instance.Call("recurse", I32(0))).Code);
        }, 384 * 1024);
    }

    [Fact]
    public void InterruptStopsAnInfiniteLoop()
    {
        var instance = Instantiate(BackendModules.Traps);
        var spin = instance.GetAction("spin")!;
        using var started = new ManualResetEventSlim();
        WasmTrapException? trap = null;
        var thread = new Thread(() =>
        {
            started.Set();
            try
            {
                spin();
            }
            catch (WasmTrapException e)
            {
                trap = e;
            }
        });
        thread.Start();
        started.Wait();
        Thread.Sleep(50);
        instance.Interrupt();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        Assert.Equal(TrapCode.Interrupted, trap?.Code);

        // Sticky until cleared.
        Assert.Equal(TrapCode.Interrupted, Assert.Throws<WasmTrapException>(() => instance.Call("div", I32(4), I32(2))).Code);
        instance.ClearInterrupt();
        Assert.Equal(2, instance.Call("div", I32(4), I32(2))[0].AsInt32());
    }

    [Fact]
    public void MemoryDisposeReleasesAndIsIdempotent()
    {
        var memory = new Memory(1, 2);
        memory.GetSpan(0, 4).Fill(1);
        Assert.Equal(1, memory.Grow(1));
        memory.Dispose();
        memory.Dispose();
        Assert.Equal(0, memory.Length);
        Assert.Equal(-1, memory.Grow(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.GetSpan(0, 1));
    }
}

using static ReactorHost.Wasm.Tests.Backend.TestHost;

namespace ReactorHost.Wasm.Tests.Backend;

public class CompilerTests
{
    private static readonly Instance Calls = Instantiate(BackendModules.Calls);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 120)]
    [InlineData(20, 2432902008176640000)]
    public void RecursiveFactorial(long n, long expected) =>
        Assert.Equal(expected, Calls.Call("fac", I64(n))[0].AsInt64());

    [Fact]
    public void NestedDirectCalls() => Assert.Equal(6, Calls.Call("sum3", I32(1), I32(2), I32(3))[0].AsInt32());

    [Fact]
    public void MultiValueResultsThroughCalls()
    {
        var swapped = Calls.Call("swap", I32(7), I64(-9));
        Assert.Equal([I64(-9), I32(7)], swapped);
        Assert.Equal([I32(7), I64(-9)], Calls.Call("swap_twice", I32(7), I64(-9)));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, 11)]
    [InlineData(2, 12)]
    [InlineData(3, 13)]
    [InlineData(4, 13)]
    [InlineData(-1, 13)]
    public void BranchTableSelectsTarget(int index, int expected) =>
        Assert.Equal(expected, Calls.Call("br_table", I32(index))[0].AsInt32());

    [Theory]
    [InlineData(0, 101)]
    [InlineData(5, 105)]
    public void BranchDiscardsOperandsBelowTheResult(int value, int expected) =>
        Assert.Equal(expected, Calls.Call("br_extras", I32(value))[0].AsInt32());

    [Fact]
    public void LoopWithBackEdge() => Assert.Equal(5050, Calls.Call("loop_sum", I32(100))[0].AsInt32());

    [Fact]
    public void BlocksAndLoopsWithParameters() => Assert.Equal(14, Calls.Call("multi_block", I32(10), I32(3))[0].AsInt32());

    [Theory]
    [InlineData(1, 7)]
    [InlineData(0, 9)]
    public void SelectPicksOperand(int condition, long expected) =>
        Assert.Equal(expected, Calls.Call("select", I32(condition))[0].AsInt64());

    [Fact]
    public void TypedAccessorCallsCompiledCode()
    {
        var sum3 = Calls.GetFunction<int, int, int, int>("sum3")!;
        Assert.Equal(60, sum3(10, 20, 30));
    }

    [Fact]
    public void TypedAccessorRejectsWrongSignature()
    {
        var error = Assert.Throws<ArgumentException>(() => Calls.GetFunction<int, long>("fac"));
        Assert.Contains("fac", error.Message, StringComparison.Ordinal);
        Assert.Null(Calls.GetFunction<int, int>("missing"));
    }

    [Fact]
    public void InvokeChecksArgumentTypes()
    {
        var fac = Calls.GetFunction("fac")!;
        Assert.Throws<ArgumentException>(() => fac.Invoke(I32(1)));
        Assert.Throws<ArgumentException>(() => fac.Invoke());
    }

    [Fact]
    public void CompiledFunctionsAreNamedForStackTraces()
    {
        var trap = Assert.Throws<WasmTrapException>(() => Instantiate(BackendModules.Traps).Call("outer"));
        Assert.Equal(TrapCode.Unreachable, trap.Code);
        Assert.Equal(["inner", "outer"], trap.WasmStackTrace.Select(f => f.FunctionName));
        Assert.All(trap.WasmStackTrace, f => Assert.Equal("test", f.ModuleName));
        Assert.Contains("wasm backtrace", trap.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DivisionTrapIsWasmTrap()
    {
        var traps = Instantiate(BackendModules.Traps);
        Assert.Equal(TrapCode.IntegerDivideByZero, Assert.Throws<WasmTrapException>(() => traps.Call("div", I32(1), I32(0))).Code);
        Assert.Equal(TrapCode.IntegerOverflow, Assert.Throws<WasmTrapException>(() => traps.Call("div", I32(int.MinValue), I32(-1))).Code);
    }

    [Fact]
    public void DefaultCodeIsCollectibleAndFullyOptimized()
    {
        var module = Module.FromBytes(new Engine(), "calls", BackendModules.Calls);
        var type = module.Compiled.Type;
        Assert.True(type.Assembly.IsCollectible);
        Assert.All(WasmMethods(type), method =>
            Assert.True(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization)));
    }

    [Fact]
    public void TieredCodeIsNotCollectibleAndBehavesTheSame()
    {
        var options = new EngineOptions { OptimizeCode = false, CollectibleCode = false };
        var module = Module.FromBytes(new Engine(options), "calls", BackendModules.Calls);
        var type = module.Compiled.Type;
        // .NET tiers only non-collectible code; without AggressiveOptimization these methods start at tier 0.
        Assert.False(type.Assembly.IsCollectible);
        Assert.All(WasmMethods(type), method =>
            Assert.False(method.MethodImplementationFlags.HasFlag(System.Reflection.MethodImplAttributes.AggressiveOptimization)));

        var instance = Instantiate(BackendModules.Calls, options: options);
        Assert.Equal(3628800, instance.Call("fac", I64(10))[0].AsInt64());
    }

    private static List<System.Reflection.MethodInfo> WasmMethods(Type type)
    {
        var methods = type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(method => ReactorHost.Wasm.Compilation.CompiledModule.TryParseFunctionIndex(method.Name, out _))
            .ToList();
        Assert.NotEmpty(methods);
        return methods;
    }
}

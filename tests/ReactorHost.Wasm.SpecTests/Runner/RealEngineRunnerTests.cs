using ReactorHost.Wasm.SpecTesting;
using ReactorHost.Wasm.Text;
using static ReactorHost.Wasm.SpecTests.Runner.Json;

namespace ReactorHost.Wasm.SpecTests.Runner;

/// <summary>The runner against the real engine: the spectest module, the watchdog's interrupt, stack exhaustion.</summary>
public sealed class RealEngineRunnerTests : IDisposable
{
    private readonly ScriptFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private void Wasm(string fileName, string wat) =>
        File.WriteAllBytes(Path.Combine(_fixture.Directory, fileName), Wat.ToBinary(wat));

    private static SpecCommandResult Single(SpecScriptResult result, int line) => Assert.Single(result.Commands, c => c.Line == line);

    [Fact]
    public void SpectestModuleHasTheReferenceDefinitions()
    {
        Wasm("m.wasm", """
            (module
              (import "spectest" "print" (func $print))
              (import "spectest" "print_i32" (func $print_i32 (param i32)))
              (import "spectest" "print_i64" (func $print_i64 (param i64)))
              (import "spectest" "print_f32" (func $print_f32 (param f32)))
              (import "spectest" "print_f64" (func $print_f64 (param f64)))
              (import "spectest" "print_i32_f32" (func $print_i32_f32 (param i32 f32)))
              (import "spectest" "print_f64_f64" (func $print_f64_f64 (param f64 f64)))
              (import "spectest" "global_i32" (global $gi32 i32))
              (import "spectest" "global_i64" (global $gi64 i64))
              (import "spectest" "global_f32" (global $gf32 f32))
              (import "spectest" "global_f64" (global $gf64 f64))
              (import "spectest" "table" (table 10 20 funcref))
              (import "spectest" "memory" (memory 1 2))
              (func (export "print_all")
                (call $print) (call $print_i32 (i32.const 1)) (call $print_i64 (i64.const 2))
                (call $print_f32 (f32.const 3)) (call $print_f64 (f64.const 4))
                (call $print_i32_f32 (i32.const 5) (f32.const 6)) (call $print_f64_f64 (f64.const 7) (f64.const 8)))
              (func (export "globals") (result i32 i64 f32 f64)
                (global.get $gi32) (global.get $gi64) (global.get $gf32) (global.get $gf64))
              (func (export "sizes") (result i32 i32 i32 i32)
                (table.size 0) (table.grow 0 (ref.null func) (i32.const 11)) (memory.size) (memory.grow (i32.const 2))))
            """);
        Wasm("too_big.wasm", """(module (import "spectest" "memory" (memory 1 1)))""");

        var result = ScriptFixture.Run(_fixture.Script("t.json",
            Module(1, "m.wasm"),
            Action(2, Invoke("print_all")),
            AssertReturn(3, Invoke("globals"), Value("i32", "666"), Value("i64", "666"),
                Value("f32", BitConverter.SingleToUInt32Bits(666.6f).ToString()), Value("f64", BitConverter.DoubleToUInt64Bits(666.6).ToString())),
            AssertReturn(4, Invoke("sizes"), Value("i32", "10"), Value("i32", "4294967295"), Value("i32", "1"), Value("i32", "4294967295")),
            AssertModule("assert_unlinkable", 5, "too_big.wasm", "incompatible import type")),
            engine: null);

        Assert.Equal(5, result.Passed);
    }

    [Fact]
    public void WatchdogInterruptsAnEndlessLoopAndTheScriptGoesOn()
    {
        Wasm("m.wasm", """(module (func (export "spin") (loop (br 0))) (func (export "one") (result i32) (i32.const 1)))""");

        var result = ScriptFixture.Run(_fixture.Script("t.json",
            Module(1, "m.wasm"),
            AssertTrap(2, Invoke("spin"), "unreachable"),
            AssertReturn(3, Invoke("one"), Value("i32", "1"))),
            engine: null, timeout: TimeSpan.FromMilliseconds(300));

        Assert.StartsWith("timeout: interrupted after", Single(result, 2).Reason, StringComparison.Ordinal);
        Assert.Equal(SpecOutcome.Passed, Single(result, 3).Outcome);
    }

    [Fact]
    public void RunawayRecursionIsStackExhaustion()
    {
        Wasm("m.wasm", """(module (func $f (export "rec") (call $f)))""");

        var result = ScriptFixture.Run(_fixture.Script("t.json",
            Module(1, "m.wasm"),
            AssertTrap(2, Invoke("rec"), "call stack exhausted", "assert_exhaustion")),
            engine: null);

        Assert.Equal(2, result.Passed);
        Assert.Empty(result.Warnings);
    }
}

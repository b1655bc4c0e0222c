using ReactorHost.Wasm.SpecTesting;
using static ReactorHost.Wasm.SpecTests.Runner.Json;

namespace ReactorHost.Wasm.SpecTests.Runner;

public sealed class SpecRunnerTests : IDisposable
{
    private readonly ScriptFixture _fixture = new();
    private readonly FakeSpecEngine _engine = new();

    public SpecRunnerTests() => _fixture.Module("ok.wasm", "ok");

    public void Dispose()
    {
        _engine.HangRelease.Set();
        _fixture.Dispose();
    }

    private SpecScriptResult Run(params string[] commands) =>
        ScriptFixture.Run(_fixture.Script("t.json", commands), _engine);

    private static SpecCommandResult Single(SpecScriptResult result, int line) => Assert.Single(result.Commands, c => c.Line == line);

    [Fact]
    public void AssertReturnComparesResults()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, Invoke("add", null, Value("i32", "1"), Value("i32", "2")), Value("i32", "3")),
            AssertReturn(3, Invoke("add", null, Value("i32", "1"), Value("i32", "2")), Value("i32", "4")),
            AssertReturn(4, Invoke("add", null, Value("i32", "1"), Value("i32", "2")), Value("i32", "3"), Value("i32", "3")),
            AssertReturn(5, Invoke("nothing")),
            AssertReturn(6, Invoke("add", null, Value("i32", "4294967295"), Value("i32", "1")), Value("i64", "0")));

        Assert.Equal((6, 3, 3, 0), (result.Commands.Count, result.Passed, result.Failed, result.Skipped));
        Assert.Equal("expected (i32:4) but got (i32:3)", Single(result, 3).Reason);
        Assert.Equal("expected (i32:3, i32:3) but got (i32:3)", Single(result, 4).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.Equal(SpecOutcome.Failed, Single(result, 6).Outcome);
    }

    [Fact]
    public void AssertReturnChecksNanClasses()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, Invoke("bits32", null, Value("i32", "2143289344")), Value("f32", "nan:canonical")),
            AssertReturn(3, Invoke("bits32", null, Value("i32", "2143289345")), Value("f32", "nan:canonical")),
            AssertReturn(4, Invoke("bits32", null, Value("i32", "2143289345")), Value("f32", "nan:arithmetic")),
            AssertReturn(5, Invoke("bits64", null, Value("i64", "18444492273895866368")), Value("f64", "nan:canonical")),
            AssertReturn(6, Invoke("bits64", null, Value("i64", "9219994337134247936")), Value("f64", "nan:arithmetic")));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("expected (f32:nan:canonical) but got (f32:NaN (0x7fc00001))", Single(result, 3).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 4).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome); // 0xfff8000000000000: negative canonical
        Assert.Equal(SpecOutcome.Failed, Single(result, 6).Outcome); // 0x7ff4000000000000: signalling
    }

    [Fact]
    public void ExternrefArgumentsKeepTheirIdentity()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, Invoke("echo", null, Value("externref", "1")), Value("externref", "1")),
            AssertReturn(3, Invoke("echo", null, Value("externref", "1")), Value("externref", "2")),
            AssertReturn(4, Invoke("other_ref"), Value("externref", "1")),
            AssertReturn(5, Invoke("echo", null, Value("externref", "null")), Value("externref", "null")),
            AssertReturn(6, Invoke("echo", null, Value("funcref", "null")), Value("funcref", "null")));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("expected (externref:2) but got (externref:1)", Single(result, 3).Reason);
        Assert.Equal(SpecOutcome.Failed, Single(result, 4).Outcome); // same number, different object
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 6).Outcome);
    }

    [Fact]
    public void GetReadsGlobals()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, "{\"type\": \"get\", \"field\": \"g\"}", Value("i32", "42")),
            AssertReturn(3, "{\"type\": \"get\", \"field\": \"missing\"}", Value("i32", "42")));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("no exported global \"missing\"", Single(result, 3).Reason);
    }

    [Fact]
    public void AssertTrapPassesOnAnyTrapAndWarnsAboutWording()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertTrap(2, Invoke("div0"), "integer divide by zero"),
            AssertTrap(3, Invoke("unreachable"), "integer divide by zero"),
            AssertTrap(4, Invoke("nothing"), "unreachable"),
            AssertTrap(5, Invoke("npe"), "unreachable"),
            AssertTrap(6, Invoke("div0"), "integer divide"));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 3).Outcome);
        Assert.Equal("expected trap \"unreachable\" but returned ()", Single(result, 4).Reason);
        Assert.Equal("expected trap \"unreachable\" but unexpected exception NullReferenceException: engine bug", Single(result, 5).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 6).Outcome);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((3, SpecWarningKind.TrapMessage), (warning.Line, warning.Kind));
        Assert.Contains("\"unreachable\"", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertExhaustionNeedsStackExhaustedTrap()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertTrap(2, Invoke("exhaust"), "call stack exhausted", "assert_exhaustion"),
            AssertTrap(3, Invoke("unreachable"), "call stack exhausted", "assert_exhaustion"));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("expected call stack exhaustion but trapped: unreachable", Single(result, 3).Reason);
    }

    [Fact]
    public void UnexpectedExceptionsFailCommandsWithoutStoppingTheScript()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, Invoke("npe"), Value("i32", "1")),
            AssertReturn(3, Invoke("div0"), Value("i32", "1")),
            AssertReturn(4, Invoke("nope")),
            Action(5, Invoke("nothing")),
            Action(6, Invoke("unreachable")));

        Assert.Equal("unexpected exception NullReferenceException: engine bug", Single(result, 2).Reason);
        Assert.Equal("trapped: integer divide by zero", Single(result, 3).Reason);
        Assert.Equal("no exported function \"nope\"", Single(result, 4).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.Equal("trapped: unreachable", Single(result, 6).Reason);
        Assert.True(_engine.Disposed);
    }

    [Fact]
    public void RejectedModulesAreClassified()
    {
        _fixture.Module("malformed.wasm", "malformed").Module("invalid.wasm", "invalid").Module("crash.wasm", "crash")
            .Module("bad.wat", "(module malformed)").Module("good.wat", "invalid").Module("accepted.wat", "ok")
            .Module("unsupported.wasm", "unsupported");
        var result = Run(
            AssertModule("assert_invalid", 1, "invalid.wasm", "type mismatch"),
            AssertModule("assert_invalid", 2, "malformed.wasm", "type mismatch"),
            AssertModule("assert_invalid", 3, "ok.wasm", "type mismatch"),
            AssertModule("assert_malformed", 4, "malformed.wasm", "unexpected end"),
            AssertModule("assert_malformed", 5, "bad.wat", "unexpected token", "text"),
            AssertModule("assert_malformed", 6, "good.wat", "unknown operator", "text"),
            AssertModule("assert_malformed", 7, "accepted.wat", "unknown operator", "text"),
            AssertModule("assert_invalid", 8, "crash.wasm", "type mismatch"),
            AssertModule("assert_invalid", 9, "unsupported.wasm", "type mismatch"),
            AssertModule("assert_invalid", 10, "invalid.wasm", "unknown type"));

        Assert.Equal(SpecOutcome.Passed, Single(result, 1).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("module accepted; expected invalid: \"type mismatch\"", Single(result, 3).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 4).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 6).Outcome);  // text ok, binary then invalid
        Assert.Equal("module accepted; expected malformed: \"unknown operator\"", Single(result, 7).Reason);
        Assert.Equal("unexpected exception NullReferenceException: decoder bug", Single(result, 8).Reason);
        Assert.Equal(SpecOutcome.Skipped, Single(result, 9).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 10).Outcome);

        Assert.Equal(
            [(2, SpecWarningKind.MalformedVersusInvalid), (6, SpecWarningKind.MalformedVersusInvalid), (10, SpecWarningKind.ModuleErrorMessage)],
            result.Warnings.Select(w => (w.Line, w.Kind)));
    }

    [Fact]
    public void UnlinkableAndUninstantiableModulesAreClassified()
    {
        _fixture.Module("unlinkable.wasm", "unlinkable").Module("trapstart.wasm", "trapstart").Module("invalid.wasm", "invalid");
        var result = Run(
            AssertModule("assert_unlinkable", 1, "unlinkable.wasm", "unknown import"),
            AssertModule("assert_unlinkable", 2, "trapstart.wasm", "unknown import"),
            AssertModule("assert_unlinkable", 3, "ok.wasm", "unknown import"),
            AssertModule("assert_unlinkable", 4, "unlinkable.wasm", "incompatible import type"),
            AssertModule("assert_uninstantiable", 5, "trapstart.wasm", "unreachable"),
            AssertModule("assert_uninstantiable", 6, "unlinkable.wasm", "unreachable"),
            AssertModule("assert_uninstantiable", 7, "invalid.wasm", "unreachable"),
            AssertModule("assert_uninstantiable", 8, "trapstart.wasm", "out of bounds memory access"));

        Assert.Equal(SpecOutcome.Passed, Single(result, 1).Outcome);
        Assert.StartsWith("expected link error \"unknown import\" but instantiation trapped", Single(result, 2).Reason, StringComparison.Ordinal);
        Assert.Equal("expected link error \"unknown import\" but the module instantiated", Single(result, 3).Reason);
        Assert.Equal(SpecOutcome.Passed, Single(result, 4).Outcome);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.StartsWith("expected instantiation trap \"unreachable\" but linking failed", Single(result, 6).Reason, StringComparison.Ordinal);
        Assert.StartsWith("expected instantiation trap \"unreachable\" but the module was rejected", Single(result, 7).Reason, StringComparison.Ordinal);
        Assert.Equal(SpecOutcome.Passed, Single(result, 8).Outcome);
        Assert.Equal(
            [(4, SpecWarningKind.LinkErrorMessage), (8, SpecWarningKind.TrapMessage)],
            result.Warnings.Select(w => (w.Line, w.Kind)));
    }

    [Fact]
    public void NamedModulesAndRegistrationResolve()
    {
        _fixture.Module("other.wasm", "ok");
        var result = Run(
            Module(1, "ok.wasm", "$A"),
            Register(2, "a", "$A"),
            Module(3, "other.wasm"),
            Register(4, "current"),
            AssertReturn(5, Invoke("add", "$A", Value("i32", "2"), Value("i32", "2")), Value("i32", "4")),
            AssertReturn(6, Invoke("add", "$B", Value("i32", "2"), Value("i32", "2")), Value("i32", "4")),
            Register(7, "b", "$B"));

        Assert.Equal(["a", "current"], _engine.Registered);
        Assert.Equal(SpecOutcome.Passed, Single(result, 5).Outcome);
        Assert.Equal("unknown module $B", Single(result, 6).Reason);
        Assert.Equal("unknown module $B", Single(result, 7).Reason);
    }

    [Fact]
    public void UnsupportedModulesSkipTheirCommandsAndFailedModulesFailThem()
    {
        _fixture.Module("simd.wasm", "unsupported").Module("broken.wasm", "invalid").Module("unlinkable.wasm", "unlinkable");
        var result = Run(
            Module(1, "simd.wasm"),
            AssertReturn(2, Invoke("add", null, Value("i32", "1"), Value("i32", "1")), Value("i32", "2")),
            Register(3, "simd"),
            Module(4, "broken.wasm"),
            AssertReturn(5, Invoke("nothing")),
            Module(6, "unlinkable.wasm", "$U"),
            AssertReturn(7, Invoke("nothing", "$U")),
            AssertReturn(8, Invoke("v", null, "{\"type\": \"v128\", \"lane_type\": \"i32\", \"value\": [\"0\", \"0\", \"0\", \"0\"]}")));

        Assert.Equal("module uses an unsupported feature: SIMD (v128)", Single(result, 1).Reason);
        Assert.Equal("module at line 1 uses an unsupported feature: SIMD (v128)", Single(result, 2).Reason);
        Assert.Equal(SpecOutcome.Skipped, Single(result, 3).Outcome);
        Assert.Equal("module rejected: at offset 0x14: type mismatch", Single(result, 4).Reason);
        Assert.Equal("module at line 4 failed to load", Single(result, 5).Reason);
        Assert.Equal("module failed to link: import \"spectest\" \"missing\": unknown import", Single(result, 6).Reason);
        Assert.Equal(SpecOutcome.Failed, Single(result, 7).Outcome);
        Assert.Equal("module at line 6 failed to load", Single(result, 8).Reason); // a module that failed to link is still the current one
        Assert.Equal((0, 5, 3), (result.Passed, result.Failed, result.Skipped));
    }

    [Fact]
    public void TextModulesAreConvertedBeforeLoading()
    {
        _fixture.Module("m.wat", "ok").Module("bad.wat", "malformed");
        var result = Run(
            Module(1, "m.wat"),
            AssertReturn(2, Invoke("nothing")),
            Module(3, "bad.wat"));

        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
        Assert.Equal("text module rejected: at offset 0x3: unexpected token", Single(result, 3).Reason);
    }

    [Fact]
    public void V128ValuesAreSkipped()
    {
        var result = Run(
            Module(1, "ok.wasm"),
            AssertReturn(2, Invoke("nothing"), "{\"type\": \"v128\", \"lane_type\": \"i32\", \"value\": [\"0\", \"0\", \"0\", \"0\"]}"));

        Assert.Equal("v128 values are not supported", Single(result, 2).Reason);
        Assert.Equal(SpecOutcome.Skipped, Single(result, 2).Outcome);
    }

    [Fact]
    public void TimeoutInterruptsTheGuestAndTheScriptContinues()
    {
        var result = ScriptFixture.Run(
            _fixture.Script("t.json",
                Module(1, "ok.wasm"),
                AssertTrap(2, Invoke("loop"), "unreachable"),
                AssertReturn(3, Invoke("add", null, Value("i32", "1"), Value("i32", "1")), Value("i32", "2"))),
            _engine,
            timeout: TimeSpan.FromMilliseconds(200));

        var timedOut = Single(result, 2);
        Assert.Equal(SpecOutcome.Failed, timedOut.Outcome);
        Assert.StartsWith("timeout: interrupted after", timedOut.Reason, StringComparison.Ordinal);
        Assert.Equal(SpecOutcome.Passed, Single(result, 3).Outcome);
        var instance = Assert.Single(_engine.Instances);
        Assert.Equal((1, 1), (instance.InterruptCount, instance.ClearCount));
    }

    [Fact]
    public void AGuestThatIgnoresTheInterruptIsAbandoned()
    {
        var result = ScriptFixture.Run(
            _fixture.Script("t.json",
                Module(1, "ok.wasm"),
                Action(2, Invoke("hang")),
                Action(3, Invoke("nothing")),
                Action(4, Invoke("nothing"))),
            _engine,
            timeout: TimeSpan.FromMilliseconds(100),
            grace: TimeSpan.FromMilliseconds(200));

        Assert.Equal((1, 1, 2), (result.Passed, result.Failed, result.Skipped));
        Assert.StartsWith("timeout: still running", Single(result, 2).Reason, StringComparison.Ordinal);
        Assert.Equal("not run: script abandoned after the hang at line 2", Single(result, 4).Reason);
    }

    [Fact]
    public void ScriptsRunOnALargeStack()
    {
        var result = Run(Module(1, "ok.wasm"), Action(2, Invoke("stack")));
        Assert.Equal(SpecOutcome.Passed, Single(result, 2).Outcome);
    }

    [Fact]
    public void SimdScriptsAreExcludedUnlessIncluded()
    {
        var path = _fixture.Script("simd_x.json", Module(1, "ok.wasm"), Action(2, Invoke("nothing")));

        var excluded = ScriptFixture.Run(path, _engine);
        Assert.True(excluded.IsExcluded);
        Assert.Equal(2, excluded.ExcludedCommandCount);
        Assert.Empty(excluded.Commands);

        var included = ScriptFixture.Run(path, _engine, includeSimd: true);
        Assert.False(included.IsExcluded);
        Assert.Equal(2, included.Passed);
    }

    [Fact]
    public void AnEngineThatCannotBeCreatedFailsEveryCommand()
    {
        var path = _fixture.Script("t.json", Module(1, "ok.wasm"), Action(2, Invoke("nothing")));
        var result = new SpecRunner(new SpecRunnerOptions { EngineFactory = () => throw new NotImplementedException("back-end helper") }).RunFile(path);

        Assert.Equal(2, result.Failed);
        Assert.All(result.Commands, c => Assert.Equal("engine could not be created: unexpected exception NotImplementedException: back-end helper", c.Reason));
    }

    [Fact]
    public void UnreadableScriptsAndModuleFilesFail()
    {
        var missing = ScriptFixture.Run(Path.Combine(_fixture.Directory, "missing.json"), _engine);
        var failure = Assert.Single(missing.Commands);
        Assert.Equal((0, SpecOutcome.Failed), (failure.Line, failure.Outcome));
        Assert.StartsWith("cannot load script", failure.Reason, StringComparison.Ordinal);

        var result = Run(Module(1, "absent.wasm"));
        Assert.StartsWith("cannot read absent.wasm", Single(result, 1).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommandsAreSkipped()
    {
        var result = Run("{\"type\": \"assert_future\", \"line\": 9}");
        Assert.Equal("unknown command type \"assert_future\"", Single(result, 9).Reason);
        Assert.Equal(1, result.Skipped);
    }

    [Fact]
    public void RealEngineRunsFromTheDefaultFactoryWithoutCrashingTheRunner()
    {
        // Whatever state the engine is in (stub or real), the runner must turn it into outcomes.
        var result = new SpecRunner().RunFile(_fixture.Script("t.json", Module(1, "ok.wasm"), AssertReturn(2, Invoke("f"))));
        Assert.Equal(2, result.Commands.Count);
        Assert.All(result.Commands, c => Assert.NotEqual(SpecOutcome.Passed, c.Outcome)); // "ok" is not a wasm binary
    }
}

using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Runner;

public class SpecScriptParserTests
{
    private const string Script = """
        {"source_filename": "x.wast",
         "commands": [
          {"type": "module", "line": 3, "name": "$M", "filename": "x.0.wasm"},
          {"type": "register", "line": 7, "name": "$M", "as": "M"},
          {"type": "assert_return", "line": 9, "action": {"type": "invoke", "module": "$M", "field": "f", "args": [{"type": "i32", "value": "4294967295"}, {"type": "externref", "value": "null"}]}, "expected": [{"type": "f32", "value": "nan:canonical"}, {"type": "funcref"}]},
          {"type": "assert_return", "line": 10, "action": {"type": "get", "field": "g"}, "expected": [{"type": "v128", "lane_type": "i32", "value": ["1", "2", "3", "4"]}]},
          {"type": "assert_trap", "line": 11, "action": {"type": "invoke", "field": "t", "args": []}, "text": "unreachable", "expected": [{"type": "i32"}]},
          {"type": "assert_malformed", "line": 12, "filename": "x.1.wat", "text": "unknown operator", "module_type": "text"},
          {"type": "assert_invalid", "line": 13, "filename": "x.2.wasm", "text": "type mismatch", "module_type": "binary"},
          {"type": "assert_future_thing", "line": 14}
        ]}
        """;

    [Fact]
    public void ParsesEveryCommandShape()
    {
        var script = SpecScript.Parse(Script, "x.json", "/suite");
        Assert.Equal("x.json", script.Name);
        Assert.Equal("x.wast", script.SourceFileName);
        Assert.Equal(8, script.Commands.Count);

        var module = script.Commands[0];
        Assert.Equal(SpecCommandKind.Module, module.Kind);
        Assert.Equal(3, module.Line);
        Assert.Equal("$M", module.Name);
        Assert.Equal(Path.Combine("/suite", "x.0.wasm"), module.ModulePath);
        Assert.Equal(SpecModuleFormat.Binary, module.ModuleFormat);

        var register = script.Commands[1];
        Assert.Equal(SpecCommandKind.Register, register.Kind);
        Assert.Equal(("$M", "M"), (register.Name, register.As));

        var invoke = script.Commands[2];
        Assert.Equal(SpecActionKind.Invoke, invoke.Action!.Kind);
        Assert.Equal("$M", invoke.Action.ModuleName);
        Assert.Equal("f", invoke.Action.Field);
        Assert.Equal(new SpecValue("i32", "4294967295"), invoke.Action.Arguments[0]);
        Assert.Equal(new SpecValue("externref", "null"), invoke.Action.Arguments[1]);
        Assert.Equal(new SpecValue("f32", "nan:canonical"), invoke.Expected[0]);
        Assert.Equal(new SpecValue("funcref", null), invoke.Expected[1]);

        var get = script.Commands[3];
        Assert.Equal(SpecActionKind.Get, get.Action!.Kind);
        Assert.Null(get.Action.ModuleName);
        Assert.Equal(["1", "2", "3", "4"], get.Expected[0].Lanes!);
        Assert.Equal("i32", get.Expected[0].LaneType);

        var trap = script.Commands[4];
        Assert.Equal(SpecCommandKind.AssertTrap, trap.Kind);
        Assert.Equal("unreachable", trap.Text);
        Assert.Null(Assert.Single(trap.Expected).Value);

        Assert.Equal(SpecModuleFormat.Text, script.Commands[5].ModuleFormat);
        Assert.Equal(SpecCommandKind.AssertMalformed, script.Commands[5].Kind);
        Assert.Equal(SpecCommandKind.AssertInvalid, script.Commands[6].Kind);
        Assert.Equal(SpecCommandKind.Unknown, script.Commands[7].Kind);
        Assert.Equal("assert_future_thing", script.Commands[7].TypeName);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"commands\": 3}")]
    [InlineData("[]")]
    [InlineData("{\"commands\": [{\"line\": 1}]}")]
    [InlineData("{\"commands\": [{\"type\": \"action\", \"line\": 1, \"action\": {\"type\": \"explode\", \"field\": \"f\"}}]}")]
    [InlineData("{\"commands\": [{\"type\": \"module\", \"line\": \"three\"}]}")]
    public void RejectsNonScriptsWithFormatException(string json) =>
        Assert.Throws<FormatException>(() => SpecScript.Parse(json, "bad.json", "/"));

    [Theory]
    [InlineData("simd_lane.json", true)]
    [InlineData("/a/b/simd_const.json", true)]
    [InlineData("i32.json", false)]
    [InlineData("/simd_dir/i32.json", false)]
    public void RecognisesSimdScriptsByFileName(string path, bool simd) =>
        Assert.Equal(simd, SpecScript.IsSimdScript(path));

    [Fact]
    public void ParsesEveryScriptOfTheSuite()
    {
        if (Conformance.SpecSuite.JsonDirectory is not { } directory)
        {
            return; // covered by the skipped conformance theory's message
        }

        var commands = 0;
        foreach (var file in Directory.GetFiles(directory, "*.json"))
        {
            var script = SpecScript.Load(file);
            Assert.DoesNotContain(script.Commands, c => c.Kind == SpecCommandKind.Unknown);
            Assert.All(script.Commands.Where(c => c.ModulePath is not null), c => Assert.True(File.Exists(c.ModulePath), c.ModulePath));
            commands += script.Commands.Count;
        }

        Assert.Equal(53_899, commands);
    }
}

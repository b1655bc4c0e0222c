namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>
/// The whole suite again with every function compiled in compact mode (memory accesses and
/// interrupt checks through inlined helpers), which normally only functions too large for the
/// JIT's optimizer get: the suite's functions are small, so without this switch it would not test
/// that emission at all.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class CompactCodeConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts() => SpecConformanceTests.Scripts();

    [ConformanceTheory]
    [MemberData(nameof(Scripts))]
    public void Script(string file) => ConformanceRun.Check(file, new EngineOptions { CompactCode = Compilation.CompactCodeMode.Always }, output);
}

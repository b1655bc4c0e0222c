using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>
/// Runs every non-SIMD script of the official spec test suite. A case fails on a failed command
/// that is not in known-failures.txt, and on a listed failure that no longer fails.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class SpecConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Scripts()
    {
        var data = new TheoryData<string>();
        if (SpecSuite.JsonDirectory is { } directory)
        {
            foreach (var file in Directory.GetFiles(directory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            {
                if (!SpecScript.IsSimdScript(file!))
                {
                    data.Add(file!);
                }
            }
        }

        return data;
    }

    [ConformanceTheory]
    [MemberData(nameof(Scripts))]
    public void Script(string file) => ConformanceRun.Check(file, engineOptions: null, output);
}

using System.Text;
using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>
/// Runs every non-SIMD script of the official spec test suite. A case fails on a failed command
/// that is not in known-failures.txt, and on a listed failure that no longer fails.
/// </summary>
[Trait("Category", "Conformance")]
public sealed class SpecConformanceTests(ITestOutputHelper output)
{
    private static readonly Lazy<KnownFailures> Known = new(() =>
        KnownFailures.Load(Path.Combine(AppContext.BaseDirectory, "known-failures.txt")));

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
    public void Script(string file)
    {
        var result = new SpecRunner().RunFile(Path.Combine(SpecSuite.JsonDirectory!, file));
        output.WriteLine($"{result} ({result.Warnings.Count} warnings, {result.Elapsed.TotalSeconds:0.00} s)");
        foreach (var skip in result.Skips)
        {
            output.WriteLine($"skipped: {skip}");
        }

        foreach (var warning in result.Warnings)
        {
            output.WriteLine($"warning: {warning}");
        }

        var (unexpected, nowPassing) = KnownFailureCheck.Compare(result, Known.Value.For(file));
        if (unexpected.Count == 0 && nowPassing.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        if (unexpected.Count > 0)
        {
            message.AppendLine($"{unexpected.Count} failed command(s) not in known-failures.txt:");
            foreach (var failure in unexpected)
            {
                message.AppendLine($"  {file}:{failure.Line} {failure.CommandType}: {failure.Reason}");
            }
        }

        if (nowPassing.Count > 0)
        {
            message.AppendLine($"{nowPassing.Count} known failure(s) no longer fail; remove them from known-failures.txt:");
            foreach (var entry in nowPassing)
            {
                message.AppendLine($"  {entry}");
            }
        }

        Assert.Fail(message.ToString());
    }
}

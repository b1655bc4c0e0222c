using System.Text;
using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>
/// Runs one spec script and fails on a failed command that is not in known-failures.txt, or on a
/// listed failure that no longer fails.
/// </summary>
internal static class ConformanceRun
{
    private static readonly Lazy<KnownFailures> Known = new(() =>
        KnownFailures.Load(Path.Combine(AppContext.BaseDirectory, "known-failures.txt")));

    public static void Check(string file, EngineOptions? engineOptions, ITestOutputHelper output)
    {
        var runner = new SpecRunner(engineOptions is null ? null : new SpecRunnerOptions { EngineOptions = engineOptions });
        var result = runner.RunFile(Path.Combine(SpecSuite.JsonDirectory!, file));
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

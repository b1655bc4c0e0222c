using Xunit.Abstractions;

namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>Runs whole spec scripts through the engine when the suite is available (a smoke check, skipped otherwise).</summary>
public class SpecSmokeTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("i32")]
    [InlineData("br")]
    [InlineData("call_indirect")]
    public void ScriptPasses(string script)
    {
        using var runner = SpecScriptRunner.Run(script);
        if (runner is null)
        {
            return;
        }

        foreach (var failure in runner.Failures.Take(50))
        {
            output.WriteLine(failure);
        }

        Assert.True(runner.Failures.Count == 0, $"{runner.Failures.Count} failures, {runner.Passed} passed:\n" + string.Join("\n", runner.Failures.Take(20)));
    }
}

/// <summary>Runs every non-SIMD spec script when RH_SPEC_ALL is set, writing a summary to RH_SPEC_ALL's path.</summary>
public class SpecSuiteSummary
{
    [Fact]
    public void AllScripts()
    {
        var summaryPath = Environment.GetEnvironmentVariable("RH_SPEC_ALL");
        if (string.IsNullOrEmpty(summaryPath) || !Directory.Exists(SpecScriptRunner.SuiteDirectory))
        {
            return;
        }

        var filter = Environment.GetEnvironmentVariable("RH_SPEC_FILTER");
        var lines = new List<string>();
        int passed = 0, failed = 0;
        foreach (var file in Directory.GetFiles(SpecScriptRunner.SuiteDirectory, "*.json").Order())
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name.StartsWith("simd", StringComparison.Ordinal) || (!string.IsNullOrEmpty(filter) && name != filter))
            {
                continue;
            }

            var thread = new Thread(() =>
            {
                using var runner = SpecScriptRunner.Run(name)!;
                lock (lines)
                {
                    passed += runner.Passed;
                    failed += runner.Failures.Count;
                    lines.Add($"{name}: {runner.Passed} passed, {runner.Failures.Count} failed");
                    lines.AddRange(runner.Failures.Take(30).Select(f => "    " + f));
                }
            }, 16 * 1024 * 1024);
            thread.Start();
            thread.Join();
        }

        lines.Insert(0, $"TOTAL: {passed} passed, {failed} failed");
        File.WriteAllLines(summaryPath, lines);
    }
}

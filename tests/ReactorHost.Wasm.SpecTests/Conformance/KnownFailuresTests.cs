using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Conformance;

public class KnownFailuresTests
{
    [Fact]
    public void ParsesEntriesAndIgnoresComments()
    {
        var known = KnownFailures.Parse("# comment", "", "i32.json:12 wrong result", "  f32.json:7\tNaN bits  ", "i32.json:30");

        Assert.Equal(new Dictionary<int, string> { [12] = "wrong result", [30] = "" }, known.For("i32.json"));
        Assert.Equal("NaN bits", known.For("f32.json")[7]);
        Assert.Empty(known.For("f64.json"));
    }

    [Theory]
    [InlineData("i32.json wrong")]
    [InlineData("i32.json:x wrong")]
    [InlineData(":12 wrong")]
    public void RejectsMalformedEntries(string line) =>
        Assert.Throws<FormatException>(() => KnownFailures.Parse(line));

    [Fact]
    public void ReportsNewFailuresAndKnownFailuresThatNowPass()
    {
        var result = new SpecScriptResult("x.json",
        [
            new(1, "module", SpecOutcome.Passed, null, TimeSpan.Zero),
            new(2, "assert_return", SpecOutcome.Failed, "bad", TimeSpan.Zero),
            new(3, "assert_return", SpecOutcome.Failed, "bad", TimeSpan.Zero),
            new(4, "assert_return", SpecOutcome.Passed, null, TimeSpan.Zero),
            new(5, "assert_return", SpecOutcome.Skipped, "simd", TimeSpan.Zero),
        ], [], TimeSpan.Zero);
        var known = new Dictionary<int, string> { [2] = "known", [4] = "fixed", [5] = "skipped now", [9] = "gone" };

        var (unexpected, nowPassing) = KnownFailureCheck.Compare(result, known);

        Assert.Equal(3, Assert.Single(unexpected).Line);
        Assert.Equal(["x.json:4 (fixed): now passes", "x.json:9 (gone): no command at this line"], nowPassing);
    }

    [Fact]
    public void TheCheckedInListIsWellFormed()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "known-failures.txt");
        Assert.True(File.Exists(path));
        KnownFailures.Load(path);
    }
}

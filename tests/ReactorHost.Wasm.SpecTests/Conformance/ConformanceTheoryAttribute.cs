namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>A theory that is reported as one skipped test (with the reason) when the spec suite is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    public ConformanceTheoryAttribute()
    {
        if (SpecSuite.JsonDirectory is null)
        {
            Skip = SpecSuite.NotFoundMessage;
        }
    }
}

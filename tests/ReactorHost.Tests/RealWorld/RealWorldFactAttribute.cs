namespace ReactorHost.Tests.RealWorld;

/// <summary>A fact that is skipped (with the reason) when tests/realworld/build.sh has not been run.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RealWorldFactAttribute : FactAttribute
{
    public RealWorldFactAttribute()
    {
        if (RealWorldPrograms.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

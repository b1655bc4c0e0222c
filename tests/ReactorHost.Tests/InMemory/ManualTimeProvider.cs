namespace ReactorHost.Tests.InMemory;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Now in WASI nanoseconds since the Unix epoch.</summary>
    public ulong NowNanoseconds => (ulong)(_now - DateTimeOffset.UnixEpoch).Ticks * 100;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

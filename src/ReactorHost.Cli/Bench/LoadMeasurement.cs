namespace ReactorHost.Cli.Bench;

/// <summary>Module load → first call, split into its phases (milliseconds).</summary>
internal sealed record LoadMeasurement(double CompileMs, double InstantiateMs, double FirstCallMs)
{
    public double TotalMs => CompileMs + InstantiateMs + FirstCallMs;
}

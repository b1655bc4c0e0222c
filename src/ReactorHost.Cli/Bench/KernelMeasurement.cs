namespace ReactorHost.Cli.Bench;

/// <summary>Timings of one kernel on one engine: every measured run, in milliseconds.</summary>
internal sealed class KernelMeasurement
{
    public KernelMeasurement(string kernel, int argument, uint checksum, double firstCallMs, IReadOnlyList<double> runsMs)
    {
        Kernel = kernel;
        Argument = argument;
        Checksum = checksum;
        FirstCallMs = firstCallMs;
        RunsMs = runsMs;
        var sorted = runsMs.Order().ToArray();
        MinMs = sorted.Length > 0 ? sorted[0] : double.NaN;
        MedianMs = Median(sorted);
    }

    public string Kernel { get; }

    public int Argument { get; }

    public uint Checksum { get; }

    /// <summary>The first call of the kernel (includes JIT work of a tiered/lazy engine); NaN when unknown.</summary>
    public double FirstCallMs { get; }

    public IReadOnlyList<double> RunsMs { get; }

    public double MedianMs { get; }

    public double MinMs { get; }

    /// <summary>Pools the runs of another measurement of the same kernel (first call stays this one's).</summary>
    public KernelMeasurement Merge(KernelMeasurement other)
    {
        if (other.Kernel != Kernel || other.Argument != Argument)
        {
            throw new InvalidOperationException($"cannot merge {other.Kernel}({other.Argument}) into {Kernel}({Argument})");
        }

        if (other.Checksum != Checksum)
        {
            throw new InvalidOperationException($"{Kernel}: checksum changed between rounds ({Checksum} then {other.Checksum})");
        }

        return new KernelMeasurement(Kernel, Argument, Checksum, FirstCallMs, [.. RunsMs, .. other.RunsMs]);
    }

    private static double Median(double[] sorted)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>The outcome of running one script file.</summary>
public sealed class SpecScriptResult
{
    /// <summary>Creates a result.</summary>
    public SpecScriptResult(string name, IReadOnlyList<SpecCommandResult> commands, IReadOnlyList<SpecWarning> warnings, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(commands);
        ArgumentNullException.ThrowIfNull(warnings);
        Name = name;
        Commands = commands;
        Warnings = warnings;
        Elapsed = elapsed;
        foreach (var command in commands)
        {
            switch (command.Outcome)
            {
                case SpecOutcome.Passed: Passed++; break;
                case SpecOutcome.Failed: Failed++; break;
                default: Skipped++; break;
            }
        }
    }

    /// <summary>The script's name (its JSON file name).</summary>
    public string Name { get; }

    /// <summary>True for a SIMD script (file name starts with <c>simd_</c>).</summary>
    public bool IsSimd => SpecScript.IsSimdScript(Name);

    /// <summary>
    /// True when the script was not run because it is a SIMD script and SIMD scripts were not
    /// included; <see cref="ExcludedCommandCount"/> says how many commands it has.
    /// </summary>
    public bool IsExcluded { get; init; }

    /// <summary>The number of commands of an excluded script.</summary>
    public int ExcludedCommandCount { get; init; }

    /// <summary>Every command's outcome, in script order.</summary>
    public IReadOnlyList<SpecCommandResult> Commands { get; }

    /// <summary>Warnings (wording or error-class disagreements on commands that passed).</summary>
    public IReadOnlyList<SpecWarning> Warnings { get; }

    /// <summary>Number of commands that passed.</summary>
    public int Passed { get; }

    /// <summary>Number of commands that failed.</summary>
    public int Failed { get; }

    /// <summary>Number of commands that were skipped.</summary>
    public int Skipped { get; }

    /// <summary>Wall-clock time of the run.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The failed commands.</summary>
    public IEnumerable<SpecCommandResult> Failures => Commands.Where(c => c.Outcome == SpecOutcome.Failed);

    /// <summary>The skipped commands.</summary>
    public IEnumerable<SpecCommandResult> Skips => Commands.Where(c => c.Outcome == SpecOutcome.Skipped);

    /// <summary>A result for a SIMD script that was not run.</summary>
    public static SpecScriptResult Excluded(string name, int commandCount) =>
        new(name, [], [], TimeSpan.Zero) { IsExcluded = true, ExcludedCommandCount = commandCount };

    /// <inheritdoc/>
    public override string ToString() =>
        IsExcluded
            ? $"{Name}: excluded ({ExcludedCommandCount} commands)"
            : $"{Name}: {Passed} passed, {Failed} failed, {Skipped} skipped";
}

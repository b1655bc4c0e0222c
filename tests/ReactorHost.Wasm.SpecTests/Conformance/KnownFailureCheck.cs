using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Conformance;

/// <summary>Compares a script result with the known failures: which failures are new, which known ones are fixed.</summary>
internal static class KnownFailureCheck
{
    public static (List<SpecCommandResult> Unexpected, List<string> NowPassing) Compare(SpecScriptResult result, IReadOnlyDictionary<int, string> known)
    {
        var unexpected = result.Failures.Where(f => !known.ContainsKey(f.Line)).ToList();
        var nowPassing = new List<string>();
        foreach (var (line, reason) in known.OrderBy(k => k.Key))
        {
            var commands = result.Commands.Where(c => c.Line == line).ToList();
            if (commands.Count == 0)
            {
                nowPassing.Add($"{result.Name}:{line} ({reason}): no command at this line");
            }
            else if (commands.All(c => c.Outcome == SpecOutcome.Passed))
            {
                nowPassing.Add($"{result.Name}:{line} ({reason}): now passes");
            }
        }

        return (unexpected, nowPassing);
    }
}

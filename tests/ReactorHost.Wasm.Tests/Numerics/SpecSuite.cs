namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>Finds the official spec test suite: env RH_SPEC_TESTSUITE, or <c>shared/wasm-spec-testsuite</c> above the test binaries.</summary>
internal static class SpecSuite
{
    public static string? JsonDirectory { get; } = Locate();

    private static string? Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("RH_SPEC_TESTSUITE");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(Path.Combine(fromEnvironment, "json")))
        {
            return Path.Combine(fromEnvironment, "json");
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "shared", "wasm-spec-testsuite", "json");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        // Worktrees live next to the shared folder (/work/wt/<name>, /work/shared).
        return Directory.Exists("/work/shared/wasm-spec-testsuite/json") ? "/work/shared/wasm-spec-testsuite/json" : null;
    }
}

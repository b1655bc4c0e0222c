using System.Reflection.PortableExecutable;

namespace ReactorHost.Cli.Bench;

/// <summary>
/// Tells how this CLI was built, for benchmark headers: start-up figures of a published
/// (ReadyToRun) CLI and of a plain build (everything jitted) differ by ~150 ms, so a figure is
/// meaningless without it.
/// </summary>
internal static class CliBuild
{
    /// <summary>"ReadyToRun (published)" or "JIT (not published: see ./reactorhost)".</summary>
    public static string Describe() => IsReadyToRun() ? "ReadyToRun (published)" : "JIT (not published: see ./reactorhost)";

    /// <summary>Whether this assembly carries precompiled code (a ReadyToRun header, also present in composite images' components).</summary>
    private static bool IsReadyToRun()
    {
        var path = typeof(CliBuild).Assembly.Location;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return false;
        }

        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        return reader.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}

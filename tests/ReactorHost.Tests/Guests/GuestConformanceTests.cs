using System.Text.RegularExpressions;

namespace ReactorHost.Tests.Guests;

/// <summary>
/// Every guest of tests/guests/guests.json, in every mode: foreground, background (proxied), through
/// <c>reactorhost run</c>, and (guests with a /sandbox) background against an in-memory sandbox.
/// Exit code or trap, stdout (allOk / exact / exactRepeat) and the stderr pattern are checked as the
/// manifest says.
/// </summary>
public class GuestConformanceTests
{
    public static TheoryData<string, GuestMode> Cases
    {
        get
        {
            var data = new TheoryData<string, GuestMode>();
            foreach (var guest in GuestManifest.Guests)
            {
                data.Add(guest.Name, GuestMode.Foreground);
                data.Add(guest.Name, GuestMode.Background);
                data.Add(guest.Name, GuestMode.Cli);
                if (guest.UsesSandbox)
                {
                    data.Add(guest.Name, GuestMode.InMemory);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GuestPasses(string name, GuestMode mode)
    {
        var guest = GuestManifest.Find(name);
        var outcome = await GuestRunner.RunAsync(guest, mode);
        AssertOutcome(guest, outcome);
    }

    [Fact]
    public void EveryManifestEntryNamesACommittedModule()
    {
        // (bin/ also holds guests that need a network peer or are reactors; their own tests run them.)
        foreach (var guest in GuestManifest.Guests)
        {
            Assert.True(File.Exists(guest.WasmPath), $"guest {guest.Name}: {guest.WasmPath} is missing");
        }

        Assert.True(GuestManifest.Guests.Count >= 20, $"only {GuestManifest.Guests.Count} guests in the manifest");
    }

    internal static void AssertOutcome(GuestSpec guest, GuestOutcome outcome)
    {
        var stdout = outcome.StdoutText;
        var context = $"\n--- stdout ---\n{Tail(stdout)}\n--- stderr ---\n{Tail(outcome.Stderr)}";
        if (guest.StdoutMode == "allOk")
        {
            var failures = stdout.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("ok ", StringComparison.Ordinal)).ToList();
            Assert.True(failures.Count == 0, $"{guest.Name}: failing checks:\n{string.Join('\n', failures)}{context}");
            Assert.True(stdout.Contains("ok ", StringComparison.Ordinal), $"{guest.Name}: no checks ran{context}");
            Assert.True(stdout.EndsWith('\n'), $"{guest.Name}: stdout does not end with a complete line{context}");
        }
        else
        {
            Assert.True(guest.StdoutText == stdout, $"{guest.Name}: stdout differs (expected {guest.StdoutText!.Length} chars, got {stdout.Length}){context}");
        }

        if (guest.Trap)
        {
            Assert.True(outcome.Trap is not null, $"{guest.Name}: expected a trap, got exit code {outcome.ExitCode}{context}");
        }
        else
        {
            Assert.True(outcome.Trap is null, $"{guest.Name}: unexpected trap: {outcome.Trap}{context}");
            Assert.True(guest.ExitCode == outcome.ExitCode, $"{guest.Name}: exit code {outcome.ExitCode}, expected {guest.ExitCode}{context}");
        }

        if (guest.StderrPattern is { } pattern)
        {
            Assert.True(Regex.IsMatch(outcome.Stderr, pattern), $"{guest.Name}: stderr does not match /{pattern}/{context}");
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}

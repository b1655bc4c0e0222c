using System.Text;
using System.Text.Json;

namespace ReactorHost.Tests.Guests;

/// <summary>One entry of tests/guests/guests.json: how to run a guest and what it must produce.</summary>
public sealed class GuestSpec
{
    public required string Name { get; init; }

    /// <summary>Host path of the module (may not exist: a missing guest is a failure).</summary>
    public required string WasmPath { get; init; }

    /// <summary>The full argv, argv[0] included.</summary>
    public required IReadOnlyList<string> Args { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Env { get; init; }

    /// <summary>Guest path → host path ("$SANDBOX" = a fresh temporary directory).</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Preopens { get; init; }

    public required byte[] Stdin { get; init; }

    /// <summary>The expected exit code; null when the guest must trap.</summary>
    public int? ExitCode { get; init; }

    public bool Trap { get; init; }

    /// <summary>allOk, exact or exactRepeat.</summary>
    public required string StdoutMode { get; init; }

    /// <summary>The expected stdout for exact / exactRepeat.</summary>
    public string? StdoutText { get; init; }

    /// <summary>A regex stderr must match, if any.</summary>
    public string? StderrPattern { get; init; }

    /// <summary>True when the guest has a writable $SANDBOX preopen (so it can also run against an in-memory one).</summary>
    public bool UsesSandbox => Preopens.Any(p => p.Value == "$SANDBOX");

    public override string ToString() => Name;

    public static GuestSpec Parse(JsonElement guest, string guestsDirectory)
    {
        var name = guest.GetProperty("name").GetString()!;
        var stdout = guest.GetProperty("stdout");
        var mode = stdout.GetProperty("mode").GetString()!;
        string? text = null;
        if (mode == "exact")
        {
            text = stdout.GetProperty("text").GetString();
        }
        else if (mode == "exactRepeat")
        {
            text = Repeat(stdout.GetProperty("text").GetString()!, stdout.GetProperty("count").GetInt32());
        }
        else if (mode != "allOk")
        {
            throw new InvalidDataException($"guest {name}: unknown stdout mode '{mode}'");
        }

        string stdin;
        if (guest.TryGetProperty("stdinRepeat", out var repeat))
        {
            stdin = Repeat(repeat.GetProperty("text").GetString()!, repeat.GetProperty("count").GetInt32());
        }
        else
        {
            stdin = guest.TryGetProperty("stdin", out var s) ? s.GetString() ?? string.Empty : string.Empty;
        }

        var trap = guest.TryGetProperty("trap", out var t) && t.GetBoolean();
        return new GuestSpec
        {
            Name = name,
            WasmPath = Path.Combine(guestsDirectory, guest.GetProperty("wasm").GetString()!),
            Args = [.. guest.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)],
            Env = Pairs(guest, "env"),
            Preopens = Pairs(guest, "preopens"),
            Stdin = Encoding.UTF8.GetBytes(stdin),
            Trap = trap,
            ExitCode = trap ? null : guest.GetProperty("exitCode").GetInt32(),
            StdoutMode = mode,
            StdoutText = text,
            StderrPattern = guest.TryGetProperty("stderr", out var e) ? e.GetString() : null,
        };
    }

    private static List<KeyValuePair<string, string>> Pairs(JsonElement guest, string property) =>
        guest.TryGetProperty(property, out var map)
            ? [.. map.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))]
            : [];

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}

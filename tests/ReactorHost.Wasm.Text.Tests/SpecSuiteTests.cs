using System.Text;
using Xunit.Abstractions;

namespace ReactorHost.Wasm.Text.Tests;

/// <summary>
/// Runs the text parser over the official spec test suite: every text <c>assert_malformed</c>
/// module must be rejected, every other module must parse, and its binary should equal the .wasm
/// wast2json produced.
/// </summary>
public class SpecSuiteTests(ITestOutputHelper output)
{
    /// <summary>Totals of one script (or of all of them).</summary>
    internal sealed class Tally
    {
        public int Malformed;
        public int MalformedRejected;
        public int MalformedReasonMatches;
        public int WellFormed;
        public int Identical;
        public int Different;
        public int ParseErrors;
        public List<string> Problems { get; } = [];
        public List<string> Mismatches { get; } = [];
        public List<string> ReasonMismatches { get; } = [];

        public void Add(Tally other)
        {
            Malformed += other.Malformed;
            MalformedRejected += other.MalformedRejected;
            MalformedReasonMatches += other.MalformedReasonMatches;
            WellFormed += other.WellFormed;
            Identical += other.Identical;
            Different += other.Different;
            ParseErrors += other.ParseErrors;
            Problems.AddRange(other.Problems);
            Mismatches.AddRange(other.Mismatches);
            ReasonMismatches.AddRange(other.ReasonMismatches);
        }

        public override string ToString() =>
            $"malformed rejected {MalformedRejected}/{Malformed} (reason matches {MalformedReasonMatches}); " +
            $"well-formed {WellFormed}: identical {Identical}, different {Different}, parse errors {ParseErrors}";
    }

    internal static Tally RunScript(string script)
    {
        var tally = new Tally();
        string wast = SpecSuite.WastSource(script);
        foreach (var command in SpecSuite.ModuleCommands(script))
        {
            if (command.Type == "assert_malformed" && command.ModuleType == "text")
            {
                tally.Malformed++;
                string source = File.ReadAllText(SpecSuite.JsonFile(command.FileName), Encoding.UTF8);
                try
                {
                    Wat.ToBinary(source);
                    tally.Problems.Add($"{script}:{command.Line} accepted malformed {command.FileName} (expected \"{command.Text}\")");
                }
                catch (WasmModuleException e)
                {
                    tally.MalformedRejected++;
                    if (e.Reason.StartsWith(command.Text!, StringComparison.Ordinal))
                    {
                        tally.MalformedReasonMatches++;
                    }
                    else
                    {
                        tally.ReasonMismatches.Add($"{script}:{command.Line} {command.FileName}: expected \"{command.Text}\", got \"{e.Reason}\" at {e.Offset}");
                    }
                }

                continue;
            }

            if (!command.FileName.EndsWith(".wasm", StringComparison.Ordinal))
            {
                continue;
            }

            tally.WellFormed++;
            string text = SpecSuite.ModuleAtLine(wast, command.Line);
            byte[] actual;
            try
            {
                actual = Wat.ToBinary(text);
            }
            catch (WasmModuleException e)
            {
                tally.ParseErrors++;
                tally.Problems.Add($"{script}:{command.Line} ({command.Type}) failed to parse: {e.Message}");
                continue;
            }

            byte[] expected = File.ReadAllBytes(SpecSuite.JsonFile(command.FileName));
            if (actual.AsSpan().SequenceEqual(expected))
            {
                tally.Identical++;
            }
            else
            {
                tally.Different++;
                tally.Mismatches.Add($"{script}:{command.Line} ({command.Type}) {command.FileName} differs (expected {expected.Length} bytes, got {actual.Length})");
            }
        }

        return tally;
    }

    [Theory]
    [MemberData(nameof(SpecSuite.ScriptNames), MemberType = typeof(SpecSuite))]
    public void Script(string script)
    {
        if (script.Length == 0)
        {
            output.WriteLine("spec test suite not found: skipped");
            return;
        }

        var tally = RunScript(script);
        output.WriteLine(tally.ToString());
        foreach (string line in tally.ReasonMismatches.Concat(tally.Mismatches))
        {
            output.WriteLine(line);
        }

        Assert.True(tally.Problems.Count == 0, string.Join(Environment.NewLine, tally.Problems));
    }

    [Fact]
    public void Summary()
    {
        if (SpecSuite.Root is null)
        {
            output.WriteLine("spec test suite not found: skipped");
            return;
        }

        var total = new Tally();
        foreach (object[] row in SpecSuite.ScriptNames())
        {
            total.Add(RunScript((string)row[0]));
        }

        output.WriteLine(total.ToString());
        foreach (string line in total.ReasonMismatches.Concat(total.Mismatches).Concat(total.Problems))
        {
            output.WriteLine(line);
        }

        Assert.Equal(total.Malformed, total.MalformedRejected);
        Assert.Equal(0, total.ParseErrors);

        // Regression guards: every reason matches the suite's wording and every module encodes
        // byte-for-byte like wast2json's.
        Assert.Equal(total.Malformed, total.MalformedReasonMatches);
        Assert.Equal(0, total.Different);
    }
}

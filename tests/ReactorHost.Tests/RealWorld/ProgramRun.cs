using System.Text;

namespace ReactorHost.Tests.RealWorld;

/// <summary>What one run of a program left: exit code, stdout, stderr and the files of its work directory.</summary>
public sealed record ProgramRun(int ExitCode, byte[] Stdout, string Stderr, IReadOnlyDictionary<string, string> Files)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    /// <summary>For assertion messages.</summary>
    public override string ToString() => $"exit {ExitCode}; stderr: {Stderr}";
}

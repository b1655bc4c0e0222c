using System.CommandLine;
using System.Globalization;
using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Cli.Commands;

/// <summary>
/// <c>reactorhost wast PATH...</c>: runs WebAssembly spec test scripts (wast2json <c>.json</c>
/// files, or directories of them) against the engine and prints a summary per file and overall.
/// Exit code 0 when no command failed, 1 otherwise (including bad paths).
/// </summary>
internal static class WastCommand
{
    private const int FailuresShownWithoutVerbose = 3;
    private const int MaxReasonLengthWithoutVerbose = 240;

    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "wast2json .json scripts, or directories containing them",
            Arity = ArgumentArity.OneOrMore,
        };
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "List every failure, skip and warning (default: the first few failures per file)",
        };
        var includeSimd = new Option<bool>("--include-simd")
        {
            Description = "Also run the SIMD scripts (simd_*.json); excluded by default",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per command in seconds; a guest running longer is interrupted and fails",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is not (> 0 and < 86_400))
            {
                result.AddError("--timeout must be a positive number of seconds (less than a day)");
            }
        });

        var failuresFile = new Option<FileInfo?>("--write-failures")
        {
            Description = "Also write every failure to this file as `file.json:LINE reason` lines (the known-failures.txt format)",
            HelpName = "file",
        };

        var command = new Command("wast", "Run WebAssembly spec test scripts (wast2json output) against the engine")
        {
            paths,
            verbose,
            includeSimd,
            timeout,
            failuresFile,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(paths),
            parseResult.GetValue(verbose),
            parseResult.GetValue(includeSimd),
            TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
            parseResult.GetValue(failuresFile),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string[] paths, bool verbose, bool includeSimd, TimeSpan timeout, FileInfo? failuresFile, TextWriter output, TextWriter error)
    {
        var files = ResolveScripts(paths, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return 1;
        }

        using var failuresWriter = OpenFailuresFile(failuresFile, error);
        if (failuresFile is not null && failuresWriter is null)
        {
            return 1;
        }

        var runner = new SpecRunner(new SpecRunnerOptions { Timeout = timeout, IncludeSimd = includeSimd });
        var nameWidth = files.Max(f => Path.GetFileName(f).Length) + 1;
        int passed = 0, failed = 0, skipped = 0, excludedScripts = 0, excludedCommands = 0;
        var warningsByKind = new SortedDictionary<SpecWarningKind, int>();
        foreach (var file in files)
        {
            var result = runner.RunFile(file);
            if (result.IsExcluded)
            {
                excludedScripts++;
                excludedCommands += result.ExcludedCommandCount;
                if (verbose)
                {
                    output.WriteLine($"{(result.Name + ":").PadRight(nameWidth)} excluded (SIMD, {result.ExcludedCommandCount} commands)");
                }

                continue;
            }

            passed += result.Passed;
            failed += result.Failed;
            skipped += result.Skipped;
            foreach (var warning in result.Warnings)
            {
                warningsByKind[warning.Kind] = warningsByKind.GetValueOrDefault(warning.Kind) + 1;
            }

            PrintScript(output, result, nameWidth, verbose);
            if (failuresWriter is not null)
            {
                foreach (var failure in result.Failures)
                {
                    failuresWriter.WriteLine($"{result.Name}:{failure.Line} {OneLine(failure.Reason)}");
                }
            }
        }

        if (warningsByKind.Count > 0)
        {
            output.WriteLine("warnings (wording or error class only, not failures): " +
                string.Join(", ", warningsByKind.Select(w => $"{w.Value} {Describe(w.Key)}")));
        }

        if (excludedScripts > 0)
        {
            output.WriteLine($"SIMD: {excludedCommands} commands in {excludedScripts} script{(excludedScripts == 1 ? "" : "s")} excluded (--include-simd runs them)");
        }

        output.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 ? 0 : 1;
    }

    private static void PrintScript(TextWriter output, SpecScriptResult result, int nameWidth, bool verbose)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{(result.Name + ":").PadRight(nameWidth)} {result.Passed} passed, {result.Failed} failed, {result.Skipped} skipped");
        if (result.Warnings.Count > 0)
        {
            line += $", {result.Warnings.Count} warnings";
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line} ({result.Elapsed.TotalSeconds:0.00} s)"));

        if (verbose)
        {
            foreach (var command in result.Commands.Where(c => c.Outcome != SpecOutcome.Passed))
            {
                output.WriteLine($"  {(command.Outcome == SpecOutcome.Failed ? "FAIL" : "skip")} line {command.Line} {command.CommandType}: {command.Reason}");
            }

            foreach (var warning in result.Warnings)
            {
                output.WriteLine($"  warn line {warning.Line} {warning.CommandType}: {Describe(warning.Kind)}: {warning.Message}");
            }

            return;
        }

        foreach (var failure in result.Failures.Take(FailuresShownWithoutVerbose))
        {
            output.WriteLine($"  FAIL line {failure.Line} {failure.CommandType}: {Truncate(failure.Reason)}");
        }

        if (result.Failed > FailuresShownWithoutVerbose)
        {
            output.WriteLine($"  ... and {result.Failed - FailuresShownWithoutVerbose} more failures (--verbose lists all)");
        }
    }

    private static StreamWriter? OpenFailuresFile(FileInfo? file, TextWriter error)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return new StreamWriter(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write \"{file}\": {ex.Message}");
            return null;
        }
    }

    private static string OneLine(string? text) =>
        (text ?? "").ReplaceLineEndings(" ");

    /// <summary>Expands directories to their <c>.json</c> files (sorted); reports paths that do not exist.</summary>
    private static List<string> ResolveScripts(IEnumerable<string> paths, out List<string> problems)
    {
        problems = [];
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var scripts = Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList();
                if (scripts.Count == 0)
                {
                    problems.Add($"no .json scripts in directory \"{path}\"");
                }

                files.AddRange(scripts.Where(s => seen.Add(Path.GetFullPath(s))));
            }
            else if (File.Exists(path))
            {
                if (seen.Add(Path.GetFullPath(path)))
                {
                    files.Add(path);
                }
            }
            else
            {
                problems.Add($"no such file or directory: \"{path}\"");
            }
        }

        return files;
    }

    private static string Describe(SpecWarningKind kind) => kind switch
    {
        SpecWarningKind.TrapMessage => "trap message",
        SpecWarningKind.MalformedVersusInvalid => "malformed-vs-invalid",
        SpecWarningKind.ModuleErrorMessage => "module error message",
        SpecWarningKind.LinkErrorMessage => "link error message",
        _ => kind.ToString(),
    };

    private static string? Truncate(string? text) =>
        text is null || text.Length <= MaxReasonLengthWithoutVerbose ? text : text[..MaxReasonLengthWithoutVerbose] + "…";
}

using System.Diagnostics;

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// Runs wast2json scripts against an engine. Each script runs on its own thread with a large
/// stack, under a watchdog: a command that exceeds <see cref="SpecRunnerOptions.Timeout"/> gets
/// its instances interrupted and fails with "timeout"; a script whose guest ignores the
/// interrupt is abandoned, so a hung guest never hangs the run. Never throws for engine
/// misbehaviour: every exception becomes a command outcome.
/// </summary>
public sealed class SpecRunner
{
    private readonly SpecRunnerOptions _options;
    private readonly Func<ISpecEngine> _engineFactory;

    /// <summary>Creates a runner.</summary>
    public SpecRunner(SpecRunnerOptions? options = null)
    {
        _options = options ?? new SpecRunnerOptions();
        if (_options.Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "the timeout must be positive");
        }

        _engineFactory = _options.ResolveEngineFactory();
    }

    /// <summary>The options.</summary>
    public SpecRunnerOptions Options => _options;

    /// <summary>
    /// Loads and runs a wast2json file. A SIMD script is excluded (not run) unless
    /// <see cref="SpecRunnerOptions.IncludeSimd"/>. A file that cannot be read or parsed gives a
    /// result with one failed command (line 0).
    /// </summary>
    public SpecScriptResult RunFile(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        var name = Path.GetFileName(jsonPath);
        SpecScript script;
        try
        {
            script = SpecScript.Load(jsonPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return new SpecScriptResult(name, [new SpecCommandResult(0, "script", SpecOutcome.Failed, $"cannot load script: {ex.Message}", TimeSpan.Zero)], [], TimeSpan.Zero);
        }

        return Run(script);
    }

    /// <summary>Runs a parsed script (or excludes it when it is a SIMD script and SIMD is not included).</summary>
    public SpecScriptResult Run(SpecScript script)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (script.IsSimd && !_options.IncludeSimd)
        {
            return SpecScriptResult.Excluded(script.Name, script.Commands.Count);
        }

        var stopwatch = Stopwatch.StartNew();
        var execution = new ScriptExecution(script, _engineFactory);
        var thread = new Thread(execution.RunAll, _options.StackSizeBytes)
        {
            IsBackground = true, // an abandoned, hung guest must not keep the process alive
            Name = "spec " + script.Name,
        };
        thread.Start();
        Watch(thread, execution);
        return execution.BuildResult(stopwatch.Elapsed);
    }

    private void Watch(Thread thread, ScriptExecution execution)
    {
        var poll = TimeSpan.FromTicks(Math.Clamp(_options.Timeout.Ticks / 10, TimeSpan.TicksPerMillisecond, 100 * TimeSpan.TicksPerMillisecond));
        while (!thread.Join(poll))
        {
            var running = execution.CurrentCommandElapsed();
            if (running is not { } elapsed)
            {
                continue;
            }

            if (elapsed > _options.Timeout + _options.InterruptGrace)
            {
                if (execution.TryAbandon(elapsed))
                {
                    return;
                }
            }
            else if (elapsed > _options.Timeout)
            {
                execution.InterruptCurrent();
            }
        }
    }
}

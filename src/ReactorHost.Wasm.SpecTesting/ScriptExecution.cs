using System.Diagnostics;
using System.Globalization;

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// The state of one script run: executes the commands in order on the script thread and records
/// outcomes; the watchdog (another thread) reads progress and interrupts or abandons it.
/// </summary>
internal sealed class ScriptExecution
{
    private readonly SpecScript _script;
    private readonly Func<ISpecEngine> _engineFactory;
    private readonly SpecValues _values = new();
    private readonly Dictionary<string, ModuleSlot> _namedModules = new(StringComparer.Ordinal);
    private readonly List<SpecWarning> _pendingWarnings = [];

    // Guarded by _gate: shared with the watchdog thread.
    private readonly Lock _gate = new();
    private readonly List<SpecCommandResult> _results = [];
    private readonly List<SpecWarning> _warnings = [];
    private readonly List<ISpecInstance> _instances = [];
    private int _currentIndex = -1;
    private long _currentStarted;
    private bool _currentInterrupted;
    private int _abandonedIndex = -1;
    private TimeSpan _abandonTimeout;

    private ISpecEngine? _engine;
    private string? _engineError;
    private ModuleSlot? _currentModule;

    public ScriptExecution(SpecScript script, Func<ISpecEngine> engineFactory)
    {
        _script = script;
        _engineFactory = engineFactory;
    }

    /// <summary>The script thread's body. Never throws.</summary>
    public void RunAll()
    {
        try
        {
            _engine = _engineFactory();
        }
        catch (Exception ex)
        {
            _engineError = Unexpected(ex);
        }

        try
        {
            for (var i = 0; i < _script.Commands.Count; i++)
            {
                if (!RunCommand(i))
                {
                    return; // abandoned by the watchdog
                }
            }
        }
        finally
        {
            if (!IsAbandoned)
            {
                try
                {
                    _engine?.Dispose();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Disposal problems are the engine's to report elsewhere; results are complete.
                }
            }
        }
    }

    /// <summary>How long the current command has been running, or null between commands.</summary>
    public TimeSpan? CurrentCommandElapsed()
    {
        lock (_gate)
        {
            return _currentIndex < 0 || _abandonedIndex >= 0 ? null : Stopwatch.GetElapsedTime(_currentStarted);
        }
    }

    /// <summary>Watchdog: interrupts every instance of the script, once per command, and marks the command as timed out.</summary>
    public void InterruptCurrent()
    {
        lock (_gate)
        {
            if (_currentIndex < 0 || _currentInterrupted)
            {
                return;
            }

            _currentInterrupted = true;
            foreach (var instance in _instances)
            {
                try
                {
                    instance.Interrupt();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // An engine that cannot interrupt gets abandoned after the grace period.
                }
            }
        }
    }

    /// <summary>Watchdog: gives up on the script while a command is still running. Returns false when no command is running.</summary>
    /// <param name="waited">How long the command has been running (for the failure message).</param>
    public bool TryAbandon(TimeSpan waited)
    {
        lock (_gate)
        {
            if (_currentIndex < 0)
            {
                return false;
            }

            _abandonedIndex = _currentIndex;
            _abandonTimeout = waited;
            return true;
        }
    }

    /// <summary>The result so far; after abandonment the hung command fails and the rest are skipped.</summary>
    public SpecScriptResult BuildResult(TimeSpan elapsed)
    {
        lock (_gate)
        {
            var results = new List<SpecCommandResult>(_results);
            if (_abandonedIndex >= 0)
            {
                var hung = _script.Commands[_abandonedIndex];
                results.Add(new SpecCommandResult(hung.Line, hung.TypeName, SpecOutcome.Failed,
                    string.Create(CultureInfo.InvariantCulture, $"timeout: still running after {_abandonTimeout.TotalSeconds:0.#} s despite an interrupt; script abandoned"),
                    elapsed));
                for (var i = _abandonedIndex + 1; i < _script.Commands.Count; i++)
                {
                    var command = _script.Commands[i];
                    results.Add(new SpecCommandResult(command.Line, command.TypeName, SpecOutcome.Skipped,
                        $"not run: script abandoned after the hang at line {hung.Line}", TimeSpan.Zero));
                }
            }

            return new SpecScriptResult(_script.Name, results, [.. _warnings], elapsed);
        }
    }

    private bool IsAbandoned
    {
        get
        {
            lock (_gate)
            {
                return _abandonedIndex >= 0;
            }
        }
    }

    private bool RunCommand(int index)
    {
        var command = _script.Commands[index];
        lock (_gate)
        {
            if (_abandonedIndex >= 0)
            {
                return false;
            }

            _currentIndex = index;
            _currentStarted = Stopwatch.GetTimestamp();
            _currentInterrupted = false;
        }

        _pendingWarnings.Clear();
        var started = Stopwatch.GetTimestamp();
        var verdict = Execute(command);
        var elapsed = Stopwatch.GetElapsedTime(started);

        bool timedOut;
        lock (_gate)
        {
            if (_abandonedIndex >= 0)
            {
                return false;
            }

            timedOut = _currentInterrupted;
            _currentIndex = -1;
        }

        if (timedOut)
        {
            ClearInterrupts();
            verdict = Verdict.Fail(string.Create(CultureInfo.InvariantCulture,
                $"timeout: interrupted after {elapsed.TotalSeconds:0.#} s{(verdict.Reason is null ? "" : $" ({verdict.Reason})")}"));
        }

        lock (_gate)
        {
            _results.Add(new SpecCommandResult(command.Line, command.TypeName, verdict.Outcome, verdict.Reason, elapsed));
            if (verdict.Outcome == SpecOutcome.Passed)
            {
                _warnings.AddRange(_pendingWarnings);
            }
        }

        return true;
    }

    private void ClearInterrupts()
    {
        ISpecInstance[] instances;
        lock (_gate)
        {
            instances = [.. _instances];
        }

        foreach (var instance in instances)
        {
            try
            {
                instance.ClearInterrupt();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Nothing better to do: later commands on this instance will report the problem.
            }
        }
    }

    private Verdict Execute(SpecCommand command)
    {
        if (_engine is null)
        {
            return Verdict.Fail($"engine could not be created: {_engineError}");
        }

        try
        {
            return command.Kind switch
            {
                SpecCommandKind.Module => LoadModule(_engine, command),
                SpecCommandKind.Register => Register(_engine, command),
                SpecCommandKind.Action => RunAction(command),
                SpecCommandKind.AssertReturn => AssertReturn(command),
                SpecCommandKind.AssertTrap => AssertTrap(command, exhaustion: false),
                SpecCommandKind.AssertExhaustion => AssertTrap(command, exhaustion: true),
                SpecCommandKind.AssertInvalid or SpecCommandKind.AssertMalformed => AssertRejected(_engine, command),
                SpecCommandKind.AssertUnlinkable => AssertNotInstantiable(_engine, command, linkError: true),
                SpecCommandKind.AssertUninstantiable => AssertNotInstantiable(_engine, command, linkError: false),
                _ => Verdict.Skip($"unknown command type \"{command.TypeName}\""),
            };
        }
        catch (CommandSkippedException ex)
        {
            return Verdict.Skip(ex.Message);
        }
        catch (CommandFailedException ex)
        {
            return Verdict.Fail(ex.Message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Verdict.Fail(Unexpected(ex));
        }
    }

    private Verdict LoadModule(ISpecEngine engine, SpecCommand command)
    {
        var slot = new ModuleSlot(command.Line);
        if (command.Name is not null)
        {
            _namedModules[command.Name] = slot;
        }

        _currentModule = slot;
        ISpecModule module;
        try
        {
            module = engine.Compile(ModuleName(command), ReadModule(engine, command));
        }
        catch (WasmNotSupportedException ex)
        {
            slot.UnsupportedFeature = ex.Feature;
            return Verdict.Skip($"module uses an unsupported feature: {ex.Feature}");
        }
        catch (WasmModuleException ex)
        {
            return Verdict.Fail($"module rejected: {ex.Message}");
        }

        ISpecInstance instance;
        try
        {
            instance = module.Instantiate();
        }
        catch (WasmLinkException ex)
        {
            return Verdict.Fail($"module failed to link: {ex.Message}");
        }
        catch (WasmTrapException ex)
        {
            return Verdict.Fail($"instantiation trapped: {DescribeTrap(ex)}");
        }

        slot.Instance = instance;
        lock (_gate)
        {
            _instances.Add(instance);
        }

        return Verdict.Pass();
    }

    private Verdict Register(ISpecEngine engine, SpecCommand command)
    {
        var instance = ResolveInstance(command.Name);
        engine.Register(command.As ?? throw new CommandFailedException("register without \"as\""), instance);
        return Verdict.Pass();
    }

    private Verdict RunAction(SpecCommand command)
    {
        var (instance, arguments) = Prepare(command);
        try
        {
            Perform(instance, command.Action!, arguments);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Verdict.Fail(ActionError(ex));
        }

        return Verdict.Pass();
    }

    private Verdict AssertReturn(SpecCommand command)
    {
        var (instance, arguments) = Prepare(command);
        WasmValue[] results;
        try
        {
            results = Perform(instance, command.Action!, arguments);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Verdict.Fail(ActionError(ex));
        }

        var expected = command.Expected;
        var matches = results.Length == expected.Count;
        for (var i = 0; matches && i < results.Length; i++)
        {
            matches = _values.Matches(expected[i], results[i]);
        }

        return matches
            ? Verdict.Pass()
            : Verdict.Fail($"expected {SpecValues.Describe(expected.Select(SpecValues.Describe))} but got {SpecValues.Describe(results.Select(SpecValues.Describe))}");
    }

    private Verdict AssertTrap(SpecCommand command, bool exhaustion)
    {
        var (instance, arguments) = Prepare(command);
        var expectedText = command.Text ?? "";
        WasmValue[] results;
        try
        {
            results = Perform(instance, command.Action!, arguments);
        }
        catch (WasmTrapException ex)
        {
            if (exhaustion && ex.Code != TrapCode.StackExhausted)
            {
                return Verdict.Fail($"expected call stack exhaustion but trapped: {DescribeTrap(ex)}");
            }

            if (!TrapTextMatches(expectedText, ex))
            {
                Warn(command, SpecWarningKind.TrapMessage, $"expected \"{expectedText}\", got \"{WasmTrapException.Describe(ex.Code)}\" ({ex.Message})");
            }

            return Verdict.Pass();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Verdict.Fail($"expected trap \"{expectedText}\" but {ActionError(ex)}");
        }

        return Verdict.Fail($"expected trap \"{expectedText}\" but returned {SpecValues.Describe(results.Select(SpecValues.Describe))}");
    }

    private Verdict AssertRejected(ISpecEngine engine, SpecCommand command)
    {
        var expectMalformed = command.Kind == SpecCommandKind.AssertMalformed;
        var expectedText = command.Text ?? "";
        byte[] binary;
        if (command.ModuleFormat == SpecModuleFormat.Text)
        {
            var text = ReadText(command);
            try
            {
                binary = engine.TextToBinary(text);
            }
            catch (WasmNotSupportedException ex)
            {
                return Verdict.Skip($"text module uses an unsupported feature: {ex.Feature}");
            }
            catch (WasmModuleException ex)
            {
                return Rejected(command, ex, expectMalformed, expectedText);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return Verdict.Fail($"text parser: {Unexpected(ex)}");
            }
        }
        else
        {
            binary = ReadBinary(command);
        }

        try
        {
            engine.Compile(ModuleName(command), binary);
        }
        catch (WasmNotSupportedException ex)
        {
            return Verdict.Skip($"module uses an unsupported feature: {ex.Feature}");
        }
        catch (WasmModuleException ex)
        {
            return Rejected(command, ex, expectMalformed, expectedText);
        }

        return Verdict.Fail($"module accepted; expected {(expectMalformed ? "malformed" : "invalid")}: \"{expectedText}\"");
    }

    private Verdict Rejected(SpecCommand command, WasmModuleException ex, bool expectMalformed, string expectedText)
    {
        if (ex.IsMalformed != expectMalformed)
        {
            Warn(command, SpecWarningKind.MalformedVersusInvalid,
                $"expected {(expectMalformed ? "malformed" : "invalid")} \"{expectedText}\", engine says {(ex.IsMalformed ? "malformed" : "invalid")}: {ex.Reason}");
        }
        else if (!TextMatches(expectedText, ex.Reason))
        {
            Warn(command, SpecWarningKind.ModuleErrorMessage, $"expected \"{expectedText}\", got \"{ex.Reason}\"");
        }

        return Verdict.Pass();
    }

    private Verdict AssertNotInstantiable(ISpecEngine engine, SpecCommand command, bool linkError)
    {
        var expectedText = command.Text ?? "";
        var expectation = linkError ? $"link error \"{expectedText}\"" : $"instantiation trap \"{expectedText}\"";
        ISpecModule module;
        try
        {
            module = engine.Compile(ModuleName(command), ReadModule(engine, command));
        }
        catch (WasmNotSupportedException ex)
        {
            return Verdict.Skip($"module uses an unsupported feature: {ex.Feature}");
        }
        catch (WasmModuleException ex)
        {
            return Verdict.Fail($"expected {expectation} but the module was rejected: {ex.Message}");
        }

        try
        {
            module.Instantiate();
        }
        catch (WasmLinkException ex) when (linkError)
        {
            if (!TextMatches(expectedText, ex.Reason))
            {
                Warn(command, SpecWarningKind.LinkErrorMessage, $"expected \"{expectedText}\", got \"{ex.Reason}\" ({ex.Message})");
            }

            return Verdict.Pass();
        }
        catch (WasmTrapException ex) when (!linkError)
        {
            if (!TrapTextMatches(expectedText, ex))
            {
                Warn(command, SpecWarningKind.TrapMessage, $"expected \"{expectedText}\", got \"{WasmTrapException.Describe(ex.Code)}\" ({ex.Message})");
            }

            return Verdict.Pass();
        }
        catch (WasmLinkException ex)
        {
            return Verdict.Fail($"expected {expectation} but linking failed: {ex.Message}");
        }
        catch (WasmTrapException ex)
        {
            return Verdict.Fail($"expected {expectation} but instantiation trapped: {DescribeTrap(ex)}");
        }

        return Verdict.Fail($"expected {expectation} but the module instantiated");
    }

    /// <summary>Resolves the action's instance and converts its arguments (skips/fails before touching the engine).</summary>
    private (ISpecInstance Instance, WasmValue[] Arguments) Prepare(SpecCommand command)
    {
        var action = command.Action ?? throw new CommandFailedException($"{command.TypeName} without an action");
        foreach (var expected in command.Expected)
        {
            if (expected.Type == "v128")
            {
                throw new CommandSkippedException("v128 values are not supported");
            }
        }

        var instance = ResolveInstance(action.ModuleName);
        var arguments = new WasmValue[action.Arguments.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            arguments[i] = _values.ToArgument(action.Arguments[i]);
        }

        return (instance, arguments);
    }

    private static WasmValue[] Perform(ISpecInstance instance, SpecAction action, WasmValue[] arguments) =>
        action.Kind == SpecActionKind.Get ? [instance.GetGlobal(action.Field)] : instance.Invoke(action.Field, arguments);

    private ISpecInstance ResolveInstance(string? moduleName)
    {
        ModuleSlot? slot;
        if (moduleName is null)
        {
            slot = _currentModule ?? throw new CommandFailedException("no module has been loaded");
        }
        else if (!_namedModules.TryGetValue(moduleName, out slot))
        {
            throw new CommandFailedException($"unknown module {moduleName}");
        }

        if (slot.Instance is not null)
        {
            return slot.Instance;
        }

        if (slot.UnsupportedFeature is not null)
        {
            throw new CommandSkippedException($"module at line {slot.Line} uses an unsupported feature: {slot.UnsupportedFeature}");
        }

        throw new CommandFailedException($"module at line {slot.Line} failed to load");
    }

    private void Warn(SpecCommand command, SpecWarningKind kind, string message) =>
        _pendingWarnings.Add(new SpecWarning(command.Line, command.TypeName, kind, message));

    private static string ModuleName(SpecCommand command) =>
        command.Name ?? Path.GetFileNameWithoutExtension(command.ModulePath) ?? "module";

    /// <summary>The binary of a module that must load (text modules are converted first).</summary>
    private static byte[] ReadModule(ISpecEngine engine, SpecCommand command)
    {
        if (command.ModuleFormat == SpecModuleFormat.Binary)
        {
            return ReadBinary(command);
        }

        try
        {
            return engine.TextToBinary(ReadText(command));
        }
        catch (WasmNotSupportedException)
        {
            throw; // classified like an unsupported binary
        }
        catch (WasmModuleException ex)
        {
            throw new CommandFailedException($"text module rejected: {ex.Message}");
        }
    }

    private static byte[] ReadBinary(SpecCommand command)
    {
        var path = command.ModulePath ?? throw new CommandFailedException($"{command.TypeName} without a module file");
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {Path.GetFileName(path)}: {ex.Message}");
        }
    }

    private static string ReadText(SpecCommand command)
    {
        var path = command.ModulePath ?? throw new CommandFailedException($"{command.TypeName} without a module file");
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException($"cannot read {Path.GetFileName(path)}: {ex.Message}");
        }
    }

    /// <summary>The script's text names the trap when either wording is a prefix of the other (e.g. "uninitialized element 2").</summary>
    internal static bool TrapTextMatches(string expected, WasmTrapException trap) =>
        TextMatches(expected, WasmTrapException.Describe(trap.Code)) ||
        trap.Message.Contains(expected, StringComparison.Ordinal);

    internal static bool TextMatches(string expected, string actual) =>
        actual.StartsWith(expected, StringComparison.Ordinal) ||
        expected.StartsWith(actual, StringComparison.Ordinal) ||
        actual.Contains(expected, StringComparison.Ordinal);

    private static string ActionError(Exception ex) => ex switch
    {
        WasmTrapException trap => $"trapped: {DescribeTrap(trap)}",
        KeyNotFoundException missing => missing.Message,
        _ => Unexpected(ex),
    };

    private static string DescribeTrap(WasmTrapException trap)
    {
        var description = WasmTrapException.Describe(trap.Code);
        return trap.Message == description ? description : $"{description} ({trap.Message})";
    }

    private static string Unexpected(Exception ex) => $"unexpected exception {ex.GetType().Name}: {ex.Message}";

    private sealed class ModuleSlot(int line)
    {
        public int Line { get; } = line;

        public ISpecInstance? Instance { get; set; }

        public string? UnsupportedFeature { get; set; }
    }

    private readonly record struct Verdict(SpecOutcome Outcome, string? Reason)
    {
        public static Verdict Pass() => new(SpecOutcome.Passed, null);

        public static Verdict Fail(string reason) => new(SpecOutcome.Failed, reason);

        public static Verdict Skip(string reason) => new(SpecOutcome.Skipped, reason);
    }
}

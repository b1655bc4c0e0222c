namespace ReactorHost.Wasm.SpecTesting;

/// <summary>One command of a wast2json script. Which properties are set depends on <see cref="Kind"/>.</summary>
public sealed class SpecCommand
{
    /// <summary>The command kind.</summary>
    public required SpecCommandKind Kind { get; init; }

    /// <summary>The command's <c>type</c> as written in the script (e.g. <c>assert_return</c>).</summary>
    public required string TypeName { get; init; }

    /// <summary>Line in the <c>.wast</c> source.</summary>
    public required int Line { get; init; }

    /// <summary>
    /// <c>module</c>: the module's script name (e.g. <c>$M</c>), or null. <c>register</c>: the
    /// registered module's name, or null for the current module.
    /// </summary>
    public string? Name { get; init; }

    /// <summary><c>register</c>: the import module name the exports become visible under.</summary>
    public string? As { get; init; }

    /// <summary>Module commands: full path of the referenced <c>.wasm</c>/<c>.wat</c> file.</summary>
    public string? ModulePath { get; init; }

    /// <summary>Module commands: binary or text.</summary>
    public SpecModuleFormat ModuleFormat { get; init; }

    /// <summary>Assertions: the expected error text (e.g. <c>integer divide by zero</c>).</summary>
    public string? Text { get; init; }

    /// <summary>The action of <c>action</c>/<c>assert_return</c>/<c>assert_trap</c>/<c>assert_exhaustion</c>.</summary>
    public SpecAction? Action { get; init; }

    /// <summary>Expected results (<c>assert_return</c>), or the result types (traps).</summary>
    public IReadOnlyList<SpecValue> Expected { get; init; } = [];

    /// <summary>True when the command is about an action (as opposed to a module).</summary>
    public bool HasAction => Action is not null;

    /// <inheritdoc/>
    public override string ToString() => $"line {Line} {TypeName}";
}

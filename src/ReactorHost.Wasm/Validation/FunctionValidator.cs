using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Validation;

/// <summary>
/// Validates one function body instruction by instruction, keeping the operand-type stack and the
/// control stack. The compiler drives the same class while emitting code, so it can ask for operand
/// types (e.g. for an untyped <c>select</c>), stack heights (for branches that leave extra values
/// behind) and reachability (it emits nothing for unreachable code).
/// </summary>
internal sealed class FunctionValidator
{
    /// <summary>Creates a validator for functions of <paramref name="module"/>.</summary>
    public FunctionValidator(ModuleDefinition module) => Module = module;

    /// <summary>The module being validated.</summary>
    public ModuleDefinition Module { get; }

    /// <summary>Starts a new function (index in the function index space; must be a defined function).</summary>
    public void Begin(int functionIndex) => throw new NotImplementedException("front-end helper");

    /// <summary>
    /// Validates <paramref name="instruction"/> and applies its effect. After the function's final
    /// <c>end</c>, <see cref="IsFinished"/> is true.
    /// </summary>
    /// <exception cref="WasmModuleException">The instruction is invalid here.</exception>
    public void Step(in Instruction instruction) => throw new NotImplementedException("front-end helper");

    /// <summary>True once the final <c>end</c> of the function body has been validated.</summary>
    public bool IsFinished => throw new NotImplementedException("front-end helper");

    /// <summary>Number of known operands on the operand stack (all frames).</summary>
    public int OperandStackHeight => throw new NotImplementedException("front-end helper");

    /// <summary>True when the current position is unreachable (after br, br_table, return, unreachable; until the frame's end/else).</summary>
    public bool IsUnreachable => throw new NotImplementedException("front-end helper");

    /// <summary>
    /// Type of the operand <paramref name="depth"/> slots below the top (0 = top), before the next
    /// <see cref="Step"/>. <see cref="ValueKind.Unknown"/> for polymorphic slots in unreachable code.
    /// </summary>
    public ValueKind PeekOperand(int depth) => throw new NotImplementedException("front-end helper");
}

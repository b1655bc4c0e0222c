namespace ReactorHost.Wasm.Validation;

/// <summary>The construct that opened a control frame of <see cref="FunctionValidator"/>.</summary>
internal enum ControlKind : byte
{
    /// <summary>The implicit outermost block of the function body (a branch to it returns).</summary>
    Function,

    /// <summary>A <c>block</c>.</summary>
    Block,

    /// <summary>A <c>loop</c> (branches target its start and carry its parameters).</summary>
    Loop,

    /// <summary>The then-branch of an <c>if</c>.</summary>
    If,

    /// <summary>The else-branch of an <c>if</c>.</summary>
    Else,
}

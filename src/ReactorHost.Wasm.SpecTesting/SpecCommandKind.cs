namespace ReactorHost.Wasm.SpecTesting;

/// <summary>The kind of a wast2json command.</summary>
public enum SpecCommandKind
{
    /// <summary>A command type this runner does not know.</summary>
    Unknown,

    /// <summary><c>module</c>: load and instantiate a module; it becomes the current module.</summary>
    Module,

    /// <summary><c>register</c>: make a module's exports importable under a name.</summary>
    Register,

    /// <summary><c>action</c>: invoke an export or read a global, ignoring the result.</summary>
    Action,

    /// <summary><c>assert_return</c>: an action returns the expected values.</summary>
    AssertReturn,

    /// <summary><c>assert_trap</c>: an action traps.</summary>
    AssertTrap,

    /// <summary><c>assert_exhaustion</c>: an action exhausts the call stack.</summary>
    AssertExhaustion,

    /// <summary><c>assert_invalid</c>: a module fails validation.</summary>
    AssertInvalid,

    /// <summary><c>assert_malformed</c>: a module cannot be decoded (binary) or parsed (text).</summary>
    AssertMalformed,

    /// <summary><c>assert_unlinkable</c>: a module's imports cannot be resolved.</summary>
    AssertUnlinkable,

    /// <summary><c>assert_uninstantiable</c>: instantiating a module traps.</summary>
    AssertUninstantiable,
}

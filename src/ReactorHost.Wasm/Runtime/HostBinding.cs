namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// The context object passed to a host function's stub: the user callback and the instance that
/// imported it (the <see cref="Caller"/>). One binding per host function (caller null) plus one per
/// import of it, so calls allocate nothing.
/// </summary>
internal sealed class HostBinding : CallContext
{
    public HostBinding(FunctionType type, HostCallback? untyped, Delegate? typed, Instance? caller)
    {
        Type = type;
        Untyped = untyped;
        Typed = typed;
        Caller = caller;
    }

    /// <summary>The host function's signature.</summary>
    public FunctionType Type { get; }

    /// <summary>The untyped callback (from <see cref="Function.FromCallback"/>), or null.</summary>
    public HostCallback? Untyped { get; }

    /// <summary>The typed delegate (from <see cref="Function.FromDelegate"/>), or null. Read by the generated stub.</summary>
    public readonly Delegate? Typed;

    /// <summary>The instance whose imports this binding belongs to, or null.</summary>
    public readonly Instance? Caller;

    /// <summary>The same host function bound for calls from <paramref name="caller"/>.</summary>
    public HostBinding WithCaller(Instance caller) => new(Type, Untyped, Typed, caller);
}

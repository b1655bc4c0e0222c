using System.Diagnostics;

namespace ReactorHost.Hosting;

/// <summary>
/// Binds reactor exports like <see cref="WasiReactor.GetExport{T1, TResult}(string)"/> and friends,
/// and times each call (await to result, queue wait included) into the
/// <see cref="ReactorHostMetrics.CallDuration"/> histogram. For a reactor that was not created by
/// <c>AddWasiReactor</c> these return the plain, unmetered delegates. While nobody listens to the
/// histogram a metered call costs one flag check more than a plain one.
/// </summary>
public static class WasiReactorMeteringExtensions
{
    /// <summary>Metered <see cref="WasiReactor.GetExport{TResult}(string)"/>.</summary>
    public static ReactorFunc<TResult> GetMeteredExport<TResult>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetExport<TResult>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : cancellationToken => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(cancellationToken)) : export(cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetExport{T1, TResult}(string)"/>.</summary>
    public static ReactorFunc<T1, TResult> GetMeteredExport<T1, TResult>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetExport<T1, TResult>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (arg1, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(arg1, cancellationToken)) : export(arg1, cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetExport{T1, T2, TResult}(string)"/>.</summary>
    public static ReactorFunc<T1, T2, TResult> GetMeteredExport<T1, T2, TResult>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetExport<T1, T2, TResult>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (arg1, arg2, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(arg1, arg2, cancellationToken)) : export(arg1, arg2, cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetExport{T1, T2, T3, TResult}(string)"/>.</summary>
    public static ReactorFunc<T1, T2, T3, TResult> GetMeteredExport<T1, T2, T3, TResult>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetExport<T1, T2, T3, TResult>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (arg1, arg2, arg3, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(arg1, arg2, arg3, cancellationToken)) : export(arg1, arg2, arg3, cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetExport{TArg, TResult}(string, ReactorMarshaller{TArg}, ReactorUnmarshaller{TResult})"/>.</summary>
    public static ReactorFunc<TArg, TResult> GetMeteredExport<TArg, TResult>(this WasiReactor reactor, string name, ReactorMarshaller<TArg> marshal, ReactorUnmarshaller<TResult> unmarshal)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetExport(name, marshal, unmarshal);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (argument, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(argument, cancellationToken)) : export(argument, cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetAction(string)"/>.</summary>
    public static ReactorAction GetMeteredAction(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetAction(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : cancellationToken => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(cancellationToken)) : export(cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetAction{T1}(string)"/>.</summary>
    public static ReactorAction<T1> GetMeteredAction<T1>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetAction<T1>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (arg1, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(arg1, cancellationToken)) : export(arg1, cancellationToken);
    }

    /// <summary>Metered <see cref="WasiReactor.GetAction{T1, T2}(string)"/>.</summary>
    public static ReactorAction<T1, T2> GetMeteredAction<T1, T2>(this WasiReactor reactor, string name)
    {
        ArgumentNullException.ThrowIfNull(reactor);
        var export = reactor.GetAction<T1, T2>(name);
        return ReactorCallMeter.For(reactor, name) is not { } meter ? export
            : (arg1, arg2, cancellationToken) => meter.Enabled ? meter.Track(Stopwatch.GetTimestamp(), export(arg1, arg2, cancellationToken)) : export(arg1, arg2, cancellationToken);
    }
}

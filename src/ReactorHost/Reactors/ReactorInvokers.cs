using ReactorHost.Wasm;

namespace ReactorHost;

/// <summary>
/// The guest-thread side of bound exports: each invoker resolves its export once per instance
/// (a restart brings a new one) and calls it, flagging <see cref="ReactorContext.InGuest"/> so a
/// failure inside guest code is told apart from a marshalling error.
/// </summary>
internal static class ReactorInvokers
{
    public static Func<ReactorContext, ValueTuple, TResult> Func<TResult>(string name) => new Func0<TResult>(name).Invoke;

    public static Func<ReactorContext, T1, TResult> Func<T1, TResult>(string name) => new Func1<T1, TResult>(name).Invoke;

    public static Func<ReactorContext, (T1, T2), TResult> Func<T1, T2, TResult>(string name) => new Func2<T1, T2, TResult>(name).Invoke;

    public static Func<ReactorContext, (T1, T2, T3), TResult> Func<T1, T2, T3, TResult>(string name) => new Func3<T1, T2, T3, TResult>(name).Invoke;

    public static Func<ReactorContext, ValueTuple, bool> Action(string name) => new Action0(name).Invoke;

    public static Func<ReactorContext, T1, bool> Action<T1>(string name) => new Action1<T1>(name).Invoke;

    public static Func<ReactorContext, (T1, T2), bool> Action<T1, T2>(string name) => new Action2<T1, T2>(name).Invoke;

    public static Func<ReactorContext, TArg, TResult> Marshalled<TArg, TResult>(string name, ReactorMarshaller<TArg> marshal, ReactorUnmarshaller<TResult> unmarshal) =>
        new MarshalledInvoker<TArg, TResult>(name, marshal, unmarshal).Invoke;

    private static InvalidOperationException Missing(string name, Instance instance) =>
        new InvalidOperationException($"The instance of '{instance.Module.Name}' exports no function \"{name}\".");

    private sealed class Func0<TResult>(string name)
    {
        private Instance? _bound;
        private Func<TResult>? _function;

        public TResult Invoke(ReactorContext context, ValueTuple arguments)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetFunction<TResult>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            var result = _function!();
            context.InGuest = false;
            return result;
        }
    }

    private sealed class Func1<T1, TResult>(string name)
    {
        private Instance? _bound;
        private Func<T1, TResult>? _function;

        public TResult Invoke(ReactorContext context, T1 argument)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetFunction<T1, TResult>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            var result = _function!(argument);
            context.InGuest = false;
            return result;
        }
    }

    private sealed class Func2<T1, T2, TResult>(string name)
    {
        private Instance? _bound;
        private Func<T1, T2, TResult>? _function;

        public TResult Invoke(ReactorContext context, (T1, T2) arguments)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetFunction<T1, T2, TResult>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            var result = _function!(arguments.Item1, arguments.Item2);
            context.InGuest = false;
            return result;
        }
    }

    private sealed class Func3<T1, T2, T3, TResult>(string name)
    {
        private Instance? _bound;
        private Func<T1, T2, T3, TResult>? _function;

        public TResult Invoke(ReactorContext context, (T1, T2, T3) arguments)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetFunction<T1, T2, T3, TResult>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            var result = _function!(arguments.Item1, arguments.Item2, arguments.Item3);
            context.InGuest = false;
            return result;
        }
    }

    private sealed class Action0(string name)
    {
        private Instance? _bound;
        private System.Action? _function;

        public bool Invoke(ReactorContext context, ValueTuple arguments)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetAction(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            _function!();
            context.InGuest = false;
            return true;
        }
    }

    private sealed class Action1<T1>(string name)
    {
        private Instance? _bound;
        private Action<T1>? _function;

        public bool Invoke(ReactorContext context, T1 argument)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetAction<T1>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            _function!(argument);
            context.InGuest = false;
            return true;
        }
    }

    private sealed class Action2<T1, T2>(string name)
    {
        private Instance? _bound;
        private Action<T1, T2>? _function;

        public bool Invoke(ReactorContext context, (T1, T2) arguments)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetAction<T1, T2>(name) ?? throw Missing(name, context.Instance);
                _bound = context.Instance;
            }

            context.InGuest = true;
            _function!(arguments.Item1, arguments.Item2);
            context.InGuest = false;
            return true;
        }
    }

    private sealed class MarshalledInvoker<TArg, TResult>(string name, ReactorMarshaller<TArg> marshal, ReactorUnmarshaller<TResult> unmarshal)
    {
        private Instance? _bound;
        private Function? _function;
        private WasmValue[] _arguments = [];
        private WasmValue[] _results = [];

        public TResult Invoke(ReactorContext context, TArg argument)
        {
            if (!ReferenceEquals(_bound, context.Instance))
            {
                _function = context.Instance.GetFunction(name) ?? throw Missing(name, context.Instance);
                _arguments = new WasmValue[_function.Type.Parameters.Length];
                _results = new WasmValue[_function.Type.Results.Length];
                _bound = context.Instance;
            }

            var arguments = _arguments;
            Array.Clear(arguments);
            marshal(context, argument, arguments);
            var parameters = _function!.Type.Parameters;
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Kind != parameters[i])
                {
                    throw new ArgumentException($"The marshaller of \"{name}\" left argument {i} as {arguments[i].Kind.ToWatName()}; the export {_function.Type} takes {parameters[i].ToWatName()} there.");
                }
            }

            context.InGuest = true;
            _function.InvokeInto(arguments, _results);
            context.InGuest = false;
            return unmarshal(context, _results);
        }
    }
}

namespace ReactorHost.Wasm.Tests.Backend;

/// <summary>Shortcuts for compiling and instantiating test modules.</summary>
internal static class TestHost
{
    public static Instance Instantiate(byte[] wasm, Action<Linker>? define = null, EngineOptions? options = null)
    {
        var engine = new Engine(options ?? new EngineOptions());
        var linker = new Linker(engine);
        define?.Invoke(linker);
        return linker.Instantiate(Module.FromBytes(engine, "test", wasm));
    }

    public static WasmValue[] Call(this Instance instance, string name, params WasmValue[] arguments) =>
        instance.GetFunction(name)!.Invoke(arguments);

    public static WasmValue I32(int value) => WasmValue.FromInt32(value);

    public static WasmValue I64(long value) => WasmValue.FromInt64(value);

    /// <summary>Runs <paramref name="action"/> on a fresh thread with a known stack size.</summary>
    public static void OnThread(Action action, int stackBytes = 1024 * 1024)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, stackBytes);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}

using ReactorHost.Wasm.Text;

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>
/// <see cref="ISpecEngine"/> over ReactorHost.Wasm: an <see cref="Engine"/>, a <see cref="Linker"/>
/// with the <c>spectest</c> host module defined, and <see cref="Wat"/> for text modules.
/// </summary>
public sealed class ReactorHostSpecEngine : ISpecEngine
{
    private readonly Engine _engine;
    private readonly Linker _linker;

    /// <summary>Creates an engine with <paramref name="options"/> and defines the <c>spectest</c> module.</summary>
    public ReactorHostSpecEngine(EngineOptions options)
    {
        _engine = new Engine(options);
        _linker = new Linker(_engine) { AllowShadowing = true };
        Spectest.Define(_linker);
    }

    /// <inheritdoc/>
    public byte[] TextToBinary(string text) => Wat.ToBinary(text);

    /// <inheritdoc/>
    public ISpecModule Compile(string name, byte[] binary) => new CompiledModule(_linker, Module.FromBytes(_engine, name, binary));

    /// <inheritdoc/>
    public void Register(string name, ISpecInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _linker.DefineInstance(name, ((InstanceHandle)instance).Instance);
    }

    /// <inheritdoc/>
    public void Dispose() => _engine.Dispose();

    private sealed class CompiledModule(Linker linker, Module module) : ISpecModule
    {
        public ISpecInstance Instantiate() => new InstanceHandle(linker.Instantiate(module));
    }

    private sealed class InstanceHandle(Instance instance) : ISpecInstance
    {
        public Instance Instance { get; } = instance;

        public WasmValue[] Invoke(string name, ReadOnlySpan<WasmValue> arguments)
        {
            var function = Instance.GetFunction(name) ?? throw new KeyNotFoundException($"no exported function \"{name}\"");
            return function.Invoke(arguments);
        }

        public WasmValue GetGlobal(string name) =>
            (Instance.GetGlobal(name) ?? throw new KeyNotFoundException($"no exported global \"{name}\"")).Value;

        public void Interrupt() => Instance.Interrupt();

        public void ClearInterrupt() => Instance.ClearInterrupt();
    }
}

using ReactorHost.Wasm.Text;

namespace ReactorHost.Wasm;

/// <summary>Adds text-format loading to <see cref="Module"/> (in the engine's namespace, so it is found without an extra using).</summary>
public static class ModuleTextExtensions
{
    extension(Module)
    {
        /// <summary>Parses a text module (WAT), then decodes, validates and compiles it like <see cref="Module.FromBytes"/>.</summary>
        /// <param name="engine">The engine to compile for.</param>
        /// <param name="name">The module's name.</param>
        /// <param name="text">A text module: <c>(module ...)</c> or a bare sequence of module fields.</param>
        /// <exception cref="WasmModuleException">The text is malformed, or the module is invalid.</exception>
        public static Module FromText(Engine engine, string name, string text) =>
            Module.FromBytes(engine, name, Wat.ToBinary(text));
    }
}

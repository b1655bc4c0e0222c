using ReactorHost.Wasm.SpecTesting;

namespace ReactorHost.Wasm.SpecTests.Runner;

/// <summary>Writes a synthetic wast2json script and its module files to a temporary directory.</summary>
internal sealed class ScriptFixture : IDisposable
{
    public ScriptFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), "rh-spec-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes a module file whose content tells the fake engine how to behave.</summary>
    public ScriptFixture Module(string fileName, string behaviour)
    {
        File.WriteAllText(Path.Combine(Directory, fileName), behaviour);
        return this;
    }

    /// <summary>Writes <c>name</c> with the given commands (JSON objects) and returns its path.</summary>
    public string Script(string name, params string[] commands)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, $"{{\"source_filename\": \"{name}.wast\",\n \"commands\": [\n  {string.Join(",\n  ", commands)}]}}\n");
        return path;
    }

    /// <summary>Runs a script against <paramref name="engine"/>, or the real engine when it is null.</summary>
    public static SpecScriptResult Run(string path, FakeSpecEngine? engine, TimeSpan? timeout = null, TimeSpan? grace = null, bool includeSimd = false) =>
        new SpecRunner(new SpecRunnerOptions
        {
            EngineFactory = engine is null ? null : () => engine,
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            InterruptGrace = grace ?? TimeSpan.FromSeconds(5),
            IncludeSimd = includeSimd,
        }).RunFile(path);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

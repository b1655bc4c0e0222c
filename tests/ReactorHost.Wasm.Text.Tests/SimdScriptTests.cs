namespace ReactorHost.Wasm.Text.Tests;

/// <summary>SIMD is out of scope: SIMD text must be reported as unsupported (or malformed), never crash.</summary>
public class SimdScriptTests
{
    [Fact]
    public void SimdModulesAreUnsupportedNotCrashes()
    {
        if (SpecSuite.Root is null)
        {
            return;
        }

        int unsupported = 0;
        foreach (string json in Directory.GetFiles(Path.Combine(SpecSuite.Root, "json"), "simd*.json"))
        {
            string script = Path.GetFileNameWithoutExtension(json);
            string wast = SpecSuite.WastSource(script);
            foreach (var command in SpecSuite.ModuleCommands(script))
            {
                string text = command.FileName.EndsWith(".wat", StringComparison.Ordinal)
                    ? File.ReadAllText(SpecSuite.JsonFile(command.FileName))
                    : SpecSuite.ModuleAtLine(wast, command.Line);
                try
                {
                    Wat.ToBinary(text);
                }
                catch (WasmNotSupportedException)
                {
                    unsupported++;
                }
                catch (WasmModuleException e) when (command.Type == "assert_malformed")
                {
                    Assert.True(e.IsMalformed);
                }
            }
        }

        Assert.True(unsupported > 0);
    }
}

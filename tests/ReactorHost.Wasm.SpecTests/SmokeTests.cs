namespace ReactorHost.Wasm.SpecTests;

public class SmokeTests
{
    [Fact]
    public void ValueKindMatchesBinaryEncoding() => Assert.Equal(0x7F, (int)ReactorHost.Wasm.ValueKind.Int32);
}

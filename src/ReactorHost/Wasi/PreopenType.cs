namespace ReactorHost.Wasi;

/// <summary>Identifiers for preopened capabilities (witx <c>preopentype</c>, u8).</summary>
public enum PreopenType : byte
{
    /// <summary>A pre-opened directory.</summary>
    Dir = 0,
}

namespace ReactorHost.Wasi;

/// <summary>Flags provided to sock_send (witx <c>siflags</c>, u16). As of preview1 no flags are defined.</summary>
[Flags]
public enum SiFlags : ushort
{
    /// <summary>No flags.</summary>
    None = 0,
}

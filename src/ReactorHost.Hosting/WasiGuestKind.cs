namespace ReactorHost.Hosting;

/// <summary>What a hosted guest registration runs.</summary>
internal enum WasiGuestKind
{
    Reactor,
    Process,
}

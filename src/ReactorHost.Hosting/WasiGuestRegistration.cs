namespace ReactorHost.Hosting;

/// <summary>One <c>AddWasiReactor</c>/<c>AddWasiProcess</c> call, as a marker service the hosted service and validator enumerate.</summary>
internal sealed record WasiGuestRegistration(string Name, WasiGuestKind Kind, string? ConfigurationPath)
{
    public string Describe() => $"{(Kind == WasiGuestKind.Reactor ? "Reactor" : "Process")} '{Name}'";
}

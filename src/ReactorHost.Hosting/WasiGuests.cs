using Microsoft.Extensions.DependencyInjection;

namespace ReactorHost.Hosting;

/// <summary>
/// Typed access to the guests registered with <c>AddWasiReactor</c>/<c>AddWasiProcess</c>, for code
/// that picks a guest by name at run time (otherwise inject
/// <c>[FromKeyedServices("name")] WasiReactor</c> directly).
/// </summary>
public sealed class WasiGuests
{
    private readonly IServiceProvider _services;
    private readonly WasiGuestRegistration[] _registrations;

    internal WasiGuests(IServiceProvider services, IEnumerable<WasiGuestRegistration> registrations)
    {
        _services = services;
        _registrations = [.. registrations];
    }

    /// <summary>Names of the registered reactors, in registration order.</summary>
    public IReadOnlyList<string> ReactorNames => Names(WasiGuestKind.Reactor);

    /// <summary>Names of the registered processes, in registration order.</summary>
    public IReadOnlyList<string> ProcessNames => Names(WasiGuestKind.Process);

    /// <summary>The reactor registered as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No reactor has that name.</exception>
    /// <exception cref="WasiHostingException">Its module cannot be loaded.</exception>
    public WasiReactor GetReactor(string name) =>
        Has(name, WasiGuestKind.Reactor) ? _services.GetRequiredKeyedService<WasiReactor>(name)
        : throw new KeyNotFoundException($"No WASI reactor is registered as '{name}'. Registered: {string.Join(", ", ReactorNames)}.");

    /// <summary>The process registered as <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No process has that name.</exception>
    public HostedWasiProcess GetProcess(string name) =>
        Has(name, WasiGuestKind.Process) ? _services.GetRequiredKeyedService<HostedWasiProcess>(name)
        : throw new KeyNotFoundException($"No WASI process is registered as '{name}'. Registered: {string.Join(", ", ProcessNames)}.");

    private bool Has(string name, WasiGuestKind kind) => Array.Exists(_registrations, r => r.Kind == kind && r.Name == name);

    private string[] Names(WasiGuestKind kind) => [.. _registrations.Where(r => r.Kind == kind).Select(r => r.Name)];
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReactorHost.Hosting;

/// <summary>
/// Starts the registered guests with the host and stops them on shutdown. Lifecycle order:
/// reactors are started (instantiated, <c>_initialize</c> done) in <see cref="StartingAsync"/>, so
/// before any hosted service's <c>StartAsync</c> (and any <see cref="BackgroundService"/>) runs;
/// process modules are compiled there too, so a bad module fails the host's start. Processes run
/// from <see cref="StartAsync"/> and are cancelled in <see cref="StopAsync"/>. Reactors are stopped
/// last, in <see cref="StoppedAsync"/>, after every hosted service (their callers) has stopped.
/// Every stop is bounded by the host's shutdown timeout.
/// </summary>
internal sealed class WasiGuestHostedService : IHostedLifecycleService
{
    private readonly IServiceProvider _services;
    private readonly WasiGuestRegistration[] _registrations;
    private HostedReactor[] _reactors = [];
    private HostedWasiProcess[] _processes = [];

    public WasiGuestHostedService(IServiceProvider services, IEnumerable<WasiGuestRegistration> registrations)
    {
        _services = services;
        _registrations = [.. registrations];
    }

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        _reactors = [.. _registrations.Where(r => r.Kind == WasiGuestKind.Reactor).Select(r => _services.GetRequiredKeyedService<HostedReactor>(r.Name))];
        _processes = [.. _registrations.Where(r => r.Kind == WasiGuestKind.Process).Select(r => _services.GetRequiredKeyedService<HostedWasiProcess>(r.Name))];
        foreach (var process in _processes)
        {
            process.Load();
        }

        // Create every reactor first so a missing or malformed module fails before any guest runs.
        foreach (var reactor in _reactors)
        {
            _ = reactor.Reactor;
        }

        await Task.WhenAll(_reactors.Select(r => r.StartAsync(cancellationToken))).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var process in _processes)
        {
            process.Start();
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_processes.Select(p => p.StopAsync(cancellationToken)));

    public Task StoppedAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_reactors.Select(r => r.StopAsync(cancellationToken)));
}

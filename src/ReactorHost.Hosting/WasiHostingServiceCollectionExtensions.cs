using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReactorHost;
using ReactorHost.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers WASI guests with a .NET host: <see cref="AddWasiReactor(IServiceCollection, string, Action{WasiReactorHostOptions}?)"/>
/// and <see cref="AddWasiProcess(IServiceCollection, string, Action{WasiProcessHostOptions}?)"/>. See docs/hosting.md.
/// </summary>
public static class WasiHostingServiceCollectionExtensions
{
    /// <summary>The configuration section reactors bind from by default: <c>ReactorHost:Reactors:{name}</c>.</summary>
    public const string ReactorsSection = "ReactorHost:Reactors";

    /// <summary>The configuration section processes bind from by default: <c>ReactorHost:Processes:{name}</c>.</summary>
    public const string ProcessesSection = "ReactorHost:Processes";

    /// <summary>
    /// Registers a reactor named <paramref name="name"/>: options bound from the configuration
    /// section <c>ReactorHost:Reactors:{name}</c> (when the container has an
    /// <see cref="IConfiguration"/>), then <paramref name="configure"/>; validated when the host
    /// starts; the <see cref="WasiReactor"/> is a keyed singleton
    /// (<c>[FromKeyedServices(name)] WasiReactor</c>), started with the host (its
    /// <c>_initialize</c> has run before any hosted service starts) and stopped on shutdown.
    /// </summary>
    /// <returns>The options builder, for more configuration or validation.</returns>
    /// <exception cref="ArgumentException">A reactor with this name is already registered.</exception>
    public static OptionsBuilder<WasiReactorHostOptions> AddWasiReactor(this IServiceCollection services, string name, Action<WasiReactorHostOptions>? configure = null) =>
        AddReactor(services, name, $"{ReactorsSection}:{name}", configuration: null, configure);

    /// <summary>As <see cref="AddWasiReactor(IServiceCollection, string, Action{WasiReactorHostOptions}?)"/>, binding from <paramref name="configuration"/> (a section) instead of the default section.</summary>
    public static OptionsBuilder<WasiReactorHostOptions> AddWasiReactor(this IServiceCollection services, string name, IConfiguration configuration, Action<WasiReactorHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddReactor(services, name, (configuration as IConfigurationSection)?.Path, configuration, configure);
    }

    /// <summary>
    /// Registers a WASI command named <paramref name="name"/>: options bound from
    /// <c>ReactorHost:Processes:{name}</c>, then <paramref name="configure"/>; validated and
    /// compiled when the host starts, then run in the background (exit code logged, restart policy,
    /// optional <see cref="WasiProcessHostOptions.StopHostOnExit"/>) and cancelled on shutdown.
    /// Resolve it as <c>[FromKeyedServices(name)] HostedWasiProcess</c>.
    /// </summary>
    /// <returns>The options builder, for more configuration or validation.</returns>
    /// <exception cref="ArgumentException">A process with this name is already registered.</exception>
    public static OptionsBuilder<WasiProcessHostOptions> AddWasiProcess(this IServiceCollection services, string name, Action<WasiProcessHostOptions>? configure = null) =>
        AddProcess(services, name, $"{ProcessesSection}:{name}", configuration: null, configure);

    /// <summary>As <see cref="AddWasiProcess(IServiceCollection, string, Action{WasiProcessHostOptions}?)"/>, binding from <paramref name="configuration"/> (a section) instead of the default section.</summary>
    public static OptionsBuilder<WasiProcessHostOptions> AddWasiProcess(this IServiceCollection services, string name, IConfiguration configuration, Action<WasiProcessHostOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return AddProcess(services, name, (configuration as IConfigurationSection)?.Path, configuration, configure);
    }

    private static OptionsBuilder<WasiReactorHostOptions> AddReactor(IServiceCollection services, string name, string? configurationPath, IConfiguration? configuration, Action<WasiReactorHostOptions>? configure)
    {
        AddCommon(services, name, WasiGuestKind.Reactor, configurationPath);
        services.AddKeyedSingleton(name, static (sp, key) => new HostedReactor(
            (string)key!,
            sp.GetRequiredService<IOptionsMonitor<WasiReactorHostOptions>>().Get((string)key!),
            WasiGuestOptionsValidator.ContentRoot(sp.GetService<IHostEnvironment>()),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetRequiredService<ReactorHostInstrumentation>()));
        services.AddKeyedSingleton(name, static (sp, key) => sp.GetRequiredKeyedService<HostedReactor>(key).Reactor);
        return Options(services.AddOptions<WasiReactorHostOptions>(name), name, configurationPath, configuration, configure);
    }

    private static OptionsBuilder<WasiProcessHostOptions> AddProcess(IServiceCollection services, string name, string? configurationPath, IConfiguration? configuration, Action<WasiProcessHostOptions>? configure)
    {
        AddCommon(services, name, WasiGuestKind.Process, configurationPath);
        services.AddKeyedSingleton(name, static (sp, key) => new HostedWasiProcess(
            (string)key!,
            sp.GetRequiredService<IOptionsMonitor<WasiProcessHostOptions>>().Get((string)key!),
            WasiGuestOptionsValidator.ContentRoot(sp.GetService<IHostEnvironment>()),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            sp.GetRequiredService<ReactorHostInstrumentation>(),
            sp.GetService<IHostApplicationLifetime>()));
        return Options(services.AddOptions<WasiProcessHostOptions>(name), name, configurationPath, configuration, configure);
    }

    private static void AddCommon(IServiceCollection services, string name, WasiGuestKind kind, string? configurationPath)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(WasiGuestRegistration) && descriptor.ImplementationInstance is WasiGuestRegistration existing && existing.Name == name && existing.Kind == kind)
            {
                throw new ArgumentException($"A WASI {(kind == WasiGuestKind.Reactor ? "reactor" : "process")} named '{name}' is already registered.", nameof(name));
            }
        }

        services.AddSingleton(new WasiGuestRegistration(name, kind, configurationPath));
        services.TryAddSingleton(static sp => new ReactorHostInstrumentation(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(static sp => new WasiGuests(sp, sp.GetServices<WasiGuestRegistration>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WasiGuestHostedService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WasiReactorHostOptions>, WasiGuestOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WasiProcessHostOptions>, WasiGuestOptionsValidator>());
    }

    private static OptionsBuilder<T> Options<T>(OptionsBuilder<T> builder, string name, string? configurationPath, IConfiguration? configuration, Action<T>? configure)
        where T : WasiGuestHostOptions
    {
        if (configuration is not null)
        {
            builder.Bind(configuration);
        }
        else if (configurationPath is not null)
        {
            // Bind only when the container has configuration (a plain ServiceCollection may not).
            builder.Services.AddSingleton<IConfigureOptions<T>>(sp => new ConfigureNamedOptions<T>(name, options =>
            {
                if (sp.GetService<IConfiguration>() is { } root)
                {
                    root.GetSection(configurationPath).Bind(options);
                }
            }));
        }

        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder.ValidateOnStart();
    }
}

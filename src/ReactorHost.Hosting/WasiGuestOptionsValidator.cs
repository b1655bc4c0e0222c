using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReactorHost.Hosting;

/// <summary>
/// Checks registered guests' options when the host starts (<c>ValidateOnStart</c>): every failure
/// names the guest, the configuration key and the offending value; all of them are reported at once.
/// </summary>
internal sealed class WasiGuestOptionsValidator : IValidateOptions<WasiReactorHostOptions>, IValidateOptions<WasiProcessHostOptions>
{
    private readonly WasiGuestRegistration[] _registrations;
    private readonly string _contentRoot;

    public WasiGuestOptionsValidator(IEnumerable<WasiGuestRegistration> registrations, IHostEnvironment? environment = null)
    {
        _registrations = [.. registrations];
        _contentRoot = ContentRoot(environment);
    }

    public static string ContentRoot(IHostEnvironment? environment) =>
        string.IsNullOrEmpty(environment?.ContentRootPath) ? Directory.GetCurrentDirectory() : environment.ContentRootPath;

    public ValidateOptionsResult Validate(string? name, WasiReactorHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registration = Find(name, WasiGuestKind.Reactor);
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        ValidateCommon(registration, options, errors);
        if (options.QueueCapacity < 1)
        {
            errors.Add(Error(registration, nameof(options.QueueCapacity), $"must be at least 1 (is {options.QueueCapacity})"));
        }

        if (options.MaxRestarts < 0)
        {
            errors.Add(Error(registration, nameof(options.MaxRestarts), $"must not be negative (is {options.MaxRestarts})"));
        }

        if (options.SpinIterations < 0)
        {
            errors.Add(Error(registration, nameof(options.SpinIterations), $"must not be negative (is {options.SpinIterations})"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, WasiProcessHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registration = Find(name, WasiGuestKind.Process);
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>();
        ValidateCommon(registration, options, errors);
        if (options.RestartDelay < TimeSpan.Zero)
        {
            errors.Add(Error(registration, nameof(options.RestartDelay), $"must not be negative (is {options.RestartDelay})"));
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateCommon(WasiGuestRegistration registration, WasiGuestHostOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ModulePath))
        {
            errors.Add(Error(registration, nameof(options.ModulePath), "is required: the path of the .wasm file"));
        }
        else
        {
            var path = HostedGuestSetup.ResolvePath(options.ModulePath, _contentRoot);
            if (!File.Exists(path))
            {
                errors.Add(Error(registration, nameof(options.ModulePath), $"'{options.ModulePath}': the module file '{path}' does not exist"));
            }
        }

        for (var i = 0; i < options.Preopens.Count; i++)
        {
            var preopen = options.Preopens[i];
            var key = $"{nameof(options.Preopens)}:{i}";
            if (string.IsNullOrWhiteSpace(preopen.HostPath))
            {
                errors.Add(Error(registration, key + ":" + nameof(preopen.HostPath), "is required"));
            }
            else if (!Directory.Exists(HostedGuestSetup.ResolvePath(preopen.HostPath, _contentRoot)))
            {
                errors.Add(Error(registration, key + ":" + nameof(preopen.HostPath), $"'{preopen.HostPath}': the directory '{HostedGuestSetup.ResolvePath(preopen.HostPath, _contentRoot)}' does not exist"));
            }

            if (string.IsNullOrEmpty(preopen.GuestPath))
            {
                errors.Add(Error(registration, key + ":" + nameof(preopen.GuestPath), "must not be empty"));
            }
        }

        foreach (var variable in options.Environment)
        {
            if (variable.Key.Length == 0 || variable.Key.Contains('=', StringComparison.Ordinal))
            {
                errors.Add(Error(registration, nameof(options.Environment), $"'{variable.Key}' is not a valid variable name (empty or contains '=')"));
            }
        }

        var limits = options.Limits ?? new WasiLimitsOptions();
        var limitsKey = nameof(options.Limits) + ":";
        if (limits.MaxMemoryBytes is { } memory && (memory < 0 || memory > 4L << 30))
        {
            errors.Add(Error(registration, limitsKey + nameof(limits.MaxMemoryBytes), $"must be between 0 and 4 GiB (is {memory})"));
        }

        if (limits.MaxStackBytes is { } stack && stack < 16 * 1024)
        {
            errors.Add(Error(registration, limitsKey + nameof(limits.MaxStackBytes), $"must be at least 16 KiB (is {stack})"));
        }

        var wasmStack = limits.MaxStackBytes ?? 512 * 1024;
        var threadStack = limits.GuestThreadStackBytes ?? new WasiProcessOptions().GuestThreadStackSize;
        if (threadStack < wasmStack + (256 * 1024))
        {
            errors.Add(Error(registration, limitsKey + nameof(limits.GuestThreadStackBytes), $"must exceed MaxStackBytes ({wasmStack}) by at least 256 KiB for host code (is {threadStack})"));
        }

        if (limits.MaxOpenFiles is { } files && files < 3 + options.Preopens.Count)
        {
            errors.Add(Error(registration, limitsKey + nameof(limits.MaxOpenFiles), $"must allow stdio and the preopens ({3 + options.Preopens.Count}; is {files})"));
        }
    }

    private WasiGuestRegistration? Find(string? name, WasiGuestKind kind) =>
        Array.Find(_registrations, r => r.Kind == kind && r.Name == name);

    private static string Error(WasiGuestRegistration registration, string key, string problem) =>
        registration.ConfigurationPath is { } path
            ? $"{registration.Describe()}: {key} (configuration key {path}:{key}) {problem}."
            : $"{registration.Describe()}: {key} {problem}.";
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static ReactorHost.Hosting.Tests.TestSupport;

namespace ReactorHost.Hosting.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void ReactorOptionsBindFromTheDefaultSection()
    {
        var builder = Builder(configuration: new Dictionary<string, string?>
        {
            ["ReactorHost:Reactors:calc:ModulePath"] = "calc.wasm", // copied next to the tests by the example project
            ["ReactorHost:Reactors:calc:ProgramName"] = "calc",
            ["ReactorHost:Reactors:calc:Arguments:0"] = "--fast",
            ["ReactorHost:Reactors:calc:Arguments:1"] = "two words",
            ["ReactorHost:Reactors:calc:Environment:MODE"] = "prod",
            ["ReactorHost:Reactors:calc:Environment:EMPTY"] = "",
            ["ReactorHost:Reactors:calc:Preopens:0:HostPath"] = Path.GetTempPath(),
            ["ReactorHost:Reactors:calc:Preopens:0:GuestPath"] = "/data",
            ["ReactorHost:Reactors:calc:Limits:MaxMemoryBytes"] = "16777216",
            ["ReactorHost:Reactors:calc:Limits:MaxStackBytes"] = "262144",
            ["ReactorHost:Reactors:calc:Limits:GuestThreadStackBytes"] = "4194304",
            ["ReactorHost:Reactors:calc:Limits:MaxOpenFiles"] = "64",
            ["ReactorHost:Reactors:calc:QueueCapacity"] = "32",
            ["ReactorHost:Reactors:calc:RestartPolicy"] = "OnFault",
            ["ReactorHost:Reactors:calc:MaxRestarts"] = "3",
            ["ReactorHost:Reactors:calc:StopMode"] = "Cancel",
            ["ReactorHost:Reactors:calc:SpinIterations"] = "0",
            ["ReactorHost:Reactors:calc:Stdout"] = "Discard",
            ["ReactorHost:Reactors:calc:Stderr"] = "Inherit",
            ["ReactorHost:Reactors:calc:StdoutLogLevel"] = "Debug",
            ["ReactorHost:Reactors:calc:TraceSyscalls"] = "true",
            ["ReactorHost:Reactors:calc:SyscallMetrics"] = "false",
        });
        builder.Services.AddWasiReactor("calc", o => o.MaxRestarts++);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<WasiReactorHostOptions>>().Get("calc");
        Assert.Equal("calc.wasm", options.ModulePath);
        Assert.Equal("calc", options.ProgramName);
        Assert.Equal(["--fast", "two words"], options.Arguments);
        Assert.Equal("prod", options.Environment["MODE"]);
        Assert.Equal("", options.Environment["EMPTY"]);
        var preopen = Assert.Single(options.Preopens);
        Assert.Equal((Path.GetTempPath(), "/data"), (preopen.HostPath, preopen.GuestPath));
        Assert.Equal(16777216, options.Limits.MaxMemoryBytes);
        Assert.Equal(262144, options.Limits.MaxStackBytes);
        Assert.Equal(4194304, options.Limits.GuestThreadStackBytes);
        Assert.Equal(64, options.Limits.MaxOpenFiles);
        Assert.Equal(32, options.QueueCapacity);
        Assert.Equal(ReactorRestartPolicy.OnFault, options.RestartPolicy);
        Assert.Equal(4, options.MaxRestarts); // configuration first, then the code delegate
        Assert.Equal(ReactorStopMode.Cancel, options.StopMode);
        Assert.Equal(0, options.SpinIterations);
        Assert.Equal(WasiOutputMode.Discard, options.Stdout);
        Assert.Equal(WasiOutputMode.Inherit, options.Stderr);
        Assert.Equal(LogLevel.Debug, options.StdoutLogLevel);
        Assert.Equal(LogLevel.Warning, options.StderrLogLevel);
        Assert.True(options.TraceSyscalls);
        Assert.False(options.SyscallMetrics);
    }

    [Fact]
    public void ProcessOptionsBindFromAnExplicitSection()
    {
        var builder = Builder(configuration: new Dictionary<string, string?>
        {
            ["Guests:tool:ModulePath"] = "calc.wasm",
            ["Guests:tool:StopHostOnExit"] = "true",
            ["Guests:tool:RestartPolicy"] = "OnFailure",
            ["Guests:tool:MaxRestarts"] = "-1",
            ["Guests:tool:RestartDelay"] = "00:00:02.5",
            ["Guests:tool:Stdin"] = "Inherit",
        });
        builder.Services.AddWasiProcess("tool", builder.Configuration.GetSection("Guests:tool"));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptionsMonitor<WasiProcessHostOptions>>().Get("tool");
        Assert.Equal("calc.wasm", options.ModulePath);
        Assert.True(options.StopHostOnExit);
        Assert.Equal(WasiProcessRestartPolicy.OnFailure, options.RestartPolicy);
        Assert.Equal(-1, options.MaxRestarts);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.RestartDelay);
        Assert.Equal(WasiInputMode.Inherit, options.Stdin);
    }

    [Fact]
    public async Task InvalidOptionsFailTheStartWithEveryProblemNamed()
    {
        var builder = Builder(configuration: new Dictionary<string, string?>
        {
            ["ReactorHost:Reactors:bad:ModulePath"] = "no/such/module.wasm",
            ["ReactorHost:Reactors:bad:QueueCapacity"] = "0",
            ["ReactorHost:Reactors:bad:Preopens:0:HostPath"] = "no/such/dir",
            ["ReactorHost:Reactors:bad:Limits:MaxStackBytes"] = "8388608",
            ["ReactorHost:Reactors:bad:Limits:GuestThreadStackBytes"] = "8388608",
        });
        builder.Services.AddWasiReactor("bad");
        builder.Services.AddWasiProcess("empty");
        using var host = builder.Build();

        // Several options objects fail: the host reports them together.
        var e = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync()).Within();
        var failures = e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(x => x.Failures).ToArray();
        var message = string.Join("\n", failures);
        Assert.Contains("Process 'empty': ModulePath (configuration key ReactorHost:Processes:empty:ModulePath) is required", message);
        Assert.Contains("Reactor 'bad': ModulePath (configuration key ReactorHost:Reactors:bad:ModulePath) 'no/such/module.wasm': the module file", message);
        Assert.Contains(Path.Combine(AppContext.BaseDirectory, "no/such/module.wasm"), message);
        Assert.Contains("QueueCapacity (configuration key ReactorHost:Reactors:bad:QueueCapacity) must be at least 1 (is 0)", message);
        Assert.Contains("Preopens:0:HostPath", message);
        Assert.Contains("GuestThreadStackBytes", message);
    }

    [Fact]
    public async Task MissingModulePathOfAProcessIsReported()
    {
        var builder = Builder();
        builder.Services.AddWasiProcess("empty");
        using var host = builder.Build();
        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync()).Within();
        Assert.Contains("Process 'empty': ModulePath (configuration key ReactorHost:Processes:empty:ModulePath) is required", e.Message);
    }

    [Fact]
    public async Task MalformedModuleFailsTheStartWithPathAndReason()
    {
        var path = Path.Combine(Path.GetTempPath(), $"malformed-{Guid.NewGuid():N}.wasm");
        await File.WriteAllBytesAsync(path, [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01]);
        try
        {
            var builder = Builder();
            builder.Services.AddWasiReactor("broken", o => o.ModulePath = path);
            using var host = builder.Build();
            var e = await Assert.ThrowsAsync<WasiHostingException>(() => host.StartAsync()).Within();
            Assert.StartsWith($"Reactor 'broken': the module '{path}' is malformed: at offset 0x", e.Message);
            Assert.IsAssignableFrom<ReactorHost.Wasm.WasmModuleException>(e.InnerException);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ACommandIsNotAReactorAndAReactorIsNotACommand()
    {
        var builder = Builder();
        builder.Services.AddWasiReactor("cmd", o => o.ModulePath = Guest("exit_code.wasm"));
        using (var host = builder.Build())
        {
            var e = await Assert.ThrowsAsync<WasiHostingException>(() => host.StartAsync()).Within();
            Assert.Contains("cannot run as a reactor", e.Message);
            Assert.Contains("WasiProcess", e.Message);
        }

        builder = Builder();
        builder.Services.AddWasiProcess("lib", o => o.ModulePath = Guest("reactor_test.wasm"));
        using (var host = builder.Build())
        {
            var e = await Assert.ThrowsAsync<WasiHostingException>(() => host.StartAsync()).Within();
            Assert.Contains("is not a WASI command", e.Message);
            Assert.Contains(Guest("reactor_test.wasm"), e.Message);
        }
    }

    [Fact]
    public void DuplicateNamesAreRejectedAtRegistration()
    {
        var services = new ServiceCollection();
        services.AddWasiReactor("x");
        var e = Assert.Throws<ArgumentException>(() => services.AddWasiReactor("x"));
        Assert.Contains("already registered", e.Message);
        services.AddWasiProcess("x"); // another kind: a separate namespace
    }
}

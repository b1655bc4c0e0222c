using System.CommandLine;
using System.CommandLine.Parsing;
using ReactorHost.Wasi;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Commands;

/// <summary>
/// <c>reactorhost run [--dir HOST[::GUEST]]... [--env KEY=VALUE]... [--listen HOST:PORT]... [--dial HOST:PORT]... [--net] [--argv0 NAME] [--optimize] [--trace] MODULE.wasm [ARGS...]</c>:
/// runs a WASI command module on a background guest thread (syscalls proxied to the async
/// handlers), with the host's stdin/stdout/stderr, and exits with the guest's exit code.
/// Everything after MODULE goes to the guest (put our options before it).
/// Exit codes: the guest's; 134 when it traps; 130 when cancelled (Ctrl+C); 2 for a bad module path,
/// a malformed module or bad options. As with Wasmtime, a <c>proc_exit</c> status outside [0, 126) is
/// an error (exit code 1): WASI reserves 126 and up, and a shell would read 128+N as a signal.
/// </summary>
internal static class RunCommand
{
    private const int ExitUsage = 2;
    private const int ExitTrap = 134;
    private const int ExitCancelled = 130;
    private const int ExitInvalidStatus = 1;
    private const int FirstReservedStatus = 126;

    public static Command Create()
    {
        var dirs = new Option<string[]>("--dir")
        {
            Description = "Preopen host directory HOST, known to the guest as GUEST (default: the same path)",
            HelpName = "HOST[::GUEST]",
            AllowMultipleArgumentsPerToken = false,
        };
        var env = new Option<string[]>("--env")
        {
            Description = "Set an environment variable for the guest",
            HelpName = "KEY=VALUE",
        };
        var argv0 = new Option<string?>("--argv0")
        {
            Description = "The program name the guest sees as argv[0] (default: the module's file name)",
            HelpName = "NAME",
        };
        var listen = new Option<string[]>("--listen")
        {
            Description = "Preopen a TCP socket listening on HOST:PORT (fds after the preopened directories, in order)",
            HelpName = "HOST:PORT",
        };
        var dial = new Option<string[]>("--dial")
        {
            Description = "Preopen a TCP connection to HOST:PORT",
            HelpName = "HOST:PORT",
        };
        var net = new Option<bool>("--net")
        {
            Description = "Let the guest open its own sockets and resolve names (WasmEdge socket extension)",
        };
        var optimize = new Option<bool>("--optimize")
        {
            Description = "Fully optimize each guest function on its first call instead of tiered compilation: slower start-up, faster long CPU-bound runs",
        };
        var trace = new Option<bool>("--trace")
        {
            Description = "Print every WASI syscall with its decoded arguments, result and duration to stderr",
        };
        var module = new Argument<string>("module")
        {
            Description = "The WASI command module (.wasm)",
        };
        var guestArgs = new Argument<string[]>("args")
        {
            Description = "Arguments for the guest",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("run", "Run a WASI command module")
        {
            dirs,
            env,
            listen,
            dial,
            net,
            argv0,
            optimize,
            trace,
            module,
            guestArgs,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, cancellationToken) => Sockets(
            parseResult.GetValue(listen) ?? [],
            parseResult.GetValue(dial) ?? [],
            parseResult.GetValue(net),
            parseResult.InvocationConfiguration.Error) is not { } sockets ? Task.FromResult(ExitUsage) : RunAsync(
            parseResult.GetRequiredValue(module),
            GuestArguments(parseResult, parseResult.GetRequiredValue(module)),
            parseResult.GetValue(dirs) ?? [],
            parseResult.GetValue(env) ?? [],
            parseResult.GetValue(argv0),
            parseResult.GetValue(optimize),
            parseResult.GetValue(trace),
            sockets,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    /// <summary>Every token after the module, in order (so guest flags such as <c>-n</c> reach the guest).</summary>
    private static List<string> GuestArguments(ParseResult parseResult, string module)
    {
        var tokens = parseResult.Tokens;
        var start = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Argument && tokens[i].Value == module)
            {
                start = i + 1;
                break;
            }
        }

        var result = new List<string>();
        if (start < 0)
        {
            return result;
        }

        for (var i = start; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.DoubleDash)
            {
                continue;
            }

            result.Add(tokens[i].Value);
        }

        return result;
    }

    /// <summary>The socket options of <c>--listen</c>/<c>--dial</c>/<c>--net</c>; null (after a message) when an address is bad.</summary>
    private static ReactorHost.Sockets.WasiSocketOptions? Sockets(string[] listen, string[] dial, bool net, TextWriter error)
    {
        var options = new ReactorHost.Sockets.WasiSocketOptions();
        if (net)
        {
            options.Handler = new ReactorHost.Sockets.NetSocketHandler();
        }

        foreach (var (flag, values) in new[] { ("--listen", listen), ("--dial", dial) })
        {
            foreach (var value in values)
            {
                try
                {
                    var endPoint = ReactorHost.Sockets.WasiPreopenedSocket.ParseEndPoint(value);
                    options.Preopened.Add(flag == "--listen" ? ReactorHost.Sockets.WasiPreopenedSocket.Listen(endPoint) : ReactorHost.Sockets.WasiPreopenedSocket.Dial(endPoint));
                }
                catch (Exception e) when (e is FormatException or System.Net.Sockets.SocketException)
                {
                    error.WriteLine($"error: {flag} {value}: {e.Message}");
                    return null;
                }
            }
        }

        return options;
    }

    private static async Task<int> RunAsync(string modulePath, List<string> arguments, string[] dirs, string[] env, string? argv0, bool optimize, bool trace, ReactorHost.Sockets.WasiSocketOptions sockets, TextWriter error, CancellationToken cancellationToken)
    {
        var options = new WasiProcessOptions
        {
            ProgramName = argv0 ?? Path.GetFileName(modulePath),
            Stdin = WasiStdio.Inherit,
            Stdout = WasiStdio.Inherit,
            Stderr = WasiStdio.Inherit,
        };
        foreach (var argument in arguments)
        {
            options.Arguments.Add(argument);
        }

        options.Sockets.Handler = sockets.Handler;
        foreach (var preopened in sockets.Preopened)
        {
            options.Sockets.Preopened.Add(preopened);
        }

        foreach (var dir in dirs)
        {
            var separator = dir.IndexOf("::", StringComparison.Ordinal);
            var host = separator < 0 ? dir : dir[..separator];
            var guest = separator < 0 ? dir : dir[(separator + 2)..];
            if (!Directory.Exists(host))
            {
                error.WriteLine($"error: --dir {dir}: host directory '{host}' does not exist");
                return ExitUsage;
            }

            options.Preopens.Add(WasiPreopen.Host(host, guest));
        }

        foreach (var variable in env)
        {
            var equals = variable.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"error: --env {variable}: expected KEY=VALUE");
                return ExitUsage;
            }

            options.Environment.Add(new(variable[..equals], variable[(equals + 1)..]));
        }

        if (trace)
        {
            var traceOutput = TextWriter.Synchronized(error);
            options.WrapHandler = inner => new TracingWasiHandler(inner, traceOutput);
        }

        if (!File.Exists(modulePath))
        {
            error.WriteLine($"error: module not found: {modulePath}");
            return ExitUsage;
        }

        // One module for the life of this process: its code need not be collectible, so it can go
        // through tiered compilation. Run-once code (start-up, printf) then costs a quick tier-0 JIT
        // instead of a full optimization, and hot functions are re-optimized in the background.
        // --optimize trades that start-up for code that is optimized from its first call.
        using var engine = new Engine(new EngineOptions { MaxStackBytes = 12 << 20, CollectibleCode = false, OptimizeCode = optimize });
        Module module;
        try
        {
            module = Module.FromFile(engine, modulePath);
        }
        catch (WasmException e) when (e is WasmModuleException or WasmNotSupportedException)
        {
            error.WriteLine($"error: cannot load {modulePath}: {e.Message}");
            return ExitUsage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot read {modulePath}: {e.Message}");
            return ExitUsage;
        }

        try
        {
            var status = await new WasiProcess(module, options).RunAsync(cancellationToken).ConfigureAwait(false);
            if (status is < 0 or >= FirstReservedStatus)
            {
                error.WriteLine($"error: exit with invalid exit status outside of [0..{FirstReservedStatus}): {status}");
                return ExitInvalidStatus;
            }

            return status;
        }
        catch (WasmTrapException trap)
        {
            error.WriteLine($"error: wasm trap: {trap.Message}");
            if (trap.WasmStackTrace.Count > 0)
            {
                error.WriteLine("wasm backtrace:");
                for (var i = 0; i < trap.WasmStackTrace.Count; i++)
                {
                    error.WriteLine($"  {i}: {trap.WasmStackTrace[i]}");
                }
            }
            return ExitTrap;
        }
        catch (IOException preopen) when (preopen.Message.StartsWith("Cannot preopen socket", StringComparison.Ordinal))
        {
            error.WriteLine($"error: {preopen.Message}");
            return ExitUsage;
        }
        catch (WasmLinkException link)
        {
            error.WriteLine($"error: cannot instantiate {modulePath}: {link.Message}");
            return ExitUsage;
        }
        catch (InvalidOperationException notCommand) when (notCommand.Message.Contains("_start", StringComparison.Ordinal))
        {
            error.WriteLine($"error: {notCommand.Message}");
            return ExitUsage;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("error: cancelled");
            return ExitCancelled;
        }
    }
}

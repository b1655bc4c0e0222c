using System.CommandLine;
using System.Globalization;
using ReactorHost.Wasm;

namespace ReactorHost.Cli.Bench.Http;

/// <summary>
/// <c>reactorhost bench http</c>: requests/s of the HTTP server guest
/// (examples/SocketHttpServer/guest/http_server.wasm on our engine) against the same C source
/// compiled natively (benchmarks/native/build.sh), both driven by the same .NET load client over
/// 127.0.0.1 in the same run: keep-alive connections, a fixed number of requests and concurrency,
/// every response body checked, each phase bounded in time.
/// </summary>
internal static class HttpBenchCommand
{
    public const string SourcePath = "examples/SocketHttpServer/guest/http_server.c";
    public const string ModulePath = "examples/SocketHttpServer/guest/http_server.wasm";
    private const double TargetRatio = 3.0;

    public static Command Create()
    {
        var requestsOption = new Option<int>("--requests", "-n") { Description = "Measured requests per run.", DefaultValueFactory = _ => 20000 };
        var concurrencyOption = new Option<int>("--concurrency", "-c") { Description = "Keep-alive connections, one request in flight each.", DefaultValueFactory = _ => 16 };
        var warmupOption = new Option<int>("--warmup") { Description = "Requests before each measured run (not counted; lets the JIT tier up).", DefaultValueFactory = _ => 5000 };
        var sizeOption = new Option<int>("--size") { Description = "Size in bytes of the served file.", DefaultValueFactory = _ => 1024 };
        var roundsOption = new Option<int>("--rounds") { Description = "Alternate native and wasm this many times (the best and median run are reported).", DefaultValueFactory = _ => 3 };
        var timeoutOption = new Option<int>("--timeout") { Description = "Seconds allowed for each run (warm-up + measured).", DefaultValueFactory = _ => 120 };
        var noNativeOption = new Option<bool>("--no-native") { Description = "Measure the wasm server only." };
        var markdownOption = new Option<bool>("--markdown") { Description = "Print the table as Markdown (for docs/performance.md)." };
        var rootOption = new Option<string?>("--root") { Description = "The ReactorHost checkout (default: found by walking up from the current directory)." };
        foreach (var option in new[] { requestsOption, concurrencyOption, sizeOption, roundsOption, timeoutOption })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("http", "Requests/s of the HTTP server guest against the same C server compiled natively.")
        {
            requestsOption, concurrencyOption, warmupOption, sizeOption, roundsOption, timeoutOption, noNativeOption, markdownOption, rootOption,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Settings(
                parseResult.GetValue(requestsOption),
                parseResult.GetValue(concurrencyOption),
                Math.Max(0, parseResult.GetValue(warmupOption)),
                parseResult.GetValue(sizeOption),
                parseResult.GetValue(roundsOption),
                TimeSpan.FromSeconds(parseResult.GetValue(timeoutOption)),
                !parseResult.GetValue(noNativeOption),
                parseResult.GetValue(markdownOption),
                parseResult.GetValue(rootOption)),
            parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var root = settings.Root ?? FindRoot();
        if (root is null || !File.Exists(Path.Combine(root, ModulePath)))
        {
            error.WriteLine($"bench http: cannot find {ModulePath}; run from a ReactorHost checkout or pass --root DIR.");
            return 2;
        }

        var www = Directory.CreateTempSubdirectory("reactorhost-bench-http-");
        try
        {
            // Deterministic, incompressible-looking content, checked on every response.
            var body = new byte[settings.Size];
            new Random(12345).NextBytes(body);
            await File.WriteAllBytesAsync(Path.Combine(www.FullName, "file.bin"), body, cancellationToken).ConfigureAwait(false);

            string? native = null;
            if (settings.RunNative)
            {
                try
                {
                    native = NativeHttpServer.EnsureBuilt(root, output);
                }
                catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    output.WriteLine($"native build failed ({e.Message}): showing wasm figures only.");
                }
            }

            output.WriteLine(F($"reactorhost bench http: GET /file.bin ({settings.Size} bytes), {settings.Requests} requests over {settings.Concurrency} keep-alive connections after {settings.Warmup} warm-up requests, {settings.Rounds} round(s)"));
            output.WriteLine(F($".NET {Environment.Version}, {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load client in this process, servers on 127.0.0.1"));
            output.WriteLine();

            var wasm = new List<HttpLoadResult>();
            var nativeRuns = new List<HttpLoadResult>();
            var modulePath = Path.Combine(root, ModulePath);
            for (var round = 0; round < settings.Rounds; round++)
            {
                if (native is not null)
                {
                    await using var server = NativeHttpServer.Start(native, www.FullName);
                    nativeRuns.Add(await MeasureAsync(server, body, settings, cancellationToken).ConfigureAwait(false));
                }

                await using (var server = WasmHttpServer.Start(modulePath, www.FullName, new EngineOptions()))
                {
                    wasm.Add(await MeasureAsync(server, body, settings, cancellationToken).ConfigureAwait(false));
                }
            }

            var rows = new List<string[]>();
            if (nativeRuns.Count > 0)
            {
                rows.Add(Row("native (gcc -O2)", nativeRuns));
            }

            rows.Add(Row("wasm on ReactorHost", wasm));
            TableWriter.Write(output, ["server", "req/s (median)", "req/s (best)", "p50 ms", "p99 ms", "runs"], rows, settings.Markdown);
            output.WriteLine();
            if (nativeRuns.Count > 0)
            {
                var ratio = Median(nativeRuns) / Median(wasm);
                var best = nativeRuns.Max(r => r.RequestsPerSecond) / wasm.Max(r => r.RequestsPerSecond);
                output.WriteLine(F($"ratio native / wasm (requests/s, median runs) = {ratio:0.00}x (best runs {best:0.00}x); target <= {TargetRatio:0.0}x: {(ratio <= TargetRatio ? "met" : "NOT met")}"));
            }

            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException or IOException)
        {
            error.WriteLine($"bench http: {e.Message}");
            return 1;
        }
        finally
        {
            www.Delete(recursive: true);
        }
    }

    private static async Task<HttpLoadResult> MeasureAsync(IHttpBenchServer server, byte[] body, Settings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var client = new HttpLoadClient(server.EndPoint, "/file.bin", body);
        try
        {
            if (settings.Warmup > 0)
            {
                await client.RunAsync(settings.Warmup, settings.Concurrency, timeout.Token).ConfigureAwait(false);
            }

            return await client.RunAsync(settings.Requests, settings.Concurrency, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"a run did not finish within {settings.Timeout.TotalSeconds:0} s");
        }
    }

    private static string[] Row(string name, List<HttpLoadResult> runs)
    {
        var median = runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2);
        return
        [
            name,
            F($"{median.RequestsPerSecond:0}"),
            F($"{runs.Max(r => r.RequestsPerSecond):0}"),
            F($"{median.P50Ms:0.000}"),
            F($"{median.P99Ms:0.000}"),
            F($"{runs.Count}"),
        ];
    }

    private static double Median(List<HttpLoadResult> runs) => runs.OrderBy(r => r.RequestsPerSecond).ElementAt(runs.Count / 2).RequestsPerSecond;

    private static string? FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, ModulePath)))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Settings(
        int Requests, int Concurrency, int Warmup, int Size, int Rounds, TimeSpan Timeout, bool RunNative, bool Markdown, string? Root);
}

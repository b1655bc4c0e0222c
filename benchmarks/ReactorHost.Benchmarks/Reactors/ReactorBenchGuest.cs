using System.Runtime.CompilerServices;
using ReactorHost.Wasm;

namespace ReactorHost.Benchmarks.Reactors;

/// <summary>tests/guests/bin/reactor_bench.wasm (source: tests/guests/c/reactor_bench.c), found from this file's path.</summary>
internal static class ReactorBenchGuest
{
    public static Module Load(Engine engine) => Module.FromFile(engine, PathOf("reactor_bench.wasm"));

    /// <summary>Defines the guest's one import, <c>env.host_inc(i32) → i32</c>.</summary>
    public static void DefineHostInc(Linker linker) =>
        linker.DefineFunction("env", "host_inc", (Func<int, int>)(static x => x + 1));

    private static string PathOf(string file, [CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "tests", "guests", "bin", file));
}

using System.Runtime.CompilerServices;
using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Validation;

namespace ReactorHost.Wasm.Tests.Binary;

/// <summary>
/// Corrupts valid modules at random (fixed seed) and checks that decoding and validation only
/// ever fail with <see cref="WasmModuleException"/>, never with a runtime exception from inside
/// the decoder (IndexOutOfRange, Overflow, ArgumentOutOfRange, ...).
/// </summary>
public class MutationRobustnessTests
{
    [Fact]
    public void CorruptedHandWrittenModuleFailsCleanly() => MutateAndCheck(TestModules.Sample, seed: 1, rounds: 20_000);

    [Fact]
    public void CorruptedSpecModulesFailCleanly()
    {
        var directory = FindJsonDirectory();
        if (directory is null)
            return;
        var files = Directory.GetFiles(directory, "*.wasm")
            .Where(f => !Path.GetFileName(f).StartsWith("simd", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();
        var seed = 7;
        for (var i = 0; i < files.Length; i += 5)
            MutateAndCheck(File.ReadAllBytes(files[i]), seed++, rounds: 40, name: Path.GetFileName(files[i]));
    }

    private static void MutateAndCheck(byte[] original, int seed, int rounds, string name = "sample")
    {
        var random = new Random(seed);
        for (var round = 0; round < rounds; round++)
        {
            var bytes = Mutate(original, random);
            try
            {
                var module = ModuleReader.Read(bytes);
                ModuleValidator.Validate(module);
            }
            catch (WasmModuleException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"{name} round {round}: {e.GetType().Name} escaped: {e.Message}\nbytes: {Convert.ToHexString(bytes)}\n{e.StackTrace}");
            }
        }
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = new List<byte>(original);
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 8; e++)
        {
            var position = random.Next(8, bytes.Count);
            switch (random.Next(5))
            {
                case 0: bytes[position] = (byte)random.Next(256); break;
                case 1: bytes[position] ^= (byte)(1 << random.Next(8)); break;
                case 2: bytes.Insert(position, (byte)random.Next(256)); break;
                case 3: bytes.RemoveAt(position); break;
                default: bytes.RemoveRange(position, bytes.Count - position); break;
            }
        }

        return [.. bytes];
    }

    private static string? FindJsonDirectory([CallerFilePath] string sourceFile = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RH_SPEC_TESTSUITE");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return Directory.Exists(Path.Combine(fromEnvironment, "json")) ? Path.Combine(fromEnvironment, "json") : null;
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
        {
            for (var directory = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "wasm-spec-testsuite", "json");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }

        return null;
    }
}

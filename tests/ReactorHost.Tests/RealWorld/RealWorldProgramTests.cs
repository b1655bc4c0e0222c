using System.IO.Compression;
using System.Text;
using static ReactorHost.Tests.RealWorld.RealWorldPrograms;

namespace ReactorHost.Tests.RealWorld;

/// <summary>
/// Real programs built from Debian sources (tests/realworld/build.sh) run through <c>reactorhost run</c>
/// on realistic workloads, checked against the same sources built natively: exit code, stdout and the
/// bytes of every file left in the work directory must be the same. Skipped when the programs have
/// not been built; .ci/run builds them first.
/// </summary>
[Trait("Category", "RealWorld")]
public class RealWorldProgramTests
{
    private const string SqliteWorkload = """
        .bail on
        .mode csv
        .import data.csv people
        .mode list
        SELECT count(*), round(avg(score), 4) FROM people;
        PRAGMA journal_mode=TRUNCATE;
        BEGIN; UPDATE people SET score = score + 1 WHERE id % 3 = 0; COMMIT;
        PRAGMA journal_mode=PERSIST;
        BEGIN; DELETE FROM people WHERE id % 5 = 0; COMMIT;
        BEGIN; INSERT INTO people VALUES(99999, 'x', 1, 'y'); ROLLBACK;
        SELECT count(*) FROM people;
        PRAGMA journal_mode=DELETE;
        PRAGMA locking_mode=EXCLUSIVE;
        PRAGMA journal_mode=WAL;
        CREATE TABLE blobs(k INTEGER PRIMARY KEY, b BLOB);
        BEGIN;
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300)
          INSERT INTO blobs SELECT x, CAST(substr(replace(hex(zeroblob(3000 + x)), '00', printf('%04x', x)), 1, 5000 + x) AS BLOB) FROM c;
        COMMIT;
        SELECT count(*), sum(length(b)) FROM blobs;
        PRAGMA wal_checkpoint(TRUNCATE);
        PRAGMA journal_mode=DELETE;
        PRAGMA locking_mode=NORMAL;
        DELETE FROM blobs WHERE k > 10;
        VACUUM;
        SELECT name, score FROM people ORDER BY score DESC, id LIMIT 5;
        ATTACH 'other.db' AS o;
        CREATE TABLE o.t AS SELECT * FROM people WHERE id < 100;
        SELECT count(*) FROM o.t;
        DETACH o;
        .mode json
        SELECT id, name FROM people WHERE id IN (1, 2, 4);
        .output dump.sql
        .dump people
        .output stdout
        .backup backup.db
        .mode box
        PRAGMA integrity_check;
        .read nonexistent.sql
        SELECT 'not reached';
        """;

    private const string LuaScript = """
        local function p(...) print(...) end
        local words = {}
        for w in ("the quick brown fox jumps over the lazy dog "):rep(2000):gmatch("%a+") do words[#words + 1] = w end
        table.sort(words)
        p(#words, words[1], words[#words])
        local counts = {}
        for _, w in ipairs(words) do counts[w] = (counts[w] or 0) + 1 end
        local keys = {} for k in pairs(counts) do keys[#keys + 1] = k end table.sort(keys)
        for _, k in ipairs(keys) do io.write(k, "=", counts[k], " ") end io.write("\n")
        p(string.format("%5.2f %d %s %q %x %g", 3.14159, 42, "s", "a\nb", 255, 1e300))
        p(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), string.pack(">i4 s1", 7, "hi"):byte(1, -1))
        local f = assert(io.open("sub/a.txt", "w")) f:write("line1\n", 2, "\n", 3.5, "\n") f:close()
        f = assert(io.open("sub/a.txt", "a")) f:write("appended\n") f:close()
        f = assert(io.open("sub/a.txt", "r+")) f:seek("set", 2) f:write("XX") p(f:seek("end")) f:seek("set") p(f:read("a")) f:close()
        f = assert(io.open("sub/a.txt")) p(f:read("l", "n", "n", "L")) p(f:read("a")) p(f:read("l")) f:close()
        f = assert(io.open("sub/bin.dat", "wb")) for i = 0, 255 do f:write(string.char(i)) end f:close()
        f = assert(io.open("sub/bin.dat", "rb")) local d = f:read(1000) p(#d, d:byte(1), d:byte(256), f:seek("cur")) f:close()
        -- Error messages only: errno numbers differ between WASI and Linux.
        p((select(2, io.open("sub", "w"))))
        p((select(2, io.open("missing/x", "w"))))
        p((select(2, os.rename("sub/missing", "sub/x"))))
        p((select(2, os.remove("sub/missing"))))
        p((select(2, os.remove("sub"))))
        p(os.rename("sub/bin.dat", "moved.dat"), os.remove("sub/a.txt"))
        local big = assert(io.open("big.txt", "w"))
        for i = 1, 50000 do big:write(i, "\t", i * i, "\n") end big:close()
        local sum = 0 for l in io.lines("big.txt") do local _, b = l:match("(%d+)\t(%d+)") sum = sum + tonumber(b) end
        p(sum)
        p(os.getenv("GREETING"), os.getenv("NOPE"), os.date("!%Y-%m-%d %H:%M:%S", 86400 * 365), os.time({year = 2020, month = 1, day = 1, hour = 12}) ~= nil)
        p(math.maxinteger, math.mininteger, 7 // 2, 7.0 // 2, 2^53, math.tointeger(3.0), 1/0, -1/0)
        local n, lines = 0, 0 for l in io.stdin:lines() do n = n + #l lines = lines + 1 end p("stdin", lines, n)
        p(arg[0], arg[1], #arg)
        os.exit(3)
        """;

    [RealWorldFact]
    public async Task Sqlite_shell_workload_matches_native_including_database_bytes()
    {
        var random = new Random(7);
        var csv = new StringBuilder("id,name,score,note\n");
        for (var i = 0; i < 3000; i++)
        {
            csv.Append($"{i},name{random.Next(500)},{random.NextDouble() * 100:F6},\"note, with comma {i}\"\n");
        }

        var (native, wasm) = await RunBothAsync("sqlite3", new() { ["data.csv"] = Encoding.UTF8.GetBytes(csv.ToString()) }, ["test.db"], Encoding.UTF8.GetBytes(SqliteWorkload));

        AssertSameOutcome(native, wasm);
        Assert.Equal(1, wasm.ExitCode); // .bail on: the failed .read stops the script
        Assert.Contains("cannot open \"nonexistent.sql\"", wasm.Stderr);
        Assert.StartsWith("3000|", wasm.StdoutText);
        Assert.Contains("│ ok              │", wasm.StdoutText);
        Assert.DoesNotContain("not reached", wasm.StdoutText);
        Assert.Equal(["backup.db", "data.csv", "dump.sql", "other.db", "test.db"], wasm.Files.Keys);
    }

    [RealWorldFact]
    public async Task Sqlite_sort_and_index_build_spill_to_temporary_files_like_native()
    {
        const string script = """
            PRAGMA temp_store=FILE;
            PRAGMA cache_size=20;
            CREATE TABLE t(a, b);
            BEGIN;
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 60000)
              INSERT INTO t SELECT x, hex(x * 2654435761 % 1000003) || 'padpadpadpadpadpadpad' FROM c;
            COMMIT;
            SELECT count(*), min(b), max(b) FROM (SELECT b FROM t ORDER BY b);
            CREATE INDEX tb ON t(b);
            SELECT count(DISTINCT b) FROM t;
            PRAGMA integrity_check;
            """;
        var (native, wasm) = await RunBothAsync("sqlite3", [], ["big.db"], Encoding.UTF8.GetBytes(script));

        AssertSameOutcome(native, wasm);
        Assert.Equal(0, wasm.ExitCode);
        Assert.EndsWith("60000\nok\n", wasm.StdoutText);
        Assert.Equal(["big.db"], wasm.Files.Keys); // the temporary files are gone
    }

    [RealWorldFact]
    public async Task Sqlite_refuses_a_directory_or_a_missing_parent_as_database_like_native()
    {
        const string script = ".open sub\nSELECT 1;\n.open missing/x.db\nSELECT 2;\n.open ok.db\nCREATE TABLE t(x);\n";
        var (native, wasm) = await RunBothAsync("sqlite3", new() { ["sub/keep"] = [] }, [], Encoding.UTF8.GetBytes(script));

        AssertSameOutcome(native, wasm);
        // O_CREAT on an existing directory is EISDIR (it was opened as a directory: "disk I/O error").
        Assert.Contains("Error: unable to open database \"sub\": unable to open database file", wasm.Stderr);
        Assert.Contains("Error: unable to open database \"missing/x.db\": unable to open database file", wasm.Stderr);
        Assert.Equal(["ok.db", "sub/keep"], wasm.Files.Keys);
    }

    [RealWorldFact]
    public async Task Lua_script_with_io_and_os_libraries_matches_native()
    {
        var stdin = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"line {i} {new string('x', i % 50)}\n")));
        var (native, wasm) = await RunBothAsync(
            "lua",
            new() { ["script.lua"] = Encoding.UTF8.GetBytes(LuaScript), ["sub/keep.txt"] = "keep"u8.ToArray() },
            ["script.lua", "extra"],
            stdin,
            ["GREETING=hello wasm"]);

        AssertSameOutcome(native, wasm);
        Assert.Equal(3, wasm.ExitCode);
        Assert.Contains("stdin\t5000\t", wasm.StdoutText);
        Assert.Contains("hello wasm\tnil\t1971-01-01 00:00:00\ttrue", wasm.StdoutText);
        Assert.Equal(["big.txt", "moved.dat", "script.lua", "sub/keep.txt"], wasm.Files.Keys);
    }

    [RealWorldFact]
    public async Task Lua_uncaught_error_and_exit_statuses_match_wasmtime()
    {
        var dir = NewWorkDirectory(new Dictionary<string, byte[]>());
        try
        {
            var error = await RunWasmAsync("lua", dir, ["-e", "error('boom')"], argv0: "lua");
            Assert.Equal(1, error.ExitCode);
            Assert.StartsWith("lua: (command line):1: boom\nstack traceback:", error.Stderr);

            var highest = await RunWasmAsync("lua", dir, ["-e", "io.write('bye') os.exit(125)"]);
            Assert.Equal(125, highest.ExitCode);
            Assert.Equal("bye", highest.StdoutText);

            // WASI reserves statuses from 126 on; Wasmtime fails such a proc_exit with status 1.
            var reserved = await RunWasmAsync("lua", dir, ["-e", "os.exit(200)"]);
            Assert.Equal(1, reserved.ExitCode);
            Assert.Contains("invalid exit status", reserved.Stderr);
        }
        finally
        {
            DeleteDirectory(dir);
        }
    }

    [RealWorldFact]
    public async Task Minigzip_files_round_trip_and_interoperate_with_gzip()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 40000).Select(i => $"{i}: the quick brown fox {i * 7919 % 10007}\n")));
        var (native, wasm) = await RunBothAsync("minigzip", new() { ["big.txt"] = text }, ["-9", "big.txt"]);

        AssertSameOutcome(native, wasm);
        Assert.Equal(["big.txt.gz"], wasm.Files.Keys); // minigzip removes the input, like gzip
        var dir = NewWorkDirectory(new Dictionary<string, byte[]> { ["big.txt"] = text });
        try
        {
            Assert.Equal(0, (await RunWasmAsync("minigzip", dir, ["-9", "big.txt"])).ExitCode);
            Assert.Equal(text, GunzipFile(Path.Combine(dir, "big.txt.gz")));

            Assert.Equal(0, (await RunWasmAsync("minigzip", dir, ["-d", "big.txt.gz"])).ExitCode);
            Assert.Equal(text, File.ReadAllBytes(Path.Combine(dir, "big.txt")));

            // Pipes: stdin to stdout both ways, against .NET's gzip.
            var compressed = await RunWasmAsync("minigzip", dir, [], stdin: text);
            Assert.Equal(0, compressed.ExitCode);
            Assert.Equal(text, Gunzip(compressed.Stdout));

            var decompressed = await RunWasmAsync("minigzip", dir, ["-d"], stdin: Gzip(text));
            Assert.Equal(0, decompressed.ExitCode);
            Assert.Equal(text, decompressed.Stdout);
        }
        finally
        {
            DeleteDirectory(dir);
        }
    }

    [RealWorldFact]
    public async Task Bzip2_compress_test_decompress_and_errors_match_native()
    {
        var random = new Random(11);
        var binary = new byte[300_000];
        random.NextBytes(binary);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 60000).Select(i => $"{i}\n")));
        var files = new Dictionary<string, byte[]> { ["a.txt"] = text, ["b.bin"] = binary, ["empty"] = [] };

        string[][] commands =
        [
            ["-k", "-9", "a.txt"],
            ["b.bin"],
            ["-k", "empty"],
            ["-c", "a.txt"],
            ["-s", "-k", "a.txt"],
            ["-d", "missing.bz2"],
            ["-t", "a.txt"],
        ];
        foreach (var command in commands)
        {
            var (native, wasm) = await RunBothAsync("bzip2", files, command, argv0: "bzip2");
            AssertSameOutcome(native, wasm);
            Assert.Equal(native.Stderr, wasm.Stderr);
        }

        // Round trip through stdin/stdout, and -d/-t on the wasm build's own output.
        var dir = NewWorkDirectory(files);
        try
        {
            var compressed = await RunWasmAsync("bzip2", dir, ["-c"], stdin: binary);
            Assert.Equal(0, compressed.ExitCode);
            var decompressed = await RunWasmAsync("bzip2", dir, ["-d"], stdin: compressed.Stdout);
            Assert.Equal(binary, decompressed.Stdout);

            Assert.Equal(0, (await RunWasmAsync("bzip2", dir, ["-k", "a.txt"])).ExitCode);
            Assert.Equal(0, (await RunWasmAsync("bzip2", dir, ["-t", "a.txt.bz2"])).ExitCode);
            File.Delete(Path.Combine(dir, "a.txt"));
            Assert.Equal(0, (await RunWasmAsync("bzip2", dir, ["-d", "a.txt.bz2"])).ExitCode);
            Assert.Equal(text, File.ReadAllBytes(Path.Combine(dir, "a.txt")));
        }
        finally
        {
            DeleteDirectory(dir);
        }
    }

    [RealWorldFact]
    public async Task Bzip2_writing_to_a_closed_pipe_fails_with_broken_pipe()
    {
        var random = new Random(3);
        var binary = new byte[2_000_000];
        random.NextBytes(binary);
        var dir = NewWorkDirectory(new Dictionary<string, byte[]> { ["big.bin"] = binary });
        try
        {
            using var process = StartWasm("bzip2", dir, "-c", "big.bin");
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync();
            var head = new byte[100];
            await process.StandardOutput.BaseStream.ReadExactlyAsync(head);
            process.StandardOutput.Close(); // like `| head -c 100`

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, process.ExitCode);
            Assert.Contains("Broken pipe", await errors);
        }
        finally
        {
            DeleteDirectory(dir);
        }
    }

    private static async Task<(ProgramRun Native, ProgramRun Wasm)> RunBothAsync(
        string name, Dictionary<string, byte[]> files, string[] args, byte[]? stdin = null, string[]? env = null, string? argv0 = null)
    {
        var nativeDir = NewWorkDirectory(files);
        var wasmDir = NewWorkDirectory(files);
        try
        {
            var native = await RunNativeAsync(name, nativeDir, args, stdin, env);
            var wasm = await RunWasmAsync(name, wasmDir, args, stdin, env, argv0);
            return (native, wasm);
        }
        finally
        {
            DeleteDirectory(nativeDir);
            DeleteDirectory(wasmDir);
        }
    }

    private static void AssertSameOutcome(ProgramRun native, ProgramRun wasm)
    {
        Assert.True(native.ExitCode == wasm.ExitCode, $"exit codes differ: native {native}, wasm {wasm}");
        Assert.Equal(native.StdoutText, wasm.StdoutText);
        Assert.Equal(native.Stdout, wasm.Stdout);
        Assert.Equal(native.Files, wasm.Files);
    }

    private static byte[] GunzipFile(string path) => Gunzip(File.ReadAllBytes(path));

    private static byte[] Gunzip(byte[] compressed)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

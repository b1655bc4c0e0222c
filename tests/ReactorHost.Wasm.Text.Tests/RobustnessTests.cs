namespace ReactorHost.Wasm.Text.Tests;

/// <summary>
/// Damaged text (truncated, characters dropped, duplicated or replaced) must be either accepted or
/// rejected with a <see cref="WasmModuleException"/> — never any other exception.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] Corpus =
    [
        "(module $m (type $t (func (param i32) (result i32))) (import \"m\" \"f\" (func $imp (type $t)))" +
        " (table $tab 2 funcref) (memory $mem 1 2) (global $g (mut i32) (i32.const 0))" +
        " (func $f (export \"f\") (param $x i32) (result i32) (local $y i64)" +
        "  (block $b (result i32) (loop $l (br_if $b (local.get $x) (i32.eqz (local.get $x)))" +
        "   (local.set $x (i32.sub (local.get $x) (i32.const 1))) (br $l)) (i32.const 0))" +
        "  (if (result i32) (i32.const 1) (then (call_indirect $tab (type $t) (i32.const 7) (i32.const 0))) (else (i32.const -0x8000_0000)))" +
        "  (drop (f64.const -0x1.8p-3)) (drop (f32.const nan:0x1)) (br_table 0 0 (i32.const 0)) drop (i32.const 0))" +
        " (elem (i32.const 0) $f $imp) (elem funcref (ref.null func)) (data (i32.const 8) \"\\u{263A}\\00a\")" +
        " (data $d \"x\") (func (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1)) (data.drop $d)) (start $f))",
        "(func (result i32) i32.const 1 if (result i32) i32.const 2 else i32.const 3 end) ;; comment\n (; block (; nested ;) ;)",
    ];

    [Theory]
    [InlineData("(block ", ")")]
    [InlineData("block ", "end ")]
    public void AbsurdNestingIsRejectedNotAStackOverflow(string open, string close)
    {
        const int depth = 1_000_000;
        var text = new System.Text.StringBuilder("(func ");
        text.Insert(text.Length, open, depth).Insert(text.Length, close, depth).Append(')');
        var e = Assert.Throws<WasmModuleException>(() => Wat.ToBinary(text.ToString()));
        Assert.Equal("nesting too deep", e.Reason);
    }

    [Fact]
    public void DeepButReasonableNestingIsFine()
    {
        var text = new System.Text.StringBuilder("(func ");
        text.Insert(text.Length, "(block ", 500).Insert(text.Length, ")", 500).Append(')');
        Assert.NotEmpty(Wat.ToBinary(text.ToString()));
    }

    [Fact]
    public void DamagedTextOnlyEverThrowsWasmModuleException()
    {
        var random = new Random(12345);
        var corpus = new List<string>(Corpus);
        if (SpecSuite.Root is not null)
        {
            string wast = SpecSuite.WastSource("br_table");
            corpus.Add(SpecSuite.ModuleAtLine(wast, 3));
        }

        const string alphabet = "()\"$;\\ _.-+x0123456789abcdefpni:=";
        int accepted = 0;
        int rejected = 0;
        foreach (string text in corpus)
        {
            int rounds = int.TryParse(Environment.GetEnvironmentVariable("RH_FUZZ_ROUNDS"), out int r) ? r : 400;
            for (int round = 0; round < rounds; round++)
            {
                var chars = text.ToCharArray().ToList();
                int edits = 1 + random.Next(3);
                for (int e = 0; e < edits && chars.Count > 0; e++)
                {
                    int at = random.Next(chars.Count);
                    switch (random.Next(4))
                    {
                        case 0: chars.RemoveRange(at, chars.Count - at); break;
                        case 1: chars.RemoveAt(at); break;
                        case 2: chars.Insert(at, chars[at]); break;
                        default: chars[at] = alphabet[random.Next(alphabet.Length)]; break;
                    }
                }

                string damaged = new(chars.ToArray());
                try
                {
                    Wat.ToBinary(damaged);
                    accepted++;
                }
                catch (WasmModuleException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"{e.GetType().Name}: {e.Message} for text:\n{damaged}\n{e.StackTrace}");
                }
            }
        }

        Assert.True(rejected > 0);
        Assert.True(accepted > 0);
    }
}

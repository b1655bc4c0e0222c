using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>Operand and result types of every numeric opcode, independent of the emitter (from the spec's instruction typing).</summary>
internal static class OpcodeSignatures
{
    public static IEnumerable<(Opcode Opcode, Type[] Parameters, Type Result)> All()
    {
        Type i32 = typeof(int), i64 = typeof(long), f32 = typeof(float), f64 = typeof(double);
        var list = new List<(Opcode, Type[], Type)>();

        void Range(int first, int last, Type[] parameters, Type result)
        {
            for (int op = first; op <= last; op++)
            {
                list.Add(((Opcode)op, parameters, result));
            }
        }

        Range(0x45, 0x45, [i32], i32);
        Range(0x46, 0x4F, [i32, i32], i32);
        Range(0x50, 0x50, [i64], i32);
        Range(0x51, 0x5A, [i64, i64], i32);
        Range(0x5B, 0x60, [f32, f32], i32);
        Range(0x61, 0x66, [f64, f64], i32);
        Range(0x67, 0x69, [i32], i32);
        Range(0x6A, 0x78, [i32, i32], i32);
        Range(0x79, 0x7B, [i64], i64);
        Range(0x7C, 0x8A, [i64, i64], i64);
        Range(0x8B, 0x91, [f32], f32);
        Range(0x92, 0x98, [f32, f32], f32);
        Range(0x99, 0x9F, [f64], f64);
        Range(0xA0, 0xA6, [f64, f64], f64);
        Type[] conversionSources = [i64, f32, f32, f64, f64, i32, i32, f32, f32, f64, f64, i32, i32, i64, i64, f64, i32, i32, i64, i64, f32, f32, f64, i32, i64];
        Type[] conversionResults = [i32, i32, i32, i32, i32, i64, i64, i64, i64, i64, i64, f32, f32, f32, f32, f32, f64, f64, f64, f64, f64, i32, i64, f32, f64];
        for (int i = 0; i < conversionSources.Length; i++)
        {
            list.Add(((Opcode)(0xA7 + i), [conversionSources[i]], conversionResults[i]));
        }

        Range(0xC0, 0xC1, [i32], i32);
        Range(0xC2, 0xC4, [i64], i64);
        Type[] saturatingSources = [f32, f32, f64, f64, f32, f32, f64, f64];
        for (int i = 0; i < saturatingSources.Length; i++)
        {
            list.Add(((Opcode)(0xFC00 + i), [saturatingSources[i]], i < 4 ? i32 : i64));
        }

        return list;
    }
}

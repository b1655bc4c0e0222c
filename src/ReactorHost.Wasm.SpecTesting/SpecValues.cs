using System.Globalization;

namespace ReactorHost.Wasm.SpecTesting;

/// <summary>Converts script values to engine values and checks results against expectations.</summary>
internal sealed class SpecValues
{
    private const uint Float32SignMask = 0x8000_0000;
    private const uint Float32QuietNan = 0x7FC0_0000;
    private const ulong Float64SignMask = 0x8000_0000_0000_0000;
    private const ulong Float64QuietNan = 0x7FF8_0000_0000_0000;

    private readonly Dictionary<ulong, SpecExternRef> _externRefs = [];

    /// <summary>The one host object that stands for <c>(ref.extern <paramref name="number"/>)</c> in this script.</summary>
    public SpecExternRef ExternRef(ulong number)
    {
        if (!_externRefs.TryGetValue(number, out var reference))
        {
            reference = new SpecExternRef(number);
            _externRefs.Add(number, reference);
        }

        return reference;
    }

    /// <summary>Converts an argument.</summary>
    /// <exception cref="CommandSkippedException">The value's type is not supported (v128).</exception>
    /// <exception cref="FormatException">The value text is not valid for its type.</exception>
    public WasmValue ToArgument(SpecValue value)
    {
        switch (value.Type)
        {
            case "i32": return WasmValue.FromInt32((int)(uint)ParseInteger(value, 32));
            case "i64": return WasmValue.FromInt64((long)ParseInteger(value, 64));
            case "f32": return WasmValue.FromFloat32Bits((uint)ParseInteger(value, 32));
            case "f64": return WasmValue.FromFloat64Bits(ParseInteger(value, 64));
            case "externref":
                return value.Value == "null" ? WasmValue.FromExternRef(null) : WasmValue.FromExternRef(ExternRef(ParseInteger(value, 64)));
            case "funcref":
                if (value.Value == "null")
                {
                    return WasmValue.FromFunction(null);
                }

                throw new CommandSkippedException($"a non-null funcref argument ({value}) cannot be made by the host");
            case "v128":
                throw new CommandSkippedException("v128 values are not supported");
            default:
                throw new FormatException($"unknown value type \"{value.Type}\"");
        }
    }

    /// <summary>True when <paramref name="actual"/> satisfies <paramref name="expected"/>.</summary>
    /// <exception cref="CommandSkippedException">The value's type is not supported (v128).</exception>
    /// <exception cref="FormatException">The expected value text is not valid for its type.</exception>
    public bool Matches(SpecValue expected, WasmValue actual)
    {
        switch (expected.Type)
        {
            case "i32":
                return actual.Kind == ValueKind.Int32 && (uint)actual.Bits == (uint)ParseInteger(expected, 32);
            case "i64":
                return actual.Kind == ValueKind.Int64 && actual.Bits == ParseInteger(expected, 64);
            case "f32":
                return actual.Kind == ValueKind.Float32 && expected.Value switch
                {
                    "nan:canonical" => IsCanonicalNan32((uint)actual.Bits),
                    "nan:arithmetic" => IsArithmeticNan32((uint)actual.Bits),
                    _ => (uint)actual.Bits == (uint)ParseInteger(expected, 32),
                };
            case "f64":
                return actual.Kind == ValueKind.Float64 && expected.Value switch
                {
                    "nan:canonical" => IsCanonicalNan64(actual.Bits),
                    "nan:arithmetic" => IsArithmeticNan64(actual.Bits),
                    _ => actual.Bits == ParseInteger(expected, 64),
                };
            case "funcref":
                return actual.Kind == ValueKind.FuncRef && expected.Value switch
                {
                    "null" => actual.Reference is null,
                    _ => actual.Reference is Function, // wast2json has no identity for function references
                };
            case "externref":
                return actual.Kind == ValueKind.ExternRef && expected.Value switch
                {
                    "null" => actual.Reference is null,
                    null => actual.Reference is not null,
                    _ => ReferenceEquals(actual.Reference, ExternRef(ParseInteger(expected, 64))),
                };
            case "v128":
                throw new CommandSkippedException("v128 values are not supported");
            default:
                throw new FormatException($"unknown value type \"{expected.Type}\"");
        }
    }

    /// <summary>A canonical f32 NaN: any sign, only the quiet bit set in the payload.</summary>
    public static bool IsCanonicalNan32(uint bits) => (bits & ~Float32SignMask) == Float32QuietNan;

    /// <summary>An arithmetic f32 NaN: any sign, the quiet bit set, any other payload.</summary>
    public static bool IsArithmeticNan32(uint bits) => (bits & Float32QuietNan) == Float32QuietNan;

    /// <summary>A canonical f64 NaN: any sign, only the quiet bit set in the payload.</summary>
    public static bool IsCanonicalNan64(ulong bits) => (bits & ~Float64SignMask) == Float64QuietNan;

    /// <summary>An arithmetic f64 NaN: any sign, the quiet bit set, any other payload.</summary>
    public static bool IsArithmeticNan64(ulong bits) => (bits & Float64QuietNan) == Float64QuietNan;

    /// <summary>Renders an expected value for a failure message.</summary>
    public static string Describe(SpecValue expected)
    {
        if (expected.Lanes is not null || expected.Value is null)
        {
            return expected.ToString();
        }

        if (expected.Value.StartsWith("nan:", StringComparison.Ordinal) || expected.Value == "null")
        {
            return $"{expected.Type}:{expected.Value}";
        }

        try
        {
            return expected.Type switch
            {
                "i32" => Describe(WasmValue.FromInt32((int)(uint)ParseInteger(expected, 32))),
                "i64" => Describe(WasmValue.FromInt64((long)ParseInteger(expected, 64))),
                "f32" => Describe(WasmValue.FromFloat32Bits((uint)ParseInteger(expected, 32))),
                "f64" => Describe(WasmValue.FromFloat64Bits(ParseInteger(expected, 64))),
                "externref" => $"externref:{expected.Value}",
                _ => expected.ToString(),
            };
        }
        catch (FormatException)
        {
            return expected.ToString();
        }
    }

    /// <summary>Renders an actual value for a failure message (floats with their bits, so NaN payloads show).</summary>
    public static string Describe(WasmValue value) => value.Kind switch
    {
        ValueKind.Int32 => string.Create(CultureInfo.InvariantCulture, $"i32:{value.AsInt32()}"),
        ValueKind.Int64 => string.Create(CultureInfo.InvariantCulture, $"i64:{value.AsInt64()}"),
        ValueKind.Float32 => string.Create(CultureInfo.InvariantCulture, $"f32:{value.AsFloat32():R} (0x{(uint)value.Bits:x8})"),
        ValueKind.Float64 => string.Create(CultureInfo.InvariantCulture, $"f64:{value.AsFloat64():R} (0x{value.Bits:x16})"),
        ValueKind.FuncRef => value.Reference is null ? "funcref:null" : "funcref:<function>",
        ValueKind.ExternRef => value.Reference switch
        {
            null => "externref:null",
            SpecExternRef r => $"externref:{r.Number}",
            var other => $"externref:<{other.GetType().Name}>",
        },
        _ => value.ToString(),
    };

    /// <summary>Renders a list of values.</summary>
    public static string Describe(IEnumerable<string> values) => "(" + string.Join(", ", values) + ")";

    private static ulong ParseInteger(SpecValue value, int bits)
    {
        var text = value.Value ?? throw new FormatException($"{value.Type} value missing");
        ulong result;
        if (text.StartsWith('-'))
        {
            // wast2json writes unsigned decimals; accept signed ones too.
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var signed))
            {
                throw new FormatException($"bad {value.Type} value \"{text}\"");
            }

            result = (ulong)signed;
            return bits == 32 ? (uint)result : result;
        }

        if (!ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out result) ||
            (bits == 32 && result > uint.MaxValue))
        {
            throw new FormatException($"bad {value.Type} value \"{text}\"");
        }

        return result;
    }
}

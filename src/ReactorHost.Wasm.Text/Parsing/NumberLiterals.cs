using System.Globalization;
using System.Numerics;

namespace ReactorHost.Wasm.Text.Parsing;

internal enum NumberShape
{
    None,
    Integer,
    Float,
}

/// <summary>
/// Numeric literals of the text format: shape recognition (with <c>_</c> separators, hex, signs)
/// and conversion with range checks; floats are rounded to nearest-even, hex floats included.
/// </summary>
internal static class NumberLiterals
{
    public static NumberShape Classify(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            i++;
        }

        var rest = s[i..];
        if (rest is "inf" or "nan")
        {
            return NumberShape.Float;
        }

        if (rest.StartsWith("nan:0x", StringComparison.Ordinal))
        {
            return SkipDigits(rest, 6, hex: true) == rest.Length && rest.Length > 6 ? NumberShape.Float : NumberShape.None;
        }

        bool hex = rest.StartsWith("0x", StringComparison.Ordinal);
        int p = hex ? 2 : 0;
        int afterInt = SkipDigits(rest, p, hex);
        if (afterInt < 0 || afterInt == p)
        {
            return NumberShape.None;
        }

        if (afterInt == rest.Length)
        {
            return NumberShape.Integer;
        }

        p = afterInt;
        if (rest[p] == '.')
        {
            p++;
            if (p < rest.Length && IsDigit(rest[p], hex))
            {
                p = SkipDigits(rest, p, hex);
                if (p < 0)
                {
                    return NumberShape.None;
                }
            }
        }

        if (p < rest.Length && (hex ? rest[p] is 'p' or 'P' : rest[p] is 'e' or 'E'))
        {
            p++;
            if (p < rest.Length && rest[p] is '+' or '-')
            {
                p++;
            }

            int afterExp = SkipDigits(rest, p, hex: false);
            if (afterExp < 0 || afterExp == p)
            {
                return NumberShape.None;
            }

            p = afterExp;
        }

        return p == rest.Length ? NumberShape.Float : NumberShape.None;
    }

    /// <summary>Skips <c>digit ('_'? digit)*</c> from <paramref name="p"/>; -1 if a '_' is misplaced.</summary>
    private static int SkipDigits(ReadOnlySpan<char> s, int p, bool hex)
    {
        int start = p;
        while (p < s.Length)
        {
            if (IsDigit(s[p], hex))
            {
                p++;
            }
            else if (s[p] == '_')
            {
                if (p == start || p + 1 >= s.Length || !IsDigit(s[p + 1], hex))
                {
                    return -1;
                }

                p++;
            }
            else
            {
                break;
            }
        }

        return p;
    }

    private static bool IsDigit(char c, bool hex) =>
        c is >= '0' and <= '9' || (hex && c is (>= 'a' and <= 'f') or (>= 'A' and <= 'F'));

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => c - 'A' + 10,
    };

    /// <summary>
    /// Parses an integer literal (already known to have integer shape). Returns false when the
    /// magnitude does not fit in 64 bits.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<char> s, out bool negative, out bool hasSign, out ulong magnitude)
    {
        negative = s[0] == '-';
        hasSign = s[0] is '+' or '-';
        int i = hasSign ? 1 : 0;
        bool hex = s[i..].StartsWith("0x", StringComparison.Ordinal);
        if (hex)
        {
            i += 2;
        }

        ulong radix = hex ? 16UL : 10UL;
        magnitude = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] == '_')
            {
                continue;
            }

            ulong digit = (ulong)DigitValue(s[i]);
            if (magnitude > (ulong.MaxValue - digit) / radix)
            {
                return false;
            }

            magnitude = (magnitude * radix) + digit;
        }

        return true;
    }

    /// <summary>Integer literal to a 32-bit pattern: accepts -2^31 .. 2^32-1.</summary>
    public static bool TryParseI32(ReadOnlySpan<char> s, out uint value)
    {
        value = 0;
        if (!TryParseInteger(s, out bool negative, out _, out ulong magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 0x8000_0000UL)
            {
                return false;
            }

            value = (uint)(0 - magnitude);
            return true;
        }

        if (magnitude > uint.MaxValue)
        {
            return false;
        }

        value = (uint)magnitude;
        return true;
    }

    /// <summary>Integer literal to a 64-bit pattern: accepts -2^63 .. 2^64-1.</summary>
    public static bool TryParseI64(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (!TryParseInteger(s, out bool negative, out _, out ulong magnitude))
        {
            return false;
        }

        if (negative)
        {
            if (magnitude > 0x8000_0000_0000_0000UL)
            {
                return false;
            }

            value = 0 - magnitude;
            return true;
        }

        value = magnitude;
        return true;
    }

    /// <summary>Float literal (int or float shape) to f32 bits; false when out of range.</summary>
    public static bool TryParseF32(ReadOnlySpan<char> s, out uint bits)
    {
        bool ok = TryParseFloat(s, FloatFormat.Single, out ulong raw);
        bits = (uint)raw;
        return ok;
    }

    /// <summary>Float literal (int or float shape) to f64 bits; false when out of range.</summary>
    public static bool TryParseF64(ReadOnlySpan<char> s, out ulong bits) => TryParseFloat(s, FloatFormat.Double, out bits);

    private sealed record FloatFormat(int MantissaBits, int ExponentBits)
    {
        public static readonly FloatFormat Single = new(23, 8);
        public static readonly FloatFormat Double = new(52, 11);

        public int Bias => (1 << (ExponentBits - 1)) - 1;

        public ulong SignBit => 1UL << (MantissaBits + ExponentBits);

        public ulong InfinityBits => ((1UL << ExponentBits) - 1) << MantissaBits;
    }

    private static bool TryParseFloat(ReadOnlySpan<char> s, FloatFormat format, out ulong bits)
    {
        bits = 0;
        bool negative = s[0] == '-';
        int i = s[0] is '+' or '-' ? 1 : 0;
        var rest = s[i..];
        ulong sign = negative ? format.SignBit : 0;
        if (rest is "inf")
        {
            bits = sign | format.InfinityBits;
            return true;
        }

        if (rest is "nan")
        {
            bits = sign | format.InfinityBits | (1UL << (format.MantissaBits - 1));
            return true;
        }

        if (rest.StartsWith("nan:0x", StringComparison.Ordinal))
        {
            ulong payload = 0;
            foreach (char c in rest[6..])
            {
                if (c == '_')
                {
                    continue;
                }

                if (payload >= 1UL << format.MantissaBits)
                {
                    return false;
                }

                payload = (payload << 4) | (uint)DigitValue(c);
            }

            if (payload == 0 || payload >= 1UL << format.MantissaBits)
            {
                return false;
            }

            bits = sign | format.InfinityBits | payload;
            return true;
        }

        ulong magnitudeBits;
        if (rest.StartsWith("0x", StringComparison.Ordinal))
        {
            if (!TryParseHexFloat(rest[2..], format, out magnitudeBits))
            {
                return false;
            }
        }
        else
        {
            string digits = rest.ToString().Replace("_", "", StringComparison.Ordinal);
            if (format == FloatFormat.Single)
            {
                float f = float.Parse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (float.IsInfinity(f))
                {
                    return false;
                }

                magnitudeBits = BitConverter.SingleToUInt32Bits(f);
            }
            else
            {
                double d = double.Parse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (double.IsInfinity(d))
                {
                    return false;
                }

                magnitudeBits = BitConverter.DoubleToUInt64Bits(d);
            }
        }

        bits = sign | magnitudeBits;
        return true;
    }

    /// <summary>Hex float body (after <c>0x</c>) to the bits of its magnitude, rounded to nearest-even.</summary>
    private static bool TryParseHexFloat(ReadOnlySpan<char> s, FloatFormat format, out ulong bits)
    {
        bits = 0;
        BigInteger mantissa = BigInteger.Zero;
        long exponent = 0;
        int i = 0;
        bool inFraction = false;
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                continue;
            }

            if (c == '.')
            {
                inFraction = true;
                continue;
            }

            if (c is 'p' or 'P')
            {
                break;
            }

            mantissa = (mantissa << 4) + DigitValue(c);
            if (inFraction)
            {
                exponent -= 4;
            }
        }

        if (i < s.Length)
        {
            i++;
            bool negativeExponent = s[i] == '-';
            if (s[i] is '+' or '-')
            {
                i++;
            }

            long e = 0;
            for (; i < s.Length; i++)
            {
                if (s[i] != '_')
                {
                    e = Math.Min((e * 10) + (s[i] - '0'), 1L << 40);
                }
            }

            exponent += negativeExponent ? -e : e;
        }

        if (mantissa.IsZero)
        {
            return true;
        }

        // value = mantissa * 2^exponent. Keep MantissaBits+1 significant bits (fewer when subnormal).
        long bitLength = (long)mantissa.GetBitLength();
        long leadingExponent = exponent + bitLength - 1;
        int minExponent = 1 - format.Bias;
        long keep = format.MantissaBits + 1;
        if (leadingExponent < minExponent)
        {
            keep -= minExponent - leadingExponent;
        }

        long shift = bitLength - keep;
        BigInteger kept;
        if (shift > 0)
        {
            if (shift > bitLength + 1)
            {
                return true; // rounds to zero
            }

            kept = mantissa >> (int)shift;
            BigInteger remainder = mantissa - (kept << (int)shift);
            BigInteger half = BigInteger.One << (int)(shift - 1);
            int cmp = remainder.CompareTo(half);
            if (cmp > 0 || (cmp == 0 && !kept.IsEven))
            {
                kept += 1;
            }
        }
        else
        {
            kept = mantissa << (int)-shift;
        }

        // The kept bits have weight 2^(exponent + shift).
        long unitExponent = exponent + shift;
        if (kept.IsZero)
        {
            return true;
        }

        long keptBits = (long)kept.GetBitLength();
        long topExponent = unitExponent + keptBits - 1;
        if (topExponent > format.Bias)
        {
            return false;
        }

        ulong significand = (ulong)kept;
        if (topExponent < minExponent)
        {
            // Subnormal: unit exponent is exactly the subnormal unit.
            bits = significand;
            return true;
        }

        // Normal (rounding may have produced exactly 2^(MantissaBits+1)).
        if (keptBits > format.MantissaBits + 1)
        {
            significand >>= 1;
        }

        ulong biased = (ulong)(topExponent + format.Bias);
        bits = (biased << format.MantissaBits) | (significand & ((1UL << format.MantissaBits) - 1));
        return true;
    }
}

using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Compilation;

/// <summary>
/// Counts from one pass over a function body, made before emitting it: whether it calls (for the
/// stack check) and estimates of the size of its CIL in each of the measures that make RyuJIT fall
/// back to MinOpts, in the normal and in the compact emission (see <see cref="CompactHelpers"/>).
/// </summary>
/// <remarks>
/// The per-instruction costs are those of <see cref="FunctionCompiler"/>'s emission, rounded up;
/// real modules land within a few percent (checked against the emitted IL of SQLite, bzip2, Lua).
/// </remarks>
internal readonly struct FunctionShape
{
    // RyuJIT's retail limits (DEFAULT_MIN_OPTS_* in compiler.h), judged on the root method's IL
    // before inlining: beyond any of them the method is compiled without optimization.
    private const int MaxIlBytes = 60_000;
    private const int MaxIlInstructions = 20_000;
    private const int MaxBasicBlocks = 2_000;
    private const int MaxLocals = 2_000;
    private const int MaxLocalReferences = 8_000;

    // Compact emission is chosen when the normal one is estimated past this share of a limit
    // (estimates are not exact) ...
    private const double NormalMargin = 0.9;

    // ... and the compact one is estimated within this share of every limit: a function that
    // stays over a limit either way is left normal, as MinOpts would not inline the helpers.
    private const double CompactMargin = 0.9;

    private readonly int _instructions;
    private readonly int _localAccesses;
    private readonly int _memoryAccesses;
    private readonly int _stores;
    private readonly int _branches;
    private readonly int _blocks;
    private readonly int _loops;
    private readonly int _calls;
    private readonly int _selects;
    private readonly int _contextUses;
    private readonly int _locals;

    private FunctionShape(FunctionBody body, int parameters)
    {
        _locals = body.Locals.Length + parameters + 1;
        var reader = new OperatorReader(body.Code.Span, body.CodeOffset);
        while (reader.HasMore)
        {
            var instruction = reader.Read();
            _instructions++;
            switch (instruction.Opcode)
            {
                case Opcode.LocalGet or Opcode.LocalSet:
                    _localAccesses++;
                    break;
                case Opcode.LocalTee:
                    _localAccesses++;
                    Tees++;
                    break;
                case >= Opcode.I32Load and <= Opcode.I64Load32U:
                    _memoryAccesses++;
                    break;
                case >= Opcode.I32Store and <= Opcode.I64Store32:
                    _memoryAccesses++;
                    _stores++;
                    break;
                case Opcode.Br or Opcode.BrIf:
                    _branches++;
                    break;
                case Opcode.BrTable:
                    // A switch starts one block per distinct target, plus the default and the fall-through.
                    _branches += 2 + (instruction.Labels?.Distinct().Count() ?? 0);
                    break;
                case Opcode.Block or Opcode.If or Opcode.Else:
                    _blocks++;
                    break;
                case Opcode.Loop:
                    _loops++;
                    break;
                case Opcode.Call or Opcode.CallIndirect:
                    _calls++;
                    HasCalls = true;
                    break;
                case Opcode.Select or Opcode.SelectTyped:
                    _selects++;
                    break;
                case Opcode.GlobalGet or Opcode.GlobalSet or Opcode.MemoryGrow or Opcode.MemorySize:
                    _contextUses++;
                    break;
            }
        }
    }

    /// <summary>Number of <c>local.tee</c> instructions.</summary>
    public int Tees { get; }

    /// <summary>The body contains a <c>call</c> or <c>call_indirect</c>.</summary>
    public bool HasCalls { get; }

    /// <summary>Emit compact code: the normal CIL would likely exceed a MinOpts limit, the compact one would not.</summary>
    public bool PrefersCompact => !Fits(compact: false, NormalMargin) && Fits(compact: true, CompactMargin);

    /// <summary>
    /// In compact mode, how many local references may be added (by spilling operands to a pooled
    /// temporary so that helper arguments are locals) while staying within the margins.
    /// </summary>
    public int CompactSpareReferences
    {
        get
        {
            var (bytes, instructions, _, references) = Estimate(compact: true);

            // A spill adds one stloc/ldloc pair per operand: 2 references, 2 instructions, <= 4 bytes.
            var spare = Math.Min(
                Math.Min((int)(MaxLocalReferences * CompactMargin) - references, (int)(MaxIlInstructions * CompactMargin) - instructions),
                ((int)(MaxIlBytes * CompactMargin) - bytes) / 2);
            return Math.Max(spare, 0);
        }
    }

    public static FunctionShape Of(FunctionBody body, int parameters) => new(body, parameters);

    /// <summary>Estimated (IL bytes, instructions, basic blocks, local references) of the emitted CIL.</summary>
    public (int Bytes, int Instructions, int Blocks, int LocalReferences) Estimate(bool compact)
    {
        // Every wasm instruction is at least one CIL instruction of ~2 bytes; calls add the context
        // argument and (normal mode) the memory size refresh; loops add the interrupt check.
        var instructions = _instructions + (4 * _calls) + (2 * _selects) + (2 * _contextUses);
        var bytes = (2 * _instructions) + (12 * _calls) + (6 * _selects) + (12 * _contextUses);
        var blocks = _branches + _blocks + (3 * _selects) + _loops;
        var references = _localAccesses + (3 * _calls) + _contextUses + (2 * _selects);
        if (compact)
        {
            instructions += (3 * _memoryAccesses) + (2 * _loops);
            bytes += (10 * _memoryAccesses) + (8 * _loops);
            references += _memoryAccesses + _loops;
        }
        else
        {
            instructions += (17 * _memoryAccesses) + (2 * _stores) + (6 * _loops);
            bytes += (36 * _memoryAccesses) + (4 * _stores) + (18 * _loops);
            blocks += (2 * _memoryAccesses) + (2 * _loops);
            references += (5 * _memoryAccesses) + (2 * _stores) + _loops;
        }

        return (bytes, instructions, blocks, references);
    }

    private bool Fits(bool compact, double margin)
    {
        var (bytes, instructions, blocks, references) = Estimate(compact);
        return bytes <= MaxIlBytes * margin
            && instructions <= MaxIlInstructions * margin
            && blocks <= MaxBasicBlocks * margin
            && references <= MaxLocalReferences * margin
            && _locals <= MaxLocals * margin;
    }
}

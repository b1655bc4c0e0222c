using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Runtime;

/// <summary>Evaluates constant expressions (global initializers, segment offsets, element items) at instantiation.</summary>
internal static class ConstantEvaluator
{
    /// <summary>Evaluates <paramref name="expression"/> against the (partially built) instance state.</summary>
    public static WasmValue Evaluate(ConstantExpression expression, Function[] functions, Global[] globals)
    {
        var stack = new Stack<WasmValue>(2);
        foreach (var instruction in expression.Instructions)
        {
            switch (instruction.Opcode)
            {
                case Opcode.I32Const:
                    stack.Push(WasmValue.FromInt32((int)instruction.Immediate));
                    break;
                case Opcode.I64Const:
                    stack.Push(WasmValue.FromInt64((long)instruction.Immediate));
                    break;
                case Opcode.F32Const:
                    stack.Push(WasmValue.FromFloat32Bits((uint)instruction.Immediate));
                    break;
                case Opcode.F64Const:
                    stack.Push(WasmValue.FromFloat64Bits(instruction.Immediate));
                    break;
                case Opcode.RefNull:
                    stack.Push(WasmValue.DefaultOf(instruction.ValueKind));
                    break;
                case Opcode.RefFunc:
                    stack.Push(WasmValue.FromFunction(functions[instruction.Index]));
                    break;
                case Opcode.GlobalGet:
                    stack.Push(globals[instruction.Index].Value);
                    break;

                // Extended constant expressions (a later proposal, cheap to support).
                case Opcode.I32Add or Opcode.I32Sub or Opcode.I32Mul:
                {
                    var b = stack.Pop().AsInt32();
                    var a = stack.Pop().AsInt32();
                    stack.Push(WasmValue.FromInt32(instruction.Opcode switch
                    {
                        Opcode.I32Add => unchecked(a + b),
                        Opcode.I32Sub => unchecked(a - b),
                        _ => unchecked(a * b),
                    }));
                    break;
                }

                case Opcode.I64Add or Opcode.I64Sub or Opcode.I64Mul:
                {
                    var b = stack.Pop().AsInt64();
                    var a = stack.Pop().AsInt64();
                    stack.Push(WasmValue.FromInt64(instruction.Opcode switch
                    {
                        Opcode.I64Add => unchecked(a + b),
                        Opcode.I64Sub => unchecked(a - b),
                        _ => unchecked(a * b),
                    }));
                    break;
                }

                default:
                    throw new WasmModuleException(instruction.Offset, "constant expression required", isMalformed: false);
            }
        }

        return stack.Count == 1
            ? stack.Pop()
            : throw new WasmModuleException(expression.Offset, "type mismatch", isMalformed: false);
    }
}

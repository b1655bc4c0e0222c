using System.Buffers.Binary;
using System.Reflection.Emit;
using ReactorHost.Wasm.Compilation;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Tests.Numerics;

/// <summary>
/// Compiles a wasm function body made only of straight-line code (local.get/set/tee, constants,
/// drop, nop and numeric instructions) to a <see cref="DynamicMethod"/>, delegating every numeric
/// instruction to <see cref="NumericEmitter"/>. Anything else (control flow, memory, calls)
/// returns null: the vector tests skip such functions.
/// </summary>
internal static class StraightLineCompiler
{
    private static Type? ClrType(byte valueType) => valueType switch
    {
        0x7F => typeof(int),
        0x7E => typeof(long),
        0x7D => typeof(float),
        0x7C => typeof(double),
        _ => null,
    };

    /// <summary>Maps a wasm signature to CLR types; false when it has a non-numeric type or several results.</summary>
    public static bool TryMapSignature(MiniWasmModule.FunctionSignature signature, out Type returnType, out Type[] parameterTypes)
    {
        returnType = typeof(void);
        parameterTypes = new Type[signature.Parameters.Length];
        for (int i = 0; i < parameterTypes.Length; i++)
        {
            Type? type = ClrType(signature.Parameters[i]);
            if (type is null)
            {
                return false;
            }

            parameterTypes[i] = type;
        }

        if (signature.Results.Length > 1)
        {
            return false;
        }

        if (signature.Results.Length == 1)
        {
            Type? type = ClrType(signature.Results[0]);
            if (type is null)
            {
                return false;
            }

            returnType = type;
        }

        return true;
    }

    /// <summary>Emits <paramref name="body"/>; false when it contains an unsupported instruction.</summary>
    public static bool TryEmitBody(ILGenerator il, int parameterCount, byte[] body)
    {
        var reader = new ByteReader(body);
        var locals = new List<LocalBuilder>();
        for (uint groups = reader.U32(); groups > 0; groups--)
        {
            uint count = reader.U32();
            Type? type = ClrType(reader.Byte());
            if (type is null)
            {
                return false;
            }

            for (uint i = 0; i < count; i++)
            {
                locals.Add(il.DeclareLocal(type));
            }
        }

        while (!reader.AtEnd)
        {
            byte op = reader.Byte();
            switch (op)
            {
                case 0x01: // nop
                    break;
                case 0x0B: // end (only the final one: there are no blocks)
                    if (!reader.AtEnd)
                    {
                        return false;
                    }

                    il.Emit(OpCodes.Ret);
                    return true;
                case 0x0F: // return: supported only as the last instruction
                    if (reader.Position != body.Length - 1)
                    {
                        return false;
                    }

                    break;
                case 0x1A:
                    il.Emit(OpCodes.Pop);
                    break;
                case 0x20:
                case 0x21:
                case 0x22:
                    {
                        int index = (int)reader.U32();
                        if (op == 0x22)
                        {
                            il.Emit(OpCodes.Dup);
                        }

                        bool get = op == 0x20;
                        if (index < parameterCount)
                        {
                            il.Emit(get ? OpCodes.Ldarg : OpCodes.Starg, (short)index);
                        }
                        else
                        {
                            il.Emit(get ? OpCodes.Ldloc : OpCodes.Stloc, locals[index - parameterCount]);
                        }

                        break;
                    }

                case 0x41:
                    il.Emit(OpCodes.Ldc_I4, (int)reader.S64());
                    break;
                case 0x42:
                    il.Emit(OpCodes.Ldc_I8, reader.S64());
                    break;
                case 0x43:
                    NumericEmitter.EmitF32Const(il, BinaryPrimitives.ReadInt32LittleEndian(reader.Bytes(4)));
                    break;
                case 0x44:
                    NumericEmitter.EmitF64Const(il, BinaryPrimitives.ReadInt64LittleEndian(reader.Bytes(8)));
                    break;
                case 0xFC:
                    if (!NumericEmitter.TryEmit(il, (Opcode)(0xFC00 | (int)reader.U32())))
                    {
                        return false;
                    }

                    break;
                default:
                    if (!NumericEmitter.TryEmit(il, (Opcode)op))
                    {
                        return false;
                    }

                    break;
            }
        }

        return false;
    }
}

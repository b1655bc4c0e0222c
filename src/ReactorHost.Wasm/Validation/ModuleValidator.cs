using System.Globalization;
using ReactorHost.Wasm.Binary;
using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Validation;

/// <summary>Validates a decoded module against the WebAssembly 2.0 validation rules (all sections and all function bodies).</summary>
internal static class ModuleValidator
{
    /// <summary>Validates <paramref name="module"/>.</summary>
    /// <exception cref="WasmModuleException">The module is invalid (IsMalformed = false).</exception>
    /// <exception cref="WasmNotSupportedException">The module uses SIMD or another unsupported feature.</exception>
    public static void Validate(ModuleDefinition module)
    {
        ArgumentNullException.ThrowIfNull(module);
        ValidateDeclarations(module);
        ValidateFunctionBodies(module);
    }

    /// <summary>Validates everything except function bodies (types, imports, tables, memories, globals, exports, start, segments).</summary>
    public static void ValidateDeclarations(ModuleDefinition module)
    {
        ArgumentNullException.ThrowIfNull(module);

        foreach (var type in module.Types)
        {
            foreach (var kind in type.Parameters)
                CheckSupported(kind, -1);
            foreach (var kind in type.Results)
                CheckSupported(kind, -1);
        }

        foreach (var import in module.Imports)
        {
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if ((uint)import.FunctionTypeIndex >= (uint)module.Types.Count)
                        throw Invalid(import.Offset, "unknown type", import.FunctionTypeIndex);
                    break;
                case ExternKind.Table:
                    ValidateTableType(import.Table!, import.Offset);
                    break;
                case ExternKind.Memory:
                    ValidateMemoryType(import.Memory!, import.Offset);
                    break;
                case ExternKind.Global:
                    CheckSupported(import.Global!.Kind, import.Offset);
                    break;
            }
        }

        foreach (var typeIndex in module.FunctionTypeIndices)
        {
            if ((uint)typeIndex >= (uint)module.Types.Count)
                throw Invalid(-1, "unknown type", typeIndex);
        }

        foreach (var table in module.Tables)
            ValidateTableType(table, -1);

        if (module.MemoryCount > 1)
            throw Invalid(-1, "multiple memories");
        foreach (var memory in module.Memories)
            ValidateMemoryType(memory, -1);

        foreach (var global in module.Globals)
        {
            CheckSupported(global.Type.Kind, global.Initializer.Offset);
            ValidateConstantExpression(module, global.Initializer, global.Type.Kind);
        }

        var exportNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var export in module.Exports)
        {
            if (!exportNames.Add(export.Name))
                throw Invalid(export.Offset, "duplicate export name");
            var (count, what) = export.Kind switch
            {
                ExternKind.Function => (module.FunctionCount, "unknown function"),
                ExternKind.Table => (module.TableCount, "unknown table"),
                ExternKind.Memory => (module.MemoryCount, "unknown memory"),
                _ => (module.GlobalCount, "unknown global"),
            };
            if ((uint)export.Index >= (uint)count)
                throw Invalid(export.Offset, what, export.Index);
        }

        if (module.StartFunction is { } start)
        {
            if ((uint)start >= (uint)module.FunctionCount)
                throw Invalid(-1, "unknown function", start);
            var type = module.GetFunctionType(start);
            if (type.Parameters.Length != 0 || type.Results.Length != 0)
                throw Invalid(-1, "start function");
        }

        foreach (var segment in module.Elements)
        {
            CheckSupported(segment.ElementKind, segment.Offset);
            if (segment.Mode == SegmentMode.Active)
            {
                if ((uint)segment.TableIndex >= (uint)module.TableCount)
                    throw Invalid(segment.Offset, "unknown table", segment.TableIndex);
                ValidateConstantExpression(module, segment.OffsetExpression!, ValueKind.Int32);
                if (module.GetTableType(segment.TableIndex).ElementKind != segment.ElementKind)
                    throw Invalid(segment.Offset, "type mismatch");
            }

            foreach (var item in segment.Items)
                ValidateConstantExpression(module, item, segment.ElementKind);
        }

        foreach (var segment in module.Data)
        {
            if (segment.Mode == SegmentMode.Active)
            {
                if ((uint)segment.MemoryIndex >= (uint)module.MemoryCount)
                    throw Invalid(segment.Offset, "unknown memory", segment.MemoryIndex);
                ValidateConstantExpression(module, segment.OffsetExpression!, ValueKind.Int32);
            }
        }
    }

    private static void ValidateFunctionBodies(ModuleDefinition module)
    {
        if (module.Bodies.Count == 0)
            return;
        var validator = new FunctionValidator(module);
        for (var i = 0; i < module.Bodies.Count; i++)
        {
            var body = module.Bodies[i];
            validator.Begin(module.ImportedFunctionCount + i);
            var reader = new OperatorReader(body.Code.Span, body.CodeOffset);
            while (!validator.IsFinished)
            {
                if (!reader.HasMore)
                    throw new WasmModuleException(reader.Offset, "END opcode expected", isMalformed: true);
                var instruction = reader.Read();
                validator.Step(instruction);
            }
        }
    }

    private static void ValidateTableType(TableType table, int offset)
    {
        CheckSupported(table.ElementKind, offset);
        if (table.Limits.Maximum is { } max && table.Limits.Minimum > max)
            throw Invalid(offset, "size minimum must not be greater than maximum");
    }

    private static void ValidateMemoryType(MemoryType memory, int offset)
    {
        var limits = memory.Limits;
        if (limits.Minimum > MemoryType.MaxPages || limits.Maximum > MemoryType.MaxPages)
            throw Invalid(offset, "memory size must be at most 65536 pages (4GiB)");
        if (limits.Maximum is { } max && limits.Minimum > max)
            throw Invalid(offset, "size minimum must not be greater than maximum");
    }

    /// <summary>
    /// Checks a constant expression: only constants, <c>ref.null</c>, <c>ref.func</c> and
    /// <c>global.get</c> of an imported immutable global, producing exactly one value of
    /// <paramref name="expected"/>.
    /// </summary>
    private static void ValidateConstantExpression(ModuleDefinition module, ConstantExpression expression, ValueKind expected)
    {
        var produced = ValueKind.Unknown;
        var count = 0;
        foreach (var instruction in expression.Instructions)
        {
            ValueKind kind;
            switch (instruction.Opcode)
            {
                case Opcode.I32Const: kind = ValueKind.Int32; break;
                case Opcode.I64Const: kind = ValueKind.Int64; break;
                case Opcode.F32Const: kind = ValueKind.Float32; break;
                case Opcode.F64Const: kind = ValueKind.Float64; break;
                case Opcode.RefNull: kind = instruction.ValueKind; break;
                case Opcode.RefFunc:
                    if (instruction.Immediate >= (ulong)module.FunctionCount)
                        throw Invalid(instruction.Offset, "unknown function", instruction.Immediate);
                    kind = ValueKind.FuncRef;
                    break;
                case Opcode.GlobalGet:
                {
                    // WebAssembly 2.0: constant expressions may only read imported globals.
                    if (instruction.Immediate >= (ulong)module.ImportedGlobalCount)
                        throw Invalid(instruction.Offset, "unknown global", instruction.Immediate);
                    var global = module.GetGlobalType(instruction.Index);
                    if (global.Mutable)
                        throw Invalid(instruction.Offset, "constant expression required");
                    kind = global.Kind;
                    break;
                }

                default:
                    throw Invalid(instruction.Offset, "constant expression required");
            }

            produced = kind;
            count++;
        }

        if (count != 1 || produced != expected)
            throw Invalid(expression.Offset, "type mismatch");
    }

    private static void CheckSupported(ValueKind kind, int offset)
    {
        if (kind == ValueKind.V128)
            throw new WasmNotSupportedException(offset, "SIMD (v128)");
    }

    private static WasmModuleException Invalid(long offset, string reason) => new(offset, reason, isMalformed: false);

    private static WasmModuleException Invalid(long offset, string reason, ulong index) =>
        new(offset, reason + " " + index.ToString(CultureInfo.InvariantCulture), isMalformed: false);

    private static WasmModuleException Invalid(long offset, string reason, int index) =>
        new(offset, reason + " " + index.ToString(CultureInfo.InvariantCulture), isMalformed: false);
}

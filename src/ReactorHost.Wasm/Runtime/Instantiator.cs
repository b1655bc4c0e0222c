using ReactorHost.Wasm.Model;

namespace ReactorHost.Wasm.Runtime;

/// <summary>
/// Module instantiation (spec "instantiate"): resolve and type-check imports, allocate functions,
/// tables, memories and globals, build exports, evaluate element segments, apply active element
/// segments then active data segments in module order, run the start function.
/// A segment out of bounds traps and fails instantiation, but writes already made (possibly to
/// imported tables/memories) stay, as the spec requires.
/// </summary>
internal static class Instantiator
{
    private const string UnknownImport = "unknown import";
    private const string IncompatibleImport = "incompatible import type";

    /// <summary>Instantiates <paramref name="module"/>, resolving imports with <paramref name="resolve"/>.</summary>
    public static Instance Instantiate(Module module, Func<string, string, object?> resolve, CancellationToken cancellationToken)
    {
        var definition = module.Definition;
        var options = module.Engine.Options;
        var context = new InstanceContext();
        var instance = new Instance(module, context);
        context.Instance = instance;

        var functions = new Function[definition.FunctionCount];
        var tables = new Table[definition.TableCount];
        var memories = new Memory[definition.MemoryCount];
        var globals = new Global[definition.GlobalCount];
        var importContexts = new CallContext[definition.ImportedFunctionCount];
        var importEntryPoints = new nint[definition.ImportedFunctionCount];

        int functionCount = 0, tableCount = 0, memoryCount = 0, globalCount = 0;
        foreach (var import in definition.Imports)
        {
            var item = resolve(import.ModuleName, import.Name)
                ?? throw new WasmLinkException(import.ModuleName, import.Name, UnknownImport);
            switch (import.Kind)
            {
                case ExternKind.Function:
                    if (item is not Function function || !function.Type.Equals(definition.Types[import.FunctionTypeIndex]))
                    {
                        throw new WasmLinkException(import.ModuleName, import.Name, IncompatibleImport);
                    }

                    functions[functionCount] = function;
                    importContexts[functionCount] = function.Host is { } host ? host.WithCaller(instance) : function.Context;
                    importEntryPoints[functionCount] = function.EntryPoint;
                    functionCount++;
                    break;
                case ExternKind.Table:
                    if (item is not Table table || table.ElementKind != import.Table!.ElementKind
                        || !table.Type.Limits.IsSubtypeOf(import.Table.Limits))
                    {
                        throw new WasmLinkException(import.ModuleName, import.Name, IncompatibleImport);
                    }

                    tables[tableCount++] = table;
                    break;
                case ExternKind.Memory:
                    if (item is not Memory memory || !memory.Type.Limits.IsSubtypeOf(import.Memory!.Limits))
                    {
                        throw new WasmLinkException(import.ModuleName, import.Name, IncompatibleImport);
                    }

                    memories[memoryCount++] = memory;
                    break;
                default:
                    if (item is not Global global || global.Type != import.Global)
                    {
                        throw new WasmLinkException(import.ModuleName, import.Name, IncompatibleImport);
                    }

                    globals[globalCount++] = global;
                    break;
            }
        }

        var compiled = module.Compiled;
        for (var i = 0; i < definition.FunctionTypeIndices.Count; i++)
        {
            var index = definition.ImportedFunctionCount + i;
            functions[index] = new Function(definition.Types[definition.FunctionTypeIndices[i]], compiled.EntryPoints[i], context, instance, index);
        }

        foreach (var tableType in definition.Tables)
        {
            tables[tableCount++] = CreateWithinLimits(
                () => new Table(tableType.ElementKind, tableType.Limits.Minimum, tableType.Limits.Maximum), "table");
        }

        foreach (var memoryType in definition.Memories)
        {
            memories[memoryCount++] = CreateWithinLimits(
                () => new Memory(memoryType.Limits.Minimum, memoryType.Limits.Maximum, options.MaxMemoryBytes), "memory");
        }

        foreach (var globalDefinition in definition.Globals)
        {
            var global = new Global(globalDefinition.Type);
            global.Store(ConstantEvaluator.Evaluate(globalDefinition.Initializer, functions, globals));
            globals[globalCount++] = global;
        }

        context.Functions = functions;
        context.Tables = tables;
        context.Globals = globals;
        context.Memory = memories.Length > 0 ? memories[0] : null;
        context.ImportContexts = importContexts;
        context.ImportEntryPoints = importEntryPoints;

        var exports = new Dictionary<string, object>(definition.Exports.Count);
        foreach (var export in definition.Exports)
        {
            exports[export.Name] = export.Kind switch
            {
                ExternKind.Function => functions[export.Index],
                ExternKind.Table => tables[export.Index],
                ExternKind.Memory => memories[export.Index],
                _ => globals[export.Index],
            };
        }

        instance.SetExports(exports);

        var elementSegments = new object?[definition.Elements.Count][];
        for (var i = 0; i < elementSegments.Length; i++)
        {
            var items = definition.Elements[i].Items;
            var values = new object?[items.Count];
            for (var j = 0; j < values.Length; j++)
            {
                values[j] = ConstantEvaluator.Evaluate(items[j], functions, globals).Reference;
            }

            elementSegments[i] = values;
        }

        context.ElementSegments = elementSegments;
        context.DataSegments = [.. definition.Data.Select(d => d.Bytes)];

        for (var i = 0; i < definition.Elements.Count; i++)
        {
            var segment = definition.Elements[i];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = ConstantEvaluator.Evaluate(segment.OffsetExpression!, functions, globals).AsInt32();
                var items = elementSegments[i];
                TableOps.Init(offset, 0, items.Length, tables[segment.TableIndex], items);
            }

            if (segment.Mode != SegmentMode.Passive)
            {
                TableOps.DropElement(context, i);
            }
        }

        for (var i = 0; i < definition.Data.Count; i++)
        {
            var segment = definition.Data[i];
            if (segment.Mode == SegmentMode.Active)
            {
                var offset = ConstantEvaluator.Evaluate(segment.OffsetExpression!, functions, globals).AsInt32();
                MemoryOps.Init(offset, 0, segment.Bytes.Length, memories[segment.MemoryIndex], context, i);
                MemoryOps.DropData(context, i);
            }
        }

        if (definition.StartFunction is { } start)
        {
            // The instance is not handed out yet, so nobody else can interrupt it: the token does.
            using var registration = cancellationToken.Register(instance.Interrupt);
            try
            {
                _ = functions[start].Invoke([]);
            }
            catch (WasmTrapException trap) when (trap.Code == TrapCode.Interrupted && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("Instantiation was cancelled while the start function ran.", trap, cancellationToken);
            }
        }

        return instance;
    }

    /// <summary>
    /// Creates a module-defined memory or table, reporting a size the engine cannot provide as a
    /// <see cref="WasmResourceLimitException"/> rather than the constructors' argument errors,
    /// which are meant for host code creating them directly.
    /// </summary>
    private static T CreateWithinLimits<T>(Func<T> create, string what)
    {
        try
        {
            return create();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OutOfMemoryException)
        {
            throw new WasmResourceLimitException($"cannot instantiate the module's {what}: {e.Message}", e);
        }
    }
}

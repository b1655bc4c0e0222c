using System.Reflection;
using ReactorHost.Wasm.Runtime;

namespace ReactorHost.Wasm.Compilation;

/// <summary>Reflection handles of the runtime members that generated code uses.</summary>
internal static class RuntimeMembers
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance;

    public static readonly FieldInfo ContextMemory = Field(typeof(InstanceContext), nameof(InstanceContext.Memory));
    public static readonly FieldInfo ContextTables = Field(typeof(InstanceContext), nameof(InstanceContext.Tables));
    public static readonly FieldInfo ContextGlobals = Field(typeof(InstanceContext), nameof(InstanceContext.Globals));
    public static readonly FieldInfo ContextFunctions = Field(typeof(InstanceContext), nameof(InstanceContext.Functions));
    public static readonly FieldInfo ContextImportContexts = Field(typeof(InstanceContext), nameof(InstanceContext.ImportContexts));
    public static readonly FieldInfo ContextImportEntryPoints = Field(typeof(InstanceContext), nameof(InstanceContext.ImportEntryPoints));
    public static readonly FieldInfo ContextElementSegments = Field(typeof(InstanceContext), nameof(InstanceContext.ElementSegments));
    public static readonly FieldInfo ContextInterruptRequested = Field(typeof(InstanceContext), nameof(InstanceContext.InterruptRequested));

    public static readonly FieldInfo MemoryBaseAddress = Field(typeof(Memory), nameof(Memory.BaseAddress));
    public static readonly FieldInfo MemoryByteLength = Field(typeof(Memory), nameof(Memory.ByteLength));

    public static readonly FieldInfo GlobalBits = Field(typeof(Global), nameof(Global.Bits));
    public static readonly FieldInfo GlobalReference = Field(typeof(Global), nameof(Global.Reference));

    public static readonly FieldInfo FunctionContext = Field(typeof(Function), nameof(Function.Context));
    public static readonly FieldInfo FunctionEntryPoint = Field(typeof(Function), nameof(Function.EntryPoint));

    public static readonly FieldInfo CallContextInvertedStackLimit = Field(typeof(CallContext), nameof(CallContext.InvertedStackLimit));
    public static readonly MethodInfo StackGuardCheckSlow = Method(typeof(StackGuard), nameof(StackGuard.CheckSlow));

    public static readonly MethodInfo CreateMemoryOutOfBounds = Method(typeof(TrapHelpers), nameof(TrapHelpers.CreateMemoryOutOfBounds));
    public static readonly MethodInfo CreateInterrupted = Method(typeof(TrapHelpers), nameof(TrapHelpers.CreateInterrupted));
    public static readonly MethodInfo CreateUnreachable = Method(typeof(TrapHelpers), nameof(TrapHelpers.CreateUnreachable));

    public static readonly MethodInfo ResolveIndirect = Method(typeof(WasmRuntime), nameof(WasmRuntime.ResolveIndirect));

    public static readonly MethodInfo MemoryGrow = Method(typeof(MemoryOps), nameof(MemoryOps.Grow));
    public static readonly MethodInfo MemoryFill = Method(typeof(MemoryOps), nameof(MemoryOps.Fill));
    public static readonly MethodInfo MemoryCopy = Method(typeof(MemoryOps), nameof(MemoryOps.Copy));
    public static readonly MethodInfo MemoryInit = Method(typeof(MemoryOps), nameof(MemoryOps.Init));
    public static readonly MethodInfo DataDrop = Method(typeof(MemoryOps), nameof(MemoryOps.DropData));

    public static readonly MethodInfo TableGet = Method(typeof(TableOps), nameof(TableOps.Get));
    public static readonly MethodInfo TableSet = Method(typeof(TableOps), nameof(TableOps.Set));
    public static readonly MethodInfo TableSize = Method(typeof(TableOps), nameof(TableOps.Size));
    public static readonly MethodInfo TableGrow = Method(typeof(TableOps), nameof(TableOps.Grow));
    public static readonly MethodInfo TableFill = Method(typeof(TableOps), nameof(TableOps.Fill));
    public static readonly MethodInfo TableCopy = Method(typeof(TableOps), nameof(TableOps.Copy));
    public static readonly MethodInfo TableInit = Method(typeof(TableOps), nameof(TableOps.Init));
    public static readonly MethodInfo ElemDrop = Method(typeof(TableOps), nameof(TableOps.DropElement));

    public static readonly MethodInfo HostSlot = Method(typeof(HostCalls), nameof(HostCalls.Slot));
    public static readonly MethodInfo HostGetCaller = Method(typeof(HostCalls), nameof(HostCalls.GetCaller));
    public static readonly MethodInfo HostGetDelegate = Method(typeof(HostCalls), nameof(HostCalls.GetDelegate));
    public static readonly MethodInfo HostInvokeUntyped = Method(typeof(HostCalls), nameof(HostCalls.InvokeUntyped));

    private static FieldInfo Field(Type type, string name) =>
        type.GetField(name, Any) ?? throw new InvalidOperationException($"Missing runtime field {type.Name}.{name}.");

    private static MethodInfo Method(Type type, string name) =>
        type.GetMethod(name, Any) ?? throw new InvalidOperationException($"Missing runtime method {type.Name}.{name}.");
}

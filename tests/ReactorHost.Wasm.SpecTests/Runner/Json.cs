namespace ReactorHost.Wasm.SpecTests.Runner;

/// <summary>Builds wast2json command objects for synthetic scripts.</summary>
internal static class Json
{
    public static string Module(int line, string file, string? name = null) =>
        $"{{\"type\": \"module\", \"line\": {line}{(name is null ? "" : $", \"name\": \"{name}\"")}, \"filename\": \"{file}\"}}";

    public static string Register(int line, string @as, string? name = null) =>
        $"{{\"type\": \"register\", \"line\": {line}{(name is null ? "" : $", \"name\": \"{name}\"")}, \"as\": \"{@as}\"}}";

    public static string Value(string type, string value) => $"{{\"type\": \"{type}\", \"value\": \"{value}\"}}";

    public static string Invoke(string field, string? module = null, params string[] args) =>
        $"{{\"type\": \"invoke\"{(module is null ? "" : $", \"module\": \"{module}\"")}, \"field\": \"{field}\", \"args\": [{string.Join(", ", args)}]}}";

    public static string AssertReturn(int line, string action, params string[] expected) =>
        $"{{\"type\": \"assert_return\", \"line\": {line}, \"action\": {action}, \"expected\": [{string.Join(", ", expected)}]}}";

    public static string Action(int line, string action) =>
        $"{{\"type\": \"action\", \"line\": {line}, \"action\": {action}, \"expected\": []}}";

    public static string AssertTrap(int line, string action, string text, string type = "assert_trap") =>
        $"{{\"type\": \"{type}\", \"line\": {line}, \"action\": {action}, \"text\": \"{text}\", \"expected\": []}}";

    public static string AssertModule(string type, int line, string file, string text, string moduleType = "binary") =>
        $"{{\"type\": \"{type}\", \"line\": {line}, \"filename\": \"{file}\", \"text\": \"{text}\", \"module_type\": \"{moduleType}\"}}";
}

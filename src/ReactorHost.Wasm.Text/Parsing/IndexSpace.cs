namespace ReactorHost.Wasm.Text.Parsing;

/// <summary>One index space of a module (functions, tables, ...): its size and its symbolic names.</summary>
internal sealed class IndexSpace
{
    private readonly Dictionary<string, int> names = new(StringComparer.Ordinal);

    public IndexSpace(string duplicateReason, string unknownReason)
    {
        DuplicateReason = duplicateReason;
        UnknownReason = unknownReason;
    }

    public string DuplicateReason { get; }

    public string UnknownReason { get; }

    public int Count { get; private set; }

    public List<string?> NamesByIndex { get; } = [];

    /// <summary>Adds the next entry (named when <paramref name="name"/> is not null) and returns its index.</summary>
    public int Add(string? name, int offset)
    {
        if (name is not null && !names.TryAdd(name, Count))
        {
            throw TextError.At(offset, DuplicateReason);
        }

        NamesByIndex.Add(name);
        return Count++;
    }

    public bool TryGet(string name, out int index) => names.TryGetValue(name, out index);
}

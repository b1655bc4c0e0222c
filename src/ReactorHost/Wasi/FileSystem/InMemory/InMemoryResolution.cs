namespace ReactorHost.Wasi.FileSystem.InMemory;

/// <summary>
/// What a path names inside an in-memory directory capability: the directory holding the final
/// name, the name, and the node it names (null when missing). For a path naming the capability
/// directory itself (<c>.</c>, <c>a/..</c>) <see cref="IsRoot"/> is set and there is no parent.
/// </summary>
/// <param name="Parent">The directory containing <paramref name="Name"/>; null when <paramref name="IsRoot"/>.</param>
/// <param name="Name">The final name; null when <paramref name="IsRoot"/>.</param>
/// <param name="Node">The node named, or null when the name does not exist.</param>
/// <param name="TrailingSlash">The final component must be a directory (a trailing <c>/</c> or <c>/.</c>).</param>
/// <param name="IsRoot">The path names the capability directory itself.</param>
internal readonly record struct InMemoryResolution(InMemoryDirectoryNode? Parent, string? Name, InMemoryNode? Node, bool TrailingSlash, bool IsRoot);

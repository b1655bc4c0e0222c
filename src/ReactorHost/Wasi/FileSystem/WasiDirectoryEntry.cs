namespace ReactorHost.Wasi.FileSystem;

/// <summary>One entry of a directory listing.</summary>
/// <param name="Name">The entry's name (no separators).</param>
/// <param name="Type">Its file type (not following symbolic links).</param>
/// <param name="Ino">Its serial number.</param>
public readonly record struct WasiDirectoryEntry(string Name, FileType Type, ulong Ino);

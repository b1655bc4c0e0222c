namespace ReactorHost.Wasi;

/// <summary>File descriptor rights, determining which actions may be performed (witx <c>rights</c>, u64).</summary>
[Flags]
public enum Rights : ulong
{
    /// <summary>No flags.</summary>
    None = 0,

    /// <summary>The right to invoke [`fd_datasync`](#fd_datasync).</summary>
    FdDatasync = 1UL << 0,

    /// <summary>The right to invoke [`fd_read`](#fd_read) and [`sock_recv`](#sock_recv).</summary>
    FdRead = 1UL << 1,

    /// <summary>The right to invoke [`fd_seek`](#fd_seek). This flag implies [`rights::fd_tell`](#rights.fd_tell).</summary>
    FdSeek = 1UL << 2,

    /// <summary>The right to invoke [`fd_fdstat_set_flags`](#fd_fdstat_set_flags).</summary>
    FdFdstatSetFlags = 1UL << 3,

    /// <summary>The right to invoke [`fd_sync`](#fd_sync).</summary>
    FdSync = 1UL << 4,

    /// <summary>The right to invoke [`fd_seek`](#fd_seek) in such a way that the file offset</summary>
    FdTell = 1UL << 5,

    /// <summary>The right to invoke [`fd_write`](#fd_write) and [`sock_send`](#sock_send).</summary>
    FdWrite = 1UL << 6,

    /// <summary>The right to invoke [`fd_advise`](#fd_advise).</summary>
    FdAdvise = 1UL << 7,

    /// <summary>The right to invoke [`fd_allocate`](#fd_allocate).</summary>
    FdAllocate = 1UL << 8,

    /// <summary>The right to invoke [`path_create_directory`](#path_create_directory).</summary>
    PathCreateDirectory = 1UL << 9,

    /// <summary>If [`path_open`](#path_open) is set, the right to invoke [`path_open`](#path_open) with [`oflags::creat`](#oflags.creat).</summary>
    PathCreateFile = 1UL << 10,

    /// <summary>The right to invoke [`path_link`](#path_link) with the file descriptor as the</summary>
    PathLinkSource = 1UL << 11,

    /// <summary>The right to invoke [`path_link`](#path_link) with the file descriptor as the</summary>
    PathLinkTarget = 1UL << 12,

    /// <summary>The right to invoke [`path_open`](#path_open).</summary>
    PathOpen = 1UL << 13,

    /// <summary>The right to invoke [`fd_readdir`](#fd_readdir).</summary>
    FdReaddir = 1UL << 14,

    /// <summary>The right to invoke [`path_readlink`](#path_readlink).</summary>
    PathReadlink = 1UL << 15,

    /// <summary>The right to invoke [`path_rename`](#path_rename) with the file descriptor as the source directory.</summary>
    PathRenameSource = 1UL << 16,

    /// <summary>The right to invoke [`path_rename`](#path_rename) with the file descriptor as the target directory.</summary>
    PathRenameTarget = 1UL << 17,

    /// <summary>The right to invoke [`path_filestat_get`](#path_filestat_get).</summary>
    PathFilestatGet = 1UL << 18,

    /// <summary>The right to change a file's size.</summary>
    PathFilestatSetSize = 1UL << 19,

    /// <summary>The right to invoke [`path_filestat_set_times`](#path_filestat_set_times).</summary>
    PathFilestatSetTimes = 1UL << 20,

    /// <summary>The right to invoke [`fd_filestat_get`](#fd_filestat_get).</summary>
    FdFilestatGet = 1UL << 21,

    /// <summary>The right to invoke [`fd_filestat_set_size`](#fd_filestat_set_size).</summary>
    FdFilestatSetSize = 1UL << 22,

    /// <summary>The right to invoke [`fd_filestat_set_times`](#fd_filestat_set_times).</summary>
    FdFilestatSetTimes = 1UL << 23,

    /// <summary>The right to invoke [`path_symlink`](#path_symlink).</summary>
    PathSymlink = 1UL << 24,

    /// <summary>The right to invoke [`path_remove_directory`](#path_remove_directory).</summary>
    PathRemoveDirectory = 1UL << 25,

    /// <summary>The right to invoke [`path_unlink_file`](#path_unlink_file).</summary>
    PathUnlinkFile = 1UL << 26,

    /// <summary>If [`rights::fd_read`](#rights.fd_read) is set, includes the right to invoke [`poll_oneoff`](#poll_oneoff) to subscribe to [`eventtype::fd_read`](#eventtype.fd_read).</summary>
    PollFdReadwrite = 1UL << 27,

    /// <summary>The right to invoke [`sock_shutdown`](#sock_shutdown).</summary>
    SockShutdown = 1UL << 28,

    /// <summary>The right to invoke [`sock_accept`](#sock_accept).</summary>
    SockAccept = 1UL << 29,
}

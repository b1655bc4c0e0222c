namespace ReactorHost.Wasi;

/// <summary>The 46 functions of <c>wasi_snapshot_preview1</c>, in witx order.</summary>
public enum WasiSyscall
{
    /// <summary><c>args_get</c>.</summary>
    ArgsGet = 0,

    /// <summary><c>args_sizes_get</c>.</summary>
    ArgsSizesGet = 1,

    /// <summary><c>environ_get</c>.</summary>
    EnvironGet = 2,

    /// <summary><c>environ_sizes_get</c>.</summary>
    EnvironSizesGet = 3,

    /// <summary><c>clock_res_get</c>.</summary>
    ClockResGet = 4,

    /// <summary><c>clock_time_get</c>.</summary>
    ClockTimeGet = 5,

    /// <summary><c>fd_advise</c>.</summary>
    FdAdvise = 6,

    /// <summary><c>fd_allocate</c>.</summary>
    FdAllocate = 7,

    /// <summary><c>fd_close</c>.</summary>
    FdClose = 8,

    /// <summary><c>fd_datasync</c>.</summary>
    FdDatasync = 9,

    /// <summary><c>fd_fdstat_get</c>.</summary>
    FdFdstatGet = 10,

    /// <summary><c>fd_fdstat_set_flags</c>.</summary>
    FdFdstatSetFlags = 11,

    /// <summary><c>fd_fdstat_set_rights</c>.</summary>
    FdFdstatSetRights = 12,

    /// <summary><c>fd_filestat_get</c>.</summary>
    FdFilestatGet = 13,

    /// <summary><c>fd_filestat_set_size</c>.</summary>
    FdFilestatSetSize = 14,

    /// <summary><c>fd_filestat_set_times</c>.</summary>
    FdFilestatSetTimes = 15,

    /// <summary><c>fd_pread</c>.</summary>
    FdPread = 16,

    /// <summary><c>fd_prestat_get</c>.</summary>
    FdPrestatGet = 17,

    /// <summary><c>fd_prestat_dir_name</c>.</summary>
    FdPrestatDirName = 18,

    /// <summary><c>fd_pwrite</c>.</summary>
    FdPwrite = 19,

    /// <summary><c>fd_read</c>.</summary>
    FdRead = 20,

    /// <summary><c>fd_readdir</c>.</summary>
    FdReaddir = 21,

    /// <summary><c>fd_renumber</c>.</summary>
    FdRenumber = 22,

    /// <summary><c>fd_seek</c>.</summary>
    FdSeek = 23,

    /// <summary><c>fd_sync</c>.</summary>
    FdSync = 24,

    /// <summary><c>fd_tell</c>.</summary>
    FdTell = 25,

    /// <summary><c>fd_write</c>.</summary>
    FdWrite = 26,

    /// <summary><c>path_create_directory</c>.</summary>
    PathCreateDirectory = 27,

    /// <summary><c>path_filestat_get</c>.</summary>
    PathFilestatGet = 28,

    /// <summary><c>path_filestat_set_times</c>.</summary>
    PathFilestatSetTimes = 29,

    /// <summary><c>path_link</c>.</summary>
    PathLink = 30,

    /// <summary><c>path_open</c>.</summary>
    PathOpen = 31,

    /// <summary><c>path_readlink</c>.</summary>
    PathReadlink = 32,

    /// <summary><c>path_remove_directory</c>.</summary>
    PathRemoveDirectory = 33,

    /// <summary><c>path_rename</c>.</summary>
    PathRename = 34,

    /// <summary><c>path_symlink</c>.</summary>
    PathSymlink = 35,

    /// <summary><c>path_unlink_file</c>.</summary>
    PathUnlinkFile = 36,

    /// <summary><c>poll_oneoff</c>.</summary>
    PollOneoff = 37,

    /// <summary><c>proc_exit</c>.</summary>
    ProcExit = 38,

    /// <summary><c>proc_raise</c>.</summary>
    ProcRaise = 39,

    /// <summary><c>sched_yield</c>.</summary>
    SchedYield = 40,

    /// <summary><c>random_get</c>.</summary>
    RandomGet = 41,

    /// <summary><c>sock_accept</c>.</summary>
    SockAccept = 42,

    /// <summary><c>sock_recv</c>.</summary>
    SockRecv = 43,

    /// <summary><c>sock_send</c>.</summary>
    SockSend = 44,

    /// <summary><c>sock_shutdown</c>.</summary>
    SockShutdown = 45,
}

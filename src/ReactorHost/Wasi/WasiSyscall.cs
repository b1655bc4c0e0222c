namespace ReactorHost.Wasi;

/// <summary>The 46 functions of <c>wasi_snapshot_preview1</c>, in witx order, then the WasmEdge socket extension.</summary>
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

    // ---- WasmEdge socket extension (imported from wasi_snapshot_preview1; see docs/sockets.md) ----

    /// <summary><c>sock_open</c> (WasmEdge extension).</summary>
    SockOpen = 46,

    /// <summary><c>sock_bind</c> (WasmEdge extension).</summary>
    SockBind = 47,

    /// <summary><c>sock_connect</c> (WasmEdge extension).</summary>
    SockConnect = 48,

    /// <summary><c>sock_listen</c> (WasmEdge extension).</summary>
    SockListen = 49,

    /// <summary><c>sock_send_to</c> (WasmEdge extension).</summary>
    SockSendTo = 50,

    /// <summary><c>sock_recv_from</c> (WasmEdge extension, version 2: with the port out-pointer).</summary>
    SockRecvFrom = 51,

    /// <summary><c>sock_getsockopt</c> (WasmEdge extension).</summary>
    SockGetsockopt = 52,

    /// <summary><c>sock_setsockopt</c> (WasmEdge extension).</summary>
    SockSetsockopt = 53,

    /// <summary><c>sock_getlocaladdr</c> (WasmEdge extension, version 2).</summary>
    SockGetlocaladdr = 54,

    /// <summary><c>sock_getpeeraddr</c> (WasmEdge extension, version 2).</summary>
    SockGetpeeraddr = 55,

    /// <summary><c>sock_getaddrinfo</c> (WasmEdge extension).</summary>
    SockGetaddrinfo = 56,

    /// <summary><c>sock_accept</c> of WasmEdge version 1: <c>(fd, *newfd)</c>, no fd flags.</summary>
    SockAcceptV1 = 57,

    /// <summary><c>sock_recv_from</c> of WasmEdge version 1: no port out-pointer.</summary>
    SockRecvFromV1 = 58,

    /// <summary><c>sock_getlocaladdr</c> of WasmEdge version 1: <c>(fd, *addr, *addr_type, *port)</c>.</summary>
    SockGetlocaladdrV1 = 59,

    /// <summary><c>sock_getpeeraddr</c> of WasmEdge version 1: <c>(fd, *addr, *addr_type, *port)</c>.</summary>
    SockGetpeeraddrV1 = 60,
}

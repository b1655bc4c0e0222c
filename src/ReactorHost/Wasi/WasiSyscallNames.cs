namespace ReactorHost.Wasi;

/// <summary>Import names of the <see cref="WasiSyscall"/> values.</summary>
public static class WasiSyscallNames
{
    /// <summary>The wasm import module name.</summary>
    public const string Module = "wasi_snapshot_preview1";

    private static readonly string[] Names =
    [
        "args_get",
        "args_sizes_get",
        "environ_get",
        "environ_sizes_get",
        "clock_res_get",
        "clock_time_get",
        "fd_advise",
        "fd_allocate",
        "fd_close",
        "fd_datasync",
        "fd_fdstat_get",
        "fd_fdstat_set_flags",
        "fd_fdstat_set_rights",
        "fd_filestat_get",
        "fd_filestat_set_size",
        "fd_filestat_set_times",
        "fd_pread",
        "fd_prestat_get",
        "fd_prestat_dir_name",
        "fd_pwrite",
        "fd_read",
        "fd_readdir",
        "fd_renumber",
        "fd_seek",
        "fd_sync",
        "fd_tell",
        "fd_write",
        "path_create_directory",
        "path_filestat_get",
        "path_filestat_set_times",
        "path_link",
        "path_open",
        "path_readlink",
        "path_remove_directory",
        "path_rename",
        "path_symlink",
        "path_unlink_file",
        "poll_oneoff",
        "proc_exit",
        "proc_raise",
        "sched_yield",
        "random_get",
        "sock_accept",
        "sock_recv",
        "sock_send",
        "sock_shutdown",
    ];

    // The WasmEdge socket extension, from WasiSyscall.SockOpen on (version 1 variants share the import names).
    private static readonly string[] ExtensionNames =
    [
        "sock_open",
        "sock_bind",
        "sock_connect",
        "sock_listen",
        "sock_send_to",
        "sock_recv_from",
        "sock_getsockopt",
        "sock_setsockopt",
        "sock_getlocaladdr",
        "sock_getpeeraddr",
        "sock_getaddrinfo",
        "sock_accept",
        "sock_recv_from",
        "sock_getlocaladdr",
        "sock_getpeeraddr",
    ];

    /// <summary>The import name of <paramref name="syscall"/> (e.g. <c>fd_write</c>).</summary>
    public static string GetName(WasiSyscall syscall) =>
        (uint)syscall < (uint)Names.Length ? Names[(int)syscall]
        : (uint)(syscall - WasiSyscall.SockOpen) < (uint)ExtensionNames.Length ? ExtensionNames[syscall - WasiSyscall.SockOpen]
        : syscall.ToString();

    /// <summary>Number of preview1 functions (the socket extension is not counted).</summary>
    public static int Count => Names.Length;
}

namespace ReactorHost.Wasi;

/// <summary>Signal condition (witx <c>signal</c>, u8).</summary>
public enum Signal : byte
{
    /// <summary>No signal. Note that POSIX has special semantics for `kill(pid, 0)`,</summary>
    None = 0,

    /// <summary>Hangup.</summary>
    Hup = 1,

    /// <summary>Terminate interrupt signal.</summary>
    Int = 2,

    /// <summary>Terminal quit signal.</summary>
    Quit = 3,

    /// <summary>Illegal instruction.</summary>
    Ill = 4,

    /// <summary>Trace/breakpoint trap.</summary>
    Trap = 5,

    /// <summary>Process abort signal.</summary>
    Abrt = 6,

    /// <summary>Access to an undefined portion of a memory object.</summary>
    Bus = 7,

    /// <summary>Erroneous arithmetic operation.</summary>
    Fpe = 8,

    /// <summary>Kill.</summary>
    Kill = 9,

    /// <summary>User-defined signal 1.</summary>
    Usr1 = 10,

    /// <summary>Invalid memory reference.</summary>
    Segv = 11,

    /// <summary>User-defined signal 2.</summary>
    Usr2 = 12,

    /// <summary>Write on a pipe with no one to read it.</summary>
    Pipe = 13,

    /// <summary>Alarm clock.</summary>
    Alrm = 14,

    /// <summary>Termination signal.</summary>
    Term = 15,

    /// <summary>Child process terminated, stopped, or continued.</summary>
    Chld = 16,

    /// <summary>Continue executing, if stopped.</summary>
    Cont = 17,

    /// <summary>Stop executing.</summary>
    Stop = 18,

    /// <summary>Terminal stop signal.</summary>
    Tstp = 19,

    /// <summary>Background process attempting read.</summary>
    Ttin = 20,

    /// <summary>Background process attempting write.</summary>
    Ttou = 21,

    /// <summary>High bandwidth data is available at a socket.</summary>
    Urg = 22,

    /// <summary>CPU time limit exceeded.</summary>
    Xcpu = 23,

    /// <summary>File size limit exceeded.</summary>
    Xfsz = 24,

    /// <summary>Virtual timer expired.</summary>
    Vtalrm = 25,

    /// <summary>Profiling timer expired.</summary>
    Prof = 26,

    /// <summary>Window changed.</summary>
    Winch = 27,

    /// <summary>I/O possible.</summary>
    Poll = 28,

    /// <summary>Power failure.</summary>
    Pwr = 29,

    /// <summary>Bad system call.</summary>
    Sys = 30,
}

// ts_rust: the wasi-testsuite's kind of checks seen through Rust std (which the suite's Rust
// tests are built with): std resolves "PREOPEN/..." paths to the preopen by name like wasi-libc,
// and io::Error::raw_os_error() carries the WASI errno. A few raw imports cover what stable std
// cannot reach on wasm32-wasi in Rust 1.63 (symlinks, fd_readdir's "." / "..").
//
// Invocation: argv[1] = the name of a writable preopen ("fs-tests.dir" or "/"). One line per
// check, "ok NAME" or "FAIL NAME: detail"; exit 0 when all passed.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::process;

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_prestat_get(fd: u32, out: *mut u32) -> u16;
    fn fd_prestat_dir_name(fd: u32, buf: *mut u8, len: usize) -> u16;
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
    fn path_open(fd: u32, dirflags: u32, path: *const u8, path_len: usize, oflags: u16, base: u64, inh: u64,
                 fdflags: u16, out: *mut u32) -> u16;
    fn fd_readdir(fd: u32, buf: *mut u8, len: usize, cookie: u64, used: *mut usize) -> u16;
    fn fd_close(fd: u32) -> u16;
}

const ENOTDIR: i32 = 54;
const EISDIR: i32 = 31;
const EINVAL: i32 = 28;
const ENOTEMPTY: i32 = 55;
const ELOOP: i32 = 32;

struct Checks {
    failed: usize,
    total: usize,
}

impl Checks {
    fn check(&mut self, name: &str, pass: bool, detail: String) {
        self.total += 1;
        if pass {
            println!("ok {}", name);
        } else {
            self.failed += 1;
            println!("FAIL {}: {}", name, detail);
        }
    }

    fn errno<T: std::fmt::Debug>(&mut self, name: &str, r: std::io::Result<T>, want: i32) {
        let got = match &r {
            Ok(_) => 0,
            Err(e) => e.raw_os_error().unwrap_or(-1),
        };
        self.check(name, got == want, format!("got {:?}, want errno {}", r, want));
    }

    fn ok<T>(&mut self, name: &str, r: std::io::Result<T>) -> Option<T> {
        match r {
            Ok(v) => {
                self.check(name, true, String::new());
                Some(v)
            }
            Err(e) => {
                self.check(name, false, format!("{}", e));
                None
            }
        }
    }
}

fn preopen_fd(name: &str) -> Option<u32> {
    for fd in 3..64u32 {
        let mut stat = [0u32; 2];
        if unsafe { fd_prestat_get(fd, stat.as_mut_ptr()) } != 0 || stat[0] != 0 {
            continue;
        }
        let mut buf = vec![0u8; stat[1] as usize];
        if unsafe { fd_prestat_dir_name(fd, buf.as_mut_ptr(), buf.len()) } != 0 {
            continue;
        }
        if buf == name.as_bytes() {
            return Some(fd);
        }
    }
    None
}

fn symlink(fd: u32, target: &str, path: &str) -> u16 {
    unsafe { path_symlink(target.as_ptr(), target.len(), fd, path.as_ptr(), path.len()) }
}

/// Names in a directory as fd_readdir returns them (with "." and ".."), read 64 bytes at a time.
fn raw_names(dirfd: u32, path: &str) -> Result<Vec<String>, u16> {
    let mut fd = 0u32;
    let e = unsafe { path_open(dirfd, 0, path.as_ptr(), path.len(), 2, 1 << 14, 0, 0, &mut fd) };
    if e != 0 {
        return Err(e);
    }
    let mut names = Vec::new();
    let mut cookie = 0u64;
    let mut buf = [0u8; 64];
    loop {
        let mut used = 0usize;
        let e = unsafe { fd_readdir(fd, buf.as_mut_ptr(), buf.len(), cookie, &mut used) };
        if e != 0 {
            unsafe { fd_close(fd) };
            return Err(e);
        }
        let mut off = 0;
        let mut progressed = false;
        while off + 24 <= used {
            let next = u64::from_le_bytes(buf[off..off + 8].try_into().unwrap());
            let namlen = u32::from_le_bytes(buf[off + 16..off + 20].try_into().unwrap()) as usize;
            if off + 24 + namlen > used {
                break;
            }
            names.push(String::from_utf8_lossy(&buf[off + 24..off + 24 + namlen]).into_owned());
            cookie = next;
            off += 24 + namlen;
            progressed = true;
        }
        if used < buf.len() || !progressed {
            break;
        }
    }
    unsafe { fd_close(fd) };
    names.sort();
    Ok(names)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let name = args.get(1).cloned().unwrap_or_else(|| "/".to_string());
    let mut c = Checks { failed: 0, total: 0 };
    let root = preopen_fd(&name);
    c.check("preopen_found", root.is_some(), format!("no preopen named {}", name));
    let root = match root {
        Some(fd) => fd,
        None => process::exit(1),
    };
    // std joins relative paths onto the preopen whose name prefixes them; "/" is the cwd.
    let base = if name == "/" { "/ts_rust.cleanup".to_string() } else { format!("{}/ts_rust.cleanup", name) };
    let p = |rel: &str| format!("{}/{}", base, rel);

    c.ok("create_dir", fs::create_dir(&base));
    c.ok("create_dir_all", fs::create_dir_all(p("a/b/c")));
    c.ok("write_file", fs::write(p("file"), b"0123456789"));
    let md = c.ok("metadata", fs::metadata(p("file")));
    c.check("metadata_len", md.map(|m| m.len() == 10 && m.is_file()).unwrap_or(false), String::new());
    c.errno("metadata_trailing_slash_enotdir", fs::metadata(p("file/")), ENOTDIR);
    c.errno("create_new_existing", OpenOptions::new().write(true).create_new(true).open(p("file")).map(|_| ()), 20);
    c.errno("open_dir_for_writing_eisdir", OpenOptions::new().write(true).open(p("a")).map(|_| ()), EISDIR);
    c.ok("open_dir_read_only", fs::File::open(p("a")).map(|_| ()));
    c.errno("remove_dir_not_empty", fs::remove_dir(p("a")), ENOTEMPTY);
    c.errno("remove_file_on_dir_eisdir", fs::remove_file(p("a")), EISDIR);
    c.errno("remove_dir_on_file_enotdir", fs::remove_dir(p("file")), ENOTDIR);
    c.errno("read_link_not_link_einval", fs::read_link(p("file")), EINVAL);
    c.check(
        "open_missing_not_found",
        matches!(fs::File::open(p("missing")), Err(ref e) if e.kind() == ErrorKind::NotFound),
        String::new(),
    );

    // read_dir lists neither "." nor ".."; fd_readdir itself does
    let mut names: Vec<String> = match fs::read_dir(&base) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    c.check("read_dir_names", names == ["a", "file"], format!("{:?}", names));
    let rel = base.trim_start_matches(&name).trim_start_matches('/').to_string();
    let raw = raw_names(root, &rel);
    c.check("fd_readdir_has_dot_entries", raw.as_ref().map(|n| n == &[".", "..", "a", "file"]).unwrap_or(false),
            format!("{:?}", raw));

    // append, seek, set_len
    {
        let f = OpenOptions::new().append(true).open(p("file"));
        if let Some(mut f) = c.ok("open_append", f) {
            c.ok("append_write", f.write_all(b"AB"));
        }
        let mut s = String::new();
        c.ok("read_back", fs::File::open(p("file")).and_then(|mut f| f.read_to_string(&mut s)));
        c.check("append_went_to_end", s == "0123456789AB", s.clone());
        let f = OpenOptions::new().read(true).write(true).open(p("file"));
        if let Some(mut f) = c.ok("open_rw", f) {
            c.check("seek_end", f.seek(SeekFrom::End(-2)).map(|p| p == 10).unwrap_or(false), String::new());
            c.check("seek_before_start", f.seek(SeekFrom::Current(-100)).is_err(), String::new());
            c.ok("set_len", f.set_len(4));
            c.check("len_after_set_len", f.metadata().map(|m| m.len() == 4).unwrap_or(false), String::new());
        }
    }

    // hard links, rename over a file, symlinks seen through std
    c.ok("hard_link", fs::hard_link(p("file"), p("hl")));
    c.ok("write_other", fs::write(p("other"), b"x"));
    c.ok("rename_over_file", fs::rename(p("other"), p("hl")));
    c.check("rename_replaced", fs::read(p("hl")).map(|d| d == b"x").unwrap_or(false), String::new());
    c.errno("rename_file_over_dir_eisdir", fs::rename(p("hl"), p("a")), EISDIR);
    let link_at = format!("{}/{}", rel, "sym");
    let link_at = link_at.trim_start_matches('/');
    c.check("symlink_created", symlink(root, "file", link_at) == 0, String::new());
    c.check("read_link", fs::read_link(p("sym")).map(|t| t.to_string_lossy() == "file").unwrap_or(false), String::new());
    c.check("symlink_metadata_is_symlink", fs::symlink_metadata(p("sym")).map(|m| m.file_type().is_symlink()).unwrap_or(false), String::new());
    c.check("metadata_follows", fs::metadata(p("sym")).map(|m| m.is_file() && m.len() == 4).unwrap_or(false), String::new());
    let loop_at = format!("{}/{}", rel, "loop");
    c.check("symlink_loop_created", symlink(root, "loop", loop_at.trim_start_matches('/')) == 0, String::new());
    c.errno("open_symlink_loop_eloop", fs::File::open(p("loop")).map(|_| ()), ELOOP);
    c.check("symlink_to_root_refused", symlink(root, "/", &format!("{}/{}", rel, "rootlink").trim_start_matches('/').to_string()) != 0, String::new());

    c.ok("remove_dir_all", fs::remove_dir_all(&base));
    c.check("all_gone", fs::metadata(&base).is_err(), String::new());
    if c.failed > 0 {
        eprintln!("{} of {} checks failed", c.failed, c.total);
        process::exit(1);
    }
    eprintln!("all {} checks passed", c.total);
}

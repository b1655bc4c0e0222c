//! file_tool: exercises std::fs on the /sandbox preopen the way ordinary Rust programs do
//! (create_dir_all, write, read_to_string, append via OpenOptions, seek, metadata, rename,
//! read_dir, copy, hard_link, remove_file, remove_dir) and prints one
//! "ok <name>" / "FAIL <name>: detail" line per check. Exit 0 when all pass, 1 otherwise.
//! Invocation: preopen /sandbox (read-write, empty).
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

struct Checks {
    failures: u32,
}

impl Checks {
    fn check(&mut self, name: &str, pass: bool, detail: impl FnOnce() -> String) {
        if pass {
            println!("ok {}", name);
        } else {
            self.failures += 1;
            println!("FAIL {}: {}", name, detail());
        }
    }

    fn ok<T, E: std::fmt::Debug>(&mut self, name: &str, r: Result<T, E>) -> Option<T> {
        match r {
            Ok(v) => {
                println!("ok {}", name);
                Some(v)
            }
            Err(e) => {
                self.failures += 1;
                println!("FAIL {}: {:?}", name, e);
                None
            }
        }
    }
}

fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<_> = fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    for e in entries {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())?;
        } else {
            fs::remove_file(e.path())?;
        }
    }
    fs::remove_dir(dir)
}

fn main() {
    let mut c = Checks { failures: 0 };
    let base = Path::new("/sandbox/rust_files");
    c.ok("create_dir_all", fs::create_dir_all(base.join("nested/deeper")));
    let file = base.join("hello.txt");
    c.ok("write", fs::write(&file, "hello from rust\n"));
    let text = fs::read_to_string(&file).unwrap_or_default();
    c.check("read_to_string", text == "hello from rust\n", || format!("{:?}", text));

    if let Some(mut f) = c.ok("open_append", OpenOptions::new().append(true).open(&file)) {
        c.ok("write_append", f.write_all(b"second line\n"));
    }
    if let Some(mut f) = c.ok("open_read_write", OpenOptions::new().read(true).write(true).open(&file)) {
        c.ok("seek", f.seek(SeekFrom::Start(6)));
        c.ok("overwrite", f.write_all(b"FROM"));
        let pos = f.seek(SeekFrom::Current(0)).unwrap_or(0);
        c.check("stream_position", pos == 10, || format!("{}", pos));
        let mut s = String::new();
        c.ok("rewind", f.seek(SeekFrom::Start(0)));
        c.ok("read_to_end", f.read_to_string(&mut s));
        c.check("content", s == "hello FROM rust\nsecond line\n", || format!("{:?}", s));
    }
    let meta = fs::metadata(&file);
    c.check("metadata", matches!(&meta, Ok(m) if m.is_file() && m.len() == 28), || format!("{:?}", meta));

    let renamed = base.join("nested/renamed.txt");
    c.ok("rename", fs::rename(&file, &renamed));
    c.check("rename_source_gone", !file.exists(), || "source still exists".into());
    let copied = fs::copy(&renamed, base.join("copy.txt"));
    c.check("copy", matches!(copied, Ok(28)), || format!("{:?}", copied));
    c.ok("hard_link", fs::hard_link(&renamed, base.join("hard.txt")));
    for i in 0..5 {
        let _ = fs::write(base.join(format!("many_{}.dat", i)), vec![i as u8; i * 100]);
    }
    let mut names: Vec<String> = match fs::read_dir(base) {
        Ok(rd) => rd.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect(),
        Err(e) => {
            c.check("read_dir", false, || format!("{:?}", e));
            Vec::new()
        }
    };
    names.sort();
    let want = ["copy.txt", "hard.txt", "many_0.dat", "many_1.dat", "many_2.dat", "many_3.dat", "many_4.dat", "nested"];
    c.check("read_dir", names == want, || format!("{:?}", names));
    let sizes: u64 = (0..5).map(|i| fs::metadata(base.join(format!("many_{}.dat", i))).map(|m| m.len()).unwrap_or(0)).sum();
    c.check("sizes", sizes == 1000, || format!("{}", sizes));

    c.ok("remove_file", fs::remove_file(base.join("copy.txt")));
    let missing = fs::remove_file(base.join("copy.txt"));
    c.check("remove_missing_is_not_found", matches!(&missing, Err(e) if e.kind() == std::io::ErrorKind::NotFound), || format!("{:?}", missing));
    let outside = fs::read_to_string("/etc/passwd");
    c.check("outside_sandbox_fails", outside.is_err(), || "read /etc/passwd".into());
    // Collect the listing before deleting: fd_readdir cookies are not guaranteed to stay valid while
    // the directory changes (Rust 1.63's remove_dir_all deletes while iterating with a 128-byte
    // buffer, which skips entries under uvwasi), so remove entries the portable way.
    c.check("remove_tree", remove_tree(base).is_ok(), || "remove_tree failed".into());
    c.check("removed", !base.exists(), || "still exists".into());

    std::process::exit(if c.failures == 0 { 0 } else { 1 });
}

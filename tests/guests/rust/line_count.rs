//! line_count: prints its arguments, one environment variable and counts of stdin, exactly:
//!   args: <argc>
//!   arg[i]: <arg>            (one line per argument after argv[0])
//!   LC_GREETING=<value or (unset)>
//!   env vars: <number of environment variables>
//!   lines=<L> words=<W> bytes=<B>
//! then writes "line_count done" to stderr. Exit code = argv[1] parsed as a number if it is
//! "--exit=N", else 0.
use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {}", args.len());
    for (i, a) in args.iter().enumerate().skip(1) {
        println!("arg[{}]: {}", i, a);
    }
    match std::env::var("LC_GREETING") {
        Ok(v) => println!("LC_GREETING={}", v),
        Err(_) => println!("LC_GREETING=(unset)"),
    }
    println!("env vars: {}", std::env::vars().count());
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).expect("read stdin");
    let text = String::from_utf8_lossy(&input);
    let lines = input.iter().filter(|&&b| b == b'\n').count();
    let words = text.split_whitespace().count();
    println!("lines={} words={} bytes={}", lines, words, input.len());
    eprintln!("line_count done");
    let code = args.iter().skip(1).find_map(|a| a.strip_prefix("--exit=").and_then(|n| n.parse::<i32>().ok())).unwrap_or(0);
    std::process::exit(code);
}

//! Native baseline for `npm run bench`: parses the same inputs as the JS benchmark.
//! Usage: bench_parse <pattern> <file with one input per line>; prints ns per item.
use element_poller::javafmt::{JavaDateFormat, Options};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(pattern), Some(path)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: bench_parse <pattern> <inputs-file>");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let inputs: Vec<&str> = text.lines().collect();
    let f = match JavaDateFormat::new(pattern, Options::default()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut best = f64::MAX;
    let mut checksum = 0i64;
    for _ in 0..7 {
        let t = Instant::now();
        for s in &inputs {
            checksum = checksum.wrapping_add(f.parse(s).unwrap_or(0));
        }
        best = best.min(t.elapsed().as_nanos() as f64 / inputs.len().max(1) as f64);
    }
    println!("{best:.1} {checksum}");
}

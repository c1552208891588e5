//! Native baseline for `npm run bench`: the same work as `parseMany` once its texts are in
//! wasm memory (NUL-separated UTF-8 in, one `f64` per text out), on the same inputs.
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
    let count = text.lines().count();
    let batch: Vec<u8> = text.lines().collect::<Vec<_>>().join("\0").into_bytes();
    let f = match JavaDateFormat::new(pattern, Options::default()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut best = f64::MAX;
    let mut checksum = 0f64;
    for _ in 0..9 {
        let t = Instant::now();
        let mut out = Vec::with_capacity(count);
        f.parse_separated(&batch, &mut out);
        best = best.min(t.elapsed().as_nanos() as f64 / count.max(1) as f64);
        checksum += out.iter().filter(|x| x.is_finite()).sum::<f64>();
    }
    println!("{best:.1} {checksum}");
}

//! Native baseline for `npm run bench`: the same detection as the JS benchmark, in Rust.
//! Usage: bench_detect <instance.json> <page.json> <state.json or -> <now ms>; prints ms per page.
use element_poller::config::validate;
use element_poller::detect::{self, fields, Spec};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let read = |i: usize| args.get(i).and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let (instance, page) = (read(1), read(2));
    let state_text = if args.get(3).map(String::as_str) == Some("-") { String::new() } else { read(3) };
    let now: i64 = args.get(4).and_then(|s| s.parse().ok()).unwrap_or(0);
    let Some(cfg) = validate(&instance).config else {
        eprintln!("invalid instance");
        std::process::exit(2);
    };
    let Some(spec) = cfg.resources.first().and_then(|r| Spec::new("bench", r).ok()) else {
        eprintln!("no resource");
        std::process::exit(2);
    };
    let path = fields::Path::parse("contacts").unwrap_or(fields::Path(Vec::new()));
    let state = serde_json::from_str(&state_text).ok().and_then(|v| detect::load_state(&spec, &v).ok());
    let mut best = f64::MAX;
    let mut events = 0;
    for _ in 0..7 {
        let t = Instant::now();
        let Ok(out) = detect::detect_page(&spec, state.as_ref(), page.as_bytes(), &path, now) else {
            eprintln!("the page could not be read");
            std::process::exit(2);
        };
        events = out.events.len();
        // Serialize as the JS API does, so the work is the same.
        let text = detect::outcome_json(&out);
        std::hint::black_box(text);
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{best:.2} {events}");
}

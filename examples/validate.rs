//! Prints the validation report of a file as JSON: `cargo run --example validate -- FILE`.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: validate FILE")?;
    let text = std::fs::read_to_string(path)?;
    let report = element_poller::config::validate(&text);
    println!("{}", serde_json::to_string_pretty(&report.to_json())?);
    Ok(())
}

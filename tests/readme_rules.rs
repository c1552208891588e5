//! The README's rule table is the `RULES` list, row for row: codes are a public contract,
//! so the documentation cannot drift from the code.

use element_poller::config::RULES;

pub fn table() -> String {
    let mut t = String::from("| code | severity | meaning |\n|---|---|---|\n");
    for (code, severity, what) in RULES {
        t.push_str(&format!("| `{code}` | {} | {what} |\n", severity.as_str()));
    }
    t
}

#[test]
fn readme_lists_every_rule() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let want = table();
    assert!(
        readme.contains(&want),
        "README.md's rule table differs from config::RULES; replace it with:\n\n{want}"
    );
}

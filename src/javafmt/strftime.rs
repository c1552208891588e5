//! The chrono `strftime` string equivalent to a pattern, when one prints exactly the same.
//!
//! Only exact equivalents are given: `XXX` prints `Z` for UTC where `%:z` prints `+00:00`,
//! so it has none; `yyyy` is `%Y` (chrono pads to four digits and signs years above 9999
//! with `+`, as java.time does, so `%Y` is given for java.time only).

use super::pattern::Item;
use super::Dialect;

pub fn to_strftime(items: &[Item], dialect: Dialect) -> Option<String> {
    let mut out = String::new();
    for item in items {
        match item {
            Item::Literal(s) => {
                for c in s.chars() {
                    if c == '%' {
                        out.push_str("%%");
                    } else {
                        out.push(c);
                    }
                }
            }
            Item::OptionalStart | Item::OptionalEnd => return None,
            Item::Field(f) => {
                if f.pad > 0 {
                    return None;
                }
                let java_time = dialect == Dialect::JavaTime;
                let s = match (f.letter, f.count) {
                    ('y', 4) | ('u', 4) if java_time => "%Y",
                    ('y', 2) | ('u', 2) if java_time || f.letter == 'y' => "%y",
                    ('M', 2) | ('L', 2) => "%m",
                    ('M', 1) | ('L', 1) => "%-m",
                    ('M', 3) | ('L', 3) => "%b",
                    ('M', 4) | ('L', 4) => "%B",
                    ('d', 2) => "%d",
                    ('d', 1) => "%-d",
                    ('D', 3) => "%j",
                    ('H', 2) => "%H",
                    ('H', 1) => "%-H",
                    ('h', 2) => "%I",
                    ('h', 1) => "%-I",
                    ('m', 2) => "%M",
                    ('m', 1) => "%-M",
                    ('s', 2) => "%S",
                    ('s', 1) => "%-S",
                    ('S', 3) => "%3f",
                    ('S', 6) if java_time => "%6f",
                    ('S', 9) if java_time => "%9f",
                    ('E', 1..=3) => "%a",
                    ('E', 4) => "%A",
                    ('a', 1) => "%p",
                    ('Z', 1..=3) => "%z",
                    ('x', 2) | ('x', 4) if java_time => "%z",
                    ('x', 3) | ('x', 5) if java_time => "%:z",
                    _ => return None,
                };
                out.push_str(s);
            }
        }
    }
    Some(out)
}

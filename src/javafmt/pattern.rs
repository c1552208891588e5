//! Java pattern lexer: pattern text → a flat list of items, checked against one dialect.
//!
//! Both dialects share quoting (`'...'`, `''` for a quote) and treat any non-letter as a
//! literal; they differ in which letters exist, how many of each are allowed, and in
//! `[ ] # { } p`, which only java.time gives a meaning. Checks that Java makes when the
//! pattern is compiled are made here, so a pattern that compiles can always be formatted.

use super::error::PatternError;
use super::Dialect;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Literal(String),
    Field(Field),
    /// java.time `[`: the items up to the matching `OptionalEnd` may be absent when parsing.
    OptionalStart,
    OptionalEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    pub letter: char,
    pub count: usize,
    /// 1-based column of the first letter in the pattern (in characters).
    pub col: usize,
    /// java.time `p` before the field: pad with spaces to this width.
    pub pad: usize,
}

const SDF_LETTERS: &str = "GyYMLwWDdFEuaHkKhmsSzZX";
const DTF_LETTERS: &str = "GuyDMLdQqYwWEecFaBhKkHmsSAnNVvzOXxZpg";

/// Splits a pattern into items and checks it the way Java's constructor does.
pub fn compile(pattern: &str, dialect: Dialect) -> Result<Vec<Item>, PatternError> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    let mut depth = 0usize;
    let mut pending_pad: Option<(usize, usize)> = None; // (width, col)
    let at = |i: usize| chars.get(i).copied();
    while let Some(c) = at(i) {
        let col = i + 1;
        if c == '\'' {
            // Quoted literal, or '' for one quote.
            if at(i + 1) == Some('\'') {
                push_literal(&mut items, "'");
                i += 2;
                continue;
            }
            let mut lit = String::new();
            let mut j = i + 1;
            loop {
                match at(j) {
                    None => {
                        return Err(PatternError::new(col, match dialect {
                            Dialect::Simple => "unterminated quote".to_string(),
                            Dialect::JavaTime => "pattern ends with an incomplete string literal".to_string(),
                        }))
                    }
                    Some('\'') if at(j + 1) == Some('\'') => {
                        lit.push('\'');
                        j += 2;
                    }
                    Some('\'') => break,
                    Some(ch) => {
                        lit.push(ch);
                        j += 1;
                    }
                }
            }
            push_literal(&mut items, &lit);
            i = j + 1;
            pending_pad = None; // java.time allows padding a literal; it prints the same
            continue;
        }
        if c.is_ascii_alphabetic() {
            let mut n = 1;
            while at(i + n) == Some(c) {
                n += 1;
            }
            i += n;
            match dialect {
                Dialect::Simple => {
                    if !SDF_LETTERS.contains(c) {
                        return Err(PatternError::new(col, format!("illegal pattern character '{c}' (SimpleDateFormat has no such letter)")));
                    }
                    if c == 'X' && n > 3 {
                        return Err(PatternError::new(col, format!("invalid ISO 8601 format: length={n} (X takes 1 to 3 letters)")));
                    }
                }
                Dialect::JavaTime => {
                    if !DTF_LETTERS.contains(c) {
                        return Err(PatternError::new(col, format!("unknown pattern letter '{c}'")));
                    }
                    if c == 'p' {
                        match at(i) {
                            Some(next) if next != '[' && next != ']' => {
                                pending_pad = Some((n, col));
                                continue;
                            }
                            _ => return Err(PatternError::new(col, "pad letter 'p' must be followed by a field or a literal")),
                        }
                    }
                    check_dtf_count(c, n, col)?;
                }
            }
            let pad = pending_pad.take().map(|(w, _)| w).unwrap_or(0);
            items.push(Item::Field(Field { letter: c, count: n, col, pad }));
            continue;
        }
        i += 1;
        if dialect == Dialect::JavaTime {
            match c {
                '[' => {
                    depth += 1;
                    items.push(Item::OptionalStart);
                    continue;
                }
                ']' => {
                    if depth == 0 {
                        return Err(PatternError::new(col, "pattern contains ] without previous ["));
                    }
                    depth -= 1;
                    items.push(Item::OptionalEnd);
                    continue;
                }
                '#' | '{' | '}' => {
                    return Err(PatternError::new(col, format!("pattern includes reserved character '{c}'")));
                }
                _ => {}
            }
        }
        let mut buf = [0u8; 4];
        push_literal(&mut items, c.encode_utf8(&mut buf));
        pending_pad = None;
    }
    if let Some((_, col)) = pending_pad {
        return Err(PatternError::new(col, "pad letter 'p' must be followed by a field or a literal"));
    }
    // java.time closes open optional sections at the end of the pattern.
    for _ in 0..depth {
        items.push(Item::OptionalEnd);
    }
    Ok(items)
}

fn push_literal(items: &mut Vec<Item>, s: &str) {
    if let Some(Item::Literal(prev)) = items.last_mut() {
        prev.push_str(s);
    } else {
        items.push(Item::Literal(s.to_string()));
    }
}

/// Letter counts `DateTimeFormatter.ofPattern` accepts.
fn check_dtf_count(c: char, n: usize, col: usize) -> Result<(), PatternError> {
    let too_many = || Err(PatternError::new(col, format!("too many pattern letters: {}", c.to_string().repeat(n))));
    match c {
        'G' | 'E' | 'M' | 'L' | 'Q' | 'q' | 'e' if n > 5 => too_many(),
        'c' if n == 2 => Err(PatternError::new(col, "invalid pattern \"cc\"")),
        'c' if n > 5 => too_many(),
        'a' if n > 1 => too_many(),
        'B' if !matches!(n, 1 | 4 | 5) => Err(PatternError::new(col, "wrong number of pattern letters: B takes 1, 4 or 5")),
        'd' | 'h' | 'H' | 'k' | 'K' | 'm' | 's' | 'w' if n > 2 => too_many(),
        'W' | 'F' if n > 1 => too_many(),
        'D' if n > 3 => too_many(),
        'S' if n > 9 => too_many(),
        'y' | 'u' | 'Y' | 'g' | 'n' | 'N' | 'A' if n > 19 => too_many(),
        'V' if n != 2 => Err(PatternError::new(col, "pattern letter count must be 2: V")),
        'v' if !matches!(n, 1 | 4) => Err(PatternError::new(col, "wrong number of pattern letters: v takes 1 or 4")),
        'z' if n > 4 => too_many(),
        'O' if !matches!(n, 1 | 4) => Err(PatternError::new(col, "pattern letter count must be 1 or 4: O")),
        'X' | 'x' | 'Z' if n > 5 => too_many(),
        _ => Ok(()),
    }
}

/// `SimpleDateFormat.shouldObeyCount`: a numeric field reads at most its letter count of
/// digits only when the next item is a numeric field (`yyyyMMdd`).
pub fn obeys_count(next: Option<&Item>) -> bool {
    match next {
        Some(Item::Field(n)) => match n.letter {
            'M' | 'L' => n.count <= 2,
            c => "yYdkHmsSDFwWhKu".contains(c),
        },
        _ => false,
    }
}

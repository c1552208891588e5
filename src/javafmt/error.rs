//! Errors of the pattern compiler and of parsing, each naming its column.

use std::fmt;

/// A pattern Java would refuse to compile. `column` counts characters from 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub column: usize,
    pub message: String,
}

impl PatternError {
    pub fn new(column: usize, message: impl Into<String>) -> Self {
        PatternError { column, message: message.into() }
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at column {} of the pattern", self.message, self.column)
    }
}

impl std::error::Error for PatternError {}

/// Text that does not match the pattern, or names a date that cannot exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based column in the input (characters), where the problem was found.
    pub column: usize,
    pub message: String,
}

impl ParseError {
    pub fn new(column: usize, message: impl Into<String>) -> Self {
        ParseError { column, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParseError {}

/// Quotes a piece of user input for an error message: at most 12 characters, escaped.
pub fn quote_input(chars: &[char], from: usize) -> String {
    let s: String = chars.iter().skip(from).take(12).collect();
    if s.is_empty() {
        "the end of the text".to_string()
    } else {
        format!("{s:?}")
    }
}

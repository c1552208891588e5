//! The user's text as a tree whose every value knows where it was written.
//!
//! Why our own tree: diagnostics need positions for keys, values and characters *inside*
//! string values (a pattern column, a URL placeholder), also when the poller configuration
//! is JSON held in a string. Such a string is parsed as a second *layer* whose offsets map
//! back through the escape sequences to the user's text, so every position is one the user
//! can put a cursor on.
//!
//! Recovery: the text is first read as strict JSON. When that fails only because of
//! comments or trailing commas, it is read again tolerantly so the rest is still checked;
//! the caller reports each comment and comma as an error.

use jsonc_parser::ast::{ObjectPropName, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::errors::ParseErrorKind;
use jsonc_parser::tokens::Token;
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions};

/// Byte offsets `[start, end)` in the text of `layer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub layer: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub kind: Kind,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number as written (JSON numbers may exceed `f64`; keep the text).
    Number(String),
    Str(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Clone, Debug)]
pub struct Member {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Object(members) => members.iter().rev().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The JSON type's name, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::Str(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// Plain JSON, for the normalized instance.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.kind {
            Kind::Null => J::Null,
            Kind::Bool(b) => J::Bool(*b),
            Kind::Number(raw) => serde_json::from_str::<serde_json::Number>(raw)
                .map(J::Number)
                .unwrap_or_else(|_| J::String(raw.clone())),
            Kind::Str(s) => J::String(s.clone()),
            Kind::Array(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Kind::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_json());
                }
                J::Object(map)
            }
        }
    }
}

/// A text the tree was read from: the user's (layer 0) or a decoded JSON string inside it.
#[derive(Debug)]
struct Layer {
    text: String,
    /// For an inner layer: its parent layer, and for each byte offset of `text` (plus one
    /// past the end) the byte offset in the parent's text where it was written.
    parent: Option<(usize, Vec<u32>)>,
}

/// Every text of one validation, and the mapping from any of them to line:col.
#[derive(Debug)]
pub struct Source {
    layers: Vec<Layer>,
    /// Byte offsets where lines of the user's text start.
    line_starts: Vec<usize>,
}

/// Why a text is not JSON, at a byte offset of its layer.
#[derive(Clone, Debug)]
pub struct SyntaxError {
    pub span: Span,
    pub kind: SyntaxKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxKind {
    Comment,
    TrailingComma,
    /// The text stops inside a value (cut off).
    Truncated,
    /// Several values where one is expected; often a fragment of an object.
    ExtraData,
    SingleQuotes,
    TooDeep,
    Other,
}

impl Source {
    pub fn new(text: String) -> Source {
        let mut line_starts = vec![0];
        line_starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        Source { layers: vec![Layer { text, parent: None }], line_starts }
    }

    pub fn text(&self, layer: usize) -> &str {
        self.layers.get(layer).map(|l| l.text.as_str()).unwrap_or("")
    }

    /// Parses a layer. `Ok` holds the tree and the recoverable errors (comments, trailing
    /// commas), `Err` the first error when even the tolerant reading fails.
    pub fn parse(&self, layer: usize) -> Result<(Node, Vec<SyntaxError>), SyntaxError> {
        let text = self.text(layer);
        let strict = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_non_finite_numbers: false,
            allow_extended_string_escapes: false,
        };
        let none = CollectOptions::default();
        let first = match jsonc_parser::parse_to_ast(text, &none, &strict) {
            Ok(parsed) => return self.convert(layer, parsed.value).map(|n| (n, Vec::new())),
            Err(e) => self.syntax_error(layer, &e),
        };
        if !matches!(first.kind, SyntaxKind::Comment | SyntaxKind::TrailingComma) {
            return Err(first);
        }
        let tolerant = ParseOptions { allow_comments: true, allow_trailing_commas: true, ..strict };
        let collect = CollectOptions { comments: CommentCollectionStrategy::AsTokens, tokens: true };
        let parsed = jsonc_parser::parse_to_ast(text, &collect, &tolerant).map_err(|e| self.syntax_error(layer, &e))?;
        let mut errors = Vec::new();
        let tokens = parsed.tokens.as_deref().unwrap_or(&[]);
        for (i, t) in tokens.iter().enumerate() {
            let span = Span { layer, start: t.range.start, end: t.range.end };
            match t.token {
                Token::CommentLine(_) | Token::CommentBlock(_) => errors.push(SyntaxError {
                    span,
                    kind: SyntaxKind::Comment,
                    message: "JSON has no comments: delete this comment (or move the note into a \"description\" value)"
                        .into(),
                }),
                Token::Comma => {
                    let next = tokens
                        .iter()
                        .skip(i + 1)
                        .find(|t| !matches!(t.token, Token::CommentLine(_) | Token::CommentBlock(_)));
                    if let Some(close @ (Token::CloseBrace | Token::CloseBracket)) = next.map(|t| &t.token) {
                        errors.push(SyntaxError {
                            span,
                            kind: SyntaxKind::TrailingComma,
                            message: format!(
                                "JSON allows no comma before `{}`: delete this comma",
                                close.as_str()
                            ),
                        });
                    }
                }
                _ => {}
            }
        }
        let node = self.convert(layer, parsed.value)?;
        Ok((node, errors))
    }

    fn convert(&self, layer: usize, value: Option<Value<'_>>) -> Result<Node, SyntaxError> {
        match value {
            Some(v) => Ok(convert(layer, &v)),
            None => Err(SyntaxError {
                span: Span { layer, start: 0, end: 0 },
                kind: SyntaxKind::Truncated,
                message: "the text is empty: expected a JSON object `{ … }`".into(),
            }),
        }
    }

    fn syntax_error(&self, layer: usize, e: &jsonc_parser::errors::ParseError) -> SyntaxError {
        let r = e.range();
        let span = Span { layer, start: r.start, end: r.end };
        let text = self.text(layer);
        let unterminated_string = matches!(e.kind(), ParseErrorKind::String(jsonc_parser::ParseStringErrorKind::UnterminatedStringLiteral));
        // A string left open with no quote after it, or a value open at the end: cut off.
        let at_end = r.start >= text.trim_end().len()
            || (unterminated_string && !text.get(r.start + 1..).unwrap_or("").contains('"'));
        let (kind, message) = match e.kind() {
            ParseErrorKind::CommentsNotAllowed => (SyntaxKind::Comment, "JSON has no comments".to_string()),
            ParseErrorKind::TrailingCommasNotAllowed => {
                (SyntaxKind::TrailingComma, "JSON allows no comma before `}` or `]`".to_string())
            }
            ParseErrorKind::SingleQuotedStringsNotAllowed => (
                SyntaxKind::SingleQuotes,
                "JSON strings use double quotes: write \"…\" instead of '…'".to_string(),
            ),
            ParseErrorKind::MultipleRootJsonValues if text.trim_start().starts_with('{') => (
                SyntaxKind::Other,
                "text after the end of the outermost object: a `}` above closes it early (one `}` too many?)".to_string(),
            ),
            ParseErrorKind::MultipleRootJsonValues => (
                SyntaxKind::ExtraData,
                "unexpected text after the end of the JSON value (is this a fragment? wrap the whole text in `{ }`)"
                    .to_string(),
            ),
            ParseErrorKind::NestingDepthExceeded => {
                (SyntaxKind::TooDeep, "nesting is deeper than any configuration needs".to_string())
            }
            ParseErrorKind::UnterminatedObject
            | ParseErrorKind::UnterminatedArray
            | ParseErrorKind::UnterminatedCommentBlock
            | ParseErrorKind::String(_)
                if at_end || matches!(e.kind(), ParseErrorKind::String(_)) =>
            {
                let what = match e.kind() {
                    ParseErrorKind::String(_) => "a string that is not closed (a missing `\"`?)",
                    ParseErrorKind::UnterminatedArray => "an array that is not closed with `]`",
                    ParseErrorKind::UnterminatedCommentBlock => "a comment that is not closed with `*/`",
                    _ => "an object that is not closed with `}`",
                };
                let kind = if at_end { SyntaxKind::Truncated } else { SyntaxKind::Other };
                let tail = if at_end { "; was the text cut off?" } else { "" };
                (kind, format!("{what}{tail}"))
            }
            ParseErrorKind::ExpectedStringObjectProperty => (
                SyntaxKind::Other,
                "expected a key in double quotes (or `}`); a trailing comma or a // comment here is not JSON"
                    .to_string(),
            ),
            ParseErrorKind::ExpectedComma => (
                SyntaxKind::Other,
                "expected `,` between values (a missing comma, or an unescaped `\"` inside a string?)".to_string(),
            ),
            other => (SyntaxKind::Other, lower_first(&other.to_string())),
        };
        let kind = if kind == SyntaxKind::Other && at_end { SyntaxKind::Truncated } else { kind };
        SyntaxError { span, kind, message }
    }

    /// Adds a layer for the decoded value of the JSON string literal at `span` (quotes
    /// included), so that JSON inside a string can be parsed with positions.
    pub fn push_string_layer(&mut self, span: Span) -> Option<usize> {
        let raw = self.text(span.layer).get(span.start..span.end)?;
        let (text, offsets) = decode_literal(raw, span.start)?;
        self.layers.push(Layer { text, parent: Some((span.layer, offsets)) });
        Some(self.layers.len() - 1)
    }

    /// Adds a layer for the `-d '…'` body of a cURL command in `layer`, unquoted as a shell
    /// would; `None` when the text has no such argument.
    /// Also returns the offsets of quotes that a shell would have taken as the end of the
    /// argument but that are read as part of the JSON.
    pub fn push_curl_body_layer(&mut self, layer: usize) -> Option<(usize, Vec<usize>)> {
        let (text, offsets, quotes) = curl_body(self.text(layer))?;
        self.layers.push(Layer { text, parent: Some((layer, offsets)) });
        Some((self.layers.len() - 1, quotes))
    }

    /// Whether the text stops inside a string, object or array.
    pub fn is_cut_off(&self, layer: usize) -> bool {
        let mut depth = 0usize;
        let mut in_string = false;
        let mut escaped = false;
        for b in self.text(layer).bytes() {
            if in_string {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        in_string || depth > 0
    }

    /// The byte offset in the user's text where `offset` of `layer` was written.
    pub fn outer_offset(&self, mut layer: usize, mut offset: usize) -> usize {
        // Layers only nest a few deep; the loop ends at layer 0.
        for _ in 0..self.layers.len() {
            match self.layers.get(layer).and_then(|l| l.parent.as_ref()) {
                Some((parent, map)) => {
                    offset = map.get(offset).or(map.last()).map(|&o| o as usize).unwrap_or(0);
                    layer = *parent;
                }
                None => break,
            }
        }
        offset
    }

    /// Where, in the user's text, the `index`-th character (Unicode scalar) of the string
    /// value at `span` was written. Falls back to the start of the literal.
    pub fn char_offset_in_string(&self, span: Span, index: usize) -> usize {
        let raw = self.text(span.layer).get(span.start..span.end).unwrap_or("");
        let inner = decode_literal(raw, span.start).and_then(|(text, offsets)| {
            let byte = text.char_indices().nth(index).map(|(b, _)| b).unwrap_or(text.len());
            offsets.get(byte).map(|&o| o as usize)
        });
        self.outer_offset(span.layer, inner.unwrap_or(span.start))
    }

    /// 1-based line and 1-based column counted in UTF-16 code units (as JavaScript strings
    /// and editors count), of a byte offset in the user's text.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let text = self.text(0);
        let column = text.get(start..offset.min(text.len())).map(|s| s.encode_utf16().count()).unwrap_or(0);
        (line, column + 1)
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn span_of(layer: usize, r: jsonc_parser::common::Range) -> Span {
    Span { layer, start: r.start, end: r.end }
}

fn convert(layer: usize, v: &Value<'_>) -> Node {
    let span = span_of(layer, v.range());
    let kind = match v {
        Value::NullKeyword(_) => Kind::Null,
        Value::BooleanLit(b) => Kind::Bool(b.value),
        Value::NumberLit(n) => Kind::Number(n.value.to_string()),
        Value::StringLit(s) => Kind::Str(s.value.to_string()),
        Value::Array(a) => Kind::Array(a.elements.iter().map(|e| convert(layer, e)).collect()),
        Value::Object(o) => Kind::Object(
            o.properties
                .iter()
                .map(|p| {
                    let (key, key_span) = match &p.name {
                        ObjectPropName::String(s) => (s.value.to_string(), span_of(layer, s.range)),
                        ObjectPropName::Word(w) => (w.value.to_string(), span_of(layer, w.range)),
                    };
                    Member { key, key_span, value: convert(layer, &p.value) }
                })
                .collect(),
        ),
    };
    Node { span, kind }
}

/// The data argument of a cURL command (`-d`, `--data`, `--data-raw`, `--data-binary`),
/// unquoted: `'…'` with `'\''` for a quote, or `"…"` with backslash escapes. A missing
/// closing quote (a cut-off paste) takes the rest of the text.
fn curl_body(text: &str) -> Option<(String, Vec<u32>, Vec<usize>)> {
    let mut search = 0;
    let start = loop {
        let rest = text.get(search..)?;
        let k = rest.find(['-'])?;
        let at = search + k;
        let tail = text.get(at..)?;
        let flag = ["--data-raw", "--data-binary", "--data", "-d"].into_iter().find(|f| tail.starts_with(f));
        match flag {
            Some(f) if text.get(at + f.len()..).is_some_and(|t| t.starts_with([' ', '\t', '='])) => {
                break at + f.len() + 1;
            }
            _ => search = at + 1,
        }
    };
    let arg = text.get(start..)?;
    let skip = arg.len() - arg.trim_start().len();
    let open_at = start + skip;
    let quote = text.get(open_at..)?.chars().next()?;
    let mut out = String::new();
    let mut map: Vec<u32> = Vec::new();
    let mut literal_quotes = Vec::new();
    let at = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let body = text.get(open_at + 1..)?;
    let mut chars = body.char_indices().peekable();
    match quote {
        '\'' => {
            while let Some((i, c)) = chars.next() {
                if c == '\'' {
                    if body.get(i..).is_some_and(|t| t.starts_with("'\\''")) {
                        // close, escaped quote, reopen
                        for _ in 0..3 {
                            chars.next();
                        }
                        map.push(at(open_at + 1 + i + 1));
                        out.push('\'');
                        continue;
                    }
                    let next = body.get(i + 1..).and_then(|t| t.chars().next());
                    if next.is_none_or(char::is_whitespace) {
                        break;
                    }
                    // A shell would end the quoting here; the author meant a quote.
                    literal_quotes.push(open_at + 1 + i);
                    map.push(at(open_at + 1 + i));
                    out.push('\'');
                    continue;
                }
                for _ in 0..c.len_utf8() {
                    map.push(at(open_at + 1 + i));
                }
                out.push(c);
            }
        }
        '"' => {
            while let Some((i, c)) = chars.next() {
                let (pos, ch) = match c {
                    '"' => break,
                    '\\' if matches!(chars.peek(), Some((_, '"' | '\\' | '$' | '`'))) => match chars.next() {
                        Some((j, e)) => (j, e),
                        None => break,
                    },
                    c => (i, c),
                };
                for _ in 0..ch.len_utf8() {
                    map.push(at(open_at + 1 + pos));
                }
                out.push(ch);
            }
        }
        _ => return None,
    }
    map.push(map.last().map(|&l| l + 1).unwrap_or(at(open_at + 1)));
    Some((out, map, literal_quotes))
}

/// Decodes a JSON string literal (with its quotes) written at `base`; returns the text and,
/// for each of its bytes plus one past the end, the offset where it was written.
fn decode_literal(raw: &str, base: usize) -> Option<(String, Vec<u32>)> {
    let body = raw.strip_prefix('"')?.strip_suffix('"').unwrap_or_else(|| raw.get(1..).unwrap_or(""));
    let base = base + 1;
    let mut out = String::with_capacity(body.len());
    let mut map: Vec<u32> = Vec::with_capacity(body.len() + 1);
    let mut chars = body.char_indices().peekable();
    let at = |i: usize| u32::try_from(base + i).unwrap_or(u32::MAX);
    while let Some((i, c)) = chars.next() {
        let decoded = if c == '\\' {
            match chars.next() {
                Some((_, 'n')) => '\n',
                Some((_, 't')) => '\t',
                Some((_, 'r')) => '\r',
                Some((_, 'b')) => '\u{8}',
                Some((_, 'f')) => '\u{c}',
                Some((_, 'u')) => {
                    let hex = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| -> Option<u32> {
                        let mut v = 0;
                        for _ in 0..4 {
                            v = v * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        Some(v)
                    };
                    let hi = hex(&mut chars)?;
                    if (0xD800..0xDC00).contains(&hi) {
                        // A surrogate pair is two escapes: `\uD83D\uDE00`.
                        let mut look = chars.clone();
                        match (look.next(), look.next()) {
                            (Some((_, '\\')), Some((_, 'u'))) => {
                                let lo = hex(&mut look)?;
                                chars = look;
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF))
                                    .unwrap_or('\u{FFFD}')
                            }
                            _ => '\u{FFFD}',
                        }
                    } else {
                        char::from_u32(hi).unwrap_or('\u{FFFD}')
                    }
                }
                Some((_, other)) => other,
                None => return None,
            }
        } else {
            c
        };
        for _ in 0..decoded.len_utf8() {
            map.push(at(i));
        }
        out.push(decoded);
    }
    map.push(at(body.len()));
    Some((out, map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_layers_map_back_through_escapes() {
        let text = r#"{"c": "{\"a\": \"x\\u00e9y\"}"}"#.to_string();
        let mut src = Source::new(text.clone());
        let (root, errs) = src.parse(0).unwrap();
        assert!(errs.is_empty());
        let inner = src.push_string_layer(root.get("c").unwrap().span).unwrap();
        assert_eq!(src.text(inner), r#"{"a": "x\u00e9y"}"#);
        let (tree, _) = src.parse(inner).unwrap();
        let a = tree.get("a").unwrap();
        assert_eq!(a.as_str(), Some("xéy"));
        // The 'y' (index 2) was written after the six-character escape in the outer text.
        let at = src.char_offset_in_string(a.span, 2);
        assert_eq!(text.get(at..at + 1), Some("y"));
        assert_eq!(src.line_col(at), (1, at + 1));
    }

    #[test]
    fn comments_and_trailing_commas_are_recovered() {
        let src = Source::new("{\n  // note\n  \"a\": 1,\n}".into());
        let (root, errs) = src.parse(0).unwrap();
        assert!(root.get("a").is_some());
        let kinds: Vec<_> = errs.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![SyntaxKind::Comment, SyntaxKind::TrailingComma]);
        assert_eq!(src.line_col(errs[0].span.start), (2, 3));
    }

    #[test]
    fn truncated_text_says_so() {
        let src = Source::new("{\"a\": {\"b\": \"c".into());
        let e = src.parse(0).unwrap_err();
        assert_eq!(e.kind, SyntaxKind::Truncated, "{e:?}");
        let deep = Source::new("[".repeat(100_000));
        assert!(deep.parse(0).is_err());
    }
}

//! Reading the few fields detection needs (id, dates) out of records, without building a
//! document tree.
//!
//! Why: a page is megabytes of JSON of which we need three small values per record. Records
//! are kept as borrowed raw slices of the page (so the callback can carry them unchanged,
//! never re-serialized), and a serde visitor walks each one, descending only into the keys
//! on a wanted path and skipping the rest.
//!
//! Paths as users write them: `customer.id`, `['Modified Time']`, `["a.b"]`, `items[0].id`,
//! `lines.0.id`.

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A parsed field path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// Reads `a.b[0]['c d']`. An empty text is the empty path (the record itself).
    pub fn parse(text: &str) -> Result<Path, String> {
        let chars: Vec<char> = text.trim().chars().collect();
        let mut segs = Vec::new();
        let mut i = 0;
        let mut key = String::new();
        let flush = |key: &mut String, segs: &mut Vec<Segment>| {
            if !key.is_empty() {
                segs.push(Segment::Key(std::mem::take(key)));
            }
        };
        while let Some(&c) = chars.get(i) {
            match c {
                '.' => {
                    flush(&mut key, &mut segs);
                    i += 1;
                }
                '[' => {
                    flush(&mut key, &mut segs);
                    match chars.get(i + 1) {
                        Some(&q @ ('\'' | '"')) => {
                            let start = i + 2;
                            let end = (start..chars.len())
                                .find(|&j| chars.get(j) == Some(&q) && chars.get(j + 1) == Some(&']'))
                                .ok_or_else(|| format!("the quoted key at column {} is not closed with {q}]", i + 1))?;
                            segs.push(Segment::Key(chars.get(start..end).unwrap_or(&[]).iter().collect()));
                            i = end + 2;
                        }
                        _ => {
                            let end = (i + 1..chars.len())
                                .find(|&j| chars.get(j) == Some(&']'))
                                .ok_or_else(|| format!("`[` at column {} is not closed with `]`", i + 1))?;
                            let inner: String = chars.get(i + 1..end).unwrap_or(&[]).iter().collect();
                            let n = inner.trim().parse::<usize>().map_err(|_| {
                                format!("`[{inner}]` at column {}: write an index like [0] or a quoted key like ['{inner}']", i + 1)
                            })?;
                            segs.push(Segment::Index(n));
                            i = end + 1;
                        }
                    }
                }
                c => {
                    key.push(c);
                    i += 1;
                }
            }
        }
        flush(&mut key, &mut segs);
        Ok(Path(segs))
    }
}

/// A scalar read from a record, kept close to how it was written.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Str(String),
    /// A JSON number, as written.
    Num(String),
    Bool(bool),
    Null,
    /// An object or array where a scalar was expected.
    Composite,
}

impl Scalar {
    fn from_raw(raw: &RawValue) -> Scalar {
        let t = raw.get().trim_start();
        match t.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(t).map(Scalar::Str).unwrap_or(Scalar::Composite),
            Some(b'{' | b'[') => Scalar::Composite,
            Some(b't') => Scalar::Bool(true),
            Some(b'f') => Scalar::Bool(false),
            Some(b'n') => Scalar::Null,
            Some(_) => Scalar::Num(t.trim_end().to_string()),
            None => Scalar::Null,
        }
    }
}

/// Which paths to read: a small trie, so one walk serves all of them.
#[derive(Debug, Default)]
struct Want {
    children: Vec<(Segment, Want)>,
    slot: Option<usize>,
}

impl Want {
    fn add(&mut self, segs: &[Segment], slot: usize) {
        match segs.split_first() {
            None => self.slot = Some(slot),
            Some((first, rest)) => {
                let pos = self.children.iter().position(|(s, _)| s == first);
                let child = match pos {
                    Some(p) => self.children.get_mut(p).map(|(_, w)| w),
                    None => {
                        self.children.push((first.clone(), Want::default()));
                        self.children.last_mut().map(|(_, w)| w)
                    }
                };
                if let Some(c) = child {
                    c.add(rest, slot);
                }
            }
        }
    }

    fn child_for_key(&self, key: &str) -> Option<&Want> {
        self.children.iter().find(|(s, _)| matches!(s, Segment::Key(k) if k == key)).map(|(_, w)| w)
    }

    fn child_for_index(&self, i: usize) -> Option<&Want> {
        self.children
            .iter()
            .find(|(s, _)| match s {
                Segment::Index(n) => *n == i,
                Segment::Key(k) => k.parse::<usize>().ok() == Some(i),
            })
            .map(|(_, w)| w)
    }
}

/// Reads several paths out of records in one walk each.
#[derive(Debug)]
pub struct Extractor {
    want: Want,
    count: usize,
}

impl Extractor {
    pub fn new(paths: &[&Path]) -> Extractor {
        let mut want = Want::default();
        for (i, p) in paths.iter().enumerate() {
            want.add(&p.0, i);
        }
        Extractor { want, count: paths.len() }
    }

    /// The value at each path (`None` where the record has none), or an error when the
    /// record is not JSON.
    pub fn extract(&self, record: &str) -> Result<Vec<Option<Scalar>>, String> {
        let mut slots: Vec<Option<Scalar>> = vec![None; self.count];
        let mut de = serde_json::Deserializer::from_str(record);
        Walk { want: &self.want, slots: &mut slots }.deserialize(&mut de).map_err(|e| e.to_string())?;
        Ok(slots)
    }
}

struct Walk<'a> {
    want: &'a Want,
    slots: &'a mut Vec<Option<Scalar>>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if let Some(slot) = self.want.slot {
            // A wanted value: take it whole (paths through it are read from it in turn).
            let raw = <&RawValue as serde::Deserialize>::deserialize(d)?;
            if !self.want.children.is_empty() {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                let _ = Walk { want: &Want { children: clone_children(self.want), slot: None }, slots: self.slots }
                    .deserialize(&mut de);
            }
            if let Some(s) = self.slots.get_mut(slot) {
                *s = Some(Scalar::from_raw(raw));
            }
            return Ok(());
        }
        if self.want.children.is_empty() {
            return <IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| ());
        }
        d.deserialize_any(self)
    }
}

fn clone_children(w: &Want) -> Vec<(Segment, Want)> {
    w.children.iter().map(|(s, c)| (s.clone(), Want { children: clone_children(c), slot: c.slot })).collect()
}

impl<'de> Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match self.want.child_for_key(&key) {
                Some(child) => map.next_value_seed(Walk { want: child, slots: &mut *self.slots })?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let more = match self.want.child_for_index(i) {
                Some(child) => seq.next_element_seed(Walk { want: child, slots: &mut *self.slots })?.is_some(),
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }

    // Scalars where a container was wanted: nothing to read.
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// The records of a page: the array at `path` (the page itself when empty), as raw slices.
pub fn records<'p>(page: &'p str, path: &Path) -> Result<Vec<&'p RawValue>, String> {
    let mut current: &'p RawValue = serde_json::from_str(page).map_err(|e| format!("the page is not JSON: {e}"))?;
    for seg in &path.0 {
        let text = current.get();
        let next: Option<&'p RawValue> = match seg {
            Segment::Key(k) => {
                let map: std::collections::HashMap<std::borrow::Cow<'p, str>, &'p RawValue> = serde_json::from_str(text)
                    .map_err(|_| format!("expected an object at `{k}` on the way to the records"))?;
                map.get(k.as_str()).copied()
            }
            Segment::Index(n) => {
                let items: Vec<&'p RawValue> =
                    serde_json::from_str(text).map_err(|_| format!("expected an array at [{n}] on the way to the records"))?;
                items.get(*n).copied()
            }
        };
        current = next.ok_or_else(|| format!("the page has no `{}`", describe(seg)))?;
    }
    let t = current.get().trim_start();
    if t.starts_with('{') {
        // A single record object.
        return Ok(vec![current]);
    }
    serde_json::from_str::<Vec<&'p RawValue>>(current.get()).map_err(|_| "the records are not a JSON array".to_string())
}

fn describe(seg: &Segment) -> String {
    match seg {
        Segment::Key(k) => k.clone(),
        Segment::Index(n) => format!("[{n}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Path {
        Path::parse(s).unwrap()
    }

    #[test]
    fn paths_parse() {
        assert_eq!(p("customer.id").0, vec![Segment::Key("customer".into()), Segment::Key("id".into())]);
        assert_eq!(p("['Modified Time']").0, vec![Segment::Key("Modified Time".into())]);
        assert_eq!(p("items[2][\"a.b\"]").0, vec![Segment::Key("items".into()), Segment::Index(2), Segment::Key("a.b".into())]);
        assert!(Path::parse("a[x").is_err());
        assert!(Path::parse("a['x]").is_err());
    }

    #[test]
    fn extraction_reads_only_wanted_fields() {
        let (id, upd, nested, idx, quoted) = (p("id"), p("_info.lastUpdated"), p("customer.id"), p("lines[1].n"), p("['Modified Time']"));
        let ex = Extractor::new(&[&id, &upd, &nested, &idx, &quoted]);
        let rec = r#"{"id": 42, "big": {"x": [1,2,{"y": "z"}]}, "_info": {"lastUpdated": "2024-02-29"}, "customer": {"id": "c-1"},
            "lines": [{"n": 1}, {"n": "two"}], "Modified Time": null}"#;
        let v = ex.extract(rec).unwrap();
        assert_eq!(v, vec![
            Some(Scalar::Num("42".into())),
            Some(Scalar::Str("2024-02-29".into())),
            Some(Scalar::Str("c-1".into())),
            Some(Scalar::Str("two".into())),
            Some(Scalar::Null),
        ]);
        assert_eq!(ex.extract(r#"{"id": {"a": 1}}"#).unwrap().first().cloned().flatten(), Some(Scalar::Composite));
        assert_eq!(ex.extract(r#"{"customer": 5}"#).unwrap().get(2).cloned().flatten(), None);
        assert!(ex.extract("{").is_err());
    }

    #[test]
    fn records_are_found_and_kept_raw() {
        let page = r#"{"meta": {"n": 2}, "data": {"items": [ {"id": 1,  "a": "x"}, {"id": 2} ]}}"#;
        let recs = records(page, &p("data.items")).unwrap();
        assert_eq!(recs.iter().map(|r| r.get()).collect::<Vec<_>>(), vec![r#"{"id": 1,  "a": "x"}"#, r#"{"id": 2}"#]);
        assert_eq!(records("[]", &p("")).unwrap().len(), 0);
        assert!(records(page, &p("data.nope")).is_err());
        assert!(records("{", &p("")).is_err());
    }
}

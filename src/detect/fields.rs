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
use std::borrow::Cow;
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

/// A scalar read from a record, borrowed from the page where it has no escapes.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar<'a> {
    Str(Cow<'a, str>),
    Int(i64),
    /// A number that is not an `i64`, as written (or as formatted by serde).
    Num(String),
    Bool(bool),
    Null,
    /// An object or array where a scalar was expected.
    Composite,
}

impl Scalar<'_> {
    fn from_raw(raw: &RawValue) -> Scalar<'static> {
        let t = raw.get().trim();
        match t.as_bytes().first() {
            Some(b'"') => serde_json::from_str::<String>(t).map(|s| Scalar::Str(Cow::Owned(s))).unwrap_or(Scalar::Composite),
            Some(b'{' | b'[') => Scalar::Composite,
            Some(b't') => Scalar::Bool(true),
            Some(b'f') => Scalar::Bool(false),
            Some(b'n') => Scalar::Null,
            Some(_) => t.parse::<i64>().map(Scalar::Int).unwrap_or_else(|_| Scalar::Num(t.to_string())),
            None => Scalar::Null,
        }
    }

    /// The text of a string or number (numbers as JSON writes them).
    pub fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Scalar::Str(s) => Some(Cow::Borrowed(s.as_ref())),
            Scalar::Int(i) => Some(Cow::Owned(i.to_string())),
            Scalar::Num(n) => Some(Cow::Borrowed(n.as_str())),
            _ => None,
        }
    }
}

/// Reads one scalar in place; containers are skipped and reported as `Composite`.
struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(i64::try_from(v).map(Scalar::Int).unwrap_or_else(|_| Scalar::Num(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(if v.fract() == 0.0 && v.abs() < 9.0e15 { Scalar::Int(v as i64) } else { Scalar::Num(v.to_string()) })
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Composite)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Composite)
    }
}

/// Which paths to read: a small trie, so one walk serves all of them.
#[derive(Debug, Default)]
struct Want {
    children: Vec<(Segment, Want)>,
    /// Every output slot this node fills (two paths may name the same field).
    slot: Vec<usize>,
}

impl Want {
    fn add(&mut self, segs: &[Segment], slot: usize) {
        match segs.split_first() {
            None => self.slot.push(slot),
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

    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The value at each path (`None` where the record has none), or an error when the
    /// record is not JSON.
    pub fn extract<'r>(&self, record: &'r str) -> Result<Vec<Option<Scalar<'r>>>, String> {
        let mut slots: Vec<Option<Scalar<'r>>> = vec![None; self.count];
        let mut de = serde_json::Deserializer::from_str(record);
        Walk { want: &self.want, slots: &mut slots, base: 0 }.deserialize(&mut de).map_err(|e| e.to_string())?;
        Ok(slots)
    }
}

struct Walk<'a, 'r> {
    want: &'a Want,
    slots: &'a mut Vec<Option<Scalar<'r>>>,
    /// Where this record's slots start in `slots`.
    base: usize,
}

impl<'de: 'r, 'r> DeserializeSeed<'de> for Walk<'_, 'r> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        if !self.want.slot.is_empty() {
            let value = if self.want.children.is_empty() {
                d.deserialize_any(ScalarVisitor)?
            } else {
                // A wanted value that other paths go through: read it whole, then them.
                let raw = <&RawValue as serde::Deserialize>::deserialize(d)?;
                let mut de = serde_json::Deserializer::from_str(raw.get());
                let inner = Want { children: clone_children(self.want), slot: Vec::new() };
                let mut tmp: Vec<Option<Scalar<'_>>> = vec![None; self.slots.len()];
                let _ = Walk { want: &inner, slots: &mut tmp, base: self.base }.deserialize(&mut de);
                for (dst, src) in self.slots.iter_mut().zip(tmp) {
                    if let Some(v) = src {
                        *dst = Some(owned(v));
                    }
                }
                Scalar::from_raw(raw)
            };
            for &slot in &self.want.slot {
                if let Some(s) = self.slots.get_mut(self.base + slot) {
                    *s = Some(value.clone());
                }
            }
            return Ok(());
        }
        if self.want.children.is_empty() {
            return <IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| ());
        }
        d.deserialize_any(self)
    }
}

/// Reads a key as raw bytes (no UTF-8 check, no copy) and says which wanted child it
/// names, if any: most keys of a record are not wanted, so this is the hot path.
struct KeyMatch<'a>(&'a Want);

impl<'de> DeserializeSeed<'de> for KeyMatch<'_> {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_bytes(self)
    }
}

impl<'de> Visitor<'de> for KeyMatch<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_bytes<E: serde::de::Error>(self, key: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.children.iter().position(|(s, _)| matches!(s, Segment::Key(k) if k.as_bytes() == key)))
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        self.visit_bytes(key.as_bytes())
    }
}

fn owned(v: Scalar<'_>) -> Scalar<'static> {
    match v {
        Scalar::Str(s) => Scalar::Str(Cow::Owned(s.into_owned())),
        Scalar::Int(i) => Scalar::Int(i),
        Scalar::Num(n) => Scalar::Num(n),
        Scalar::Bool(b) => Scalar::Bool(b),
        Scalar::Null => Scalar::Null,
        Scalar::Composite => Scalar::Composite,
    }
}

fn clone_children(w: &Want) -> Vec<(Segment, Want)> {
    w.children.iter().map(|(s, c)| (s.clone(), Want { children: clone_children(c), slot: c.slot.clone() })).collect()
}

impl<'de: 'r, 'r> Visitor<'de> for Walk<'_, 'r> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(hit) = map.next_key_seed(KeyMatch(self.want))? {
            match hit.and_then(|k| self.want.children.get(k)) {
                Some((_, child)) => map.next_value_seed(Walk { want: child, slots: &mut *self.slots, base: self.base })?,
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
                Some(child) => seq.next_element_seed(Walk { want: child, slots: &mut *self.slots, base: self.base })?.is_some(),
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
/// One pass: keys off the path are skipped, not collected.
pub fn records<'p>(page: &'p str, path: &Path) -> Result<Vec<&'p RawValue>, String> {
    let mut out = Vec::new();
    let mut object = false;
    navigate(serde_json::Deserializer::from_str(page), path, Target::Raw(&mut out, &mut object))?;
    if object {
        // A single record object: a second walk takes it whole (arrays need only one).
        let mut whole = None;
        navigate(serde_json::Deserializer::from_str(page), path, Target::Whole(&mut whole))?;
        out.extend(whole);
    }
    Ok(out)
}

/// Reads the wanted fields of every record at `path` in one pass over the page, without
/// keeping the records: per record, the values at the extractor's paths. Takes bytes:
/// UTF-8 is checked inside the strings that are read, not over the whole page first.
/// The result is flat: record `i`'s values are `out[i * ex.len() .. (i + 1) * ex.len()]`.
pub fn scan<'p>(page: &'p [u8], path: &Path, ex: &Extractor) -> Result<Vec<Option<Scalar<'p>>>, String> {
    let mut out = Vec::new();
    navigate(serde_json::Deserializer::from_slice(page), path, Target::Scan(ex, &mut out))?;
    Ok(out)
}

enum Target<'a, 'p> {
    /// The elements of an array as raw slices; the flag is set when an object stood there.
    Raw(&'a mut Vec<&'p RawValue>, &'a mut bool),
    Whole(&'a mut Option<&'p RawValue>),
    Scan(&'a Extractor, &'a mut Vec<Option<Scalar<'p>>>),
}

fn navigate<'p, R: serde_json::de::Read<'p>>(mut de: serde_json::Deserializer<R>, path: &Path, target: Target<'_, 'p>) -> Result<(), String> {
    let mut found = false;
    Nav { path: &path.0, target, found: &mut found }
        .deserialize(&mut de)
        .map_err(|e| format!("the page is not what was expected: {e}"))?;
    de.end().map_err(|e| format!("the page is not JSON: {e}"))?;
    if !found {
        let shown: Vec<String> = path.0.iter().map(describe).collect();
        return Err(format!("the page has no `{}`", shown.join(".")));
    }
    Ok(())
}

/// The rest of the way to the records, and what to do there.
struct Nav<'a, 'p> {
    path: &'a [Segment],
    target: Target<'a, 'p>,
    found: &'a mut bool,
}

impl<'de: 'p, 'p> DeserializeSeed<'de> for Nav<'_, 'p> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.path.split_first() {
            None => {
                *self.found = true;
                match self.target {
                    Target::Raw(out, object) => d.deserialize_any(RawRecords { out, object }),
                    Target::Whole(out) => {
                        *out = Some(<&'de RawValue as serde::Deserialize>::deserialize(d)?);
                        Ok(())
                    }
                    Target::Scan(ex, out) => d.deserialize_any(Records { ex, out }),
                }
            }
            Some((seg, rest)) => d.deserialize_any(Step { seg, nav: Nav { path: rest, target: self.target, found: self.found } }),
        }
    }
}

/// The records array as raw slices, in the same pass; an object is noted (a single
/// record), `null` means none.
struct RawRecords<'a, 'p> {
    out: &'a mut Vec<&'p RawValue>,
    object: &'a mut bool,
}

impl<'de: 'p, 'p> Visitor<'de> for RawRecords<'_, 'p> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(r) = seq.next_element::<&'de RawValue>()? {
            self.out.push(r);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        *self.object = true;
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
}

/// One segment of the way to the records.
struct Step<'a, 'p> {
    seg: &'a Segment,
    nav: Nav<'a, 'p>,
}

impl<'de: 'p, 'p> Visitor<'de> for Step<'_, 'p> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object or array with `{}`", describe(self.seg))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut nav = Some(self.nav);
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let hit = matches!(self.seg, Segment::Key(k) if *k == *key);
            match (hit, nav.take()) {
                (true, Some(n)) => map.next_value_seed(n)?,
                (_, n) => {
                    nav = n;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let want = match self.seg {
            Segment::Index(n) => Some(*n),
            Segment::Key(k) => k.parse::<usize>().ok(),
        };
        let mut nav = Some(self.nav);
        let mut i = 0;
        loop {
            let more = match (Some(i) == want, nav.take()) {
                (true, Some(n)) => seq.next_element_seed(n)?.is_some(),
                (_, n) => {
                    nav = n;
                    seq.next_element::<IgnoredAny>()?.is_some()
                }
            };
            if !more {
                return Ok(());
            }
            i += 1;
        }
    }
}

/// The records array: the wanted fields of each element, appended flat.
struct Records<'a, 'p> {
    ex: &'a Extractor,
    out: &'a mut Vec<Option<Scalar<'p>>>,
}

impl<'de: 'p, 'p> Visitor<'de> for Records<'_, 'p> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let base = self.out.len();
            self.out.resize(base + self.ex.count, None);
            match seq.next_element_seed(Walk { want: &self.ex.want, slots: &mut *self.out, base })? {
                Some(()) => {}
                None => {
                    self.out.truncate(base);
                    return Ok(());
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        // A single record object.
        let base = self.out.len();
        self.out.resize(base + self.ex.count, None);
        Walk { want: &self.ex.want, slots: &mut *self.out, base }.visit_map(map)
    }
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
            Some(Scalar::Int(42)),
            Some(Scalar::Str("2024-02-29".into())),
            Some(Scalar::Str("c-1".into())),
            Some(Scalar::Str("two".into())),
            Some(Scalar::Null),
        ]);
        assert_eq!(ex.extract(r#"{"id": {"a": 1}}"#).unwrap().first().cloned().flatten(), Some(Scalar::Composite));
        let twice = Extractor::new(&[&upd, &upd]);
        let v = twice.extract(r#"{"_info": {"lastUpdated": "x"}}"#).unwrap();
        assert_eq!(v, vec![Some(Scalar::Str("x".into())), Some(Scalar::Str("x".into()))], "two paths to one field both get it");
        assert_eq!(ex.extract(r#"{"customer": 5}"#).unwrap().get(2).cloned().flatten(), None);
        assert!(ex.extract("{").is_err());
    }

    #[test]
    fn records_are_found_and_kept_raw() {
        let page = r#"{"meta": {"n": 2}, "data": {"items": [ {"id": 1,  "a": "x"}, {"id": 2} ]}}"#;
        let recs = records(page, &p("data.items")).unwrap();
        assert_eq!(recs.iter().map(|r| r.get()).collect::<Vec<_>>(), vec![r#"{"id": 1,  "a": "x"}"#, r#"{"id": 2}"#]);
        assert_eq!(records("[]", &p("")).unwrap().len(), 0);
        assert_eq!(records(r#"{"one": {"id": 9}}"#, &p("one")).unwrap().iter().map(|r| r.get()).collect::<Vec<_>>(), vec![r#"{"id": 9}"#]);
        assert!(records(r#"{"one": null}"#, &p("one")).unwrap().is_empty());
        assert!(records(r#"{"one": 5}"#, &p("one")).is_err());
        assert!(records(page, &p("data.nope")).is_err());
        assert!(records("{", &p("")).is_err());
    }
}

//! Reads the default index and answers queries: the Rust twin of `search.js`.
//!
//! Why it exists: the tests check the index the way a browser uses it (every vector of
//! `search_folding.tsv`, every word of every page), and tools can query a built site without
//! a browser. The ranking is the client's; keep the two in step.

use super::analyze::{Query, QueryWord};
use super::encode::{decode_postings, unbase64, Posting, Reader};
use super::index::{dequantize_len, FORMAT};
use std::collections::HashMap;

/// A loaded index: meta.json plus a way to fetch the other files (paths relative to the
/// `search/` folder).
pub struct Index<F: Fn(&str) -> Option<Vec<u8>>> {
    pub docs: u32,
    avg_len: f64,
    norms: Vec<u8>,
    shards: Vec<(String, String)>,
    fetch: F,
    cache: std::cell::RefCell<HashMap<String, std::rc::Rc<Vec<u8>>>>,
}

/// One term under a key: its exact variant and documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermEntry {
    pub variant: String,
    pub postings: Vec<Posting>,
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    /// (document id, score), best first.
    pub hits: Vec<(u32, f64)>,
    /// True when the strict pass found nothing and these are folded matches.
    pub approximate: bool,
    /// Query words found nowhere in the site, even folded.
    pub missing: Vec<String>,
}

/// Documents with summed weights: doc → (tf, in title).
type DocMap = HashMap<u32, (u32, bool)>;

impl<F: Fn(&str) -> Option<Vec<u8>>> Index<F> {
    /// Loads `meta.json` through `fetch`.
    pub fn open(fetch: F) -> Result<Self, String> {
        let meta = fetch("meta.json").ok_or("no meta.json")?;
        let meta: serde_json::Value = serde_json::from_slice(&meta).map_err(|e| e.to_string())?;
        if meta["format"].as_u64() != Some(u64::from(FORMAT)) {
            return Err(format!("unknown index format {}", meta["format"]));
        }
        let keys = meta["shard_keys"].as_str().ok_or("no shard table")?;
        let hashes = meta["shard_hashes"].as_str().ok_or("no shard table")?;
        let shards = if hashes.is_empty() { "" } else { keys }
            .split('\n')
            .filter(|_| !hashes.is_empty())
            .enumerate()
            .map(|(n, key)| {
                let hash = hashes.get(n * 8..n * 8 + 8).unwrap_or("");
                (key.to_string(), format!("s/{n}.{hash}.bin"))
            })
            .collect();
        Ok(Index {
            docs: meta["docs"].as_u64().unwrap_or(0) as u32,
            avg_len: meta["avg_len"].as_f64().unwrap_or(1.0).max(1.0),
            norms: unbase64(meta["norms"].as_str().unwrap_or("")).ok_or("bad norms")?,
            shards,
            fetch,
            cache: Default::default(),
        })
    }

    /// The shard file that would hold `key`.
    pub fn shard_for(&self, key: &str) -> Option<&str> {
        let i = self
            .shards
            .partition_point(|(first, _)| first.as_str() <= key);
        i.checked_sub(1).map(|i| self.shards[i].1.as_str())
    }

    fn file(&self, name: &str) -> Option<std::rc::Rc<Vec<u8>>> {
        if let Some(b) = self.cache.borrow().get(name) {
            return Some(b.clone());
        }
        let bytes = std::rc::Rc::new((self.fetch)(name)?);
        self.cache
            .borrow_mut()
            .insert(name.to_string(), bytes.clone());
        Some(bytes)
    }

    /// Every term stored under `key` (a folded syllable, or two joined by a space).
    pub fn lookup(&self, key: &str) -> Vec<TermEntry> {
        let Some(bytes) = self.shard_for(key).and_then(|name| self.file(name)) else {
            return Vec::new();
        };
        self.parse_key(&bytes, key).unwrap_or_default()
    }

    fn parse_key(&self, bytes: &[u8], want: &str) -> Option<Vec<TermEntry>> {
        let mut r = Reader::new(bytes);
        if r.take(1)? != [FORMAT] {
            return None;
        }
        let nkeys = r.varint()?;
        let mut key: Vec<u8> = Vec::new();
        for _ in 0..nkeys {
            let shared = r.varint()? as usize;
            key.truncate(shared);
            key.extend_from_slice(r.str()?.as_bytes());
            let nterms = r.varint()?;
            let found = key == want.as_bytes();
            let mut out = Vec::new();
            for _ in 0..nterms {
                let variant = r.str()?;
                let df = r.varint()? as usize;
                let len_mode = r.varint()?;
                let block = r.take((len_mode >> 1) as usize)?;
                if found {
                    out.push(TermEntry {
                        variant: variant.to_string(),
                        postings: decode_postings((len_mode & 1) as u8, block, df, self.docs)?,
                    });
                }
            }
            if found {
                return Some(out);
            }
        }
        None
    }

    /// Every (key, variant, postings) of the index, for whole-index checks.
    pub fn all_terms(&self) -> Vec<(String, TermEntry)> {
        let mut out = Vec::new();
        for (_, name) in &self.shards {
            let Some(bytes) = self.file(name) else {
                continue;
            };
            let mut r = Reader::new(&bytes);
            if r.take(1) != Some(&[FORMAT][..]) {
                continue;
            }
            let nkeys = r.varint().unwrap_or(0);
            let mut key: Vec<u8> = Vec::new();
            for _ in 0..nkeys {
                let (Some(shared), Some(suffix)) = (r.varint(), r.str()) else {
                    break;
                };
                key.truncate(shared as usize);
                key.extend_from_slice(suffix.as_bytes());
                let k = String::from_utf8_lossy(&key).into_owned();
                for _ in 0..r.varint().unwrap_or(0) {
                    let (Some(variant), Some(df), Some(lm)) = (r.str(), r.varint(), r.varint())
                    else {
                        return out;
                    };
                    let Some(block) = r.take((lm >> 1) as usize) else {
                        return out;
                    };
                    let postings = decode_postings((lm & 1) as u8, block, df as usize, self.docs)
                        .unwrap_or_default();
                    out.push((
                        k.clone(),
                        TermEntry {
                            variant: variant.to_string(),
                            postings,
                        },
                    ));
                }
            }
        }
        out
    }

    fn len_of(&self, doc: u32) -> f64 {
        self.norms
            .get(doc as usize)
            .map_or(self.avg_len, |&q| dequantize_len(q))
    }

    fn idf(&self, df: usize) -> f64 {
        let n = f64::from(self.docs);
        let df = df as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    fn bm25(&self, tf: u32, doc: u32) -> f64 {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let tf = f64::from(tf);
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * self.len_of(doc) / self.avg_len))
    }

    /// The documents of one word in a pass, variants merged.
    fn word_docs(&self, w: &QueryWord, strict: bool) -> DocMap {
        let mut m = DocMap::new();
        for t in self.lookup(&w.folded) {
            if w.accepts(&t.variant, strict) {
                merge(&mut m, &t.postings);
            }
        }
        m
    }

    /// The documents where `a` is directly followed by `b`, in a pass.
    fn pair_docs(&self, a: &QueryWord, b: &QueryWord, strict: bool) -> DocMap {
        let mut m = DocMap::new();
        for t in self.lookup(&format!("{} {}", a.folded, b.folded)) {
            let (va, vb) = t.variant.split_once(' ').unwrap_or((&t.variant, ""));
            if a.accepts(va, strict) && b.accepts(vb, strict) {
                merge(&mut m, &t.postings);
            }
        }
        m
    }

    /// Runs one pass: every group must match; phrases through their pairs.
    fn pass(&self, q: &Query, strict: bool) -> Vec<(u32, f64)> {
        let mut candidates: Option<Vec<u32>> = None;
        let mut scores: HashMap<u32, f64> = HashMap::new();
        let words: Vec<&QueryWord> = q.words().collect();
        let mut group_of = Vec::new();
        for (g, group) in q.groups.iter().enumerate() {
            group_of.extend(std::iter::repeat_n(g, group.len()));
        }
        // Words.
        for w in &words {
            let docs = self.word_docs(w, strict);
            let idf = self.idf(docs.len());
            for (&d, &(tf, title)) in &docs {
                *scores.entry(d).or_default() +=
                    idf * (self.bm25(tf, d) + if title { 2.0 } else { 0.0 });
            }
            candidates = Some(intersect(candidates, &docs));
        }
        // Pairs: required inside a group, a bonus across groups.
        for i in 1..words.len() {
            let docs = self.pair_docs(words[i - 1], words[i], strict);
            let idf = self.idf(docs.len());
            for (&d, &(tf, title)) in &docs {
                *scores.entry(d).or_default() +=
                    1.5 * idf * (self.bm25(tf, d) + if title { 3.0 } else { 0.0 });
            }
            if group_of[i - 1] == group_of[i] {
                candidates = Some(intersect(candidates, &docs));
                if q.document_number && group_of[i] == 0 {
                    for (&d, &(_, title)) in &docs {
                        if title {
                            *scores.entry(d).or_default() += 1000.0;
                        }
                    }
                }
            }
        }
        let mut hits: Vec<(u32, f64)> = candidates
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d, scores.get(&d).copied().unwrap_or(0.0)))
            .collect();
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        hits
    }

    /// Answers a query: the strict pass, or the folded one when the strict pass finds nothing.
    pub fn search(&self, query: &str) -> Answer {
        let q = Query::parse(query);
        if q.is_empty() {
            return Answer::default();
        }
        let missing: Vec<String> = q
            .words()
            .filter(|w| self.lookup(&w.folded).is_empty())
            .map(|w| w.text.clone())
            .collect();
        if !missing.is_empty() {
            return Answer {
                missing,
                ..Answer::default()
            };
        }
        let hits = self.pass(&q, true);
        if !hits.is_empty() || q.words().all(|w| w.strict.is_none()) {
            return Answer {
                hits,
                ..Answer::default()
            };
        }
        Answer {
            hits: self.pass(&q, false),
            approximate: true,
            missing,
        }
    }
}

fn merge(m: &mut DocMap, postings: &[Posting]) {
    for p in postings {
        let e = m.entry(p.doc).or_insert((0, false));
        e.0 = (e.0 + p.tf).min(7);
        e.1 |= p.in_title;
    }
}

fn intersect(current: Option<Vec<u32>>, docs: &DocMap) -> Vec<u32> {
    match current {
        None => {
            let mut v: Vec<u32> = docs.keys().copied().collect();
            v.sort_unstable();
            v
        }
        Some(v) => v.into_iter().filter(|d| docs.contains_key(d)).collect(),
    }
}

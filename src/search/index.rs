//! The default search index: sharded, compact, built in parallel.
//!
//! Layout (paths under the output folder; the client is `themes/default/static/search.js`):
//!
//! * `search/meta.json` (fixed name, small): document count, a length byte per document,
//!   the shard table (first key and content hash of each shard), filter values, and a
//!   version that busts caches of fragment files.
//! * `search/s/<n>.<hash>.bin`: shards. Keys are sorted; a key is a folded syllable
//!   (`duong`) or a folded pair of consecutive syllables (`duong day`). Under each key, one
//!   posting list per exact variant (`đương1`, `dương0`; pairs `đương1 dây0`), so the strict
//!   pass keeps only the variants it wants and the folded pass takes them all. Pairs give
//!   phrases and proximity without storing positions. Shards close at about
//!   [`SHARD_TARGET`] bytes, so a two-word query fetches two or three small files.
//! * `search/facets.<hash>.bin`: document ids per filter value, fetched only to filter.
//! * `search/f/<n>.bin`: per document its URL, title, section, date and plain text for the
//!   excerpt, two documents a file ([`FRAGMENT_BUNDLE`]), as gzipped JSON (`.bin`, so no
//!   server adds a `Content-Encoding` of its own), fetched only for the results shown.
//!
//! Document ids follow date, newest first, so ties in rank list the newest page first.

use super::analyze::{word_slices, Term};
use super::encode::{encode_ids, encode_postings, put_str, put_varint, Posting};
use super::Document;
use crate::render::{fnv1a, OutputFile};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Shards close once they pass this many bytes.
pub const SHARD_TARGET: usize = 16 * 1024;
/// Documents per fragment file: `search/f/<id / FRAGMENT_BUNDLE>.bin` is an array.
pub const FRAGMENT_BUNDLE: usize = 2;
/// The format version written in meta.json and each shard's first byte.
pub const FORMAT: u8 = 1;
/// Marks the gap between title and body in a token sequence: no pair spans it.
const GAP: u32 = u32::MAX;

/// A small fast hasher (the Fx hash of rustc) for the many short keys of indexing. Its
/// output does not reach the index, which stays deterministic.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// What building reports besides the files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexStats {
    pub documents: usize,
    pub keys: usize,
    pub terms: usize,
    pub shards: usize,
    /// Bytes of meta, shards and facets (fragments excluded).
    pub index_bytes: usize,
    pub fragment_bytes: usize,
}

/// Documents are tokenized in chunks that share one dictionary of word forms.
const CHUNK: usize = 64;
/// Pair and unigram lists are regrouped in this many ranges of variant ids.
const PARTITIONS: usize = 2;

/// A chunk of documents: its distinct word forms and each document's token sequence as
/// indexes into them (with [`GAP`] between title and body).
struct ChunkTokens<'a> {
    forms: Vec<&'a str>,
    seqs: Vec<Vec<u32>>,
}

fn tokenize_chunk<'a>(docs: &'a [(Cow<'a, str>, Cow<'a, str>)]) -> ChunkTokens<'a> {
    let mut local: FxMap<&'a str, u32> = FxMap::default();
    let mut forms: Vec<&'a str> = Vec::new();
    let mut seqs = Vec::with_capacity(docs.len());
    for (title, text) in docs {
        let mut seq = Vec::with_capacity(text.len() / 5 + 16);
        let mut push = |w: &'a str, seq: &mut Vec<u32>| {
            let id = *local.entry(w).or_insert_with(|| {
                forms.push(w);
                (forms.len() - 1) as u32
            });
            seq.push(id);
        };
        for w in word_slices(title) {
            push(w, &mut seq);
        }
        seq.push(GAP);
        for w in word_slices(text) {
            push(w, &mut seq);
        }
        seqs.push(seq);
    }
    ChunkTokens { forms, seqs }
}

/// Word form → variant id, shared by the chunks (each form is keyed once per build).
#[derive(Default)]
struct Interner {
    forms: FxMap<String, u32>,
    variant_ids: FxMap<String, u32>,
    /// (variant, folded) by provisional id.
    variants: Vec<(String, String)>,
}

impl Interner {
    /// The provisional variant ids of `forms`, keying the new ones outside the lock.
    fn resolve(me: &std::sync::Mutex<Interner>, forms: &[&str]) -> Vec<u32> {
        let mut ids = vec![u32::MAX; forms.len()];
        let mut missing = Vec::new();
        {
            let guard = me.lock().unwrap_or_else(|e| e.into_inner());
            for (i, f) in forms.iter().enumerate() {
                match guard.forms.get(*f) {
                    Some(&id) => ids[i] = id,
                    None => missing.push(i),
                }
            }
        }
        if missing.is_empty() {
            return ids;
        }
        let terms: Vec<Term> = missing.iter().map(|&i| Term::of(forms[i])).collect();
        let mut guard = me.lock().unwrap_or_else(|e| e.into_inner());
        let g = &mut *guard;
        for (&i, t) in missing.iter().zip(terms) {
            let next = g.variants.len() as u32;
            let id = *g.variant_ids.entry(t.variant.clone()).or_insert(next);
            if id == next {
                g.variants.push((t.variant, t.folded));
            }
            g.forms.insert(forms[i].to_string(), id);
            ids[i] = id;
        }
        ids
    }
}

/// One term ready to encode: its sort key, and postings.
struct TermPostings {
    /// (fold rank of first, 0 for a syllable / 1 for a pair, fold rank of second, first
    /// variant, second variant): the order of the key strings.
    order: (u32, u32, u32, u32, u32),
    postings: Vec<Posting>,
}

/// What the client shows of a result (an element of a `search/f/<n>.bin` array).
#[derive(serde::Serialize)]
struct Fragment<'a> {
    url: String,
    title: &'a str,
    section: &'a str,
    date: Option<String>,
    kind: &'static str,
    text: &'a str,
}

/// Builds the index files for `docs` (already in id order). `facets` names the filters;
/// each document has one list of values per filter, in the same order.
pub fn build(
    docs: &[Document<'_>],
    facets: &[String],
    base_path: &str,
) -> (Vec<OutputFile>, IndexStats) {
    let ndocs = docs.len() as u32;
    // Content is NFC already; a word that is not (an entity for a combining mark, say) is
    // normalized when it is keyed (`Term::of`).
    let texts: Vec<(Cow<'_, str>, Cow<'_, str>)> = docs
        .iter()
        .map(|d| (Cow::Borrowed(d.title), Cow::Borrowed(d.text)))
        .collect();
    // Tokenize by chunks; key every distinct word form once.
    let interner = std::sync::Mutex::new(Interner::default());
    let chunks: Vec<(ChunkTokens<'_>, Vec<u32>)> = texts
        .par_chunks(CHUNK)
        .map(|c| {
            let t = tokenize_chunk(c);
            let ids = Interner::resolve(&interner, &t.forms);
            (t, ids)
        })
        .collect();
    let interner = interner.into_inner().unwrap_or_else(|e| e.into_inner());

    // Variant ids in (folded, variant) order, so id ranges follow key order.
    let variants_provisional = interner.variants;
    let mut order: Vec<u32> = (0..variants_provisional.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| {
        let (va, fa) = &variants_provisional[a as usize];
        let (vb, fb) = &variants_provisional[b as usize];
        fa.cmp(fb).then_with(|| va.cmp(vb))
    });
    let mut rank = vec![0u32; order.len()];
    for (r, &p) in order.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    let variants: Vec<(String, String)> = {
        let mut slots: Vec<Option<(String, String)>> =
            variants_provisional.into_iter().map(Some).collect();
        order
            .iter()
            .map(|&p| slots[p as usize].take().unwrap_or_default())
            .collect()
    };
    let mut fold_rank = vec![0u32; variants.len()];
    for i in 1..variants.len() {
        fold_rank[i] = fold_rank[i - 1] + u32::from(variants[i].1 != variants[i - 1].1);
    }

    // Each document's tokens as ranked variant ids, GAP between title and body.
    let seqs: Vec<Vec<u32>> = chunks
        .par_iter()
        .flat_map_iter(|(t, ids)| {
            let to_variant: Vec<u32> = ids.iter().map(|&p| rank[p as usize]).collect();
            t.seqs
                .iter()
                .map(move |seq| {
                    seq.iter()
                        .map(|&f| {
                            if f == GAP {
                                GAP
                            } else {
                                to_variant[f as usize]
                            }
                        })
                        .collect::<Vec<u32>>()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    drop(chunks);
    let lens: Vec<u32> = seqs
        .iter()
        .map(|s| s.len().saturating_sub(1) as u32)
        .collect();

    // Regroup by term. Each partition owns a range of (first) variant ids, balanced by
    // occurrences, and scans every document in order, so posting lists come out sorted.
    let nv = variants.len();
    let freq: Vec<u64> = seqs
        .par_iter()
        .fold(
            || vec![0u64; nv],
            |mut f, seq| {
                for &v in seq {
                    if v != GAP {
                        f[v as usize] += 1;
                    }
                }
                f
            },
        )
        .reduce(
            || vec![0u64; nv],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                a
            },
        );
    let total: u64 = freq.iter().sum();
    let mut bounds: Vec<u32> = vec![0];
    let mut acc = 0u64;
    for (v, &f) in freq.iter().enumerate() {
        acc += f;
        if acc * PARTITIONS as u64 >= total * bounds.len() as u64 && bounds.len() < PARTITIONS {
            bounds.push(v as u32 + 1);
        }
    }
    bounds.push(nv as u32);
    bounds.dedup();
    let mut all: Vec<TermPostings> = bounds
        .par_windows(2)
        .flat_map_iter(|w| {
            let (lo, hi) = (w[0], w[1]);
            let width = (hi - lo) as usize;
            let mut uni: Vec<Vec<Posting>> = vec![Vec::new(); width];
            let mut pairs: Vec<Vec<(u32, u32, bool)>> = vec![Vec::new(); width]; // (second, doc, title)
            for (doc, seq) in seqs.iter().enumerate() {
                let doc = doc as u32;
                let mut in_title = true;
                let mut prev = GAP;
                for &v in seq {
                    if v == GAP {
                        in_title = false;
                        prev = GAP;
                        continue;
                    }
                    if v >= lo && v < hi {
                        let list = &mut uni[(v - lo) as usize];
                        match list.last_mut() {
                            Some(p) if p.doc == doc => {
                                p.tf += 1;
                                p.in_title |= in_title;
                            }
                            _ => list.push(Posting {
                                doc,
                                tf: 1,
                                in_title,
                            }),
                        }
                    }
                    if prev != GAP && prev >= lo && prev < hi {
                        pairs[(prev - lo) as usize].push((v, doc, in_title));
                    }
                    prev = v;
                }
            }
            let mut out = Vec::new();
            for (i, list) in uni.into_iter().enumerate() {
                if !list.is_empty() {
                    let v = lo + i as u32;
                    out.push(TermPostings {
                        order: (fold_rank[v as usize], 0, 0, v, 0),
                        postings: list,
                    });
                }
            }
            // Counting sort of each list by second variant: stable, so documents stay in order.
            let mut count = vec![0u32; nv];
            let mut sorted: Vec<(u32, u32, bool)> = Vec::new();
            for (i, list) in pairs.into_iter().enumerate() {
                let first = lo + i as u32;
                let mut distinct: Vec<u32> = Vec::new();
                for e in &list {
                    if count[e.0 as usize] == 0 {
                        distinct.push(e.0);
                    }
                    count[e.0 as usize] += 1;
                }
                distinct.sort_unstable();
                let mut off = 0;
                for &s in &distinct {
                    let c = count[s as usize];
                    count[s as usize] = off;
                    off += c;
                }
                sorted.clear();
                sorted.resize(list.len(), (0, 0, false));
                for e in &list {
                    let o = &mut count[e.0 as usize];
                    sorted[*o as usize] = *e;
                    *o += 1;
                }
                for &s in &distinct {
                    count[s as usize] = 0;
                }
                let list = &sorted;
                let mut j = 0;
                while j < list.len() {
                    let second = list[j].0;
                    let mut postings: Vec<Posting> = Vec::new();
                    while j < list.len() && list[j].0 == second {
                        let (_, doc, title) = list[j];
                        match postings.last_mut() {
                            Some(p) if p.doc == doc => {
                                p.tf += 1;
                                p.in_title |= title;
                            }
                            _ => postings.push(Posting {
                                doc,
                                tf: 1,
                                in_title: title,
                            }),
                        }
                        j += 1;
                    }
                    out.push(TermPostings {
                        order: (
                            fold_rank[first as usize],
                            1,
                            fold_rank[second as usize],
                            first,
                            second,
                        ),
                        postings,
                    });
                }
            }
            out
        })
        .collect();
    all.par_sort_unstable_by_key(|t| t.order);
    let key_of = |t: &TermPostings| -> String {
        let (_, kind, _, a, b) = t.order;
        if kind == 0 {
            variants[a as usize].1.clone()
        } else {
            format!("{} {}", variants[a as usize].1, variants[b as usize].1)
        }
    };
    let variant_of = |t: &TermPostings| -> String {
        let (_, kind, _, a, b) = t.order;
        if kind == 0 {
            variants[a as usize].0.clone()
        } else {
            format!("{} {}", variants[a as usize].0, variants[b as usize].0)
        }
    };

    // Encode every term, then cut the key sequence into shards.
    let keys: Vec<String> = all.par_iter().map(key_of).collect();
    let encoded: Vec<Vec<u8>> = all
        .par_iter()
        .map(|t| {
            let (mode, block) = encode_postings(&t.postings, ndocs);
            let variant = variant_of(t);
            let mut out = Vec::with_capacity(block.len() + variant.len() + 8);
            put_str(&mut out, &variant);
            put_varint(&mut out, t.postings.len() as u64);
            put_varint(&mut out, ((block.len() as u64) << 1) | u64::from(mode));
            out.extend_from_slice(&block);
            out
        })
        .collect();

    let mut stats = IndexStats {
        documents: docs.len(),
        terms: all.len(),
        ..IndexStats::default()
    };
    // Key ranges: [start, end) of terms sharing a key.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j] == keys[i] {
            j += 1;
        }
        ranges.push((i, j));
        i = j;
    }
    stats.keys = ranges.len();
    // Cut into shards of about SHARD_TARGET bytes.
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // ranges of `ranges`
    let (mut first, mut size) = (0, 0);
    for (r, &(a, b)) in ranges.iter().enumerate() {
        size += keys[a].len() + 4 + encoded[a..b].iter().map(Vec::len).sum::<usize>();
        if size >= SHARD_TARGET {
            cuts.push((first, r + 1));
            first = r + 1;
            size = 0;
        }
    }
    if first < ranges.len() {
        cuts.push((first, ranges.len()));
    }
    let shards: Vec<(String, Vec<u8>)> = cuts
        .par_iter()
        .map(|&(r0, r1)| {
            let mut out = vec![FORMAT];
            put_varint(&mut out, (r1 - r0) as u64);
            let mut prev: &str = "";
            for &(a, b) in &ranges[r0..r1] {
                let key = keys[a].as_str();
                let mut shared = prev
                    .bytes()
                    .zip(key.bytes())
                    .take_while(|(x, y)| x == y)
                    .count();
                while !key.is_char_boundary(shared) {
                    shared -= 1;
                }
                put_varint(&mut out, shared as u64);
                put_str(&mut out, &key[shared..]);
                put_varint(&mut out, (b - a) as u64);
                for e in &encoded[a..b] {
                    out.extend_from_slice(e);
                }
                prev = key;
            }
            // The shard table needs only the shortest prefix of the first key that sorts
            // after the previous shard's last key.
            let start = if r0 == 0 {
                String::new()
            } else {
                let last = keys[ranges[r0 - 1].0].as_str();
                separator(last, &keys[ranges[r0].0]).to_string()
            };
            (start, out)
        })
        .collect();
    let mut files = Vec::new();
    // The shard table: first keys joined by newlines, and 8 hex digits of hash per shard
    // (shard n is `s/<n>.<hash>.bin`).
    let mut shard_keys: Vec<String> = Vec::new();
    let mut shard_hashes = String::new();
    for (n, (first, bytes)) in shards.into_iter().enumerate() {
        let hash = format!("{:08x}", fnv1a(&bytes) as u32);
        shard_keys.push(first);
        stats.index_bytes += bytes.len();
        files.push(OutputFile {
            path: format!("search/s/{n}.{hash}.bin"),
            bytes,
        });
        shard_hashes.push_str(&hash);
    }
    let shard_table = shard_keys;
    stats.shards = shard_table.len();

    // Filters: document ids per value.
    let (facet_bytes, filters) = encode_facets(docs, facets, ndocs);
    let facets_name = format!("facets.{:08x}.bin", fnv1a(&facet_bytes) as u32);
    stats.index_bytes += facet_bytes.len();
    files.push(OutputFile {
        path: format!("search/{facets_name}"),
        bytes: facet_bytes,
    });

    // Fragments in bundles of FRAGMENT_BUNDLE consecutive documents (half the files to
    // write for a few KB more per result shown), and a version over all of them for cache
    // busting.
    let fragments: Vec<OutputFile> = docs
        .par_chunks(FRAGMENT_BUNDLE)
        .zip(texts.par_chunks(FRAGMENT_BUNDLE))
        .enumerate()
        .map(|(n, (ds, ts))| {
            let bundle: Vec<Fragment<'_>> = ds
                .iter()
                .zip(ts)
                .map(|(d, (title, text))| Fragment {
                    url: format!("{base_path}{}", d.path),
                    title,
                    section: d.section_title,
                    date: d.date.map(|x| x.iso()),
                    kind: d.kind.as_str(),
                    text,
                })
                .collect();
            OutputFile {
                path: format!("search/f/{n}.bin"),
                bytes: gzip(&serde_json::to_vec(&bundle).unwrap_or_default()),
            }
        })
        .collect();
    let mut version_bytes = Vec::with_capacity(fragments.len() * 8);
    for f in &fragments {
        stats.fragment_bytes += f.bytes.len();
        version_bytes.extend_from_slice(&fnv1a(&f.bytes).to_le_bytes());
    }
    version_bytes.extend_from_slice(&fnv1a(facets_name.as_bytes()).to_le_bytes());

    let total_len: u64 = lens.iter().map(|&l| u64::from(l)).sum();
    let norms: Vec<u8> = lens.iter().map(|&l| quantize_len(l)).collect();
    let meta = json!({
        "format": FORMAT,
        "engine": "trang",
        "docs": ndocs,
        "avg_len": if ndocs == 0 { 0.0 } else { total_len as f64 / f64::from(ndocs) },
        "version": format!("{:016x}", fnv1a(&version_bytes)),
        "fragment_bundle": FRAGMENT_BUNDLE,
        "norms": super::encode::base64(&norms),
        "shard_keys": shard_table.join("\n"),
        "shard_hashes": shard_hashes,
        "facets": facets_name,
        "filters": filters,
    });
    let meta_bytes = serde_json::to_vec(&meta).unwrap_or_default();
    stats.index_bytes += meta_bytes.len();
    files.push(OutputFile {
        path: "search/meta.json".into(),
        bytes: meta_bytes,
    });
    files.extend(fragments);
    (files, stats)
}

/// The shortest prefix of `next` (whole characters) that sorts after `last` (`last < next`).
fn separator<'a>(last: &str, next: &'a str) -> &'a str {
    for (i, c) in next.char_indices() {
        let end = i + c.len_utf8();
        if &next[..end] > last {
            return &next[..end];
        }
    }
    next
}

/// Gzip at the fastest level: text fragments shrink about threefold, for the disk and for
/// the visitor (`search.js` inflates them with `DecompressionStream`).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// A document length in one byte, on a log scale (steps of about 9%).
pub fn quantize_len(len: u32) -> u8 {
    (8.0 * f64::from(len).ln_1p() / std::f64::consts::LN_2)
        .round()
        .min(255.0) as u8
}

/// Inverse of [`quantize_len`] (approximately).
pub fn dequantize_len(q: u8) -> f64 {
    (f64::from(q) / 8.0).exp2() - 1.0
}

/// The facets file and the filter list of meta.json.
///
/// File: varint number of filters; per filter its name and number of values; per value the
/// value, its document count, `(byte length << 1) | mode` and the ids ([`encode_ids`]).
fn encode_facets(docs: &[Document<'_>], facets: &[String], ndocs: u32) -> (Vec<u8>, Value) {
    let mut names: Vec<&str> = vec!["section", "kind", "year"];
    names.extend(facets.iter().map(String::as_str));
    let mut out = Vec::new();
    put_varint(&mut out, names.len() as u64);
    let mut filters = Vec::new();
    for (f, name) in names.iter().enumerate() {
        // value → (label, docs)
        let mut values: std::collections::BTreeMap<String, (String, Vec<u32>)> = Default::default();
        for (id, d) in docs.iter().enumerate() {
            let vals: Vec<(String, String)> = match f {
                0 => vec![(d.section_path.to_string(), d.section_title.to_string())],
                1 => vec![(d.kind.as_str().to_string(), d.kind.as_str().to_string())],
                2 => d
                    .date
                    .map(|x| (x.year.to_string(), x.year.to_string()))
                    .into_iter()
                    .collect(),
                _ => d.facets.get(f - 3).map_or_else(Vec::new, |v| {
                    v.iter().map(|s| (s.clone(), s.clone())).collect()
                }),
            };
            for (value, label) in vals {
                let e = values.entry(value).or_insert_with(|| (label, Vec::new()));
                if e.1.last() != Some(&(id as u32)) {
                    e.1.push(id as u32);
                }
            }
        }
        put_str(&mut out, name);
        put_varint(&mut out, values.len() as u64);
        let mut listed = Vec::new();
        for (value, (label, ids)) in &values {
            put_str(&mut out, value);
            put_varint(&mut out, ids.len() as u64);
            let mut block = Vec::new();
            let mode = encode_ids(ids, ndocs, &mut block);
            put_varint(&mut out, ((block.len() as u64) << 1) | u64::from(mode));
            out.extend_from_slice(&block);
            listed.push(json!([value, label, ids.len()]));
        }
        filters.push(json!({"name": name, "values": listed}));
    }
    (out, Value::Array(filters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_quantize_within_ten_percent() {
        for len in [1u32, 10, 300, 1_500, 100_000] {
            let back = dequantize_len(quantize_len(len));
            assert!(
                (back - f64::from(len)).abs() <= f64::from(len) * 0.1,
                "{len} → {back}"
            );
        }
        assert_eq!(quantize_len(0), 0);
    }

    #[test]
    fn separators_are_short_and_between() {
        assert_eq!(separator("thong", "thong tin"), "thong ");
        assert_eq!(separator("an", "ban"), "b");
        assert_eq!(separator("đa", "đo"), "đo");
        assert_eq!(separator("a", "ă"), "ă");
    }

    #[test]
    fn pairs_do_not_span_title_and_body() {
        let texts = vec![(Cow::Borrowed("Hòa bình"), Cow::Borrowed("bình an"))];
        let t = tokenize_chunk(&texts);
        assert_eq!(t.forms, ["Hòa", "bình", "an"]);
        assert_eq!(t.seqs, vec![vec![0, 1, GAP, 1, 2]]);
    }
}

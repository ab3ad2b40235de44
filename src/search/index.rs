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
//! * `search/f/<n>.json`: per document its URL, title, section, date and plain text for the
//!   excerpt, two documents a file ([`FRAGMENT_BUNDLE`]), fetched only for the results
//!   shown. Plain JSON: compressing 65 MB of text took a fifth of the index's time, and a
//!   server set to compress JSON does it anyway.
//!
//! Document ids follow date, newest first, so ties in rank list the newest page first.

use super::analyze::{word_slices, Term};
use super::encode::{encode_ids, encode_packed, push_json_str, put_str, put_varint};
use super::Document;
use crate::render::{fnv1a, OutputFile};
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

/// Shards close once they pass this many bytes.
pub const SHARD_TARGET: usize = 16 * 1024;
/// Documents per fragment file: `search/f/<id / FRAGMENT_BUNDLE>.json` is an array.
pub const FRAGMENT_BUNDLE: usize = 2;
/// The format version written in meta.json and each shard's first byte.
pub const FORMAT: u8 = 2;
/// Marks the gap between title and body in a tokenizer's sequence: no pair spans it.
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

/// A hash of a file's contents for the names and the version that bust caches: four [`Fx`]
/// lanes over 32-byte blocks, so the multiplications do not wait on each other. It reads
/// the 60 MB of fragments of a 10,000-page site in a few milliseconds, where a byte-by-byte
/// FNV-1a took over a dozen.
fn content_hash(bytes: &[u8]) -> u64 {
    let mut lanes = [Fx(1), Fx(2), Fx(3), Fx(4)];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            lane.add(u64::from_le_bytes(w));
        }
    }
    let mut h = Fx(bytes.len() as u64);
    for lane in lanes {
        h.add(lane.0);
    }
    h.write(blocks.remainder());
    h.finish()
}

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

/// The runs are merged into shards in this many ranges of first variants, in parallel.
const PARTITIONS: usize = 4;

/// Word form → provisional variant id, shared by the threads: each form is keyed
/// (`Term::of`: NFC, lower case, fold) once per build.
#[derive(Default)]
struct Interner {
    forms: FxMap<String, u32>,
    variant_ids: FxMap<String, u32>,
    /// (variant, folded) by provisional id.
    variants: Vec<(String, String)>,
}

impl Interner {
    /// The provisional id of `form`, keyed outside the lock when it is new.
    fn id(me: &Mutex<Interner>, form: &str) -> u32 {
        if let Some(&id) = me.lock().unwrap_or_else(|e| e.into_inner()).forms.get(form) {
            return id;
        }
        let t = Term::of(form);
        let mut guard = me.lock().unwrap_or_else(|e| e.into_inner());
        let g = &mut *guard;
        let next = g.variants.len() as u32;
        let id = *g.variant_ids.entry(t.variant.clone()).or_insert(next);
        if id == next {
            g.variants.push((t.variant, t.folded));
        }
        g.forms.insert(form.to_string(), id);
        id
    }
}

/// Word form → id, the map tokenizing looks up for every word of the site. Forms of up to
/// 15 bytes (nearly every Vietnamese syllable: "trường" is 9) are one 16-byte key, their
/// bytes then their length, in an open-addressing table: one multiply and one compare
/// instead of hashing and comparing strings byte by byte. Longer forms go to a hash map.
struct FormMap<'a> {
    /// Keys by slot; 0 is an empty slot (a key's length byte is never 0).
    keys: Vec<u128>,
    ids: Vec<u32>,
    /// Slots in use.
    used: usize,
    long: FxMap<&'a str, u32>,
}

impl<'a> FormMap<'a> {
    const FIRST_SLOTS: usize = 1 << 12;
    /// The mask of a form's bytes in a 16-byte key, by its length (a load, where shifting a
    /// `u128` takes a few instructions and a branch).
    const MASKS: [u128; 16] = {
        let mut m = [0u128; 16];
        let mut len = 0;
        while len < 16 {
            m[len] = (1u128 << (8 * len)) - 1;
            len += 1;
        }
        m
    };

    fn new() -> Self {
        FormMap {
            keys: vec![0; Self::FIRST_SLOTS],
            ids: vec![0; Self::FIRST_SLOTS],
            used: 0,
            long: FxMap::default(),
        }
    }

    /// The key of a form of at most 15 bytes. `w` lies in `text`: when 16 bytes follow its
    /// start there, they are read at once and the bytes past the form masked off.
    #[inline]
    fn key(text: &str, w: &str) -> Option<u128> {
        let len = w.len();
        if len > 15 {
            return None;
        }
        let start = (w.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
        let bytes = match text.as_bytes().get(start..start + 16) {
            Some(window) => {
                let mut k = [0u8; 16];
                k.copy_from_slice(window);
                u128::from_le_bytes(k) & Self::MASKS[len]
            }
            None => {
                let mut k = [0u8; 16];
                k[..len].copy_from_slice(w.as_bytes());
                u128::from_le_bytes(k)
            }
        };
        Some(bytes | (len as u128) << 120)
    }

    /// The slot where the search for `key` starts (Fibonacci hashing of both halves).
    #[inline]
    fn home(&self, key: u128) -> usize {
        let h =
            (key as u64 ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - self.keys.len().trailing_zeros())) as usize
    }

    #[inline]
    fn get(&self, text: &str, w: &str) -> Option<u32> {
        let Some(key) = Self::key(text, w) else {
            return self.long.get(w).copied();
        };
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        loop {
            match self.keys[i] {
                k if k == key => return Some(self.ids[i]),
                0 => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Adds `w` (which lies in `text`), which is not in the map.
    fn insert(&mut self, text: &str, w: &'a str, id: u32) {
        let Some(key) = Self::key(text, w) else {
            self.long.insert(w, id);
            return;
        };
        if (self.used + 1) * 2 > self.keys.len() {
            let slots = self.keys.len() * 2;
            let old_keys = std::mem::replace(&mut self.keys, vec![0; slots]);
            let old_ids = std::mem::replace(&mut self.ids, vec![0; slots]);
            for (k, id) in old_keys.into_iter().zip(old_ids) {
                if k != 0 {
                    self.put(k, id);
                }
            }
        }
        self.put(key, id);
        self.used += 1;
    }

    fn put(&mut self, key: u128, id: u32) {
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        while self.keys[i] != 0 {
            i = (i + 1) & mask;
        }
        self.keys[i] = key;
        self.ids[i] = id;
    }
}

/// Turns documents into token sequences of provisional variant ids, [`GAP`] between title
/// and body. One per thread: its map of the forms it has met spares the shared interner's
/// lock for all but the first occurrence of each form.
struct Tokenizer<'a, 'i> {
    interner: &'i Mutex<Interner>,
    local: FormMap<'a>,
}

impl<'a, 'i> Tokenizer<'a, 'i> {
    fn new(interner: &'i Mutex<Interner>) -> Self {
        Tokenizer {
            interner,
            local: FormMap::new(),
        }
    }

    /// Appends the document's tokens (title, [`GAP`], body) to `tokens`.
    fn doc(&mut self, title: &'a str, text: &'a str, tokens: &mut Vec<u32>) {
        for w in word_slices(title) {
            tokens.push(self.id(title, w));
        }
        tokens.push(GAP);
        for w in word_slices(text) {
            tokens.push(self.id(text, w));
        }
    }

    /// The id of `w`, a word of `text`.
    #[inline]
    fn id(&mut self, text: &'a str, w: &'a str) -> u32 {
        match self.local.get(text, w) {
            Some(id) => id,
            None => {
                let id = Interner::id(self.interner, w);
                self.local.insert(text, w, id);
                id
            }
        }
    }
}

/// About this many bytes of text make a chunk of documents, tokenized and sorted into one
/// [`Run`]: some 250,000 tokens, whose occurrences (8 bytes a pair, 4 a syllable) then sort
/// in the processor's cache, and a site of 10,000 pages makes a few dozen runs.
const CHUNK_BYTES: usize = 3 << 19;

/// Documents a run may hold: a posting of a run is `doc << 4 | nibble` in 16 bits, its
/// document relative to the run's first.
const RUN_DOCS: usize = 1 << 12;

/// The postings of a chunk of consecutive documents, grouped by term. For each first
/// variant present, its syllable postings, then the postings of each pair it starts, one
/// after another in `postings`. A posting is `doc << 4 | nibble` ([`Posting::nibble`]), the
/// document relative to `start`: fixed width, so the merge copies them with one addition
/// instead of decoding varints. Variants and pairs are in the order the chunk met them
/// (the merge orders the terms); [`Run::rank`] then orders the index by rank.
struct Run {
    /// The chunk's first document.
    start: u32,
    /// By first variant present.
    index: Vec<RunEntry>,
    postings: Vec<u16>,
    /// The pairs of each first variant: (second variant, end of its postings).
    pairs: Vec<(u32, u32)>,
}

/// A first variant of a [`Run`].
#[derive(Clone, Copy)]
struct RunEntry {
    variant: u32,
    /// Its occurrences as a syllable and as the first of a pair (the partitions' weight).
    weight: u32,
    /// Its syllable postings: `postings[syllables.0..syllables.1]`; its first pair's start
    /// there.
    syllables: (u32, u32),
    /// Its pairs: `pairs[pairs.0..pairs.1]`.
    pairs: (u32, u32),
}

impl Run {
    /// Renames the run's variants (provisional ids, as tokenizing met them) by `rank`, and
    /// puts its index in their order.
    fn rank(&mut self, rank: &[u32]) {
        for e in &mut self.index {
            e.variant = rank[e.variant as usize];
        }
        self.index.sort_unstable_by_key(|e| e.variant);
        for pair in &mut self.pairs {
            pair.0 = rank[pair.0 as usize];
        }
    }

    /// The pairs of `e`: (second variant, its postings).
    fn pairs_of(&self, e: &RunEntry) -> impl Iterator<Item = (u32, &[u16])> {
        let mut start = e.syllables.1 as usize;
        self.pairs[e.pairs.0 as usize..e.pairs.1 as usize]
            .iter()
            .map(move |&(second, end)| {
                let list = &self.postings[start..end as usize];
                start = end as usize;
                (second, list)
            })
    }
}

/// Values reused by the parallel tasks of one stage. Rayon's `map_init` makes a value for
/// each split of the work (18 for the 38 chunks of a 10,000-page site), and a new one is
/// fresh memory, which costs more to touch (the kernel zeroes it) than the work done in it:
/// [`Pool::get`] hands out a value made before when one is free.
struct Pool<T> {
    free: Mutex<Vec<T>>,
}

/// A value of a [`Pool`], back in the pool when dropped.
struct Pooled<'p, T> {
    value: Option<T>,
    pool: &'p Pool<T>,
}

impl<T> Pool<T> {
    fn new() -> Self {
        Pool {
            free: Mutex::new(Vec::new()),
        }
    }

    fn get(&self, make: impl FnOnce() -> T) -> Pooled<'_, T> {
        let reused = self.free.lock().unwrap_or_else(|e| e.into_inner()).pop();
        Pooled {
            value: Some(reused.unwrap_or_else(make)),
            pool: self,
        }
    }
}

impl<T> std::ops::Deref for Pooled<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.value.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl<T> std::ops::DerefMut for Pooled<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        self.value.as_mut().unwrap_or_else(|| unreachable!())
    }
}

impl<T> Drop for Pooled<'_, T> {
    fn drop(&mut self) {
        if let Some(v) = self.value.take() {
            self.pool
                .free
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(v);
        }
    }
}

/// A thread's working memory for making runs, reused from chunk to chunk.
#[derive(Default)]
struct RunScratch {
    /// Per variant: occurrences as a syllable, then the offset where they go.
    syllable_at: Vec<u32>,
    /// Per variant: occurrences as the first of a pair, then the offset where they go.
    pair_at: Vec<u32>,
    /// Per variant, while grouping one first variant's pairs by second.
    second_at: Vec<u32>,
    /// The variants of the chunk.
    present: Vec<u32>,
    /// The seconds of one first variant.
    seconds: Vec<u32>,
    /// Syllable occurrences: `doc << 1 | in_title`, documents relative to the chunk.
    syllables: Vec<u32>,
    /// Pair occurrences: `second << 32 | doc << 1 | in_title`.
    pairs: Vec<u64>,
    /// One first variant's pair occurrences, grouped by second.
    sorted: Vec<u64>,
}

impl RunScratch {
    /// Makes the per-variant arrays hold `nv` variants (the interner grows as chunks are
    /// tokenized); the new entries are zero, as the arrays are between chunks.
    fn fit(&mut self, nv: usize) {
        if self.syllable_at.len() < nv {
            for at in [
                &mut self.syllable_at,
                &mut self.pair_at,
                &mut self.second_at,
            ] {
                at.resize(nv, 0);
            }
        }
    }
}

/// Turns the counts in `at` of `keys` (distinct, in the order wanted) into the offsets where
/// each key's items start, as a counting sort places them; returns the total.
fn counts_to_offsets(keys: &[u32], at: &mut [u32]) -> u32 {
    let mut total = 0;
    for &k in keys {
        let n = at[k as usize];
        at[k as usize] = total;
        total += n;
    }
    total
}

/// Appends occurrences of one term (`… doc << 1 | in_title`, documents ascending, relative
/// to the chunk, below [`RUN_DOCS`]) to `out` as postings (`doc << 4 | nibble`).
fn put_postings(mut occurrences: impl Iterator<Item = u32>, out: &mut Vec<u16>) {
    let posting = |o: u32| ((o >> 1) as u16) << 4 | 1 | ((o as u16 & 1) << 3);
    let Some(first) = occurrences.next() else {
        return;
    };
    // The posting being counted, kept out of memory until the next document's.
    let mut open = posting(first);
    for o in occurrences {
        let next = posting(o);
        if next >> 4 == open >> 4 {
            let tf = open & 7;
            open = (open & !7) | (tf + u16::from(tf < 7)) | (next & 8);
        } else {
            out.push(open);
            open = next;
        }
    }
    out.push(open);
}

/// Appends `postings` of a run starting at document `start` to `out`, as
/// `doc << 4 | nibble` with the document absolute.
fn extend_postings(out: &mut Vec<u32>, postings: &[u16], start: u32) {
    let base = start << 4;
    out.extend(postings.iter().map(|&p| base + u32::from(p)));
}

/// The shards of one partition (a range of first variants, so a range of keys).
struct PartShards {
    shards: Vec<Shard>,
    keys: usize,
    terms: usize,
}

/// One shard file: its bytes and the keys it starts and ends with (for the shard table).
struct Shard {
    first_key: String,
    last_key: String,
    /// How many keys `entries` holds.
    keys: usize,
    /// [`HEADER_ROOM`] bytes kept for the shard header, then the keys and their terms. The
    /// first key is written whole (no prefix shared with a previous key), so shards can be
    /// joined.
    entries: Vec<u8>,
}

/// Bytes left at the start of a shard's entries for its header (the format byte and the
/// key count, a varint of at most three bytes for the keys a shard holds), so the file is
/// made in place instead of copied.
const HEADER_ROOM: usize = 4;

impl Shard {
    /// An empty buffer of entries: the room for the header, and capacity for a shard.
    fn buffer() -> Vec<u8> {
        let mut entries = Vec::with_capacity(SHARD_TARGET + SHARD_TARGET / 2);
        entries.resize(HEADER_ROOM, 0);
        entries
    }

    /// The bytes of the keys and terms.
    fn len(&self) -> usize {
        self.entries.len() - HEADER_ROOM
    }

    /// The shard file: format byte, key count, entries.
    fn into_bytes(self) -> Vec<u8> {
        let mut header = vec![FORMAT];
        put_varint(&mut header, self.keys as u64);
        let mut bytes = self.entries;
        match HEADER_ROOM.checked_sub(header.len()) {
            Some(start) => {
                bytes[start..HEADER_ROOM].copy_from_slice(&header);
                bytes.drain(..start);
                bytes
            }
            None => {
                header.extend_from_slice(&bytes[HEADER_ROOM..]);
                header
            }
        }
    }

    /// Appends `next` (whose keys all sort after this shard's).
    fn join(&mut self, next: Shard) {
        self.entries.extend_from_slice(&next.entries[HEADER_ROOM..]);
        self.keys += next.keys;
        self.last_key = next.last_key;
    }
}

/// A term of a partition: its sort key and its encoded bytes in the partition's buffer.
struct TermRecord {
    /// (fold rank of first, 0 for a syllable / 1 for a pair, fold rank of second, first
    /// variant, second variant): the order of the key strings, then of the variants.
    order: (u32, u32, u32, u32, u32),
    start: usize,
    end: usize,
}

/// The variants of the site, ranked in (folded, variant) order.
struct Vocabulary<'a> {
    /// (variant, folded) by ranked id.
    variants: &'a [(String, String)],
    /// The rank of each variant's folded form: equal for variants that fold alike.
    fold_rank: &'a [u32],
    ndocs: u32,
}

impl Vocabulary<'_> {
    /// Splits the variant ids into about `n` ranges with balanced occurrences (as a
    /// syllable and as the first of a pair, summed over the runs), cutting only between
    /// folded forms (a key never spans two partitions). Returns the bounds.
    fn partitions(&self, runs: &[Run], n: usize) -> Vec<u32> {
        let nv = self.variants.len();
        let mut weights = vec![0u64; nv];
        for run in runs {
            for e in &run.index {
                weights[e.variant as usize] += u64::from(e.weight);
            }
        }
        let total: u64 = weights.iter().sum();
        let mut bounds: Vec<u32> = vec![0];
        let mut acc = 0u64;
        for (v, &w) in weights.iter().enumerate() {
            let at_fold_start = v == 0 || self.fold_rank[v] != self.fold_rank[v - 1];
            if at_fold_start && acc * n as u64 >= total * bounds.len() as u64 && bounds.len() < n {
                bounds.push(v as u32);
            }
            acc += w;
        }
        bounds.push(nv as u32);
        bounds.dedup();
        bounds
    }

    /// The shards of the terms whose first variant is in `lo..hi`: the syllables and the
    /// pairs they start. Each term's postings are its runs' joined (runs hold consecutive
    /// documents, in order); terms are encoded into one buffer, sorted by key and cut into
    /// shards of about [`SHARD_TARGET`] bytes.
    fn shards(&self, runs: &[Run], lo: u32, hi: u32, runs_share: usize) -> PartShards {
        let mut at: Vec<usize> = runs
            .iter()
            .map(|r| r.index.partition_point(|e| e.variant < lo))
            .collect();
        // The runs that hold the first variant, with its entry in each.
        let mut holders: Vec<(&Run, RunEntry)> = Vec::new();
        let mut second_at = vec![0u32; self.variants.len()];
        let mut seconds: Vec<u32> = Vec::new();
        let mut pair_postings: Vec<u32> = Vec::new();

        // About the partition's share of the runs, which are about the size of the index.
        let mut buf: Vec<u8> = Vec::with_capacity(runs_share);
        let mut records: Vec<TermRecord> = Vec::new();
        let mut postings: Vec<u32> = Vec::new();
        let mut block: Vec<u8> = Vec::new();
        let mut variant = String::new();
        let mut encode = |order, variant: &str, postings: &[u32], buf: &mut Vec<u8>| {
            let start = buf.len();
            block.clear();
            let mode = encode_packed(postings, self.ndocs, &mut block);
            put_str(buf, variant);
            put_varint(buf, postings.len() as u64);
            put_varint(buf, ((block.len() as u64) << 1) | u64::from(mode));
            buf.extend_from_slice(&block);
            records.push(TermRecord {
                order,
                start,
                end: buf.len(),
            });
        };
        for first in lo..hi {
            let first_rank = self.fold_rank[first as usize];
            let first_variant = &self.variants[first as usize].0;
            // The syllable.
            postings.clear();
            holders.clear();
            for (r, run) in runs.iter().enumerate() {
                match run.index.get(at[r]) {
                    Some(e) if e.variant == first => {
                        at[r] += 1;
                        let (from, to) = e.syllables;
                        extend_postings(
                            &mut postings,
                            &run.postings[from as usize..to as usize],
                            run.start,
                        );
                        holders.push((run, *e));
                    }
                    _ => {}
                }
            }
            if postings.is_empty() {
                continue;
            }
            encode(
                (first_rank, 0, 0, first, 0),
                first_variant,
                &postings,
                &mut buf,
            );
            // The pairs: count each second's postings over the runs, then place them.
            seconds.clear();
            for (run, e) in &holders {
                for (second, list) in run.pairs_of(e) {
                    if second_at[second as usize] == 0 {
                        seconds.push(second);
                    }
                    second_at[second as usize] += list.len() as u32;
                }
            }
            seconds.sort_unstable();
            let total = counts_to_offsets(&seconds, &mut second_at);
            pair_postings.clear();
            pair_postings.resize(total as usize, 0);
            for (run, e) in &holders {
                let base = run.start << 4;
                for (second, list) in run.pairs_of(e) {
                    let at = &mut second_at[second as usize];
                    let place = &mut pair_postings[*at as usize..*at as usize + list.len()];
                    for (slot, &p) in place.iter_mut().zip(list) {
                        *slot = base + u32::from(p);
                    }
                    *at += list.len() as u32;
                }
            }
            let mut from = 0usize;
            for &second in &seconds {
                let to = second_at[second as usize] as usize;
                second_at[second as usize] = 0;
                variant.clear();
                variant.push_str(first_variant);
                variant.push(' ');
                variant.push_str(&self.variants[second as usize].0);
                encode(
                    (
                        first_rank,
                        1,
                        self.fold_rank[second as usize],
                        first,
                        second,
                    ),
                    &variant,
                    &pair_postings[from..to],
                    &mut buf,
                );
                from = to;
            }
        }
        drop((second_at, seconds, pair_postings, holders));
        records.sort_unstable_by_key(|r| r.order);

        // Cut the keys into shards.
        let key_of = |o: (u32, u32, u32, u32, u32), key: &mut String| {
            key.clear();
            key.push_str(&self.variants[o.3 as usize].1);
            if o.1 == 1 {
                key.push(' ');
                key.push_str(&self.variants[o.4 as usize].1);
            }
        };
        let mut out = PartShards {
            shards: Vec::new(),
            keys: 0,
            terms: records.len(),
        };
        let (mut key, mut prev) = (String::new(), String::new());
        let mut shard: Vec<u8> = Shard::buffer();
        let mut shard_keys = 0usize;
        let mut first_key = String::new();
        let mut close = |shard: &mut Vec<u8>, keys: usize, first: &str, last: &str| {
            out.shards.push(Shard {
                first_key: first.to_string(),
                last_key: last.to_string(),
                keys,
                entries: std::mem::replace(shard, Shard::buffer()),
            });
        };
        let mut a = 0;
        while a < records.len() {
            let group = |r: &TermRecord| (r.order.0, r.order.1, r.order.2);
            let b = records[a..]
                .iter()
                .position(|r| group(r) != group(&records[a]))
                .map_or(records.len(), |n| a + n);
            key_of(records[a].order, &mut key);
            if shard_keys == 0 {
                first_key.clone_from(&key);
                prev.clear();
            }
            let mut shared = prev
                .bytes()
                .zip(key.bytes())
                .take_while(|(x, y)| x == y)
                .count();
            while !key.is_char_boundary(shared) {
                shared -= 1;
            }
            put_varint(&mut shard, shared as u64);
            put_str(&mut shard, &key[shared..]);
            put_varint(&mut shard, (b - a) as u64);
            for r in &records[a..b] {
                shard.extend_from_slice(&buf[r.start..r.end]);
            }
            shard_keys += 1;
            out.keys += 1;
            std::mem::swap(&mut prev, &mut key);
            if shard.len() - HEADER_ROOM >= SHARD_TARGET {
                close(&mut shard, shard_keys, &first_key, &prev);
                shard_keys = 0;
            }
            a = b;
        }
        if shard_keys > 0 {
            close(&mut shard, shard_keys, &first_key, &prev);
        }
        out
    }
}

/// Ranks the variants in key order, renames the runs' variants by rank and merges the runs
/// into shards, partition by partition.
fn group(mut runs: Vec<Run>, interner: Interner, ndocs: u32) -> Vec<PartShards> {
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
    runs.par_iter_mut().for_each(|run| run.rank(&rank));

    let vocab = Vocabulary {
        variants: &variants,
        fold_rank: &fold_rank,
        ndocs,
    };
    let parts = vocab.partitions(&runs, PARTITIONS);
    // With a quarter more, as partitions are balanced on occurrences, not on bytes.
    let runs_share = runs.iter().map(|r| r.postings.len() * 2).sum::<usize>() * 5
        / 4
        / parts.len().saturating_sub(1).max(1);
    parts
        .par_windows(2)
        .map(|w| vocab.shards(&runs, w[0], w[1], runs_share))
        .collect()
}

/// Cuts the documents into chunks of about `chunk_bytes` bytes of text ([`CHUNK_BYTES`])
/// and at most [`RUN_DOCS`] documents; returns the bounds.
fn chunk_bounds(docs: &[Document<'_>], chunk_bytes: usize) -> Vec<usize> {
    let mut bounds = vec![0usize];
    let mut bytes = 0;
    for (d, doc) in docs.iter().enumerate() {
        if bytes >= chunk_bytes || d - bounds[bounds.len() - 1] == RUN_DOCS {
            bounds.push(d);
            bytes = 0;
        }
        bytes += doc.title.len() + doc.text.len() + 1;
    }
    bounds.push(docs.len());
    bounds.dedup();
    bounds
}

/// Tokenizes the documents in chunks and sorts each chunk's occurrences into a [`Run`], the
/// chunks in parallel: a chunk's tokens are sorted while they are in the processor's cache,
/// and never kept. Returns the runs (in provisional ids) and each document's length in
/// tokens. Content is NFC already; a word that is not (an entity for a combining mark,
/// say) is normalized when it is keyed (`Term::of`).
fn tokenize_into_runs<'a>(
    docs: &'a [Document<'a>],
    interner: &Mutex<Interner>,
    chunk_bytes: usize,
) -> (Vec<Run>, Vec<u32>) {
    let bounds = chunk_bounds(docs, chunk_bytes);
    let pool = Pool::new();
    let made: Vec<(Run, Vec<u32>)> = bounds
        .par_windows(2)
        .map_init(
            || {
                pool.get(|| {
                    let tokens: (Vec<u32>, Vec<usize>) = Default::default();
                    (Tokenizer::new(interner), tokens, RunScratch::default())
                })
            },
            |scratch, w| {
                let (tokenizer, (tokens, ends), s) = &mut **scratch;
                tokens.clear();
                ends.clear();
                let mut lens = Vec::with_capacity(w[1] - w[0]);
                for d in &docs[w[0]..w[1]] {
                    let start = tokens.len();
                    tokenizer.doc(d.title, d.text, tokens);
                    lens.push((tokens.len() - start - 1) as u32);
                    ends.push(tokens.len());
                }
                let nv = interner
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .variants
                    .len();
                s.fit(nv);
                (run(s, tokens, ends, w[0]), lens)
            },
        )
        .collect();
    let mut runs = Vec::with_capacity(made.len());
    let mut lens = Vec::with_capacity(docs.len());
    for (run, l) in made {
        runs.push(run);
        lens.extend(l);
    }
    (runs, lens)
}

/// The run of a chunk of documents, the first of them `from`: its tokens, documents one
/// after another, each ending in `tokens` where `ends` says. The occurrences are grouped by
/// variant (a counting sort), each first variant's pairs grouped again by second, all
/// written as postings.
fn run(s: &mut RunScratch, tokens: &[u32], ends: &[usize], from: usize) -> Run {
    let docs = || {
        ends.iter().scan(0, |start, &end| {
            Some(&tokens[std::mem::replace(start, end)..end])
        })
    };
    // Count occurrences per variant (every first of a pair is a syllable too).
    s.present.clear();
    for seq in docs() {
        let mut prev = GAP;
        for &t in seq {
            if t != GAP {
                let v = t as usize;
                if s.syllable_at[v] == 0 {
                    s.present.push(t);
                }
                s.syllable_at[v] += 1;
                if prev != GAP {
                    s.pair_at[prev as usize] += 1;
                }
            }
            prev = t;
        }
    }
    let syllables = counts_to_offsets(&s.present, &mut s.syllable_at);
    let pairs = counts_to_offsets(&s.present, &mut s.pair_at);
    // Place them, documents ascending within each variant.
    s.syllables.clear();
    s.syllables.resize(syllables as usize, 0);
    s.pairs.clear();
    s.pairs.resize(pairs as usize, 0);
    for (d, seq) in docs().enumerate() {
        let doc = (d as u32) << 1;
        let mut title = 1u32;
        let mut prev = GAP;
        for &v in seq {
            if v == GAP {
                title = 0;
                prev = v;
                continue;
            }
            let at = &mut s.syllable_at[v as usize];
            s.syllables[*at as usize] = doc | title;
            *at += 1;
            if prev != GAP {
                let at = &mut s.pair_at[prev as usize];
                s.pairs[*at as usize] = u64::from(v) << 32 | u64::from(doc | title);
                *at += 1;
            }
            prev = v;
        }
    }
    // Write each variant's postings; the offsets now end each variant's occurrences.
    // Reserved for every occurrence, the vectors are not grown (and copied to fresh
    // memory) as they are written. Reserved but untouched memory costs nothing.
    let mut run = Run {
        start: from as u32,
        index: Vec::with_capacity(s.present.len()),
        postings: Vec::with_capacity((syllables + pairs) as usize),
        pairs: Vec::new(),
    };
    let (mut syllables_from, mut pairs_from) = (0usize, 0usize);
    let present = std::mem::take(&mut s.present);
    for &v in &present {
        let vi = v as usize;
        let (syllables_to, pairs_to) = (s.syllable_at[vi] as usize, s.pair_at[vi] as usize);
        s.syllable_at[vi] = 0;
        s.pair_at[vi] = 0;
        let at = run.postings.len() as u32;
        put_postings(
            s.syllables[syllables_from..syllables_to].iter().copied(),
            &mut run.postings,
        );
        let syllables_end = run.postings.len() as u32;
        // The pairs: a counting sort by second (grouping, in the order met), stable, so
        // documents stay in order.
        let list = &s.pairs[pairs_from..pairs_to];
        s.seconds.clear();
        for &e in list {
            let second = (e >> 32) as usize;
            if s.second_at[second] == 0 {
                s.seconds.push(second as u32);
            }
            s.second_at[second] += 1;
        }
        counts_to_offsets(&s.seconds, &mut s.second_at);
        s.sorted.clear();
        s.sorted.resize(list.len(), 0);
        for &e in list {
            let at = &mut s.second_at[(e >> 32) as usize];
            s.sorted[*at as usize] = e;
            *at += 1;
        }
        let pairs_start = run.pairs.len() as u32;
        let mut from_at = 0usize;
        for &second in &s.seconds {
            let to_at = s.second_at[second as usize] as usize;
            s.second_at[second as usize] = 0;
            put_postings(
                s.sorted[from_at..to_at].iter().map(|&e| e as u32),
                &mut run.postings,
            );
            run.pairs.push((second, run.postings.len() as u32));
            from_at = to_at;
        }
        run.index.push(RunEntry {
            variant: v,
            weight: ((syllables_to - syllables_from) + (pairs_to - pairs_from)) as u32,
            syllables: (at, syllables_end),
            pairs: (pairs_start, run.pairs.len() as u32),
        });
        syllables_from = syllables_to;
        pairs_from = pairs_to;
    }
    s.present = present;
    run
}

/// Appends what the client shows of a result, an element of a `search/f/<n>.json` array:
/// `{"url","title","section","date","kind","text"}` (date `null` when there is none).
fn put_fragment(out: &mut Vec<u8>, d: &Document<'_>, base_path: &str) {
    out.extend_from_slice(b"{\"url\":");
    push_json_str(out, &format!("{base_path}{}", d.path));
    out.extend_from_slice(b",\"title\":");
    push_json_str(out, d.title);
    out.extend_from_slice(b",\"section\":");
    push_json_str(out, d.section_title);
    out.extend_from_slice(b",\"date\":");
    match d.date {
        Some(date) => push_json_str(out, &date.iso()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"kind\":");
    push_json_str(out, d.kind.as_str());
    out.extend_from_slice(b",\"text\":");
    push_json_str(out, d.text);
    out.push(b'}');
}

/// Builds the index files for `docs` (already in id order) and hands each to `emit` as it is
/// made, so the 65 MB of fragments of a 10,000-page site are never all in memory. `facets`
/// names the filters; each document has one list of values per filter, in the same order.
pub fn build(
    docs: &[Document<'_>],
    facets: &[String],
    base_path: &str,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> IndexStats {
    build_tuned(docs, facets, base_path, emit, Tuning::default())
}

/// How [`build`] works inside, which must not change the index (tests build both ways).
#[derive(Clone, Copy)]
struct Tuning {
    /// Bytes of text per chunk of documents sorted into one run.
    chunk_bytes: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            chunk_bytes: CHUNK_BYTES,
        }
    }
}

/// [`build`], tuned.
fn build_tuned(
    docs: &[Document<'_>],
    facets: &[String],
    base_path: &str,
    emit: &(dyn Fn(OutputFile) + Sync),
    tuning: Tuning,
) -> IndexStats {
    let ndocs = docs.len() as u32;
    // The fragments need only the documents: they are made and written while the index is
    // built, so that either keeps the cores busy where the other leaves one idle (the
    // steps of the index that run on one thread, the ends of its parallel steps).
    let (index, fragments) = rayon::join(
        || build_shards(docs, emit, tuning),
        || write_fragments(docs, base_path, emit),
    );
    let ShardsBuilt {
        mut stats,
        shard_table,
        shard_hashes,
        lens,
    } = index;

    // Filters: document ids per value.
    let (facet_bytes, filters) = encode_facets(docs, facets, ndocs);
    let facets_name = format!("facets.{:08x}.bin", fnv1a(&facet_bytes) as u32);
    stats.index_bytes += facet_bytes.len();
    emit(OutputFile {
        path: format!("search/{facets_name}"),
        bytes: facet_bytes,
    });

    let mut version_bytes = Vec::with_capacity(fragments.len() * 8 + 8);
    for (hash, len) in &fragments {
        stats.fragment_bytes += len;
        version_bytes.extend_from_slice(&hash.to_le_bytes());
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
    emit(OutputFile {
        path: "search/meta.json".into(),
        bytes: meta_bytes,
    });
    stats
}

/// What [`build_shards`] hands to the meta file.
struct ShardsBuilt {
    /// Keys, terms, shards and their bytes.
    stats: IndexStats,
    /// Per shard, the shortest prefix of its first key that sorts after the previous
    /// shard's last key (empty for the first shard).
    shard_table: Vec<String>,
    /// 8 hex digits of hash per shard (shard n is `s/<n>.<hash>.bin`).
    shard_hashes: String,
    /// Each document's length in tokens.
    lens: Vec<u32>,
}

/// Tokenizes the documents, builds the shards and hands them to `emit`.
fn build_shards(
    docs: &[Document<'_>],
    emit: &(dyn Fn(OutputFile) + Sync),
    tuning: Tuning,
) -> ShardsBuilt {
    let ndocs = docs.len() as u32;
    // Tokenize and sort; key every distinct word form once.
    let interner = Mutex::new(Interner::default());
    let (runs, lens) = tokenize_into_runs(docs, &interner, tuning.chunk_bytes);
    let interner = interner.into_inner().unwrap_or_else(|e| e.into_inner());
    let part_shards = group(runs, interner, ndocs);

    let mut stats = IndexStats {
        documents: docs.len(),
        ..IndexStats::default()
    };
    // A partition's last shard is usually short, and on a small site every partition is:
    // join a shard to the next while both fit in one.
    let mut shards: Vec<Shard> = Vec::new();
    for part in part_shards {
        stats.keys += part.keys;
        stats.terms += part.terms;
        for shard in part.shards {
            match shards.last_mut() {
                Some(prev) if prev.len() + shard.len() < SHARD_TARGET => {
                    prev.join(shard);
                }
                _ => shards.push(shard),
            }
        }
    }
    let mut shard_table: Vec<String> = Vec::with_capacity(shards.len());
    for (n, shard) in shards.iter().enumerate() {
        shard_table.push(match n {
            0 => String::new(),
            _ => separator(&shards[n - 1].last_key, &shard.first_key).to_string(),
        });
    }
    // Hashed and written in parallel.
    let written: Vec<(String, usize)> = shards
        .into_par_iter()
        .enumerate()
        .map(|(n, shard)| {
            let bytes = shard.into_bytes();
            let hash = format!("{:08x}", content_hash(&bytes) as u32);
            let len = bytes.len();
            emit(OutputFile {
                path: format!("search/s/{n}.{hash}.bin"),
                bytes,
            });
            (hash, len)
        })
        .collect();
    stats.shards = written.len();
    stats.index_bytes = written.iter().map(|(_, len)| len).sum();
    ShardsBuilt {
        stats,
        shard_table,
        shard_hashes: written.into_iter().map(|(hash, _)| hash).collect(),
        lens,
    }
}

/// Writes the fragments in bundles of [`FRAGMENT_BUNDLE`] consecutive documents (half the
/// files to write for a few KB more per result shown), each handed to `emit` as soon as it
/// is made. Returns each bundle's hash and length, for the version that busts caches.
fn write_fragments(
    docs: &[Document<'_>],
    base_path: &str,
    emit: &(dyn Fn(OutputFile) + Sync),
) -> Vec<(u64, usize)> {
    docs.par_chunks(FRAGMENT_BUNDLE)
        .enumerate()
        .map(|(n, ds)| {
            // Sized for the text and a little escaping, so the buffer is not grown (and
            // copied) a dozen times.
            let size: usize = ds.iter().map(|d| d.text.len() + d.title.len() + 256).sum();
            let mut bytes = Vec::with_capacity(size + size / 16);
            bytes.push(b'[');
            for (i, d) in ds.iter().enumerate() {
                if i > 0 {
                    bytes.push(b',');
                }
                put_fragment(&mut bytes, d, base_path);
            }
            bytes.push(b']');
            let summary = (content_hash(&bytes), bytes.len());
            emit(OutputFile {
                path: format!("search/f/{n}.json"),
                bytes,
            });
            summary
        })
        .collect()
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
    use super::super::encode::Reader;
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
    fn fragments_are_the_json_of_their_fields() {
        let date = crate::vi::Date::parse("2015-06-08");
        assert!(date.is_some());
        for (date, title, text) in [
            (date, "Quyết định \"14\"", "Dòng một\nDòng\thai \\ \u{1}"),
            (None, "", ""),
        ] {
            let d = Document {
                kind: super::super::DocKind::Section,
                path: "/van-ban/qd-14/",
                title,
                text,
                section_title: "Văn bản",
                section_path: "/van-ban/",
                date,
                facets: Vec::new(),
                lang: "vi",
            };
            let mut got = Vec::new();
            put_fragment(&mut got, &d, "/so");
            let want = serde_json::json!({
                "url": "/so/van-ban/qd-14/",
                "title": title,
                "section": "Văn bản",
                "date": date.map(|x| x.iso()),
                "kind": "section",
                "text": text,
            });
            let got: Value = serde_json::from_slice(&got).unwrap();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn partitions_of_a_small_index_join_into_one_shard() {
        let texts = [
            "Ủy ban nhân dân tỉnh Ninh Bình",
            "Sở Thông tin và Truyền thông",
            "văn bản quy phạm pháp luật, thủ tục hành chính",
        ];
        let docs: Vec<Document<'_>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document {
                kind: super::super::DocKind::Page,
                path: ["/a/", "/b/", "/c/"][i],
                title: "Trang",
                text: t,
                section_title: "Mục",
                section_path: "/",
                date: None,
                facets: Vec::new(),
                lang: "vi",
            })
            .collect();
        let files = std::sync::Mutex::new(Vec::new());
        let stats = build(&docs, &[], "", &|f| files.lock().unwrap().push(f));
        let files = files.into_inner().unwrap();
        let shards: Vec<&OutputFile> = files
            .iter()
            .filter(|f| f.path.starts_with("search/s/"))
            .collect();
        assert_eq!(
            shards.len(),
            1,
            "{:?}",
            shards.iter().map(|f| &f.path).collect::<Vec<_>>()
        );
        assert_eq!(stats.shards, 1);
        // Every key is in it, each written whole or after the one before it.
        let mut r = Reader::new(&shards[0].bytes[1..]);
        assert_eq!(r.varint(), Some(stats.keys as u64));
    }

    /// The files of an index built with `tuning`, sorted by path.
    fn files(docs: &[Document<'_>], tuning: Tuning) -> Vec<(String, Vec<u8>)> {
        let files = Mutex::new(Vec::new());
        build_tuned(
            docs,
            &[],
            "",
            &|f| files.lock().unwrap().push((f.path, f.bytes)),
            tuning,
        );
        let mut files = files.into_inner().unwrap();
        files.sort();
        files
    }

    fn doc(text: &str) -> Document<'_> {
        Document {
            kind: super::super::DocKind::Page,
            path: "/a/",
            title: "Trang",
            text,
            section_title: "Mục",
            section_path: "/",
            date: None,
            facets: Vec::new(),
            lang: "vi",
        }
    }

    #[test]
    fn more_variants_than_u16_holds_are_indexed() {
        // Ids past 65,535, in chunks of any size.
        let many: String = (0..70_000).map(|n| format!("w{n} ")).collect();
        let docs = [doc(&many), doc("w1 w69999 cuối")];
        let one = files(&docs, Tuning::default());
        let per_doc = files(&docs, Tuning { chunk_bytes: 1 });
        assert_eq!(one, per_doc);
        let stats = build(&docs, &[], "", &|_| {});
        // Syllables: the 70,000 words, "trang" (the titles) and "cuoi"; pairs: 69,999 in the
        // first body, 2 in the second.
        assert_eq!(stats.keys, 70_000 + 2 + 69_999 + 2);
    }

    #[test]
    fn runs_of_any_size_give_the_same_index() {
        // Terms in one chunk or spread over many (down to a run per document): the merged
        // postings, so the files, are the same.
        let texts: Vec<String> = (0..40)
            .map(|i| {
                format!(
                    "Ủy ban nhân dân tỉnh Ninh Bình {} hòa bình {} ủy ban; đường dây {}",
                    ["số", "văn bản", "thủ tục hành chính"][i % 3],
                    "nhân dân ".repeat(i % 9),
                    i % 7
                )
            })
            .collect();
        let mut docs: Vec<Document<'_>> = texts.iter().map(|t| doc(t)).collect();
        docs[3].title = "Ủy ban nhân dân";
        let one = files(&docs, Tuning::default());
        assert!(one.iter().any(|(p, _)| p.starts_with("search/s/")));
        for chunk_bytes in [1, 40, 300, 1200] {
            let many = files(&docs, Tuning { chunk_bytes });
            assert_eq!(one, many, "chunks of {chunk_bytes} bytes");
        }
    }

    #[test]
    fn runs_hold_at_most_run_docs_documents() {
        // More short documents than a run's 12 bits of document hold, in few enough tokens
        // for one chunk: the runs are cut by documents too, and the index is the one a run
        // per document gives.
        let texts: Vec<String> = (0..RUN_DOCS + 300)
            .map(|i| format!("văn bản {} số {}", ["hòa", "bình", "đường"][i % 3], i % 11))
            .collect();
        let docs: Vec<Document<'_>> = texts.iter().map(|t| doc(t)).collect();
        let bytes: usize = docs.iter().map(|d| d.title.len() + d.text.len() + 1).sum();
        assert!(bytes < CHUNK_BYTES);
        let default = files(&docs, Tuning::default());
        let per_doc = files(&docs, Tuning { chunk_bytes: 1 });
        assert_eq!(default, per_doc);
    }

    #[test]
    fn content_hashes_see_every_byte() {
        let base: Vec<u8> = (0..100u8).collect();
        let h = content_hash(&base);
        assert_eq!(h, content_hash(&base.clone()));
        // A change anywhere (each lane, the remainder) or in length changes the hash.
        for i in 0..base.len() {
            let mut other = base.clone();
            other[i] ^= 1;
            assert_ne!(content_hash(&other), h, "byte {i}");
        }
        assert_ne!(content_hash(&base[..99]), h);
        assert_ne!(content_hash(&[0; 32]), content_hash(&[0; 64]));
    }

    #[test]
    fn shard_headers_are_written_in_place_or_before() {
        for keys in [1usize, 200, 1 << 15, 1 << 22] {
            let mut entries = Shard::buffer();
            entries.extend_from_slice(b"entries");
            let shard = Shard {
                first_key: String::new(),
                last_key: String::new(),
                keys,
                entries,
            };
            let mut want = vec![FORMAT];
            put_varint(&mut want, keys as u64);
            want.extend_from_slice(b"entries");
            assert_eq!(shard.into_bytes(), want, "{keys} keys");
        }
    }

    #[test]
    fn separators_are_short_and_between() {
        assert_eq!(separator("thong", "thong tin"), "thong ");
        assert_eq!(separator("an", "ban"), "b");
        assert_eq!(separator("đa", "đo"), "đo");
        assert_eq!(separator("a", "ă"), "ă");
    }

    #[test]
    fn form_map_finds_short_and_long_forms_through_growth() {
        let words: Vec<String> = (0..20_000)
            .map(|i| match i % 4 {
                0 => format!("w{i}"),
                1 => format!("trường{i}"),
                2 => format!("nghiêng-một-từ-rất-dài-{i}"),
                _ => "ư".repeat(i % 9 + 1) + &i.to_string(),
            })
            .collect();
        // Each form alone, and inside a longer text (its key read from the text).
        let joined = words.join(" ");
        let mut at = 0;
        let inside: Vec<&str> = words
            .iter()
            .map(|w| {
                let s = &joined[at..at + w.len()];
                at += w.len() + 1;
                s
            })
            .collect();
        let mut map = FormMap::new();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w, w), None, "{w}");
            map.insert(w, w, i as u32);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w, w), Some(i as u32), "{w}");
            assert_eq!(
                map.get(&joined, inside[i]),
                Some(i as u32),
                "{w} in the text"
            );
        }
        // A prefix, or the same bytes with another length, is another key.
        assert_eq!(map.get("w", "w"), None);
        assert_eq!(map.get(&joined, &joined[..1]), None);
        assert_eq!(map.get("trường", "trường"), None);
        assert_eq!(map.get("w0\0", "w0\0"), None);
        assert!(map.keys.len() > FormMap::FIRST_SLOTS);
    }

    #[test]
    fn pairs_do_not_span_title_and_body() {
        let interner = Mutex::new(Interner::default());
        let mut t = Tokenizer::new(&interner);
        let mut tokens = Vec::new();
        t.doc("Hòa bình", "bình an", &mut tokens);
        assert_eq!(tokens, [0, 1, GAP, 1, 2]);
        // Forms that key alike share a variant: HÒA, hoà and hòa are one.
        tokens.clear();
        t.doc("HÒA", "hoà", &mut tokens);
        assert_eq!(tokens, [0, GAP, 0]);
        let variants = interner.into_inner().unwrap().variants;
        assert_eq!(variants.len(), 3);
        assert_eq!(variants[0].1, "hoa");
    }
}

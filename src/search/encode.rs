//! The compact binary encoding of the search index, shared by the writer and the reader.
//!
//! Integers are LEB128 varints. A posting list is a sorted list of document ids with one
//! 4-bit weight per document (`min(tf, 7) | in_title << 3`); ids are stored either as
//! varint gaps or, when that is smaller (terms found in more than about one page in eight),
//! as a bitmap over all documents. `search.js` decodes the same bytes.

/// Appends `v` as an LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a string as its byte length (varint) and UTF-8 bytes.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// The bytes a varint of `v` takes.
pub fn varint_len(mut v: u64) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

/// A cursor over encoded bytes. Every read returns `None` past the end (truncated input).
pub struct Reader<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
            if shift > 63 {
                return None;
            }
        }
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

/// One document of a posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting {
    pub doc: u32,
    /// Occurrences (in title and body).
    pub tf: u32,
    pub in_title: bool,
}

impl Posting {
    /// The 4-bit weight stored for the posting.
    pub fn nibble(&self) -> u8 {
        (self.tf.min(7) as u8) | (u8::from(self.in_title) << 3)
    }
}

/// Encodes sorted, distinct document ids over `ndocs` documents as varint gaps (mode 0) or
/// a bitmap (mode 1), whichever is smaller. Returns `(mode, bytes)`.
pub fn encode_ids(docs: &[u32], ndocs: u32, out: &mut Vec<u8>) -> u8 {
    encode_ids_by(docs.len(), |i| docs[i], ndocs, out)
}

/// [`encode_ids`] of the `n` ids `id(0)`, `id(1)`, … (read twice: sizes, then bytes).
#[inline]
fn encode_ids_by(n: usize, id: impl Fn(usize) -> u32, ndocs: u32, out: &mut Vec<u8>) -> u8 {
    let mut gaps = 0usize;
    let mut prev = 0u32;
    for i in 0..n {
        let d = id(i);
        let gap = if i == 0 { d } else { d - prev - 1 };
        gaps += varint_len(u64::from(gap));
        prev = d;
    }
    let bitmap = (ndocs as usize).div_ceil(8);
    if bitmap < gaps {
        let start = out.len();
        out.resize(start + bitmap, 0);
        for i in 0..n {
            let d = id(i);
            out[start + (d / 8) as usize] |= 1 << (d % 8);
        }
        1
    } else {
        out.reserve(gaps);
        let mut prev = 0u32;
        for i in 0..n {
            let d = id(i);
            let gap = if i == 0 { d } else { d - prev - 1 };
            put_varint(out, u64::from(gap));
            prev = d;
        }
        0
    }
}

/// Decodes `df` ids written by [`encode_ids`], advancing the reader.
pub fn decode_ids(mode: u8, r: &mut Reader<'_>, df: usize, ndocs: u32) -> Option<Vec<u32>> {
    let mut docs = Vec::with_capacity(df);
    if mode == 1 {
        let bitmap = r.take((ndocs as usize).div_ceil(8))?;
        for (i, &b) in bitmap.iter().enumerate() {
            let mut b = b;
            while b != 0 {
                docs.push(i as u32 * 8 + b.trailing_zeros());
                b &= b - 1;
            }
        }
    } else {
        let mut doc = 0u32;
        for i in 0..df {
            let gap = u32::try_from(r.varint()?).ok()?;
            doc = if i == 0 {
                gap
            } else {
                doc.checked_add(gap)?.checked_add(1)?
            };
            docs.push(doc);
        }
    }
    (docs.len() == df).then_some(docs)
}

/// Appends a posting list over `ndocs` documents to `out`, each posting packed as
/// `doc << 4 | nibble` ([`Posting::nibble`]), sorted by doc, no duplicates: the ids
/// ([`encode_ids`]) then the nibbles, two a byte, the first in the low half. Returns the
/// ids' mode.
pub fn encode_packed(postings: &[u32], ndocs: u32, out: &mut Vec<u8>) -> u8 {
    let mode = encode_ids_by(postings.len(), |i| postings[i] >> 4, ndocs, out);
    out.reserve(postings.len().div_ceil(2));
    for pair in postings.chunks(2) {
        let hi = pair.get(1).map_or(0, |p| p & 15);
        out.push(((pair[0] & 15) | (hi << 4)) as u8);
    }
    mode
}

/// Decodes a posting list of `df` documents written by [`encode_packed`]. The weights come
/// back as `tf = min(tf, 7)` and the title flag.
pub fn decode_postings(mode: u8, bytes: &[u8], df: usize, ndocs: u32) -> Option<Vec<Posting>> {
    let mut r = Reader::new(bytes);
    let docs = decode_ids(mode, &mut r, df, ndocs)?;
    let nibbles = r.take(df.div_ceil(2))?;
    Some(
        docs.into_iter()
            .enumerate()
            .map(|(i, doc)| {
                let n = (nibbles[i / 2] >> ((i % 2) * 4)) & 0xf;
                Posting {
                    doc,
                    tf: u32::from(n & 7),
                    in_title: n & 8 != 0,
                }
            })
            .collect(),
    )
}

/// Appends `s` as a JSON string, quoted and escaped byte for byte as `serde_json` does
/// (`\"`, `\\`, the short escapes of `\b \t \n \f \r`, `\u00xx` for other control
/// characters). The fragments are 60 MB of text on a 10,000-page site: it finds the bytes to
/// escape sixteen at a time ([`escapes16`]) and copies the runs between them, where
/// `serde_json` looks each byte up.
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (mut mask, n) = match bytes.get(i..i + 16) {
            Some(chunk) => (escapes16(chunk), 16),
            None => (escapes_scalar(&bytes[i..]), bytes.len() - i),
        };
        while mask != 0 {
            let k = i + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            let b = bytes[k];
            out.extend_from_slice(&bytes[copied..k]);
            copied = k + 1;
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x09 => b't',
                0x0A => b'n',
                0x0C => b'f',
                0x0D => b'r',
                _ => b'u',
            };
            out.push(b'\\');
            out.push(short);
            if short == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 15)],
                ]);
            }
        }
        i += n;
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
}

/// Which of the (at most 32) bytes need escaping in a JSON string: a bit each.
fn escapes_scalar(bytes: &[u8]) -> u32 {
    bytes.iter().enumerate().fold(0, |m, (i, &b)| {
        m | u32::from(b < 0x20 || b == b'"' || b == b'\\') << i
    })
}

/// [`escapes_scalar`] of sixteen bytes: with SSE2 on x86-64.
#[inline]
fn escapes16(chunk: &[u8]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of the x86-64 baseline: every x86-64 processor has it (only the
    // attribute makes the call unsafe).
    return unsafe { escapes16_sse2(chunk) };
    #[cfg(not(target_arch = "x86_64"))]
    escapes_scalar(chunk)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn escapes16_sse2(chunk: &[u8]) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x,
    };
    let half = |from: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&chunk[from..from + 8]);
        i64::from_le_bytes(w)
    };
    let v = _mm_set_epi64x(half(8), half(0));
    // Below 0x20 (unsigned): the larger of the byte and 0x1F is 0x1F.
    let control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));
    let quote = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'"' as i8));
    let backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\\' as i8));
    _mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))) as u32 & 0xFFFF
}

/// Base64 (standard alphabet, padded), for binary values inside the JSON meta file.
pub fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if c.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if c.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// Decodes [`base64`].
pub fn unbase64(s: &str) -> Option<Vec<u8>> {
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = s.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for c in bytes.chunks(4) {
        let pad = c.iter().rev().take_while(|&&b| b == b'=').count();
        let mut n = 0u32;
        for &b in &c[..4 - pad] {
            n = (n << 6) | val(b)?;
        }
        n <<= 6 * pad as u32;
        out.push((n >> 16) as u8);
        if pad < 2 {
            out.push((n >> 8) as u8);
        }
        if pad < 1 {
            out.push(n as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixteen_byte_escapes_match_byte_by_byte() {
        for b in 0..=255u8 {
            for pos in 0..16 {
                let mut chunk = [b'a'; 16];
                chunk[pos] = b;
                assert_eq!(escapes16(&chunk), escapes_scalar(&chunk), "{b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn json_strings_are_escaped_as_serde_json_does() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "Ủy ban nhân dân tỉnh Ninh Bình".into(),
            "a\"b\\c\nd\te\u{1}f\u{7f}g\u{1f}\u{8}\u{c}\r".into(),
            "\"\"\"\"\"\"\"\"\"".into(),
            "12345678\n12345678\\".into(),
        ];
        cases.push((0u8..0x80).map(char::from).collect());
        // Every position of an escape within and across 8-byte words.
        for n in 0..20 {
            for c in ['"', '\\', '\n', '\u{0}', 'ư'] {
                let mut t = "x".repeat(n);
                t.push(c);
                t.push_str(&"ộ".repeat(n % 5));
                cases.push(t);
            }
        }
        for case in &cases {
            let mut got = Vec::new();
            push_json_str(&mut got, case);
            let want = serde_json::to_vec(case).unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }

    #[test]
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX)] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            assert_eq!(b.len(), varint_len(v));
            assert_eq!(Reader::new(&b).varint(), Some(v));
        }
        assert_eq!(Reader::new(&[0x80]).varint(), None);
    }

    #[test]
    fn postings_round_trip_in_both_modes() {
        let p = |doc, tf, in_title| Posting { doc, tf, in_title };
        let packed = |ps: &[Posting]| -> Vec<u32> {
            ps.iter()
                .map(|p| p.doc << 4 | u32::from(p.nibble()))
                .collect()
        };
        let sparse = vec![p(3, 1, false), p(200, 9, true), p(70_000, 2, false)];
        let mut bytes = Vec::new();
        let mode = encode_packed(&packed(&sparse), 100_000, &mut bytes);
        assert_eq!(mode, 0);
        let back = decode_postings(mode, &bytes, 3, 100_000).unwrap();
        assert_eq!(
            back,
            vec![p(3, 1, false), p(200, 7, true), p(70_000, 2, false)]
        );

        let dense: Vec<Posting> = (0..100)
            .filter(|d| d % 3 != 0)
            .map(|d| p(d, 1, d == 5))
            .collect();
        let mut bytes = Vec::new();
        let mode = encode_packed(&packed(&dense), 100, &mut bytes);
        assert_eq!(mode, 1);
        assert_eq!(bytes.len(), 13 + dense.len().div_ceil(2));
        assert_eq!(
            decode_postings(mode, &bytes, dense.len(), 100).unwrap(),
            dense
        );
        assert!(decode_postings(0, &bytes[..2], 66, 100).is_none());
    }

    #[test]
    fn base64_round_trips() {
        for s in [&b""[..], b"a", b"ab", b"abc", b"\x00\xff\x10\x80"] {
            assert_eq!(unbase64(&base64(s)).unwrap(), s);
        }
        assert_eq!(base64(b"Ma"), "TWE=");
    }
}

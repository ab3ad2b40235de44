//! Mojibake: legacy Vietnamese pasted into a UTF-8 file through a Western code page.
//!
//! Copy text typed with a `.VnTime` font out of an old document, paste it into a UTF-8
//! editor, and the TCVN3 bytes arrive as the Windows-1252 characters they happen to be:
//! "Thông báo" becomes "Th«ng b¸o"; VNI gives "Thoâng baùo"; UTF-8 read as Windows-1252
//! gives "ThÃ´ng". The file is valid UTF-8, so only the words tell. This module maps such
//! text back to the bytes it was (Windows-1252, or Latin-1 for C1 controls), decodes them in
//! each legacy encoding, and keeps a conversion only when it turns letter soup into
//! Vietnamese syllables. It also recognizes VIQR typed in ASCII ("Tho^ng ba'o").
//!
//! It works line by line on chunks between whitespace, and never inside the byte ranges the
//! caller marks as protected (code, URLs, file names). It changes nothing by itself: it
//! returns edits, which `trang fix` applies and the build reports.

use super::legacy::{assess, decode_lossy, is_common, viqr, Encoding, Verdict};
use std::collections::HashMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// The sources tried, most common first (the order breaks ties).
const SOURCES: [Encoding; 7] = [
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Cp1258,
    Encoding::Utf8,
    Encoding::Viscii,
    Encoding::Vn1,
    Encoding::Viqr,
];

/// How a source shows up, for messages: "TCVN3 (ABC) text shown as Windows-1252".
pub fn describe(source: Encoding) -> String {
    match source {
        Encoding::Viqr => "VIQR (marks typed as ASCII: a^ o+ dd e')".to_string(),
        Encoding::Utf8 => "UTF-8 text read as Windows-1252".to_string(),
        other => format!("{} text read as Windows-1252", other.name()),
    }
}

/// One replacement in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the text given to [`find`].
    pub range: Range<usize>,
    /// The repaired text (NFC).
    pub replacement: String,
}

/// The repairs of one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRepair {
    /// 1-based line number.
    pub line: usize,
    /// The encoding the garbled text came from (`Utf8` for doubly encoded UTF-8, `Viqr`
    /// for VIQR).
    pub source: Encoding,
    pub edits: Vec<Edit>,
    /// How many chunks turned from letter soup into Vietnamese.
    pub evidence: usize,
}

/// The Windows-1252 byte of a character (Latin-1 for U+0080–U+009F, which is what a
/// Latin-1 reader makes of the five bytes Windows-1252 leaves undefined).
fn cp1252_byte(c: char) -> Option<u8> {
    if (c as u32) < 0x100 {
        return Some(c as u32 as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// A chunk read back as `source`; `None` when it cannot be (a character outside
/// Windows-1252, a byte the encoding does not use) or nothing changes.
fn convert(chunk: &str, source: Encoding) -> Option<String> {
    let out: String = match source {
        Encoding::Viqr => {
            if !chunk
                .chars()
                .any(|c| viqr::is_mark(c) || c == 'd' || c == 'D')
            {
                return None;
            }
            viqr::decode(chunk).nfc().collect()
        }
        _ => {
            if chunk.is_ascii() {
                return None;
            }
            let bytes: Vec<u8> = chunk.chars().map(cp1252_byte).collect::<Option<_>>()?;
            if source == Encoding::Utf8 {
                String::from_utf8(bytes).ok()?.nfc().collect()
            } else {
                let (s, unmapped) = decode_lossy(&bytes, source);
                if unmapped > 0 {
                    return None;
                }
                s.nfc().collect()
            }
        }
    };
    (out != chunk).then_some(out)
}

/// Whether a chunk carries VIQR marks that ordinary ASCII text does not: a modifier
/// (`^ ( +`) or a grave/tilde after a vowel, a tone mark inside a word, or a leading `dd`.
fn strong_viqr(chunk: &str) -> bool {
    let b = chunk.as_bytes();
    let vowel = |c: u8| {
        matches!(
            c.to_ascii_lowercase(),
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
        )
    };
    if chunk.len() > 2 && (b.starts_with(b"dd") || b.starts_with(b"DD")) {
        return true;
    }
    (1..b.len()).any(|i| {
        vowel(b[i - 1])
            && (matches!(b[i], b'^' | b'(' | b'+' | b'`' | b'~')
                || matches!(b[i], b'\'' | b'?' | b'.')
                    && b.get(i + 1).is_some_and(|n| n.is_ascii_alphabetic()))
    })
}

/// Whether a chunk could be garbled at all: not already good Vietnamese, and holding
/// something a conversion would change.
fn suspicious(chunk: &str, verdict: Verdict) -> bool {
    if verdict == Verdict::Valid {
        return false;
    }
    if chunk.is_ascii() {
        chunk.contains("dd") || chunk.contains("DD") || strong_viqr(chunk)
    } else {
        chunk
            .chars()
            .any(|c| !c.is_ascii() && cp1252_byte(c).is_some())
    }
}

/// How a conversion changes a chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Letter soup (or plain ASCII) becomes Vietnamese: evidence for the source, weighing
    /// 2, or 1 when the result needs a rare rhyme.
    Fixed(i64),
    /// Vietnamese becomes letter soup: evidence against.
    Broken,
    /// Both read as Vietnamese, or neither has Vietnamese words: follows the line.
    Either,
    /// Neither reads as Vietnamese: weak evidence against.
    Garbage,
}

fn is_good(v: Verdict) -> bool {
    matches!(v, Verdict::Valid | Verdict::Rare)
}

fn classify(before: Verdict, after: Verdict) -> Class {
    match (is_good(before), after) {
        (true, a) if is_good(a) => Class::Either,
        (true, _) => Class::Broken,
        (false, Verdict::Valid) => Class::Fixed(2),
        (false, Verdict::Rare) => Class::Fixed(1),
        (false, Verdict::Neutral) => Class::Either,
        (false, Verdict::Invalid) => Class::Garbage,
    }
}

/// One source's reading of a line.
struct Reading {
    source: Encoding,
    edits: Vec<Edit>,
    fixed: usize,
    /// Fixed chunks made of common syllables: the tie-breaker between equal scores.
    common: usize,
    score: i64,
}

/// Splits `line` (starting at byte `offset` of the text) into chunks between whitespace,
/// cut at protected ranges. No-break spaces stay inside chunks: UTF-8 read as
/// Windows-1252 turns "à" into "Ã" + U+00A0.
/// `protected` is sorted by start.
fn chunks(line: &str, offset: usize, protected: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    // Only the ranges that reach into this line, walked in order.
    let first = protected.partition_point(|r| r.end <= offset);
    let mut ranges = protected[first..].iter().peekable();
    let mut is_protected = |i: usize| {
        while ranges.peek().is_some_and(|r| r.end <= i) {
            ranges.next();
        }
        ranges.peek().is_some_and(|r| r.start <= i)
    };
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        let abs = offset + i;
        let inside = i < line.len() && !(c.is_whitespace() && c != '\u{A0}') && !is_protected(abs);
        match (start, inside) {
            (None, true) => start = Some(abs),
            (Some(s), false) => {
                out.push(s..abs);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Reads one line's chunks as `source`.
fn read_line(
    text: &str,
    chunks: &[Range<usize>],
    verdicts: &[Verdict],
    source: Encoding,
    forced: bool,
    cache: &mut HashMap<String, Verdict>,
) -> Option<Reading> {
    let mut edits = Vec::new();
    let (mut fixed, mut weight_sum, mut broken, mut garbage) = (0i64, 0i64, 0i64, 0i64);
    let mut common = 0;
    for (range, &before) in chunks.iter().zip(verdicts) {
        let chunk = &text[range.clone()];
        let Some(after_text) = convert(chunk, source) else {
            continue;
        };
        let after = match cache.get(&after_text) {
            Some(&v) => v,
            None => {
                let v = assess(&after_text);
                cache.insert(after_text.clone(), v);
                v
            }
        };
        let mut class = classify(before, after);
        if source == Encoding::Viqr && matches!(class, Class::Fixed(_)) && !strong_viqr(chunk) {
            class = Class::Either; // "Go." → "Gọ" proves nothing.
        }
        match class {
            Class::Fixed(weight) => {
                fixed += 1;
                weight_sum += weight;
                common += usize::from(is_common(&after_text));
            }
            Class::Broken => {
                broken += 1;
                continue;
            }
            Class::Garbage => {
                garbage += 1;
                // VIQR letter soup ("herẹ" from "here.") is English, not Vietnamese: keep
                // it unless the editor named VIQR.
                if source == Encoding::Viqr && !forced {
                    continue;
                }
            }
            Class::Either => {}
        }
        edits.push(Edit {
            range: range.clone(),
            replacement: after_text,
        });
    }
    if edits.is_empty() {
        return None;
    }
    Some(Reading {
        source,
        edits,
        fixed: fixed as usize,
        common,
        score: weight_sum - 2 * broken - garbage,
    })
}

/// Finds the lines of `text` that carry garbled legacy text, and their repairs.
///
/// `protected` are byte ranges never read or changed (sorted or not). With `forced`, only
/// that source is tried and every chunk it changes is converted unless it would break a
/// word that already reads as Vietnamese; otherwise a line is repaired only when the best
/// source turns more letter soup into Vietnamese than it breaks (for VIQR, at least two
/// chunks, unless VIQR is the file's main source).
pub fn find(text: &str, protected: &[Range<usize>], forced: Option<Encoding>) -> Vec<LineRepair> {
    let sources: Vec<Encoding> = match forced {
        Some(f) => vec![f],
        None => SOURCES.to_vec(),
    };
    let mut sorted = protected.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    let protected = merged.as_slice();
    let mut cache: HashMap<String, Verdict> = HashMap::new();
    let mut lines: Vec<(usize, Vec<Reading>)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let line_offset = offset;
        offset += line.len();
        let line_chunks = chunks(line, line_offset, protected);
        let verdicts: Vec<Verdict> = line_chunks
            .iter()
            .map(|r| {
                let chunk = &text[r.clone()];
                if chunk.is_ascii()
                    && !chunk.contains(|c: char| viqr::is_mark(c) || c == 'd' || c == 'D')
                {
                    return Verdict::Neutral;
                }
                if let Some(&v) = cache.get(chunk) {
                    return v;
                }
                let v = assess(chunk);
                cache.insert(chunk.to_string(), v);
                v
            })
            .collect();
        let any_suspicious = forced.is_some()
            || line_chunks
                .iter()
                .zip(&verdicts)
                .any(|(r, &v)| suspicious(&text[r.clone()], v));
        if !any_suspicious {
            continue;
        }
        let readings: Vec<Reading> = sources
            .iter()
            .filter_map(|&s| {
                read_line(
                    text,
                    &line_chunks,
                    &verdicts,
                    s,
                    forced.is_some(),
                    &mut cache,
                )
            })
            .collect();
        if !readings.is_empty() {
            lines.push((index + 1, readings));
        }
    }
    // The file's main source: the one that fixes the most chunks where it helps.
    let mut totals: HashMap<Encoding, usize> = HashMap::new();
    for (_, readings) in &lines {
        for r in readings.iter().filter(|r| r.score > 0) {
            *totals.entry(r.source).or_default() += r.fixed;
        }
    }
    let main = SOURCES
        .iter()
        .copied()
        .filter(|s| totals.get(s).copied().unwrap_or(0) > 0)
        .max_by_key(|s| {
            let rank = SOURCES.iter().position(|x| x == s).unwrap_or(0);
            (totals[s], usize::MAX - rank)
        });
    let mut out = Vec::new();
    for (line, readings) in lines {
        let chosen = if forced.is_some() {
            readings.into_iter().next()
        } else {
            readings
                .into_iter()
                .filter(|r| {
                    r.score > 0
                        && r.fixed >= 1
                        && (r.source != Encoding::Viqr
                            || r.fixed >= 2
                            || main == Some(Encoding::Viqr))
                })
                .max_by_key(|r| {
                    let rank = SOURCES.iter().position(|x| *x == r.source).unwrap_or(0);
                    (r.score, r.common, Some(r.source) == main, usize::MAX - rank)
                })
        };
        if let Some(r) = chosen {
            out.push(LineRepair {
                line,
                source: r.source,
                edits: r.edits,
                evidence: r.fixed,
            });
        }
    }
    out
}

/// Applies edits (sorted by position, not overlapping) to `text`.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut last = 0;
    for e in edits {
        out.push_str(&text[last..e.range.start]);
        out.push_str(&e.replacement);
        last = e.range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// Repairs a whole text with no protected ranges: the convenience for tests and short
/// strings. Returns the text and the source found on most lines.
pub fn repair(text: &str) -> (String, Option<Encoding>) {
    let repairs = find(text, &[], None);
    let edits: Vec<Edit> = repairs.iter().flat_map(|r| r.edits.clone()).collect();
    let source = repairs.first().map(|r| r.source);
    (apply(text, &edits), source)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vi::legacy::{encode, windows_1252 as seen};

    fn garble(text: &str, source: Encoding) -> String {
        match source {
            Encoding::Utf8 => seen(text.as_bytes()),
            Encoding::Viqr => String::from_utf8(encode(text, Encoding::Viqr).unwrap()).unwrap(),
            other => seen(&encode(text, other).unwrap()),
        }
    }

    #[test]
    fn editors_examples_come_back() {
        assert_eq!(repair("Th«ng tin").0, "Thông tin");
        assert_eq!(repair("Thoâng tin").0, "Thông tin");
        assert_eq!(repair("Th«ng b¸o").1, Some(Encoding::Tcvn3));
        assert_eq!(repair("Ñaøo ñaát coâng trình").0, "Đào đất công trình");
        assert_eq!(repair("ThÃ´ng bÃ¡o").0, "Thông báo");
        assert_eq!(repair("Tho^ng ba'o ddi.nh ky`").0, "Thông báo định kỳ");
    }

    #[test]
    fn every_source_round_trips_a_line() {
        let lines = [
            "Thông tin cung cấp trên trang thông tin điện tử phải tuân thủ quy định.",
            "Ủy ban nhân dân tỉnh Ninh Bình",
            "Quyết định số 14/2015/QĐ-UBND ngày 08/6/2015",
            "Giới thiệu",
            "Hướng dẫn thủ tục hành chính",
        ];
        for source in SOURCES {
            for line in lines {
                let garbled = garble(line, source);
                let (fixed, found) = repair(&garbled);
                let want = match source {
                    Encoding::Tcvn3 => {
                        crate::vi::legacy::decode(&encode(line, source).unwrap(), source).unwrap()
                    }
                    _ => line.to_string(),
                };
                assert_eq!(fixed, want, "{source}: {garbled}");
                // VN1 and TCVN3 read the same when there is no toned capital.
                let same_text = source == Encoding::Vn1 && found == Some(Encoding::Tcvn3)
                    || source == Encoding::Viscii && found == Some(Encoding::Cp1258);
                if !same_text {
                    assert_eq!(found, Some(source), "{source}: {garbled}");
                }
            }
        }
    }

    #[test]
    fn viqr_keeps_english_letter_soup() {
        // "here." would read "herẹ": not Vietnamese, so it stays unless VIQR is named.
        let text = "Go here. Ha` No^.i ddi.nh vie^.c";
        assert_eq!(repair(text).0, "Go here. Hà Nội định việc");
        let forced = find(text, &[], Some(Encoding::Viqr));
        let edits: Vec<Edit> = forced.iter().flat_map(|r| r.edits.clone()).collect();
        assert_eq!(apply(text, &edits), "Go herẹ Hà Nội định việc");
    }

    #[test]
    fn good_text_is_left_alone() {
        for text in [
            "Thông tin cung cấp trên trang thông tin điện tử",
            "Hòa bình, thủy lợi, Uỷ ban, CỘNG HOÀ",
            "Le café de la rue est très agréable.",
            "Don't do it. I'd say yes. Go.",
            "Nhiệt độ 25°C, giá 1.000đ, © 2024 — “trích dẫn” … tiếp",
            "São Paulo, Zürich, naïve, Ærø, Đà Nẵng",
            "Xin chào các bạn, hẹn gặp lại.",
            "email: vanphong@ninhbinh.gov.vn; add the address",
        ] {
            assert_eq!(find(text, &[], None), [], "{text}");
        }
    }

    #[test]
    fn protected_ranges_are_never_touched() {
        let text = "Th«ng b¸o `Th«ng` Th«ng";
        let code = text.find('`').unwrap()..text.rfind('`').unwrap() + 1;
        let repairs = find(text, &[code], None);
        let edits: Vec<Edit> = repairs.iter().flat_map(|r| r.edits.clone()).collect();
        assert_eq!(apply(text, &edits), "Thông báo `Th«ng` Thông");
    }

    #[test]
    fn a_legit_word_next_to_garbage_stays() {
        // "đề" cannot be Windows-1252; "Tiêu" would turn into "Tiờu": both stay.
        let (fixed, _) = repair("Tiêu đề: Th«ng b¸o míi");
        assert_eq!(fixed, "Tiêu đề: Thông báo mới");
    }

    #[test]
    fn line_numbers_and_evidence() {
        let text = "Tiêu đề\nTh«ng b¸o\n\nThoâng baùo\r\n";
        let r = find(text, &[], None);
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].line, r[0].source, r[0].evidence),
            (2, Encoding::Tcvn3, 2)
        );
        assert_eq!((r[1].line, r[1].source), (4, Encoding::Vni));
        let edits: Vec<Edit> = r.iter().flat_map(|r| r.edits.clone()).collect();
        assert_eq!(apply(text, &edits), "Tiêu đề\nThông báo\n\nThông báo\r\n");
    }

    #[test]
    fn forced_source_converts_everything_it_changes() {
        // "cô" reads as Vietnamese, but it is VNI "cơ" here.
        let text = "Caùc cô quan";
        let r = find(text, &[], Some(Encoding::Vni));
        let edits: Vec<Edit> = r.iter().flat_map(|r| r.edits.clone()).collect();
        assert_eq!(apply(text, &edits), "Các cơ quan");
    }

    #[test]
    fn viqr_sample_converts_whole() {
        let dir = format!("{}/tests/data/vi/samples", env!("CARGO_MANIFEST_DIR"));
        let viqr = std::fs::read_to_string(format!("{dir}/quyche.viqr.txt")).unwrap();
        let want = std::fs::read_to_string(format!("{dir}/quyche.expected.nfc.txt")).unwrap();
        let (got, source) = repair(&viqr);
        assert_eq!(source, Some(Encoding::Viqr));
        assert!(got == want, "auto-detected VIQR differs");
        let forced = find(&viqr, &[], Some(Encoding::Viqr));
        let edits: Vec<Edit> = forced.iter().flat_map(|r| r.edits.clone()).collect();
        assert!(apply(&viqr, &edits) == want, "forced VIQR differs");
    }

    #[test]
    fn random_text_never_panics() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        let alphabet: Vec<char> = "aeiouy thngbc«¸µ¶·¹ÃÂâêôùøûõï^(+'`?~.dÐð\u{A0}\u{300}\r\n"
            .chars()
            .collect();
        for _ in 0..300 {
            let len = (next() % 80) as usize;
            let s: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let _ = repair(&s);
            let half = 0..s.len() / 2;
            let _ = find(&s, std::slice::from_ref(&half), Some(Encoding::Vni));
        }
    }
}

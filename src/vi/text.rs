//! Vietnamese text primitives: NFC normalization, folding, syllable keys, tokens and slugs.
//!
//! Every string trang reads goes through [`nfc`] (TCVN 6909:2001 asks for precomposed
//! Unicode); search and URLs go through [`fold`] and [`syllable_key`]. These are pure
//! functions with no I/O; the rules are those of `tests/data/vi/README.md`.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Whether every character of `s` is one that can never change under NFC, whatever
/// surrounds it: below U+0300 (ASCII, Latin-1, the Latin Extended letters Vietnamese uses,
/// none of them combining) or a precomposed Vietnamese letter in U+1EA0–U+1EF9. Most
/// Vietnamese text passes this scan, which is several times faster than the full check.
fn trivially_nfc(s: &str) -> bool {
    // On the UTF-8 bytes: every byte below 0xCC is ASCII, a continuation byte or the lead
    // byte of a character below U+0300; U+1EA0–U+1EF9 is E1 BA A0–BF or E1 BB 80–B9.
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0xCC {
            i += 1;
            continue;
        }
        match (b[i], b.get(i + 1), b.get(i + 2)) {
            (0xE1, Some(0xBA), Some(&t)) if t >= 0xA0 => i += 3,
            (0xE1, Some(0xBB), Some(&t)) if t <= 0xB9 => i += 3,
            _ => return false,
        }
    }
    true
}

/// The character starting at byte `i` of `s` (a character boundary) and its length.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes();
    let lead = u32::from(b[i]);
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3F);
    let (code, len) = if lead < 0x80 {
        (lead, 1)
    } else if lead < 0xE0 {
        (((lead & 0x1F) << 6) | cont(1), 2)
    } else if lead < 0xF0 {
        (((lead & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((lead & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (char::from_u32(code).unwrap_or('\u{FFFD}'), len)
}

/// A fast test of whether text may need the text-repair analysis
/// ([`crate::fix::text_warnings`]): it may not be NFC; it has characters no Vietnamese text
/// has (the symbols and foreign letters that legacy fonts shown through Windows-1252 leave:
/// `«`, `¸`, `ø`, `ö`, `ñ`, `Ð`…); it has vowel pairs only VNI leaves (`oâ`, `aâ`, `eâ`);
/// or it may mix the two tone placements (`hòa` and `hoà`). Clean NFC Vietnamese, by far
/// the common case, passes in one scan.
pub fn needs_repair_scan(text: &str) -> bool {
    text_scan(text).needs_repair
}

/// What one pass over a text read from disk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextScan {
    /// [`needs_repair_scan`]'s answer.
    pub needs_repair: bool,
    /// Every character is below U+0300 or a precomposed Vietnamese letter (U+1EA0–U+1EF9),
    /// so the text is NFC without a closer look (`false` when unsure).
    pub trivially_nfc: bool,
}

/// [`needs_repair_scan`] and the NFC fast path of [`nfc`] in one pass, for the reader of
/// content files.
pub fn text_scan(text: &str) -> TextScan {
    let repair = TextScan {
        needs_repair: true,
        trivially_nfc: false,
    };
    let mut trivially_nfc = true;
    // Every sign is at a non-ASCII character (a mark, a foreign letter, â/ê/ô after a
    // vowel, a toned vowel of oa/oe/uy): ASCII is skipped eight bytes at a time and only
    // the characters around a non-ASCII one are looked at.
    let b = text.as_bytes();
    let mut old_style = false;
    let mut new_style = false;
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            // To the next non-ASCII byte: its place in eight bytes is the lowest high bit.
            while let Some(chunk) = b.get(i..i + 8) {
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                let high = u64::from_le_bytes(w) & 0x8080_8080_8080_8080;
                if high != 0 {
                    i += (high.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            while i < b.len() && b[i] < 0x80 {
                i += 1;
            }
            continue;
        }
        let (c, len) = char_at(text, i);
        let code = c as u32;
        if (0x300..0x370).contains(&code) {
            return repair; // combining marks: not NFC or decomposed legacy text
        }
        if code < 0x300 {
            if !is_vietnamese_latin(c) && !is_allowed_symbol(c) {
                return repair;
            }
        } else if !(0x1EA0..=0x1EF9).contains(&code) {
            trivially_nfc = false;
        }
        // VNI's vowel pairs: an ASCII vowel, then â, ê or ô.
        let prev = if i > 0 { b[i - 1] } else { b' ' };
        if matches!(c, 'â' | 'ê' | 'Â' | 'Ê' | 'ô' | 'Ô')
            && matches!(prev | 0x20, b'a' | b'e' | b'o')
        {
            return repair;
        }
        // Tone placement, shown only by a word ending in oa, oe or uy (not quy) with the
        // tone on one of the two: "hòa" (old) or "hoà" (new). Only an ASCII a, e or y after
        // the character, or an ASCII o or u before it, can make such an ending.
        let next = b.get(i + len).copied().unwrap_or(b' ');
        let may_pair = (next < 0x80 && matches!(next | 0x20, b'a' | b'e' | b'y'))
            || (prev < 0x80 && matches!(prev | 0x20, b'o' | b'u'));
        let ascii_q = |at: Option<usize>| at.is_some_and(|k| b[k] | 0x20 == b'q');
        let (base, tone) = if may_pair {
            split_tone_char(c)
        } else {
            (' ', 0)
        };
        if tone > 0 {
            let after = i + len;
            match base {
                'o' | 'u' => {
                    if let Some(&n) = b.get(after) {
                        let pair = match (base, n | 0x20) {
                            ('o', b'a' | b'e') => true,
                            ('u', b'y') => !ascii_q(i.checked_sub(1)),
                            _ => false,
                        };
                        if pair && n < 0x80 && ends_word(text, after + 1) {
                            old_style = true;
                        }
                    }
                }
                'a' | 'e' | 'y' if i > 0 && prev < 0x80 => {
                    let pair = match (prev | 0x20, base) {
                        (b'o', 'a' | 'e') => true,
                        (b'u', 'y') => !ascii_q(i.checked_sub(2)),
                        _ => false,
                    };
                    if pair && ends_word(text, after) {
                        new_style = true;
                    }
                }
                _ => {}
            }
            if old_style && new_style {
                return repair;
            }
        }
        i += len;
    }
    TextScan {
        needs_repair: false,
        trivially_nfc,
    }
}

/// Symbols below U+0300 that Vietnamese text has (the other non-Vietnamese characters there
/// are signs of text decoded with the wrong code page).
fn is_allowed_symbol(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '©' | '®' | '°' | '±' | '×' | '÷' | '·' | '§' | '²' | '³' | '½' | '¼' | '¾'
    )
}

/// Whether no letter (ASCII or Vietnamese) starts at byte `at` of `text`.
fn ends_word(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => true,
        Some(&b) if b < 0x80 => !b.is_ascii_alphabetic(),
        Some(_) => {
            let (c, _) = char_at(text, at);
            let code = c as u32;
            if code < 0x300 {
                !is_vietnamese_latin(c)
            } else {
                !(0x1EA0..=0x1EF9).contains(&code)
            }
        }
    }
}

/// For the vowels a, e, o, u, y without other diacritics (plain or toned, any case): the
/// lower-case base and the tone number (0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng).
/// Other characters give `(' ', 0)`. A `match`, not a decomposition: it runs on every word.
fn split_tone_char(c: char) -> (char, u8) {
    match c {
        'a' | 'A' => ('a', 0),
        'e' | 'E' => ('e', 0),
        'o' | 'O' => ('o', 0),
        'u' | 'U' => ('u', 0),
        'y' | 'Y' => ('y', 0),
        'à' | 'À' => ('a', 1),
        'ả' | 'Ả' => ('a', 2),
        'ã' | 'Ã' => ('a', 3),
        'á' | 'Á' => ('a', 4),
        'ạ' | 'Ạ' => ('a', 5),
        'è' | 'È' => ('e', 1),
        'ẻ' | 'Ẻ' => ('e', 2),
        'ẽ' | 'Ẽ' => ('e', 3),
        'é' | 'É' => ('e', 4),
        'ẹ' | 'Ẹ' => ('e', 5),
        'ò' | 'Ò' => ('o', 1),
        'ỏ' | 'Ỏ' => ('o', 2),
        'õ' | 'Õ' => ('o', 3),
        'ó' | 'Ó' => ('o', 4),
        'ọ' | 'Ọ' => ('o', 5),
        'ù' | 'Ù' => ('u', 1),
        'ủ' | 'Ủ' => ('u', 2),
        'ũ' | 'Ũ' => ('u', 3),
        'ú' | 'Ú' => ('u', 4),
        'ụ' | 'Ụ' => ('u', 5),
        'ỳ' | 'Ỳ' => ('y', 1),
        'ỷ' | 'Ỷ' => ('y', 2),
        'ỹ' | 'Ỹ' => ('y', 3),
        'ý' | 'Ý' => ('y', 4),
        'ỵ' | 'Ỵ' => ('y', 5),
        _ => (' ', 0),
    }
}

/// Whether a character below U+0300 is a Vietnamese letter (checked without a scan).
fn is_vietnamese_latin(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'â'
            | 'ã'
            | 'è'
            | 'é'
            | 'ê'
            | 'ì'
            | 'í'
            | 'ò'
            | 'ó'
            | 'ô'
            | 'õ'
            | 'ù'
            | 'ú'
            | 'ý'
            | 'À'
            | 'Á'
            | 'Â'
            | 'Ã'
            | 'È'
            | 'É'
            | 'Ê'
            | 'Ì'
            | 'Í'
            | 'Ò'
            | 'Ó'
            | 'Ô'
            | 'Õ'
            | 'Ù'
            | 'Ú'
            | 'Ý'
            | 'ă'
            | 'Ă'
            | 'đ'
            | 'Đ'
            | 'ĩ'
            | 'Ĩ'
            | 'ũ'
            | 'Ũ'
            | 'ơ'
            | 'Ơ'
            | 'ư'
            | 'Ư'
    )
}

/// Returns `s` in Unicode NFC, borrowing when it already is.
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || trivially_nfc(s) {
        return Cow::Borrowed(s);
    }
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => Cow::Borrowed(s),
        _ => {
            let n: String = s.nfc().collect();
            if n == s {
                Cow::Borrowed(s)
            } else {
                Cow::Owned(n)
            }
        }
    }
}

/// Returns `s` in NFC as an owned `String`.
pub fn nfc_string(s: String) -> String {
    match nfc(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(n) => n,
    }
}

/// Whether `s` is already in NFC.
pub fn is_nfc(s: &str) -> bool {
    matches!(nfc(s), Cow::Borrowed(_))
}

/// The five Vietnamese tone marks as combining characters, with their tone numbers
/// (1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng; 0 is ngang).
fn tone_of_mark(c: char) -> Option<u8> {
    match c {
        '\u{0300}' => Some(1), // grave: huyền
        '\u{0309}' => Some(2), // hook above: hỏi
        '\u{0303}' => Some(3), // tilde: ngã
        '\u{0301}' => Some(4), // acute: sắc
        '\u{0323}' => Some(5), // dot below: nặng
        // Legacy-looking but valid combining forms some keyboards emit.
        '\u{0340}' => Some(1),
        '\u{0341}' => Some(4),
        _ => None,
    }
}

/// Maps look-alike characters that legacy conversions leave behind (Icelandic eth Ð/ð,
/// produced when Windows-1258 text is read as Windows-1252) to Vietnamese Đ/đ.
fn unconfuse(c: char) -> char {
    match c {
        '\u{00D0}' | '\u{0110}' | '\u{0189}' => 'Đ',
        '\u{00F0}' | '\u{0111}' => 'đ',
        other => other,
    }
}

/// Folds text for diacritic-blind comparison: NFD, every combining mark dropped,
/// đ→d, Unicode lower-casing. `"Ủy ban ĐƯỜNG"` → `"uy ban duong"`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match unconfuse(c) {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether a token carries any Vietnamese diacritic (a tone mark, ă â ê ô ơ ư, or đ).
pub fn has_diacritic(token: &str) -> bool {
    token
        .chars()
        .any(|c| !c.is_ascii() && (c.is_alphabetic() || is_combining_mark(c)))
}

/// The tone-placement-free key of one syllable: lower-cased letters with the tone mark
/// removed from wherever it sits, followed by the tone number. `hòa`, `hoà`, `HOÀ` → `hoa1`;
/// `thông` → `thông0`.
pub fn syllable_key(token: &str) -> String {
    let mut tone = 0u8;
    let mut base = String::with_capacity(token.len() + 1);
    for c in token.nfd() {
        if let Some(t) = tone_of_mark(c) {
            tone = t;
            continue;
        }
        base.push(c);
    }
    let mut key: String = base
        .nfc()
        .map(unconfuse)
        .flat_map(char::to_lowercase)
        .collect();
    key.push(char::from(b'0' + tone));
    key
}

/// The tone number of a syllable (0 ngang … 5 nặng) and its letters without the tone mark.
pub fn split_tone(syllable: &str) -> (String, u8) {
    let mut tone = 0u8;
    let mut base = String::with_capacity(syllable.len());
    for c in syllable.nfd() {
        match tone_of_mark(c) {
            Some(t) => tone = t,
            None => base.push(c),
        }
    }
    (base.nfc().collect(), tone)
}

/// Splits text into search tokens: runs of Unicode word characters (letters, digits,
/// combining marks, connector punctuation), NFC-normalized and lower-cased.
/// `14/2015/QĐ-UBND` → `["14", "2015", "qđ", "ubnd"]`.
pub fn tokens(s: &str) -> Vec<String> {
    let normalized = nfc(s);
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in normalized.chars() {
        if is_word_char(c) {
            cur.extend(unconfuse(c).to_lowercase());
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `\w` in the Unicode sense: alphanumerics, combining marks and connector punctuation.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c) || c == '_' || c == '\u{203F}' || c == '\u{2040}'
}

/// A URL slug: NFC, fold, every run of characters outside `[a-z0-9]` becomes one `-`,
/// leading and trailing `-` trimmed. `"Quyết định số 14/2015/QĐ-UBND"` →
/// `"quyet-dinh-so-14-2015-qd-ubnd"`.
pub fn slugify(s: &str) -> String {
    let folded = fold(&nfc(s));
    let mut out = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv(name: &str) -> Vec<Vec<String>> {
        let path = format!("{}/tests/data/vi/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect(&path);
        text.lines()
            .skip(1)
            .filter(|l| !l.is_empty())
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn every_slug_vector_passes() {
        let rows = tsv("slugs.tsv");
        assert_eq!(rows.len(), 32);
        for row in rows {
            assert_eq!(slugify(&row[1]), row[2], "row {}: {:?}", row[0], row[1]);
        }
    }

    #[test]
    fn fold_drops_marks_and_maps_d_stroke() {
        let cases = [
            ("Ủy ban nhân dân", "uy ban nhan dan"),
            ("ĐƯỜNG DÂY NÓNG", "duong day nong"),
            ("Ðà Nẵng", "da nang"),
            ("ðà", "da"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "{input}");
        }
    }

    #[test]
    fn syllable_key_is_blind_to_tone_placement_case_and_form() {
        let cases = [
            ("hòa", "hoa1"),
            ("hoà", "hoa1"),
            ("HOÀ", "hoa1"),
            ("ho\u{0300}a", "hoa1"),
            ("thông", "thông0"),
            ("thống", "thông4"),
            ("qúy", "quy4"),
            ("quý", "quy4"),
            ("Ủy", "uy2"),
            ("lợi", "lơi5"),
            ("Đà", "đa1"),
            ("Ðà", "đa1"),
        ];
        for (input, want) in cases {
            assert_eq!(syllable_key(input), want, "{input}");
        }
    }

    #[test]
    fn tokens_split_like_unicode_word_runs() {
        assert_eq!(tokens("14/2015/QĐ-UBND"), ["14", "2015", "qđ", "ubnd"]);
        assert_eq!(
            tokens("  Ninh Bình, ngày 08/6 "),
            ["ninh", "bình", "ngày", "08", "6"]
        );
        assert_eq!(tokens("Ni\u{0300}nh"), ["nình"]);
        assert!(tokens("— … !").is_empty());
    }

    #[test]
    fn tone_split_agrees_with_decomposition() {
        for base in ['a', 'e', 'o', 'u', 'y'] {
            for (tone, mark) in ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"]
                .iter()
                .enumerate()
            {
                for b in [base, base.to_ascii_uppercase()] {
                    let c: String = format!("{b}{mark}").nfc().collect();
                    let c = c.chars().next().unwrap();
                    assert_eq!(split_tone_char(c), (base, tone as u8), "{c}");
                }
            }
        }
        assert_eq!(split_tone_char('ấ'), (' ', 0));
        assert_eq!(split_tone_char('n'), (' ', 0));
    }

    #[test]
    fn char_at_decodes_every_width() {
        let s = "aà\u{1EA1}\u{10348}ư";
        let mut i = 0;
        let mut got = Vec::new();
        while i < s.len() {
            let (c, len) = char_at(s, i);
            assert_eq!(len, c.len_utf8());
            got.push(c);
            i += len;
        }
        assert_eq!(got, s.chars().collect::<Vec<_>>());
    }

    #[test]
    fn trivially_nfc_agrees_with_the_character_rule() {
        let rule = |s: &str| {
            s.chars()
                .all(|c| (c as u32) < 0x300 || ('\u{1EA0}'..='\u{1EF9}').contains(&c))
        };
        let samples = [
            "Ủy ban nhân dân tỉnh Ninh Bình",
            "Bi\u{0300}nh",
            "\u{1E9F}\u{1EA0}\u{1EF9}\u{1EFA}",
            "ǿ\u{2FF}\u{300}",
            "日本",
            "x\u{1EF9}",
            "\u{1E00}",
            "",
        ];
        for s in samples {
            assert_eq!(trivially_nfc(s), rule(s), "{s:?}");
        }
        for c in (0x250u32..0x400).chain(0x1E00..0x1F10) {
            let s = char::from_u32(c).unwrap().to_string();
            assert_eq!(trivially_nfc(&s), rule(&s), "U+{c:04X}");
        }
    }

    /// The word-by-word scan the fast one replaced: both must agree.
    fn needs_repair_scan_reference(text: &str) -> bool {
        let mut old_style = false;
        let mut new_style = false;
        // At the end of each word, its last three letters tell the tone placement.
        let mut end_word = |start: usize, end: usize| {
            // Only an open syllable ending in oa, oe or uy shows the placement ("hòa"/"hoà");
            // "hoàn", "hoặc" and "quý" are written alike in both styles. Most words end in
            // another letter: decide those on the last byte alone.
            let last_byte = text.as_bytes()[end - 1];
            if last_byte < 0x80 && !matches!(last_byte | 0x20, b'a' | b'e' | b'y') {
                return;
            }
            let mut rev = text[start..end].chars().rev();
            let last = rev.next().unwrap_or(' ');
            let (b1, t1) = split_tone_char(rev.next().unwrap_or(' '));
            let (b2, t2) = split_tone_char(last);
            let qu = rev.next().unwrap_or(' ').eq_ignore_ascii_case(&'q');
            let pair = (b1, b2);
            if matches!(pair, ('o', 'a') | ('o', 'e')) || (pair == ('u', 'y') && !qu) {
                if t1 > 0 && t2 == 0 {
                    old_style = true;
                } else if t1 == 0 && t2 > 0 {
                    new_style = true;
                }
            }
        };
        let bytes = text.as_bytes();
        // Where the current word started, if inside one.
        let mut word_start: Option<usize> = None;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                // ASCII, most of any text, a run at a time: letters extend the word, anything
                // else ends it.
                if b.is_ascii_alphabetic() {
                    word_start.get_or_insert(i);
                    i += 1;
                    while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                } else {
                    if let Some(start) = word_start.take() {
                        end_word(start, i);
                    }
                    i += 1;
                    while i < bytes.len() && bytes[i] < 0x80 && !bytes[i].is_ascii_alphabetic() {
                        i += 1;
                    }
                }
                continue;
            }
            let (c, len) = char_at(text, i);
            let code = c as u32;
            if (0x300..0x370).contains(&code) {
                return true; // combining marks: not NFC or decomposed legacy text
            }
            let vietnamese_letter = if code < 0x300 {
                if !is_vietnamese_latin(c) {
                    if !matches!(
                        c,
                        '\u{a0}'
                            | '©'
                            | '®'
                            | '°'
                            | '±'
                            | '×'
                            | '÷'
                            | '·'
                            | '§'
                            | '²'
                            | '³'
                            | '½'
                            | '¼'
                            | '¾'
                    ) {
                        return true;
                    }
                    false
                } else {
                    true
                }
            } else {
                (0x1EA0..=0x1EF9).contains(&code)
            };
            // Only an ASCII letter before can make the pair (the previous byte is then the
            // whole previous character).
            if matches!(c, 'â' | 'ê' | 'Â' | 'Ê' | 'ô' | 'Ô')
                && i > 0
                && matches!(bytes[i - 1] | 0x20, b'a' | b'e' | b'o')
            {
                return true;
            }
            if vietnamese_letter {
                word_start.get_or_insert(i);
            } else if let Some(start) = word_start.take() {
                end_word(start, i);
            }
            i += len;
        }
        if let Some(start) = word_start {
            end_word(start, text.len());
        }
        old_style && new_style
    }

    #[test]
    fn repair_scan_agrees_with_the_word_by_word_scan() {
        let pieces = [
            "hòa",
            "hoà",
            "HÒA",
            "HOÀ",
            "thủy",
            "thuỷ",
            "quý",
            "qúy",
            "Qủy",
            "khỏe",
            "khoẻ",
            "hoàn",
            "hòan",
            "oà",
            "òa",
            "ủy",
            "uỷ",
            "y",
            "a",
            "o",
            "u",
            "q",
            "1",
            " ",
            "\n",
            "-",
            "—",
            "“",
            "â",
            "ê",
            "ô",
            "oâ",
            "aê",
            "«",
            "¸",
            "Ð",
            "°",
            "×",
            "½",
            "ñ",
            "ö",
            "ø",
            "Bi\u{0300}nh",
            "\u{a0}",
            "ạ",
            "ọ",
            "ý",
            "ỳ",
            "Ý",
            "Y",
            "A",
            "O",
            "ă",
            "ơ",
            "ư",
            "đ",
            "x",
            "ab",
            "中",
            "é",
            "ẹ",
            "e",
            "E",
            "é1",
            "hòa中",
            "hòaă",
        ];
        let mut n = 0;
        for a in pieces {
            for b in pieces {
                for c in ["", "hòa", "hoà", " thủy", "thuỷ ", "a", "ô"] {
                    let t = format!("{a}{b}{c}");
                    assert_eq!(
                        needs_repair_scan(&t),
                        needs_repair_scan_reference(&t),
                        "{t:?}"
                    );
                    let t = format!("{c} {a} {b}. {c}{a}");
                    assert_eq!(
                        needs_repair_scan(&t),
                        needs_repair_scan_reference(&t),
                        "{t:?}"
                    );
                    n += 2;
                }
            }
        }
        assert!(n > 50_000);
        for t in [
            include_str!("../../tests/data/vi/search_folding.tsv"),
            "Ủy ban nhân dân tỉnh Ninh Bình: “Chuyển đổi số” – năm 2026… 25°C, 7,5% ©",
        ] {
            assert_eq!(needs_repair_scan(t), needs_repair_scan_reference(t));
        }
    }

    #[test]
    fn text_scan_says_nfc_only_when_it_is() {
        for t in [
            "Ủy ban nhân dân",
            "abc",
            "",
            "Ðà Nẵng",
            "hòa bình",
            "中文",
            "Bi\u{0300}nh",
            "ǅ",
            "Ω",
        ] {
            let scan = text_scan(t);
            assert_eq!(scan.needs_repair, needs_repair_scan_reference(t), "{t}");
            if scan.trivially_nfc {
                assert!(!scan.needs_repair && trivially_nfc(t), "{t}");
            }
        }
        assert!(text_scan("Ủy ban nhân dân tỉnh Ninh Bình").trivially_nfc);
        assert!(!text_scan("Ủy ban 中文").trivially_nfc);
    }

    #[test]
    fn repair_scan_prefilter() {
        let needs = [
            "Th«ng tin ®iÖn tö",    // TCVN3 through Windows-1252
            "Thoâng tin",           // VNI through Windows-1252, one word
            "ñieän töû",            // VNI
            "Ðà Nẵng",              // eth for Đ
            "Bi\u{0300}nh",         // NFD
            "hòa bình và hoà giải", // mixed tone placement
            "thủy lợi, thuỷ điện",
            "Hòa bình. HOÀ",
            "Ã¡", // UTF-8 read as Windows-1252
        ];
        for t in needs {
            assert!(needs_repair_scan(t), "{t}");
        }
        let clean = [
            "Ủy ban nhân dân tỉnh Ninh Bình: “Chuyển đổi số” – năm 2026… 25°C, 7,5% ©",
            "hòa bình, thủy lợi, khỏe mạnh (old style only), hoàn thành, hoặc, quý, khoảng",
            "hoà bình, thuỷ lợi, khoẻ mạnh (new style only)",
            "xuân, tiên, muôn, yên, quyền, tuấn",
            "",
        ];
        for t in clean {
            assert!(!needs_repair_scan(t), "{t}");
        }
    }

    #[test]
    fn fast_path_agrees_with_the_full_check() {
        let samples = [
            "Ủy ban nhân dân tỉnh Ninh Bình",
            "Bi\u{0300}nh",
            "ĐƯỜNG DÂY NÓNG, “ngoặc kép” – gạch",
            "a\u{0323}\u{0302}",
            "\u{1EA0}\u{0300}",
        ];
        for s in samples {
            let full = matches!(is_nfc_quick(s.chars()), IsNormalized::Yes)
                || s.nfc().collect::<String>() == s;
            assert_eq!(matches!(nfc(s), Cow::Borrowed(_)), full, "{s:?}");
        }
    }

    #[test]
    fn nfc_borrows_when_already_normalized() {
        assert!(matches!(nfc("Ninh Bình"), Cow::Borrowed(_)));
        assert_eq!(nfc("Bi\u{0300}nh"), "Bình");
        assert!(!is_nfc("Bi\u{0300}nh"));
        assert_eq!(nfc_string("Bi\u{0300}nh".into()), "Bình");
    }

    #[test]
    fn has_diacritic_detects_any_vietnamese_mark() {
        assert!(has_diacritic("đa"));
        assert!(has_diacritic("thông"));
        assert!(!has_diacritic("binh"));
        assert!(!has_diacritic("2015"));
    }
}

//! Vietnamese syllables: a compact validator, and the two tone placements.
//!
//! Two jobs share one small model of the syllable (onset + rhyme + tone):
//!
//! - [`is_syllable`] says whether a word can be a Vietnamese syllable. Encoding detection
//!   scores a decoding by how many of its words pass, instead of guessing from byte
//!   frequencies: TCVN3 read as Windows-1252 gives "Th«ng", which no syllable can be.
//! - [`set_tone_style`] moves the tone mark in the rhymes `oa`, `oe`, `uy` without a final
//!   consonant, the only place where the two spellings differ: old style "hòa", "hòe",
//!   "thủy" (tone on the first vowel), new style "hoà", "hoè", "thuỷ" (on the second).
//!   "quý" and "quả" are the same in both, since the `u` there belongs to the onset `qu`.
//!
//! The validator is deliberately a little lenient (it accepts a tone on any vowel of the
//! rhyme, and loan-word onsets such as `p`); it must never reject real Vietnamese text,
//! while rejecting the letter soup a wrong decoding produces. Nothing here reads files.

use std::fmt;
use std::str::FromStr;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Where the tone mark goes in `oa`, `oe`, `uy` without a final consonant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ToneStyle {
    /// "hòa", "hòe", "thủy": the traditional placement, on the first vowel.
    Old,
    /// "hoà", "hoè", "thuỷ": the placement on the main vowel (the "new" style).
    New,
}

impl ToneStyle {
    /// `old` or `new`, as typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ToneStyle::Old => "old",
            ToneStyle::New => "new",
        }
    }

    /// An example word in this style, for messages.
    pub fn example(self) -> &'static str {
        match self {
            ToneStyle::Old => "hòa, thủy",
            ToneStyle::New => "hoà, thuỷ",
        }
    }
}

impl fmt::Display for ToneStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ToneStyle {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "old" | "cu" | "cũ" => Ok(ToneStyle::Old),
            "new" | "moi" | "mới" => Ok(ToneStyle::New),
            other => Err(format!(
                "unknown tone style `{other}`: use `old` (hòa, thủy) or `new` (hoà, thuỷ)"
            )),
        }
    }
}

/// One letter of a word: its base letter as written (case kept), the vowel modifier
/// (breve, circumflex, horn) if any, and the tone number (0 when none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Letter {
    /// The letter as written, lower- or upper-case, without marks (`a`, `O`, `đ`).
    base: char,
    /// U+0306 breve, U+0302 circumflex or U+031B horn.
    modifier: Option<char>,
    tone: u8,
}

impl Letter {
    /// The lower-case letter with its modifier, without tone: `ă`, `ơ`, `đ`, `a`.
    fn plain(self) -> char {
        let lower = self.base.to_lowercase().next().unwrap_or(self.base);
        match (lower, self.modifier) {
            ('a', Some('\u{0306}')) => 'ă',
            ('a', Some('\u{0302}')) => 'â',
            ('e', Some('\u{0302}')) => 'ê',
            ('o', Some('\u{0302}')) => 'ô',
            ('o', Some('\u{031B}')) => 'ơ',
            ('u', Some('\u{031B}')) => 'ư',
            (c, _) => c,
        }
    }
}

/// The combining tone marks and their tone numbers (1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng).
fn tone_number(mark: char) -> Option<u8> {
    match mark {
        '\u{0300}' | '\u{0340}' => Some(1),
        '\u{0309}' => Some(2),
        '\u{0303}' => Some(3),
        '\u{0301}' | '\u{0341}' => Some(4),
        '\u{0323}' => Some(5),
        _ => None,
    }
}

/// The combining mark of a tone number.
fn tone_mark(tone: u8) -> Option<char> {
    match tone {
        1 => Some('\u{0300}'),
        2 => Some('\u{0309}'),
        3 => Some('\u{0303}'),
        4 => Some('\u{0301}'),
        5 => Some('\u{0323}'),
        _ => None,
    }
}

/// Splits a word into letters. `None` when it holds anything but Latin letters with
/// Vietnamese marks (digits, symbols, a second tone, a mark no Vietnamese letter takes).
fn letters(word: &str) -> Option<Vec<Letter>> {
    let mut out: Vec<Letter> = Vec::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            let last = out.last_mut()?;
            if let Some(t) = tone_number(c) {
                if last.tone != 0 {
                    return None;
                }
                last.tone = t;
            } else {
                if last.modifier.is_some() {
                    return None;
                }
                let lower = last.base.to_ascii_lowercase();
                let fits = matches!(
                    (lower, c),
                    ('a', '\u{0306}') | ('a' | 'e' | 'o', '\u{0302}') | ('o' | 'u', '\u{031B}')
                );
                if !fits {
                    return None;
                }
                last.modifier = Some(c);
            }
        } else if c.is_ascii_alphabetic() || c == 'đ' || c == 'Đ' {
            out.push(Letter {
                base: c,
                modifier: None,
                tone: 0,
            });
        } else {
            return None;
        }
    }
    Some(out)
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Onsets, longest first so that `ngh` is tried before `ng` and `n`.
const ONSETS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Every rhyme (vần) of standard orthography, without tone, as written after an onset
/// other than `qu` (the medial is `o` before a, ă, e and `u` before â, ê, y, ơ).
/// Checked against the rhyme tables of Hoàng Phê's Từ điển tiếng Việt (Vietlex) and the
/// grade 1 spelling book (Tiếng Việt 1, "vần"); rare loan rhymes (oong, ooc) included.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "ec", "em", "en", "eng", "eo", "ep", "et", //
    "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", //
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", //
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", //
    "yêm", "yên", "yêng", "yêt", "yêu", //
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "oong", "ooc", //
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", //
    "oăc", "oăm", "oăn", "oăng", "oăt", //
    "oe", "oen", "oeo", "oet", //
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "uc", "ui", "um", "un", "ung", "up", "ut", //
    "ua", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", //
    "uân", "uâng", "uât", "uây", //
    "uê", "uêch", "uênh", "uơ", //
    "uy", "uya", "uych", "uynh", "uyt", "uyu", "uyên", "uyêt", //
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", //
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", //
    "y",
];

fn is_rhyme(r: &str) -> bool {
    RHYMES.contains(&r)
}

/// Rhymes of a handful of words or loan words each ("xoong", "ngoao", "khuỷu", "hừm"): a
/// decoding that needs them is less likely than one that does not.
const RARE_RHYMES: &[&str] = &[
    "oong", "ooc", "oao", "oeo", "oen", "oet", "oam", "oap", "oăm", "oăn", "oăng", "oăt", "uyu",
    "uya", "uych", "uây", "uâng", "uênh", "uêch", "uơ", "ưm", "ưn", "ơp", "yêng", "eng",
];

/// A word read as a Vietnamese syllable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    /// Lower-case onset (`th`, `qu`, `gi`, `ngh`, or empty).
    pub onset: String,
    /// Lower-case rhyme without tone (`ông`, `oa`, `uyên`).
    pub rhyme: String,
    /// 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng.
    pub tone: u8,
    /// Index (in letters) of the letter carrying the tone mark, when there is one.
    pub tone_at: Option<usize>,
}

impl Syllable {
    /// Whether the rhyme is one of the rare ones (see `RARE_RHYMES`).
    pub fn is_rare(&self) -> bool {
        RARE_RHYMES.contains(&self.rhyme.as_str())
    }
}

/// Reads `word` as one Vietnamese syllable (any case, any Unicode form); `None` when no
/// onset + rhyme + tone fits, e.g. "Th«ng", "thềng", "baùo", "cafe", "bát" written "bat".
pub fn parse_syllable(word: &str) -> Option<Syllable> {
    let letters = letters(word)?;
    let plain: Vec<char> = letters.iter().map(|l| l.plain()).collect();
    if plain.is_empty() || plain.len() > 8 {
        return None;
    }
    let tone = letters.iter().map(|l| l.tone).max().unwrap_or(0);
    let tone_at = letters.iter().position(|l| l.tone != 0);
    let text: String = plain.iter().collect();
    for onset in ONSETS {
        let Some(rest) = text.strip_prefix(onset) else {
            continue;
        };
        let onset_len = onset.chars().count();
        if rest.is_empty() {
            continue;
        }
        if !onset_fits(onset, rest) {
            continue;
        }
        // The tone sits on a vowel of the rhyme.
        if let Some(at) = tone_at {
            if at < onset_len || !is_vowel(plain[at]) {
                continue;
            }
        }
        let checked = matches!(rest.chars().last(), Some('c' | 'p' | 't')) || rest.ends_with("ch");
        if checked && tone != 4 && tone != 5 {
            continue;
        }
        // The loan rhymes of "xoong", "soóc" take no other tone.
        if (rest == "oong" || rest == "ooc") && tone != 0 && tone != 4 {
            continue;
        }
        return Some(Syllable {
            onset: onset.to_string(),
            rhyme: rest.to_string(),
            tone,
            tone_at,
        });
    }
    None
}

/// Spelling rules between onset and rhyme (c/k/q, g/gh, ng/ngh, gi, qu, iê/yê).
fn onset_fits(onset: &str, rest: &str) -> bool {
    let first = rest.chars().next().unwrap_or(' ');
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    match onset {
        "qu" => {
            !matches!(first, 'u' | 'o' | 'ư') && (is_rhyme(rest) || is_rhyme(&format!("u{rest}")))
        }
        // `gi` + a rhyme starting with i is written with one i ("gì", "gìn"): that is the
        // onset `g` below.
        "gi" => first != 'i' && is_rhyme(rest) && !rest.starts_with("yê"),
        "k" | "gh" | "ngh" => front && is_rhyme(rest) && !rest.starts_with("yê"),
        "c" | "ng" => !front && is_rhyme(rest),
        "g" => !matches!(first, 'e' | 'ê' | 'y') && is_rhyme(rest),
        "" => is_rhyme(rest) && !rest.starts_with("iê"),
        _ => is_rhyme(rest) && !rest.starts_with("yê"),
    }
}

/// Whether `word` can be one Vietnamese syllable (see [`parse_syllable`]).
pub fn is_syllable(word: &str) -> bool {
    parse_syllable(word).is_some()
}

/// The rhymes whose tone placement differs between the styles, when the word uses one:
/// returns the index (in letters) of the first and the second vowel of the rhyme.
fn contested(word: &str) -> Option<(Vec<Letter>, usize, usize)> {
    if word.is_ascii() || !has_contested_pair(word) {
        return None;
    }
    let syl = parse_syllable(word)?;
    if syl.tone == 0 || !matches!(syl.rhyme.as_str(), "oa" | "oe" | "uy") || syl.onset == "qu" {
        return None;
    }
    let letters = letters(word)?;
    let first = syl.onset.chars().count();
    Some((letters, first, first + 1))
}

/// A cheap filter before parsing: whether the word carries a tone mark and its base
/// letters hold `oa`, `oe` or `uy` (not after `q`).
fn has_contested_pair(word: &str) -> bool {
    let (mut before, mut prev) = (' ', ' ');
    let (mut pair, mut toned) = (false, false);
    for c in word.chars() {
        let mut base = ' ';
        unicode_normalization::char::decompose_canonical(c, |d| {
            if base == ' ' {
                base = d.to_ascii_lowercase();
            } else if tone_number(d).is_some() {
                toned = true;
            }
        });
        if is_combining_mark(c) {
            toned |= tone_number(c).is_some();
            continue;
        }
        pair |=
            matches!((prev, base), ('o', 'a' | 'e')) || (prev, base) == ('u', 'y') && before != 'q';
        before = prev;
        prev = base;
    }
    pair && toned
}

/// The tone placement a word shows: `Some(Old)` for "hòa", `Some(New)` for "hoà", `None`
/// when both styles write it the same ("quý", "hoàn", "hoa") or it is not a syllable.
pub fn tone_style_of(word: &str) -> Option<ToneStyle> {
    let (letters, first, second) = contested(word)?;
    if letters[first].tone != 0 {
        Some(ToneStyle::Old)
    } else if letters[second].tone != 0 {
        Some(ToneStyle::New)
    } else {
        None
    }
}

/// `word` respelled in `style` (NFC); `None` when it already is, or is not concerned.
pub fn respell(word: &str, style: ToneStyle) -> Option<String> {
    let current = tone_style_of(word)?;
    if current == style {
        return None;
    }
    let (mut letters, first, second) = contested(word)?;
    let (from, to) = match style {
        ToneStyle::Old => (second, first),
        ToneStyle::New => (first, second),
    };
    letters[to].tone = letters[from].tone;
    letters[from].tone = 0;
    let mut out = String::with_capacity(word.len() + 2);
    for l in &letters {
        out.push(l.base);
        if let Some(m) = l.modifier {
            out.push(m);
        }
        if let Some(t) = tone_mark(l.tone) {
            out.push(t);
        }
    }
    Some(out.nfc().collect())
}

/// Whether `c` belongs to a word: a letter or a combining mark.
pub fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_combining_mark(c)
}

/// The words of `text` with their byte ranges: maximal runs of letters and marks.
pub fn words(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let mut start: Option<usize> = None;
    let mut iter = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in iter.by_ref() {
            let word_char = i < text.len() && is_word_char(c);
            match (start, word_char) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    start = None;
                    return Some((s, &text[s..i]));
                }
                _ => {}
            }
        }
        None
    })
}

/// Rewrites every word of `text` whose tone placement differs from `style`, keeping
/// everything else byte for byte (case, punctuation, line ends). The words changed come
/// out in NFC.
///
/// `set_tone_style("Cộng hoà, thuỷ lợi", ToneStyle::Old)` → `"Cộng hòa, thủy lợi"`.
pub fn set_tone_style(text: &str, style: ToneStyle) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, word) in words(text) {
        if let Some(new) = respell(word, style) {
            out.push_str(&text[last..start]);
            out.push_str(&new);
            last = start + word.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_pass() {
        let words = "Thông tin cung cấp trên trang điện tử phải tuân thủ quy định của pháp \
            luật về bảo vệ bí mật nhà nước quyết định Ủy ban nhân dân tỉnh Ninh Bình thủy \
            hòa hoà thuỷ khỏe khoẻ gì gìn giữ giếng giặc già quốc quả quý quỳnh quyết quýt \
            khuya khuỷu huỵch huynh nghiêng nghĩa ghế kẻ kỹ kỳ ký yêu yên yết ỉa uống ước \
            rượu người thuở huơ xoong soóc ngoặc xoăn hoạch oanh khuếch chênh oai xoáy ngoẻo \
            ỦY BAN NHÂN DÂN ĐƯỜNG ủY TỉNH Tỷ lệ số hóa gục quỵ";
        for w in words.split_whitespace() {
            assert!(is_syllable(w), "{w} should be a syllable");
        }
    }

    #[test]
    fn letter_soup_fails() {
        for w in [
            "Th«ng", "thềng", "baùo", "Thoâng", "cafe", "café", "bat", "ka", "ci", "nge", "ghá",
            "quu", "kyêu", "iêu", "thụngg", "Ðà", "naïve", "x", "ng", "", "a1", "hoÌa", "ăn̈",
            "chàt", "giin", "ThÃ´ng", "bịo",
        ] {
            assert!(!is_syllable(w), "{w} should not be a syllable");
        }
    }

    #[test]
    fn syllable_parts() {
        let s = parse_syllable("Quyết").unwrap();
        assert_eq!(
            (s.onset.as_str(), s.rhyme.as_str(), s.tone),
            ("qu", "yêt", 4)
        );
        let s = parse_syllable("gìn").unwrap();
        assert_eq!((s.onset.as_str(), s.rhyme.as_str(), s.tone), ("g", "in", 1));
        let s = parse_syllable("nghiêng").unwrap();
        assert_eq!((s.onset.as_str(), s.rhyme.as_str()), ("ngh", "iêng"));
        // NFD input reads the same.
        assert_eq!(parse_syllable("ho\u{0300}a"), parse_syllable("hòa"));
    }

    #[test]
    fn tone_style_of_words() {
        let cases = [
            ("hòa", Some(ToneStyle::Old)),
            ("hoà", Some(ToneStyle::New)),
            ("HOÀ", Some(ToneStyle::New)),
            ("thủy", Some(ToneStyle::Old)),
            ("thuỷ", Some(ToneStyle::New)),
            ("Ủy", Some(ToneStyle::Old)),
            ("Uỷ", Some(ToneStyle::New)),
            ("khỏe", Some(ToneStyle::Old)),
            ("khoẻ", Some(ToneStyle::New)),
            ("quý", None),
            ("quả", None),
            ("hoàn", None),
            ("hoa", None),
            ("xoáy", None),
            ("thuế", None),
            ("khuỷu", None),
        ];
        for (w, want) in cases {
            assert_eq!(tone_style_of(w), want, "{w}");
        }
    }

    #[test]
    fn set_tone_style_both_ways() {
        let new = "Uỷ ban; CỘNG HOÀ; thuỷ lợi; số hoá; khoẻ; quý; hoàn thành; Tỷ lệ.";
        let old = "Ủy ban; CỘNG HÒA; thủy lợi; số hóa; khỏe; quý; hoàn thành; Tỷ lệ.";
        assert_eq!(set_tone_style(new, ToneStyle::Old), old);
        assert_eq!(set_tone_style(old, ToneStyle::New), new);
        assert_eq!(set_tone_style(old, ToneStyle::Old), old);
        // NFD words come out NFC; text around them is untouched.
        assert_eq!(set_tone_style("ho\u{0300}a\r\n", ToneStyle::New), "hoà\r\n");
    }

    #[test]
    fn mixed_sample_unifies_to_the_passage() {
        let dir = format!("{}/tests/data/vi/samples", env!("CARGO_MANIFEST_DIR"));
        let mixed = std::fs::read_to_string(format!("{dir}/quyche.mixed.utf8.txt")).unwrap();
        let passage = std::fs::read_to_string(format!("{dir}/quyche.expected.nfc.txt")).unwrap();
        let nfc: String = mixed.nfc().collect();
        assert_eq!(set_tone_style(&nfc, ToneStyle::Old), passage);
    }

    #[test]
    fn tone_style_parses() {
        assert_eq!("old".parse::<ToneStyle>(), Ok(ToneStyle::Old));
        assert_eq!("NEW".parse::<ToneStyle>(), Ok(ToneStyle::New));
        assert!("sideways".parse::<ToneStyle>().is_err());
    }

    #[test]
    fn words_iterates_letter_runs() {
        let w: Vec<_> = words("Ủy ban, 14/2015/QĐ-UBND ho\u{0300}a").collect();
        assert_eq!(
            w,
            [
                (0, "Ủy"),
                (5, "ban"),
                (18, "QĐ"),
                (22, "UBND"),
                (27, "ho\u{0300}a")
            ]
        );
    }
}

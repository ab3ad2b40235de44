//! VNI-Windows: the encoding of the VNI-Times fonts, still common in agencies.
//!
//! Unlike the other encodings VNI writes most toned vowels as two bytes: the base letter,
//! then one "mark" byte carrying the circumflex or breve and the tone together (`aá` is
//! "ấ": `a` + 0xE1). A few letters have a byte of their own (ì í ỉ ĩ ị ỵ ơ ư đ), and
//! capitals take the mark bytes of the upper half (0xC0–0xDF). Every other byte is
//! Windows-1252, which is why VNI text pasted into UTF-8 reads "Thoâng baùo".
//!
//! Checked against `tests/data/vi/legacy_letters.tsv` (UniKey's vnconv VNI-WIN table,
//! cross-checked there with xvnkb's `vni.h`): all 134 letters round-trip in the tests.

use super::tables::CP1252_HIGH;

const BREVE: char = '\u{0306}';
const CIRCUMFLEX: char = '\u{0302}';

/// Letters with a byte of their own: (lower-case byte, upper-case byte, lower, upper).
const LETTERS: [(u8, u8, char, char); 9] = [
    (0xE6, 0xC6, 'ỉ', 'Ỉ'),
    (0xEC, 0xCC, 'ì', 'Ì'),
    (0xED, 0xCD, 'í', 'Í'),
    (0xEE, 0xCE, 'ỵ', 'Ỵ'),
    (0xF1, 0xD1, 'đ', 'Đ'),
    (0xF2, 0xD2, 'ị', 'Ị'),
    (0xF3, 0xD3, 'ĩ', 'Ĩ'),
    (0xF4, 0xD4, 'ơ', 'Ơ'),
    (0xF6, 0xD6, 'ư', 'Ư'),
];

/// Mark bytes: (lower-case byte, upper-case byte, modifier, tone number).
const MARKS: [(u8, u8, Option<char>, u8); 17] = [
    (0xF8, 0xD8, None, 1),
    (0xFB, 0xDB, None, 2),
    (0xF5, 0xD5, None, 3),
    (0xF9, 0xD9, None, 4),
    (0xEF, 0xCF, None, 5),
    (0xE2, 0xC2, Some(CIRCUMFLEX), 0),
    (0xE0, 0xC0, Some(CIRCUMFLEX), 1),
    (0xE5, 0xC5, Some(CIRCUMFLEX), 2),
    (0xE3, 0xC3, Some(CIRCUMFLEX), 3),
    (0xE1, 0xC1, Some(CIRCUMFLEX), 4),
    (0xE4, 0xC4, Some(CIRCUMFLEX), 5),
    (0xEA, 0xCA, Some(BREVE), 0),
    (0xE8, 0xC8, Some(BREVE), 1),
    (0xFA, 0xDA, Some(BREVE), 2),
    (0xFC, 0xDC, Some(BREVE), 3),
    (0xE9, 0xC9, Some(BREVE), 4),
    (0xEB, 0xCB, Some(BREVE), 5),
];

fn tone_char(tone: u8) -> Option<char> {
    match tone {
        1 => Some('\u{0300}'),
        2 => Some('\u{0309}'),
        3 => Some('\u{0303}'),
        4 => Some('\u{0301}'),
        5 => Some('\u{0323}'),
        _ => None,
    }
}

/// The vowel just written, to which a mark byte may still attach.
#[derive(Clone, Copy)]
struct Open {
    /// Lower-case base letter: a e i o u y (ơ ư count as o u with their horn).
    vowel: char,
    has_modifier: bool,
    has_tone: bool,
}

/// Decodes VNI-Windows bytes. Returns the text (not yet NFC) and the number of bytes that
/// mean nothing in VNI (Windows-1252's five holes).
pub(super) fn decode(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 4);
    let mut open: Option<Open> = None;
    let mut unmapped = 0;
    for &b in bytes {
        if b < 0x80 {
            out.push(b as char);
            let lower = b.to_ascii_lowercase();
            open = matches!(lower, b'a' | b'e' | b'i' | b'o' | b'u' | b'y').then_some(Open {
                vowel: lower as char,
                has_modifier: false,
                has_tone: false,
            });
            continue;
        }
        if let Some(&(lo, _, lower, upper)) = LETTERS.iter().find(|l| l.0 == b || l.1 == b) {
            out.push(if lo == b { lower } else { upper });
            open = match lower {
                'ơ' | 'ư' => Some(Open {
                    vowel: if lower == 'ơ' { 'o' } else { 'u' },
                    has_modifier: true,
                    has_tone: false,
                }),
                'đ' => None,
                _ => Some(Open {
                    vowel: 'i',
                    has_modifier: true,
                    has_tone: true,
                }),
            };
            continue;
        }
        if let Some(&(_, _, modifier, tone)) = MARKS.iter().find(|m| m.0 == b || m.1 == b) {
            if let Some(o) = open {
                let modifier_fits = match modifier {
                    None => true,
                    Some(m) => {
                        !o.has_modifier
                            && (matches!(o.vowel, 'a' | 'e' | 'o') && m == CIRCUMFLEX
                                || o.vowel == 'a' && m == BREVE)
                    }
                };
                if modifier_fits && (tone == 0 || !o.has_tone) {
                    out.extend(modifier);
                    out.extend(tone_char(tone));
                    open = Some(Open {
                        vowel: o.vowel,
                        has_modifier: o.has_modifier || modifier.is_some(),
                        has_tone: o.has_tone || tone != 0,
                    });
                    continue;
                }
            }
        }
        // Any other byte, or a mark with no vowel to sit on: Windows-1252.
        match char::from_u32(u32::from(CP1252_HIGH[usize::from(b - 0x80)])) {
            Some(c) if c != '\0' => out.push(c),
            _ => {
                out.push('\u{FFFD}');
                unmapped += 1;
            }
        }
        open = None;
    }
    (out, unmapped)
}

/// Encodes NFC text as VNI-Windows; `Err(c)` for the first character VNI cannot write.
pub(super) fn encode(text: &str) -> Result<Vec<u8>, char> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::with_capacity(text.len() + text.len() / 2);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        if let Some(&(lo, up, lower, _)) = LETTERS.iter().find(|l| l.2 == c || l.3 == c) {
            out.push(if lower == c { lo } else { up });
            continue;
        }
        let mut parts = c.nfd();
        let base = parts.next().ok_or(c)?;
        let mut modifier = None;
        let mut tone = 0;
        for m in parts {
            match m {
                '\u{0306}' | '\u{0302}' | '\u{031B}' => modifier = Some(m),
                '\u{0300}' => tone = 1,
                '\u{0309}' => tone = 2,
                '\u{0303}' => tone = 3,
                '\u{0301}' => tone = 4,
                '\u{0323}' => tone = 5,
                _ => return Err(c),
            }
        }
        let upper = base.is_ascii_uppercase();
        let lower = base.to_ascii_lowercase();
        if !matches!(lower, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            out.push(encode_cp1252(c).ok_or(c)?);
            continue;
        }
        // ơ and ư (with or without tone) are their own byte, followed by a tone mark.
        let (base_byte, modifier) = match (lower, modifier) {
            ('o', Some('\u{031B}')) => (if upper { 0xD4 } else { 0xF4 }, None),
            ('u', Some('\u{031B}')) => (if upper { 0xD6 } else { 0xF6 }, None),
            (_, Some('\u{031B}')) => return Err(c),
            _ => (base as u8, modifier),
        };
        if modifier.is_none() && tone == 0 {
            out.push(encode_cp1252(c).ok_or(c)?);
            continue;
        }
        let mark = MARKS
            .iter()
            .find(|m| m.2 == modifier && m.3 == tone)
            .map(|m| if upper { m.1 } else { m.0 })
            .ok_or(c)?;
        out.push(base_byte);
        out.push(mark);
    }
    Ok(out)
}

/// The Windows-1252 byte of a character that is not a VNI letter, when VNI does not use
/// that byte for a letter or a mark.
fn encode_cp1252(c: char) -> Option<u8> {
    let pos = CP1252_HIGH.iter().position(|&u| u32::from(u) == c as u32)?;
    let b = 0x80 + pos as u8;
    let taken =
        LETTERS.iter().any(|l| l.0 == b || l.1 == b) || MARKS.iter().any(|m| m.0 == b || m.1 == b);
    (!taken).then_some(b)
}

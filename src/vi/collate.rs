//! Vietnamese dictionary order for titles in lists.
//!
//! Byte order puts "Đà Nẵng" after "Yên Bái" and "ăn" after "y"; editors expect the order of
//! a Vietnamese dictionary. The rules (see `tests/data/vi/README.md`): letters
//! a ă â b c d đ e ê … ư v x y; syllable by syllable, letters before tone, a shorter syllable
//! before a longer one; lower-case before upper-case only as the last tie-break.

use super::text::{nfc, split_tone};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// Which order the five tones sort in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToneOrder {
    /// Vũ Xuân Lương / Vietlex (Hoàng Phê's dictionary): ngang, huyền, hỏi, ngã, sắc, nặng.
    #[default]
    Vietlex,
    /// Nguyễn Đình Hòa: ngang, sắc, huyền, hỏi, ngã, nặng.
    NguyenDinhHoa,
}

impl ToneOrder {
    /// Rank of a tone number (0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng).
    fn rank(self, tone: u8) -> u32 {
        match self {
            ToneOrder::Vietlex => u32::from(tone),
            ToneOrder::NguyenDinhHoa => match tone {
                0 => 0,
                4 => 1,
                1 => 2,
                2 => 3,
                3 => 4,
                _ => 5,
            },
        }
    }
}

/// The Vietnamese alphabet with f j w z in their Latin places.
const ALPHABET: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";

/// Rank of a lower-case, tone-free character: digits first, then the alphabet, then
/// everything else by code point.
fn char_rank(c: char) -> u32 {
    if c.is_ascii_digit() {
        return 2 + (c as u32 - '0' as u32);
    }
    match ALPHABET.chars().position(|a| a == c) {
        Some(i) => 20 + i as u32,
        None => 100 + c as u32,
    }
}

/// A sort key: compare keys with `Ord` to get dictionary order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CollationKey(Vec<u32>);

/// Builds the collation key of `s` under `order`.
pub fn collation_key(s: &str, order: ToneOrder) -> CollationKey {
    let s = nfc(s);
    let mut primary = Vec::with_capacity(s.len() + 8);
    let mut case_bits = Vec::new();
    for syllable in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let (base, tone) = split_tone(syllable);
        for c in base.chars() {
            let lower: char = c.to_lowercase().next().unwrap_or(c);
            primary.push(char_rank(lower));
            case_bits.push(u32::from(lower != c));
        }
        primary.push(1); // end of the syllable's letters: shorter sorts first
        primary.push(order.rank(tone) + 1);
    }
    primary.push(0);
    primary.extend(case_bits);
    CollationKey(primary)
}

/// Compares two strings in Vietnamese dictionary order.
pub fn compare(a: &str, b: &str, order: ToneOrder) -> Ordering {
    collation_key(a, order)
        .cmp(&collation_key(b, order))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(name: &str) -> Vec<String> {
        let path = format!("{}/tests/data/vi/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path)
            .expect(&path)
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    fn sorted(order: ToneOrder) -> Vec<String> {
        let mut words = lines("collation_input_shuffled.txt");
        words.sort_by(|a, b| compare(a, b, order));
        words
    }

    #[test]
    fn vietlex_order_matches_the_vector() {
        assert_eq!(
            sorted(ToneOrder::Vietlex),
            lines("collation_vietlex_expected.txt")
        );
    }

    #[test]
    fn nguyen_dinh_hoa_order_matches_the_vector() {
        assert_eq!(
            sorted(ToneOrder::NguyenDinhHoa),
            lines("collation_nguyendinhhoa_expected.txt")
        );
    }

    #[test]
    fn d_stroke_sorts_after_d_and_nfd_equals_nfc() {
        assert_eq!(
            compare("Đà Nẵng", "Yên Bái", ToneOrder::Vietlex),
            Ordering::Less
        );
        assert_eq!(compare("dừa", "đá", ToneOrder::Vietlex), Ordering::Less);
        assert_eq!(
            collation_key("Bi\u{0300}nh", ToneOrder::Vietlex),
            collation_key("Bình", ToneOrder::Vietlex)
        );
    }
}

//! Vietnamese text: NFC, folding, slugs, collation and dates.
//!
//! Everything here is pure and shared by every stage that handles text; nothing here reads
//! files or knows about pages.

pub mod collate;
pub mod date;
pub mod legacy;
pub mod mojibake;
pub mod text;
pub mod tone;

pub use collate::{collation_key, compare, CollationKey, ToneOrder};
pub use date::Date;
pub use legacy::legacy_encoding_diagnostic;
pub use text::{fold, has_diacritic, nfc, nfc_string, slugify, syllable_key, tokens};

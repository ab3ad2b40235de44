//! Legacy Vietnamese encodings (TCVN3, VNI-Windows, VISCII, Windows-1258, VN1) and mojibake.
//!
//! Placeholder owned by the text-repair work (issue 6): the loader calls
//! [`legacy_encoding_diagnostic`] for files that are not valid UTF-8.

use crate::diagnostics::Diagnostic;

/// When `bytes` look like Vietnamese text in a legacy encoding, a diagnostic naming it and the
/// fix; `None` when no encoding fits.
pub fn legacy_encoding_diagnostic(_file: &str, _bytes: &[u8]) -> Option<Diagnostic> {
    None
}

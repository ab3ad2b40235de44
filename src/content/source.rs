//! Finding content files and turning their bytes into normalized text.
//!
//! [`discover`] is the only place that walks `content/`, and [`read_all`] the only place that
//! reads content files. [`decode`] is pure: bytes in, NFC text (LF line ends, no BOM) or a
//! located diagnostic out. Nothing here interprets Markdown or front matter.

use crate::diagnostics::{display_path, line_col, Diagnostic};
use crate::vi::nfc_string;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a file in `content/` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// `_index.md`: a section.
    Section,
    /// Any other `*.md`: a page (`index.md` makes its folder a page bundle).
    Page,
    /// Any other file: copied next to the page or section it sits with.
    Asset,
}

/// A file found under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    pub kind: SourceKind,
    /// Absolute path on disk.
    pub path: PathBuf,
    /// Path relative to the site root with `/` separators, NFC, for messages.
    pub display: String,
    /// Components relative to `content/`, NFC, the last one the file name.
    pub components: Vec<String>,
}

/// Walks `content_dir` in a stable order. Hidden files and folders are skipped; symlinks
/// are followed, and a symlink loop or unreadable entry is a diagnostic, not a crash.
pub fn discover(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    if !content_dir.is_dir() {
        return (files, diags);
    }
    let walker = WalkDir::new(content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e
                    .path()
                    .map_or_else(|| "content".to_string(), |p| display_path(root, p));
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this link points back to one of its own parent folders"
                        .to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(
                    Diagnostic::error(file, "content.unreadable", message)
                        .with_help("remove the link or point it at a folder outside content/"),
                );
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let rel = path.strip_prefix(content_dir).unwrap_or(&path);
        let components: Vec<String> = rel
            .components()
            .map(|c| nfc_string(c.as_os_str().to_string_lossy().into_owned()))
            .collect();
        let name = components.last().map(String::as_str).unwrap_or("");
        let kind = if name == "_index.md" || (name.starts_with("_index.") && name.ends_with(".md"))
        {
            SourceKind::Section
        } else if name.ends_with(".md") {
            SourceKind::Page
        } else {
            SourceKind::Asset
        };
        files.push(SourceFile {
            kind,
            display: display_path(root, &path),
            path,
            components,
        });
    }
    (files, diags)
}

/// Reads and decodes one Markdown file, with the text warnings of
/// [`crate::fix::text_warnings`] (garbled legacy text, non-NFC text, mixed tone placement),
/// found on the text as written, before NFC.
pub fn read(f: &SourceFile) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    match std::fs::read(&f.path) {
        Ok(bytes) => decode_with_warnings(&f.display, bytes),
        Err(e) => Err(Diagnostic::error(
            &f.display,
            "content.unreadable",
            format!("cannot read the file: {e}"),
        )),
    }
}

/// [`decode`], plus the warnings about the text as written (see [`read_all`]).
pub fn decode_with_warnings(
    file: &str,
    bytes: Vec<u8>,
) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    let text = decode_inner(file, bytes, Some(&mut warnings))?;
    Ok((text, warnings))
}

/// Bytes → NFC text with LF line ends and no byte-order mark.
///
/// Invalid UTF-8 and NUL bytes are errors located at their line and column; text in
/// another Unicode form is normalized (TCVN 6909:2001, Điều 6 khoản 6).
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    decode_inner(file, bytes, None)
}

fn decode_inner(
    file: &str,
    mut bytes: Vec<u8>,
    warnings: Option<&mut Vec<Diagnostic>>,
) -> Result<String, Diagnostic> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Validated with SIMD first (valid files are nearly all of them); std finds where
    // the first bad byte is when there is one.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: simdutf8 has just checked that the bytes are valid UTF-8.
        Ok(_) => unsafe { String::from_utf8_unchecked(bytes) },
        Err(_) => {
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
            let prefix = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_col(&prefix, prefix.len());
            return Err(crate::vi::legacy_encoding_diagnostic(file, &bytes)
                .unwrap_or_else(|| {
                    Diagnostic::error(
                        file,
                        "encoding.not-utf8",
                        format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[valid]),
                    )
                    .with_help(
                        "save the file as UTF-8 (Unicode); text from old fonts (.VnTime, VNI-Times) must be converted first",
                    )
                    .with_article("Điều 6 khoản 6")
                })
                .at(line, column));
        }
    };
    if let Some(pos) = text.find('\0') {
        let (line, column) = line_col(&text, pos);
        return Err(Diagnostic::error(
            file,
            "encoding.nul-byte",
            "the file contains a NUL byte, which text never has",
        )
        .at(line, column)
        .with_help(
            "the file may be binary or damaged; open it in a text editor and retype the line",
        ));
    }
    let scan = crate::vi::text::text_scan(&text);
    if let Some(w) = warnings {
        if scan.needs_repair {
            *w = crate::fix::text_warnings(file, &text);
        }
    }
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok(if scan.trivially_nfc {
        text
    } else {
        nfc_string(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_crlf_and_normalizes() {
        let t = decode(
            "a.md",
            b"\xEF\xBB\xBF+++\r\ntitle = 'Bi\xCC\x80nh'\r\n+++\r\n".to_vec(),
        )
        .unwrap();
        assert_eq!(t, "+++\ntitle = 'Bình'\n+++\n");
    }

    #[test]
    fn decode_locates_invalid_utf8_and_nul() {
        let e = decode("a.md", b"ab\ncd\xFFx".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column, e.rule), (2, 3, "encoding.not-utf8"));
        let e = decode("a.md", b"ab\nc\0".to_vec()).unwrap_err();
        assert_eq!((e.line, e.column, e.rule), (2, 2, "encoding.nul-byte"));
    }
}

//! `trang fix`: rewrite content files as NFC UTF-8, converting legacy encodings and
//! mojibake and, when asked, unifying tone placement; and [`text_warnings`], the same checks
//! as diagnostics for the build.
//!
//! The work is split like the rest of trang: [`fix_text`] and [`fix_bytes`] are pure (text
//! or bytes in, repaired text and a report out); [`fix_file`] is the thin wrapper that
//! reads, refuses to overwrite uncommitted work in a git work tree, writes atomically and
//! renders a unified diff. Code spans and blocks, URLs, link destinations and other
//! identifiers are never rewritten (see [`regions`]).

mod diff;
pub mod regions;

pub use diff::unified_diff;
pub use regions::{prose_ranges, protected_ranges, FileKind};

use crate::diagnostics::Diagnostic;
use crate::vi::legacy::{self, list_lines, percent, DecodeError, DetectError, Encoding};
use crate::vi::mojibake::{self, Edit};
use crate::vi::text::nfc;
use crate::vi::tone::{self, ToneStyle};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

const ARTICLE: &str = "Điều 6 khoản 6";
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// What to repair besides the encoding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FixOptions {
    /// The source encoding, when the editor names it (`--from`). `Utf8` turns mojibake
    /// repair off; a legacy encoding or `Viqr` on a UTF-8 file converts the text that
    /// encoding changes, instead of only the lines detection is sure about.
    pub from: Option<Encoding>,
    /// Respell `oa`/`oe`/`uy` words in this tone placement (`--tone-style`).
    pub tone_style: Option<ToneStyle>,
}

/// What a fix changed, for the summary line and the tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FixReport {
    /// The file's encoding when it was not UTF-8, with the detection's confidence (1.0
    /// when named with `--from`).
    pub decoded_from: Option<(Encoding, f64)>,
    /// In a UTF-8 file with some legacy lines: those lines (1-based).
    pub legacy_lines: Vec<usize>,
    /// Lines repaired from mojibake or VIQR, with the source found.
    pub mojibake_lines: Vec<(usize, Encoding)>,
    /// Lines whose prose was not NFC.
    pub nfc_lines: Vec<usize>,
    /// Words respelled to the chosen tone placement.
    pub tone_words: usize,
}

impl FixReport {
    /// Whether nothing was changed.
    pub fn is_empty(&self) -> bool {
        *self == FixReport::default()
    }

    /// One short clause per kind of change, e.g. "converted from VNI-Windows (confidence
    /// 99%)", "normalized 3 lines to NFC".
    pub fn summary(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((enc, confidence)) = self.decoded_from {
            if self.legacy_lines.is_empty() {
                out.push(format!(
                    "converted from {} (confidence {}%)",
                    enc.name(),
                    percent(confidence)
                ));
            } else {
                out.push(format!(
                    "converted {} from {} ({})",
                    plural(self.legacy_lines.len(), "line"),
                    enc.name(),
                    lines_label(&self.legacy_lines)
                ));
            }
        }
        if !self.mojibake_lines.is_empty() {
            let mut sources: Vec<Encoding> = self.mojibake_lines.iter().map(|l| l.1).collect();
            sources.dedup();
            let lines: Vec<usize> = self.mojibake_lines.iter().map(|l| l.0).collect();
            out.push(format!(
                "repaired {} of {} ({})",
                plural(lines.len(), "line"),
                sources
                    .iter()
                    .map(|&s| mojibake::describe(s))
                    .collect::<Vec<_>>()
                    .join(", "),
                lines_label(&lines)
            ));
        }
        if !self.nfc_lines.is_empty() {
            out.push(format!(
                "normalized {} to NFC",
                plural(self.nfc_lines.len(), "line")
            ));
        }
        if self.tone_words > 0 {
            out.push(format!(
                "respelled {} in one tone placement",
                plural(self.tone_words, "word")
            ));
        }
        out
    }
}

/// "line 3" or "lines 3, 5, 9".
fn lines_label(lines: &[usize]) -> String {
    if lines.len() == 1 {
        format!("line {}", lines[0])
    } else {
        format!("lines {}", list_lines(lines))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A repaired text and what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub text: String,
    pub report: FixReport,
}

/// Why a file could not be fixed.
#[derive(Debug, Clone, PartialEq)]
pub enum FixError {
    /// Not UTF-8, and no legacy encoding reads as Vietnamese.
    UnknownEncoding,
    /// Detection found an encoding, but not surely enough to write it.
    Unsure {
        best: Encoding,
        confidence: f64,
        others: Vec<Encoding>,
    },
    /// UTF-8 with a few invalid bytes that are no legacy text (a damaged file).
    StrayBytes {
        line: usize,
        column: usize,
        byte: u8,
    },
    /// A byte that the encoding named with `--from` does not use.
    Decode {
        line: usize,
        column: usize,
        error: DecodeError,
    },
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::UnknownEncoding => f.write_str(
                "unknown encoding: the file is not UTF-8 and reads as Vietnamese in none of TCVN3, VNI-Windows, VISCII, Windows-1258, VN1; name it with --from",
            ),
            FixError::Unsure {
                best,
                confidence,
                others,
            } => {
                write!(
                    f,
                    "not sure of the encoding: probably {} (confidence {}%); preview with `--dry-run --from {}`",
                    best.name(),
                    percent(*confidence),
                    best.id()
                )?;
                if !others.is_empty() {
                    let ids: Vec<&str> = others.iter().map(|e| e.id()).collect();
                    write!(f, " or try {}", ids.join(", "))?;
                }
                Ok(())
            }
            FixError::StrayBytes { line, column, byte } => write!(
                f,
                "line {line}, column {column}: byte 0x{byte:02X} is not UTF-8, and the text around it is no legacy encoding; retype that character"
            ),
            FixError::Decode {
                line,
                column,
                error,
            } => write!(
                f,
                "line {line}, column {column}: byte 0x{:02X} is not {}; check the encoding named with --from",
                error.byte,
                error.encoding.name()
            ),
        }
    }
}

/// 1-based line and column (in characters, as a Windows-1252 editor shows them) of a
/// byte offset.
fn locate(bytes: &[u8], offset: usize) -> (usize, usize) {
    let offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Repairs a UTF-8 text: mojibake and VIQR (or the encoding named in `options.from`),
/// then NFC and the tone placement, in prose only. Line ends and protected ranges are
/// kept byte for byte; a text with nothing to repair comes back unchanged.
pub fn fix_text(text: &str, kind: FileKind, options: &FixOptions) -> Fixed {
    let protected = protected_ranges(text, kind);
    let mut report = FixReport::default();
    let repairs = match options.from {
        Some(Encoding::Utf8 | Encoding::Utf16) => Vec::new(),
        other => mojibake::find(text, &protected, other),
    };
    let mut edits: Vec<Edit> = repairs
        .iter()
        .flat_map(|r| r.edits.iter().cloned())
        .collect();
    edits.sort_by_key(|e| e.range.start);
    report.mojibake_lines = repairs.iter().map(|r| (r.line, r.source)).collect();
    let repaired = mojibake::apply(text, &edits);
    let protected = shift(&protected, &edits);

    let mut out = String::with_capacity(repaired.len());
    let mut last = 0;
    let mut line = 1;
    for r in prose_ranges(repaired.len(), &protected) {
        line += count_newlines(&repaired[last..r.start]);
        out.push_str(&repaired[last..r.start]);
        for piece in repaired[r.clone()].split_inclusive('\n') {
            let mut s: Cow<str> = nfc(piece);
            if matches!(s, Cow::Owned(_)) && report.nfc_lines.last() != Some(&line) {
                report.nfc_lines.push(line);
            }
            if let Some(style) = options.tone_style {
                let respelled = tone::set_tone_style(&s, style);
                if respelled != *s {
                    report.tone_words += tone::words(&s)
                        .filter(|(_, w)| tone::respell(w, style).is_some())
                        .count();
                    s = Cow::Owned(respelled);
                }
            }
            out.push_str(&s);
            line += count_newlines(piece);
        }
        last = r.end;
    }
    out.push_str(&repaired[last..]);
    Fixed { text: out, report }
}

fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// Moves ranges of the text before `edits` to where they are after them. No edit
/// overlaps a range.
fn shift(ranges: &[Range<usize>], edits: &[Edit]) -> Vec<Range<usize>> {
    ranges
        .iter()
        .map(|r| {
            let delta: isize = edits
                .iter()
                .take_while(|e| e.range.end <= r.start)
                .map(|e| e.replacement.len() as isize - e.range.len() as isize)
                .sum();
            let move_by = |x: usize| (x as isize + delta) as usize;
            move_by(r.start)..move_by(r.end)
        })
        .collect()
}

/// Repairs a file's bytes: decodes them (detected, or as `options.from` says), then
/// [`fix_text`]. Returns the new bytes (UTF-8; a UTF-8 byte-order mark is kept when the
/// file had one) and the report.
pub fn fix_bytes(
    bytes: &[u8],
    kind: FileKind,
    options: &FixOptions,
) -> Result<(Vec<u8>, FixReport), FixError> {
    let has_bom = bytes.starts_with(UTF8_BOM);
    let body = if has_bom { &bytes[3..] } else { bytes };
    if options.from != Some(Encoding::Utf16) {
        if let Ok(text) = std::str::from_utf8(body) {
            let fixed = fix_text(text, kind, options);
            let mut out = Vec::with_capacity(fixed.text.len() + 3);
            if has_bom {
                out.extend_from_slice(UTF8_BOM);
            }
            out.extend_from_slice(fixed.text.as_bytes());
            return Ok((out, fixed.report));
        }
    }
    let (text, decoded_from, legacy_lines) = decode_file(bytes, options.from)?;
    // A whole legacy file is decoded already; a mixed file's UTF-8 lines may still hold
    // mojibake.
    let from = if legacy_lines.is_empty() {
        Some(Encoding::Utf8)
    } else {
        None
    };
    let fixed = fix_text(
        &text,
        kind,
        &FixOptions {
            from,
            tone_style: options.tone_style,
        },
    );
    let mut report = fixed.report;
    report.decoded_from = Some(decoded_from);
    report.legacy_lines = legacy_lines;
    Ok((fixed.text.into_bytes(), report))
}

/// A decoded file: the text, the encoding with its confidence, and the legacy lines of a
/// mixed file (empty when the whole file was decoded).
type DecodedFile = (String, (Encoding, f64), Vec<usize>);

/// Decodes bytes that are not UTF-8.
fn decode_file(bytes: &[u8], from: Option<Encoding>) -> Result<DecodedFile, FixError> {
    let invalid_utf8 = |error_encoding: Encoding| {
        let offset = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let (line, column) = locate(bytes, offset);
        FixError::Decode {
            line,
            column,
            error: DecodeError {
                encoding: error_encoding,
                offset,
                byte: bytes.get(offset).copied().unwrap_or(0),
            },
        }
    };
    match from {
        Some(enc @ (Encoding::Utf8 | Encoding::Viqr)) => Err(invalid_utf8(enc)),
        Some(Encoding::Utf16) => legacy::decode(bytes, Encoding::Utf16)
            .map(|t| (t, (Encoding::Utf16, 1.0), Vec::new()))
            .map_err(|error| FixError::Decode {
                line: 1,
                column: 1,
                error,
            }),
        Some(enc) => {
            let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
            let mixed = lines.iter().any(|l| legacy::is_unicode_line(l));
            let mut text = String::with_capacity(bytes.len() + bytes.len() / 4);
            let mut legacy_lines = Vec::new();
            let mut offset = 0;
            for (i, line) in lines.iter().enumerate() {
                match std::str::from_utf8(line) {
                    Ok(s) if mixed && (line.is_ascii() || legacy::is_unicode_line(line)) => {
                        text.push_str(s)
                    }
                    _ => {
                        let decoded = legacy::decode(line, enc).map_err(|mut error| {
                            error.offset += offset;
                            let (line, column) = locate(bytes, error.offset);
                            FixError::Decode {
                                line,
                                column,
                                error,
                            }
                        })?;
                        if mixed {
                            legacy_lines.push(i + 1);
                        }
                        text.push_str(&decoded);
                    }
                }
                offset += line.len();
            }
            Ok((text, (enc, 1.0), legacy_lines))
        }
        None => match legacy::detect(bytes) {
            Ok(d) if d.encoding.is_single_byte() && d.confidence < legacy::CONFIDENT => {
                Err(FixError::Unsure {
                    best: d.encoding,
                    confidence: d.confidence,
                    others: d.alternatives.iter().map(|a| a.0).collect(),
                })
            }
            Ok(d) => Ok((d.text, (d.encoding, d.confidence), d.legacy_lines)),
            Err(DetectError::Unknown { .. }) => Err(FixError::UnknownEncoding),
            Err(DetectError::StrayBytes { offset }) => {
                let (line, column) = locate(bytes, offset);
                Err(FixError::StrayBytes {
                    line,
                    column,
                    byte: bytes.get(offset).copied().unwrap_or(0),
                })
            }
        },
    }
}

/// The text checks the build runs on every content file, as diagnostics.
///
/// Contract: `file` is the path shown in messages (relative to the site root, `/`
/// separators); its extension decides where the prose is (`.md` with `+++` front matter,
/// `.toml`, anything else as plain text). `text` is the file's ORIGINAL decoded text: after
/// UTF-8 decoding and BOM removal, before NFC normalization (the NFC check needs to see
/// it); LF or CRLF line ends. Line numbers are 1-based lines of that text, columns count
/// characters. Code spans and blocks, URLs and link destinations are not checked, as
/// `trang fix` does not touch them. Pure; the results are sorted by line.
///
/// It returns:
/// - `encoding.mojibake` (error, one per line): legacy text read through Windows-1252
///   ("Th«ng b¸o", "Thoâng baùo", "ThÃ´ng") or VIQR ("Tho^ng ba'o"), naming the source and
///   showing the repaired words;
/// - `text.lookalike-letter` (warning, one per line): Ð/ð (Icelandic eth) used for Đ/đ;
/// - `text.not-nfc` (warning, one per file, located at the first such line and listing
///   the others): prose not in Unicode NFC. The build still normalizes it;
/// - `text.tone-placement-mixed` (warning, one per line holding the less used placement,
///   at most 10): a page that writes both "hòa" and "hoà".
pub fn text_warnings(file: &str, text: &str) -> Vec<Diagnostic> {
    let kind = FileKind::from_path(file);
    let protected = protected_ranges(text, kind);
    let mut out = Vec::new();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let column = |offset: usize| -> usize {
        let line = line_starts.partition_point(|&s| s <= offset);
        let start = line_starts[line - 1];
        text[start..offset].chars().count() + 1
    };

    for repair in mojibake::find(text, &protected, None) {
        let Some(first) = repair.edits.first() else {
            continue;
        };
        let before = excerpt(repair.edits.iter().map(|e| &text[e.range.clone()]));
        let after = excerpt(repair.edits.iter().map(|e| e.replacement.as_str()));
        let only_eth = repair.edits.iter().all(|e| {
            let old = &text[e.range.clone()];
            old.replace('Ð', "Đ").replace('ð', "đ") == e.replacement
        });
        let diag = if only_eth {
            Diagnostic::warning(
                file,
                "text.lookalike-letter",
                format!(
                    "“{before}” is written with Ð (U+00D0, Icelandic eth), which looks like Đ but is another letter: “{after}”"
                ),
            )
            .with_help(format!(
                "search and sorting treat Ð as a foreign letter; run `trang fix {file}` to replace it"
            ))
        } else {
            Diagnostic::error(
                file,
                "encoding.mojibake",
                format!(
                    "garbled text: {} (“{before}” should read “{after}”)",
                    mojibake::describe(repair.source)
                ),
            )
            .with_help(format!(
                "text pasted from a document typed with old fonts; run `trang fix {file}` to convert it back to Unicode (it shows the changes first with --dry-run)"
            ))
            .with_article(ARTICLE)
        };
        out.push(diag.at(repair.line, column(first.range.start)));
    }

    // NFC and tone placement, over the prose.
    let mut not_nfc: Vec<(usize, usize)> = Vec::new();
    let mut styles: Vec<(ToneStyle, usize, usize, String)> = Vec::new();
    for r in prose_ranges(text.len(), &protected) {
        let mut at = r.start;
        for piece in text[r.clone()].split_inclusive('\n') {
            let line = line_starts.partition_point(|&s| s <= at);
            if matches!(nfc(piece), Cow::Owned(_)) && not_nfc.last().map(|l| l.0) != Some(line) {
                let first_mark = piece
                    .char_indices()
                    .find(|&(_, c)| unicode_normalization::char::is_combining_mark(c))
                    .map_or(0, |(i, _)| i);
                not_nfc.push((line, column(at + first_mark)));
            }
            for (i, word) in tone::words(piece) {
                if let Some(style) = tone::tone_style_of(word) {
                    styles.push((style, line, column(at + i), nfc(word).into_owned()));
                }
            }
            at += piece.len();
        }
    }
    if let Some(&(line, col)) = not_nfc.first() {
        let lines: Vec<usize> = not_nfc.iter().map(|l| l.0).collect();
        out.push(
            Diagnostic::warning(
                file,
                "text.not-nfc",
                format!(
                    "{} not in Unicode NFC (letters built from combining marks): line{} {}",
                    if lines.len() == 1 { "text is".to_string() } else { format!("{} lines are", lines.len()) },
                    if lines.len() == 1 { "" } else { "s" },
                    list_lines(&lines)
                ),
            )
            .at(line, col)
            .with_help(format!(
                "the build normalizes it; `trang fix {file}` rewrites the file in NFC (precomposed letters, TCVN 6909:2001)"
            ))
            .with_article(ARTICLE),
        );
    }
    out.extend(tone_warnings(file, &styles));
    crate::diagnostics::sort(&mut out);
    out
}

/// One warning per line that uses the less common tone placement of the page.
fn tone_warnings(file: &str, styles: &[(ToneStyle, usize, usize, String)]) -> Vec<Diagnostic> {
    let old = styles.iter().filter(|s| s.0 == ToneStyle::Old).count();
    let new = styles.len() - old;
    if old == 0 || new == 0 {
        return Vec::new();
    }
    // The majority wins; on a tie, the placement seen first.
    let majority = match old.cmp(&new) {
        std::cmp::Ordering::Greater => ToneStyle::Old,
        std::cmp::Ordering::Less => ToneStyle::New,
        std::cmp::Ordering::Equal => styles[0].0,
    };
    let Some(example) = styles.iter().find(|s| s.0 == majority) else {
        return Vec::new();
    };
    let name = |s: ToneStyle| match s {
        ToneStyle::Old => "old",
        ToneStyle::New => "new",
    };
    let mut out = Vec::new();
    let mut last_line = 0;
    for (style, line, col, word) in styles.iter().filter(|s| s.0 != majority) {
        if *line == last_line {
            continue;
        }
        last_line = *line;
        if out.len() == 10 {
            break;
        }
        out.push(
            Diagnostic::warning(
                file,
                "text.tone-placement-mixed",
                format!(
                    "“{word}” uses the {} tone placement, but this page mostly uses the {} one (“{}”, line {})",
                    name(*style),
                    name(majority),
                    example.3,
                    example.1
                ),
            )
            .at(*line, *col)
            .with_help(format!(
                "pick one placement: `trang fix --tone-style {} {file}` writes {}; `--tone-style {}` writes {}",
                name(majority),
                majority.example(),
                name(*style),
                style.example()
            )),
        );
    }
    out
}

/// The first words of a sequence of chunks, for a message.
fn excerpt<'a>(chunks: impl Iterator<Item = &'a str>) -> String {
    let joined: Vec<&str> = chunks.take(4).collect();
    let s = joined.join(" … ");
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// How `trang fix` runs over files.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    pub fix: FixOptions,
    /// Show the diff, write nothing.
    pub dry_run: bool,
    /// Overwrite files even when git has uncommitted changes in them.
    pub force: bool,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing to fix; the file was not touched.
    Unchanged,
    /// Rewritten.
    Fixed,
    /// Would be rewritten (`--dry-run`).
    WouldFix,
    /// Not rewritten: git has uncommitted changes in it (the reason says which).
    Refused(String),
    /// Could not be read, decoded or written.
    Failed(String),
}

/// One file's result: what happened, the diff (empty when nothing changes) and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct FileResult {
    pub path: PathBuf,
    pub outcome: Outcome,
    pub diff: String,
    pub report: FixReport,
}

impl FileResult {
    /// Whether this file makes `trang fix` fail (refused or failed).
    pub fn is_failure(&self) -> bool {
        matches!(self.outcome, Outcome::Refused(_) | Outcome::Failed(_))
    }
}

/// The files `trang fix` works on under `paths`: files as given, and in folders every
/// `.md`, `.markdown` and `.toml` file (hidden entries skipped), sorted. Paths that do not
/// exist come back as failures.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<FileResult>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    for p in paths {
        if p.is_file() {
            files.push(p.clone());
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker.flatten() {
                if entry.file_type().is_file()
                    && FileKind::from_path(entry.path()) != FileKind::Plain
                {
                    files.push(entry.into_path());
                }
            }
        } else {
            missing.push(FileResult {
                path: p.clone(),
                outcome: Outcome::Failed("no such file or folder".to_string()),
                diff: String::new(),
                report: FixReport::default(),
            });
        }
    }
    files.dedup();
    (files, missing)
}

/// Fixes every file under `paths` (see [`collect_files`]) in order.
pub fn fix_paths(paths: &[PathBuf], options: &RunOptions) -> Vec<FileResult> {
    let (files, mut results) = collect_files(paths);
    results.extend(files.iter().map(|f| fix_file(f, options)));
    results
}

/// The paths `trang fix` works on when none are given: `content/` and `data/` under
/// `root`, those that exist (`content/` alone when neither does, so the editor is told).
pub fn default_paths(root: &Path) -> Vec<PathBuf> {
    let at = |d: &str| {
        if root == Path::new(".") {
            PathBuf::from(d)
        } else {
            root.join(d)
        }
    };
    let found: Vec<PathBuf> = ["content", "data"]
        .iter()
        .map(|d| at(d))
        .filter(|p| p.is_dir())
        .collect();
    if found.is_empty() {
        vec![at("content")]
    } else {
        found
    }
}

/// What `trang fix` prints: the diffs (for standard output) and one line per changed,
/// refused or failed file plus a summary (for standard error).
pub fn render(results: &[FileResult], options: &RunOptions) -> (String, String) {
    let mut diffs = String::new();
    let mut log = String::new();
    let (mut changed, mut unchanged, mut failed) = (0, 0, 0);
    for r in results {
        let name = label(&r.path);
        let what = r.report.summary().join("; ");
        match &r.outcome {
            Outcome::Unchanged => unchanged += 1,
            Outcome::Fixed | Outcome::WouldFix => {
                changed += 1;
                diffs.push_str(&r.diff);
                let verb = if r.outcome == Outcome::Fixed {
                    "fixed"
                } else {
                    "would fix"
                };
                log.push_str(&format!("{verb} {name}: {what}\n"));
            }
            Outcome::Refused(why) => {
                failed += 1;
                log.push_str(&format!("error: {name}: not rewritten: {why}\n"));
            }
            Outcome::Failed(why) => {
                failed += 1;
                log.push_str(&format!("error: {name}: {why}\n"));
            }
        }
    }
    let files = |n: usize| plural(n, "file");
    log.push_str(&if options.dry_run {
        format!(
            "{} would change, {} unchanged{}; nothing was written (--dry-run).\n",
            files(changed),
            unchanged,
            if failed > 0 {
                format!(", {failed} with errors")
            } else {
                String::new()
            }
        )
    } else {
        format!(
            "Fixed {}, {} unchanged{}.\n",
            files(changed),
            unchanged,
            if failed > 0 {
                format!(", {failed} not fixed")
            } else {
                String::new()
            }
        )
    });
    (diffs, log)
}

/// `path` with `/` separators, for diff labels.
fn label(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Fixes one file: reads it, repairs it, and unless `dry_run` writes it back (atomically,
/// keeping its permissions) when something changed and git has nothing uncommitted in it.
pub fn fix_file(path: &Path, options: &RunOptions) -> FileResult {
    let result = |outcome, diff, report| FileResult {
        path: path.to_path_buf(),
        outcome,
        diff,
        report,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return result(
                Outcome::Failed(format!("cannot read: {e}")),
                String::new(),
                FixReport::default(),
            )
        }
    };
    let (new, report) = match fix_bytes(&bytes, FileKind::from_path(path), &options.fix) {
        Ok(r) => r,
        Err(e) => {
            return result(
                Outcome::Failed(e.to_string()),
                String::new(),
                FixReport::default(),
            )
        }
    };
    if new == bytes {
        return result(Outcome::Unchanged, String::new(), report);
    }
    let old_text = match std::str::from_utf8(&bytes) {
        Ok(t) => t.to_string(),
        Err(_) => legacy::windows_1252(&bytes),
    };
    let new_text = String::from_utf8_lossy(&new);
    let name = label(path);
    let diff = unified_diff(
        &old_text,
        &new_text,
        &format!("a/{name}"),
        &format!("b/{name}"),
    );
    if options.dry_run {
        return result(Outcome::WouldFix, diff, report);
    }
    if !options.force {
        if let Some(status) = git_uncommitted(path) {
            return result(Outcome::Refused(status), diff, report);
        }
    }
    match write_atomically(path, &new) {
        Ok(()) => result(Outcome::Fixed, diff, report),
        Err(e) => result(Outcome::Failed(format!("cannot write: {e}")), diff, report),
    }
}

/// Why git could not undo an overwrite of `path`: uncommitted changes, or a file git does
/// not track. `None` outside a git work tree, when git is missing, or when the file is
/// committed as it is.
pub fn git_uncommitted(path: &Path) -> Option<String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name()?;
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain", "--ignored", "--"])
        .arg(name)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let status = stdout.lines().next()?.get(..2)?.to_string();
    Some(match status.as_str() {
        "??" => "git does not track this file, so git could not undo the fix: commit it first, or use --force".to_string(),
        "!!" => "git ignores this file, so git could not undo the fix: use --force to rewrite it anyway".to_string(),
        s => format!(
            "the file has uncommitted changes (git status `{}`): commit or stash them first so the fix can be undone with git, or use --force",
            s.trim()
        ),
    })
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over `path`, so a
/// crash never leaves half a file. Keeps the permissions.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // A symbolic link is written through, so it stays a link.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return std::fs::write(path, bytes);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.trang-fix.tmp"));
    std::fs::write(&tmp, bytes)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests;

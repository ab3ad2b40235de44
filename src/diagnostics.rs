//! Problems found in a site, reported to editors.
//!
//! Every stage returns its problems as [`Diagnostic`] values instead of failing at the first
//! one, so one run shows everything to fix. A diagnostic names the file (relative to the
//! site root), the line and column, what is wrong, how to fix it, and, when the rule comes
//! from the regulation, the article it cites.

use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// A stable identifier of the rule, e.g. `front-matter.unknown-key`.
    pub rule: &'static str,
    pub message: String,
    pub help: Option<Box<str>>,
    /// The article of the regulation the rule comes from, e.g. "Điều 6 khoản 6".
    pub article: Option<Box<str>>,
}

impl Diagnostic {
    /// An error at `file:line:column`.
    pub fn error(file: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            rule,
            message: message.into(),
            help: None,
            article: None,
        }
    }

    /// A warning: reported, but the build still succeeds.
    pub fn warning(
        file: impl Into<String>,
        rule: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, rule, message)
        }
    }

    /// A note: information only.
    pub fn note(file: impl Into<String>, rule: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, rule, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    // Boxed strings keep a Diagnostic small: it is the error type of many `Result`s.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn with_article(mut self, article: impl Into<String>) -> Self {
        self.article = Some(article.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(article) = &self.article {
            write!(f, " ({article})")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file, line, column and message so output is stable.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// Renders `path` relative to `root` with `/` separators, for messages.
pub fn display_path(root: &Path, path: &Path) -> String {
    let rel: PathBuf = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let s = rel.to_string_lossy().replace('\\', "/");
    crate::vi::nfc_string(s)
}

/// Converts a byte offset in `text` into a 1-based (line, column) pair, the column counted
/// in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_location_help_and_article() {
        let d = Diagnostic::error("content/a.md", "x", "sai")
            .at(3, 7)
            .with_help("sửa đi")
            .with_article("Điều 6 khoản 6");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:7: error: sai (Điều 6 khoản 6)\n  = help: sửa đi"
        );
        let whole = Diagnostic::warning("trang.toml", "x", "m");
        assert_eq!(whole.to_string(), "trang.toml: warning: m");
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\nđường x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 7));
        assert_eq!(line_col(text, 999), (3, 1));
        // An offset inside a multi-byte character rounds down.
        assert_eq!(line_col(text, 4), (2, 1));
    }
}

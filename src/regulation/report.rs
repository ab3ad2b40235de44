//! A [`CheckReport`] as text for editors or JSON for CI and dashboards.
//!
//! The text lists every requirement with its status, the files that meet it and its
//! citation, then every content problem as `file:line: severity: message` with a hint, then
//! a summary. The JSON schema (`"schema": "trang-check/1"`) is documented in
//! docs/en/regulation.md and only grows: fields are added, never renamed or removed, within
//! a schema version.

use super::messages::{Lang, M};
use super::{CheckReport, RequirementStatus};
use crate::diagnostics::{Diagnostic, Severity};
use serde_json::{json, Value};

/// The JSON schema id.
pub const JSON_SCHEMA: &str = "trang-check/1";

/// How many files a requirement lists in the text report before "and N more".
const FILES_SHOWN: usize = 3;

/// One diagnostic as `file:line[:column]: severity: message (article)` and its help line.
pub fn diagnostic_text(d: &Diagnostic, lang: Lang) -> String {
    let mut out = d.file.clone();
    if d.line > 0 {
        out.push_str(&format!(":{}", d.line));
        if d.column > 0 {
            out.push_str(&format!(":{}", d.column));
        }
    }
    let severity = match d.severity {
        Severity::Error => M::SeverityError,
        Severity::Warning => M::SeverityWarning,
        Severity::Note => M::SeverityNote,
    };
    out.push_str(&format!(": {}: {}", severity.text(lang), d.message));
    if let Some(a) = &d.article {
        out.push_str(&format!(" ({})", super::manifest::citation(a, lang)));
    }
    if let Some(h) = &d.help {
        out.push_str(&format!("\n  {}: {h}", M::ReportHelp.text(lang)));
    }
    out
}

/// The report as text.
pub fn text(report: &CheckReport, strict: bool) -> String {
    let lang = report.lang;
    let mut out = String::new();
    let regulation = if report.regulation.is_empty() {
        &report.manifest_name
    } else {
        &report.regulation
    };
    out.push_str(&tr!(lang, ReportTitle, regulation = regulation));
    out.push('\n');
    out.push_str(&tr!(
        lang,
        ReportSite,
        title = report.site_title,
        unit = report.manifest_name,
        today = report.today
    ));
    out.push_str("\n\n");
    out.push_str(&tr!(
        lang,
        ReportRequirements,
        count = report.requirements.len()
    ));
    out.push('\n');
    for r in &report.requirements {
        out.push_str(&format!(
            "  [{}] {}: {} ({})\n",
            r.status.label(lang),
            r.id,
            r.title,
            r.citation
        ));
        let mut facts: Vec<String> = Vec::new();
        if !r.files.is_empty() {
            let mut shown = r
                .files
                .iter()
                .take(FILES_SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            if r.files.len() > FILES_SHOWN {
                shown.push(' ');
                shown.push_str(&tr!(lang, ReportMore, count = r.files.len() - FILES_SHOWN));
            }
            facts.push(shown);
        }
        if let Some(d) = &r.detail {
            facts.push(d.clone());
        }
        if !facts.is_empty() {
            out.push_str(&format!("      {}\n", facts.join(" — ")));
        }
        if let Some(h) = &r.hint {
            out.push_str(&format!("      {}: {h}\n", M::ReportHint.text(lang)));
        }
    }
    out.push('\n');
    out.push_str(M::ReportContent.text(lang));
    out.push('\n');
    if report.diagnostics.is_empty() {
        out.push_str(M::ReportNoProblem.text(lang));
        out.push('\n');
    }
    for d in &report.diagnostics {
        out.push_str(&diagnostic_text(d, lang));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&tr!(
        lang,
        ReportSummary,
        met = report.met(),
        total = report.requirements.len(),
        missing = report.missing(),
        stale = report.stale(),
        errors = report.errors(),
        warnings = report.warnings()
    ));
    out.push('\n');
    out.push_str(if report.passed(strict) {
        M::ReportPassed.text(lang)
    } else {
        M::ReportFailed.text(lang)
    });
    if strict {
        out.push_str(M::ReportStrict.text(lang));
    }
    out.push('\n');
    out
}

/// The report as JSON (schema `trang-check/1`).
pub fn json(report: &CheckReport, strict: bool) -> Value {
    let status = |s: RequirementStatus| match s {
        RequirementStatus::Met => "met",
        RequirementStatus::Missing => "missing",
        RequirementStatus::Stale => "stale",
    };
    let requirements: Vec<Value> = report
        .requirements
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "title": r.title,
                "citation": r.citation,
                "article": r.article,
                "status": status(r.status),
                "files": r.files,
                "pages": r.pages,
                "last_updated": r.last_updated.map(|d| d.iso()),
                "age_days": r.age_days,
                "max_age_days": r.max_age_days,
                "detail": r.detail,
                "hint": r.hint,
            })
        })
        .collect();
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "severity": d.severity,
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "rule": d.rule,
                "message": d.message,
                "help": d.help,
                "article": d.article,
            })
        })
        .collect();
    let notes = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Note)
        .count();
    json!({
        "schema": JSON_SCHEMA,
        "lang": report.lang.code(),
        "today": report.today.iso(),
        "site": { "title": report.site_title, "unit_type": report.unit_type.as_str() },
        "manifest": { "name": report.manifest_name, "regulation": report.regulation },
        "strict": strict,
        "passed": report.passed(strict),
        "summary": {
            "requirements": report.requirements.len(),
            "met": report.met(),
            "missing": report.missing(),
            "stale": report.stale(),
            "errors": report.errors(),
            "warnings": report.warnings(),
            "notes": notes,
        },
        "requirements": requirements,
        "diagnostics": diagnostics,
    })
}

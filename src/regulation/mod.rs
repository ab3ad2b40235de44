//! The regulation as checks: QĐ 14/2015/QĐ-UBND tỉnh Ninh Bình, Quy chế hoạt động của các
//! trang thông tin điện tử nội bộ.
//!
//! This is what makes trang more than another static site generator. A site's unit type
//! selects a [`Manifest`] (data files in `manifests/`, see [`manifest`]); [`check`] turns the
//! loaded [`Site`] and that manifest into a [`CheckReport`]: the status of every requirement
//! (met, missing, stale: Điều 7, Điều 8 khoản 1 điểm a) and every content problem: typed
//! content against its kind's schema ([`kinds`], Điều 7), editorial approval (Điều 6 khoản 4,
//! 5), personal information in published text ([`privacy`], Điều 5), contacts in trang.toml
//! (Điều 7 khoản 1 điểm i, k).
//!
//! [`check`] is pure: the current date, the language and the set of files the site will hold
//! come in as arguments. [`load`] holds the thin I/O around it (the site's own manifest file,
//! the static/ listing, the clock); [`report`] renders a report as text or JSON. `trang check`
//! prints the report; `trang build` runs the same check, failing on content errors and
//! warning about missing requirements.

#[macro_use]
pub mod messages;
pub mod dates;
pub mod kinds;
pub mod load;
pub mod manifest;
pub mod privacy;
pub mod report;
pub mod symbol;

pub use kinds::{Kind, SiteFiles, SiteKinds, Typed};
pub use manifest::{ConfigItem, Criterion, Feature, Manifest, Requirement, Text};
pub use messages::Lang;

use crate::config::{SiteConfig, UnitType};
use crate::content::{front_matter, Site};
use crate::diagnostics::{self, line_col, Diagnostic, Severity};
use crate::vi::{nfc, Date};
use dates::days_between;
use kinds::{line_in, FieldSpec, Presence};
use messages::M;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The citation of editorial review.
pub const EDITORIAL_ARTICLE: &str = "Điều 6 khoản 4, 5";
/// The citation of personal information.
pub const PRIVACY_ARTICLE: &str = "Điều 5";

/// How to check.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// The date freshness and open consultations are judged on.
    pub today: Date,
    pub lang: Lang,
}

/// Where a requirement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RequirementStatus {
    /// Something on the site satisfies it, recently enough.
    Met,
    /// Nothing satisfies it.
    Missing,
    /// Satisfied, but the newest item is older than the maximum age (Điều 8 khoản 1 điểm a).
    Stale,
}

impl RequirementStatus {
    /// The status in `lang`: đạt / thiếu / cần cập nhật.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RequirementStatus::Met => M::StatusMet.text(lang),
            RequirementStatus::Missing => M::StatusMissing.text(lang),
            RequirementStatus::Stale => M::StatusStale.text(lang),
        }
    }
}

/// One requirement of the manifest, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequirementResult {
    pub id: String,
    /// The title in the report's language.
    pub title: String,
    /// The citation in the report's language ("Article 7(1)(e)" in English).
    pub citation: String,
    /// The exact citation, in Vietnamese as the regulation writes it ("Điều 7 khoản 1 điểm e").
    pub article: String,
    pub status: RequirementStatus,
    /// The files that meet it: sections declaring the kind, marked pages, `trang.toml`.
    pub files: Vec<String>,
    /// The number of pages of the kind(s) that meet it.
    pub pages: usize,
    /// The newest date among what meets it.
    pub last_updated: Option<Date>,
    /// Days from `last_updated` to the check date.
    pub age_days: Option<i64>,
    /// The maximum age in force (manifest, or `[freshness]` of trang.toml).
    pub max_age_days: Option<u32>,
    /// A short description of what meets it or how old it is.
    pub detail: Option<String>,
    /// How to meet it (missing) or freshen it (stale).
    pub hint: Option<String>,
    /// The file of the newest item, where a stale warning points.
    #[serde(skip)]
    pub newest_file: Option<String>,
    /// The pages that meet the requirement (indices into `site.pages`).
    #[serde(skip)]
    pub page_indices: Vec<usize>,
}

/// The result of [`check`]: requirements in manifest order, then content diagnostics.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub lang: Lang,
    pub today: Date,
    pub site_title: String,
    pub unit_type: UnitType,
    pub manifest_name: String,
    pub regulation: String,
    pub requirements: Vec<RequirementResult>,
    /// Content problems (typed content, editorial review, personal information,
    /// trang.toml contacts), sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Each page read against its kind (`None`: no kind, or invalid).
    pub typed: Vec<Option<Typed>>,
    pub kinds: SiteKinds,
}

impl CheckReport {
    fn count(&self, status: RequirementStatus) -> usize {
        self.requirements
            .iter()
            .filter(|r| r.status == status)
            .count()
    }

    pub fn met(&self) -> usize {
        self.count(RequirementStatus::Met)
    }

    pub fn missing(&self) -> usize {
        self.count(RequirementStatus::Missing)
    }

    pub fn stale(&self) -> usize {
        self.count(RequirementStatus::Stale)
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// Passed: no missing requirement and no content error; with `strict`, also no warning
    /// and no stale requirement.
    pub fn passed(&self, strict: bool) -> bool {
        let base = self.missing() == 0 && self.errors() == 0;
        base && (!strict || (self.warnings() == 0 && self.stale() == 0))
    }

    /// The diagnostics `trang build` reports: content problems as they are, and missing or
    /// stale requirements as warnings.
    pub fn build_diagnostics(&self) -> Vec<Diagnostic> {
        let lang = self.lang;
        let mut out = self.diagnostics.clone();
        for r in &self.requirements {
            let d = match r.status {
                RequirementStatus::Met => continue,
                RequirementStatus::Missing => Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    "regulation.missing",
                    tr!(lang, RequirementMissing, id = r.id, title = r.title),
                ),
                RequirementStatus::Stale => Diagnostic::warning(
                    r.newest_file
                        .clone()
                        .unwrap_or_else(|| crate::config::CONFIG_FILE.into()),
                    "regulation.stale",
                    tr!(
                        lang,
                        RequirementStale,
                        title = r.title,
                        detail = r.detail.clone().unwrap_or_default()
                    ),
                ),
            };
            let d = d.with_article(r.article.clone());
            out.push(match &r.hint {
                Some(h) => d.with_help(h.clone()),
                None => d,
            });
        }
        out
    }
}

/// A page or section, as the rules common to both see it.
struct Entry<'a> {
    file: &'a str,
    title: &'a str,
    description: Option<&'a str>,
    extra: &'a toml::Table,
    lines: &'a BTreeMap<String, usize>,
    body: &'a str,
    body_line: usize,
    kind: Option<Kind>,
    /// The newest of `date`, `updated` and `ngay_cap_nhat`.
    date: Option<Date>,
    /// A section: it needs editorial approval only when it has text of its own.
    is_section: bool,
}

impl Entry<'_> {
    fn line(&self, path: &str) -> usize {
        line_in(self.lines, path).unwrap_or(1)
    }
}

fn newest(dates: impl IntoIterator<Item = Option<Date>>) -> Option<Date> {
    dates.into_iter().flatten().max()
}

/// The published pages and sections.
fn entries<'a>(site: &'a Site, kinds: &SiteKinds) -> Vec<Entry<'a>> {
    let reviewed = |extra: &toml::Table| {
        extra
            .get("ngay_cap_nhat")
            .and_then(front_matter::parse_date)
    };
    let mut out: Vec<Entry> = site
        .pages
        .iter()
        .zip(&kinds.pages)
        .map(|(p, k)| Entry {
            file: &p.file,
            title: &p.title,
            description: p.description.as_deref(),
            extra: &p.extra,
            lines: &p.front_matter_lines,
            body: &p.body,
            body_line: p.body_line,
            kind: *k,
            date: newest([p.date, p.updated, reviewed(&p.extra)]),
            is_section: false,
        })
        .collect();
    for (s, k) in site.sections.iter().zip(&kinds.sections) {
        if s.file.is_empty() || !s.render {
            continue;
        }
        out.push(Entry {
            file: &s.file,
            title: &s.title,
            description: s.description.as_deref(),
            extra: &s.extra,
            lines: &s.front_matter_lines,
            body: &s.body,
            body_line: s.body_line,
            kind: *k,
            date: reviewed(&s.extra),
            is_section: true,
        });
    }
    out
}

/// Checks a site against a manifest. Pure: `files` is what the built site will hold
/// ([`load::site_files`]).
pub fn check(
    site: &Site,
    manifest: &Manifest,
    files: &SiteFiles,
    options: &CheckOptions,
) -> CheckReport {
    let lang = options.lang;
    let (kinds, mut diags) = kinds::site_kinds(site, lang);
    let cx = kinds::Context::new(site, files, &kinds.pages, options.today, lang);
    let read: Vec<(Option<Typed>, Vec<Diagnostic>)> = (0..site.pages.len())
        .into_par_iter()
        .map(|i| match kinds.pages[i] {
            Some(k) => kinds::read_page(&cx, i, k),
            None => (None, Vec::new()),
        })
        .collect();
    let mut typed = Vec::with_capacity(read.len());
    for (t, d) in read {
        typed.push(t);
        diags.extend(d);
    }
    diags.extend(kinds::cross_checks(&cx, &typed));

    let all = entries(site, &kinds);
    let marks = common_fields(&all, &site.config, manifest, lang, &mut diags);
    diags.extend(
        all.par_iter()
            .flat_map_iter(|e| personal_information(e, lang))
            .collect::<Vec<_>>(),
    );
    let config = check_config(&site.config, manifest, lang, &mut diags);

    // Evidence for the requirements.
    let mut kind_pages: HashMap<Kind, Vec<usize>> = HashMap::new();
    for (i, k) in kinds.pages.iter().enumerate() {
        if let Some(k) = k {
            kind_pages.entry(*k).or_default().push(i);
        }
    }
    let mut kind_sections: HashMap<Kind, Vec<usize>> = HashMap::new();
    for (i, k) in kinds.declared.iter().enumerate() {
        if let Some(k) = k {
            kind_sections.entry(*k).or_default().push(i);
        }
    }
    let page_date = |i: usize| match &typed[i] {
        Some(Typed::WorkSchedule(w)) => Some(w.from),
        _ => {
            let p = &site.pages[i];
            let schedule_start = (kinds.pages[i] == Some(Kind::WorkSchedule))
                .then(|| p.extra.get("tu_ngay").and_then(front_matter::parse_date))
                .flatten();
            schedule_start.or(all[i].date)
        }
    };
    let evidence = Evidence {
        site,
        kind_pages,
        kind_sections,
        marks,
        entries: &all,
        page_date: &page_date,
        config,
    };
    let requirements: Vec<RequirementResult> = manifest
        .requirements
        .iter()
        .map(|r| evaluate(r, &evidence, &site.config, options))
        .collect();
    // Pages meeting a requirement without a version in each other site language: a note,
    // or an error when the manifest requires that language (NĐ 42/2022 for English).
    for lang_code in site.config.languages.iter() {
        let mut reported = BTreeSet::new();
        for (req, result) in manifest.requirements.iter().zip(&requirements) {
            let required = req.translations.iter().any(|l| l == lang_code);
            for d in
                crate::i18n::missing_translations(site, &result.page_indices, lang_code, required)
            {
                if reported.insert((d.file.clone(), d.severity)) {
                    diags.push(d);
                }
            }
        }
    }
    diagnostics::sort(&mut diags);
    CheckReport {
        lang,
        today: options.today,
        site_title: site.config.title.clone(),
        unit_type: site.config.unit_type,
        manifest_name: manifest.name.get(lang).to_string(),
        regulation: manifest.regulation.clone(),
        requirements,
        diagnostics: diags,
        typed,
        kinds,
    }
}

/// Fields every page may carry: `dap_ung` (requirement marks, returned by id → entry
/// indices), `duyet_boi` and `ngay_duyet` (editorial review), `ngay_cap_nhat`,
/// `da_kiem_tra_ca_nhan`.
fn common_fields(
    all: &[Entry<'_>],
    config: &SiteConfig,
    manifest: &Manifest,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> HashMap<String, Vec<usize>> {
    let mut marks: HashMap<String, Vec<usize>> = HashMap::new();
    let board: Vec<String> = config
        .editorial
        .board
        .iter()
        .map(|n| person_key(n))
        .collect();
    let invalid = |e: &Entry<'_>, spec: &FieldSpec, why: String| {
        Diagnostic::error(
            e.file,
            "page.invalid-field",
            tr!(
                lang,
                FieldInvalid,
                kind = M::PageLabel.text(lang),
                field = spec.key,
                label = spec.label(lang),
                why = why
            ),
        )
        .at(e.line(&format!("extra.{}", spec.key)), 0)
        .with_help(tr!(
            lang,
            HelpExample,
            field = spec.key,
            example = spec.example
        ))
    };
    let spec = |key: &str| {
        kinds::COMMON
            .iter()
            .find(|s| s.key == key)
            .expect("common field")
    };
    for (i, e) in all.iter().enumerate() {
        // dap_ung
        if let Some(v) = e.extra.get("dap_ung") {
            match string_list(v) {
                Some(ids) => {
                    for id in ids {
                        if manifest.get(&id).is_some() {
                            marks.entry(id).or_default().push(i);
                        } else {
                            diags.push(
                                Diagnostic::error(
                                    e.file,
                                    "page.unknown-requirement",
                                    tr!(lang, MarkUnknown, id = id, valid = manifest.ids()),
                                )
                                .at(e.line("extra.dap_ung"), 0),
                            );
                        }
                    }
                }
                None => diags.push(invalid(
                    e,
                    spec("dap_ung"),
                    tr!(lang, WhyNotTextItem, value = v),
                )),
            }
        }
        if let Some(v) = e.extra.get("da_kiem_tra_ca_nhan") {
            if string_list(v).is_none() {
                diags.push(invalid(
                    e,
                    spec("da_kiem_tra_ca_nhan"),
                    tr!(lang, WhyNotTextItem, value = v),
                ));
            }
        }
        // Sample content of a starter (`trang new --kind`), still to be replaced.
        match e.extra.get("mau") {
            None | Some(toml::Value::Boolean(false)) => {}
            Some(toml::Value::Boolean(true)) => diags.push(
                Diagnostic::note(e.file, "page.sample-content", M::SampleContent.text(lang))
                    .at(e.line("extra.mau"), 0)
                    .with_help(M::HelpSampleContent.text(lang)),
            ),
            Some(v) => diags.push(invalid(e, spec("mau"), tr!(lang, WhyNotBool, value = v))),
        }
        for key in ["ngay_duyet", "ngay_cap_nhat"] {
            if let Some(v) = e.extra.get(key) {
                if front_matter::parse_date(v).is_none() {
                    diags.push(invalid(e, spec(key), tr!(lang, WhyNotDate, value = v)));
                }
            }
        }
        // Editorial review.
        let approver = match e.extra.get("duyet_boi") {
            None => None,
            Some(toml::Value::String(s)) if !s.trim().is_empty() => Some(s.trim()),
            Some(v) => {
                diags.push(invalid(
                    e,
                    spec("duyet_boi"),
                    tr!(lang, WhyNotText, value = v),
                ));
                continue;
            }
        };
        let publishes_text = !e.is_section || !e.body.trim().is_empty();
        match approver {
            None if config.editorial.require_approval && publishes_text => diags.push(
                Diagnostic::error(
                    e.file,
                    "editorial.approval-missing",
                    M::ApprovalMissing.text(lang),
                )
                .at(e.line("extra"), 0)
                .with_help(M::HelpApproval.text(lang))
                .with_article(EDITORIAL_ARTICLE),
            ),
            Some(name) if !board.is_empty() && !board.contains(&person_key(name)) => diags.push(
                Diagnostic::error(
                    e.file,
                    "editorial.approver-unknown",
                    tr!(
                        lang,
                        ApproverUnknown,
                        name = name,
                        board = config.editorial.board.join(", ")
                    ),
                )
                .at(e.line("extra.duyet_boi"), 0)
                .with_help(M::HelpApprover.text(lang))
                .with_article(EDITORIAL_ARTICLE),
            ),
            _ => {}
        }
    }
    marks
}

/// A person's name for comparison: NFC, single spaces, lower case.
fn person_key(name: &str) -> String {
    nfc(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A string or a list of strings.
fn string_list(v: &toml::Value) -> Option<Vec<String>> {
    match v {
        toml::Value::String(s) => Some(vec![s.trim().to_string()]),
        toml::Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(|s| s.trim().to_string()))
            .collect(),
        _ => None,
    }
}

/// Personal information in what an entry publishes (Điều 5).
fn personal_information(e: &Entry<'_>, lang: Lang) -> Vec<Diagnostic> {
    if e.kind.is_some_and(Kind::publishes_contacts) {
        return Vec::new();
    }
    let acknowledged: BTreeSet<String> = e
        .extra
        .get("da_kiem_tra_ca_nhan")
        .and_then(string_list)
        .unwrap_or_default()
        .iter()
        .map(|v| privacy::normalize(v))
        .collect();
    // (text, line and column of its first character).
    let mut texts: Vec<(&str, usize, usize)> = vec![(e.title, e.line("title"), 0)];
    if let Some(d) = e.description {
        texts.push((d, e.line("description"), 0));
    }
    let private: Vec<&str> = e
        .kind
        .map(|k| {
            k.fields()
                .iter()
                .filter(|s| s.presence == Presence::Private)
                .map(|s| s.key)
                .collect()
        })
        .unwrap_or_default();
    let mut extra_texts = Vec::new();
    for (key, value) in e.extra {
        if kinds::COMMON.iter().any(|s| s.key == key) || private.contains(&key.as_str()) {
            continue;
        }
        collect_strings(value, &format!("extra.{key}"), &mut extra_texts);
    }
    for (s, path) in &extra_texts {
        texts.push((s, e.line(path), 0));
    }
    let mut out = Vec::new();
    let mut scan = |text: &str, line: usize, column: usize, in_body: bool| {
        for f in privacy::scan(text) {
            if acknowledged.contains(&privacy::normalize(&f.value)) {
                continue;
            }
            let (rule, m) = match f.kind {
                privacy::FindingKind::CitizenId => ("privacy.citizen-id", M::PiiCitizenId),
                privacy::FindingKind::Mobile => ("privacy.mobile", M::PiiMobile),
                privacy::FindingKind::PrivateEmail => ("privacy.private-email", M::PiiEmail),
            };
            let (l, c) = if in_body {
                let (l, c) = line_col(text, f.offset);
                (line + l - 1, c)
            } else {
                (line, column)
            };
            out.push(
                Diagnostic::warning(
                    e.file,
                    rule,
                    messages::render(lang, m, &[("value", &f.value)]),
                )
                .at(l, c)
                .with_help(tr!(lang, HelpPii, value = f.value))
                .with_article(PRIVACY_ARTICLE),
            );
        }
    };
    for (text, line, column) in texts {
        scan(text, line, column, false);
    }
    scan(e.body, e.body_line, 0, true);
    out
}

fn collect_strings<'v>(value: &'v toml::Value, path: &str, out: &mut Vec<(&'v str, String)>) {
    match value {
        toml::Value::String(s) => out.push((s, path.to_string())),
        toml::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(item, &format!("{path}[{i}]"), out);
            }
        }
        toml::Value::Table(t) => {
            for (k, v) in t {
                collect_strings(v, &format!("{path}.{k}"), out);
            }
        }
        _ => {}
    }
}

/// What trang.toml provides for the requirements.
#[derive(Debug, Clone, Copy, Default)]
struct ConfigState {
    contact: bool,
    transactions: bool,
    transactions_updated: Option<Date>,
    feedback_email: bool,
    portal_url: bool,
}

/// Checks the contacts, addresses and `[freshness]` of trang.toml.
fn check_config(
    config: &SiteConfig,
    manifest: &Manifest,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> ConfigState {
    let file = crate::config::CONFIG_FILE;
    let line = |path: &str| line_in(&config.key_lines, path).unwrap_or(0);
    let mut state = ConfigState::default();
    let table_check = |table: &str,
                       path: &str,
                       specs: &[FieldSpec],
                       values: &[(&str, Option<&str>)],
                       article: &str,
                       diags: &mut Vec<Diagnostic>|
     -> bool {
        let mut ok = true;
        for spec in specs {
            let value = values
                .iter()
                .find(|(k, _)| *k == spec.key)
                .and_then(|(_, v)| *v);
            let at = line(&format!("{path}.{}", spec.key));
            match value.map(str::trim) {
                None | Some("") => {
                    if spec.presence == Presence::Required {
                        ok = false;
                        diags.push(
                            Diagnostic::error(
                                file,
                                "config.contact",
                                tr!(
                                    lang,
                                    ConfigMissingField,
                                    table = table,
                                    field = spec.key,
                                    label = spec.label(lang)
                                ),
                            )
                            .at(at, 0)
                            .with_help(tr!(
                                lang,
                                HelpExample,
                                field = spec.key,
                                example = spec.example
                            ))
                            .with_article(article),
                        );
                    }
                }
                Some(v) => {
                    let why = match spec.ty {
                        kinds::FieldType::Email if !kinds::is_email(v) => {
                            Some(tr!(lang, WhyNotEmail, value = v))
                        }
                        kinds::FieldType::Phone if !kinds::is_phone(v) => {
                            Some(tr!(lang, WhyNotPhone, value = v))
                        }
                        _ => None,
                    };
                    if let Some(why) = why {
                        ok = false;
                        diags.push(
                            Diagnostic::error(
                                file,
                                "config.contact",
                                tr!(
                                    lang,
                                    ConfigInvalid,
                                    table = table,
                                    field = spec.key,
                                    label = spec.label(lang),
                                    why = why
                                ),
                            )
                            .at(at, 0)
                            .with_help(tr!(
                                lang,
                                HelpExample,
                                field = spec.key,
                                example = spec.example
                            ))
                            .with_article(article),
                        );
                    } else if spec.ty == kinds::FieldType::Email && privacy::is_webmail(v) {
                        diags.push(
                            Diagnostic::warning(
                                file,
                                "config.private-email",
                                tr!(
                                    lang,
                                    EmailNotOfficial,
                                    field = format!("{path}.{}", spec.key),
                                    value = v
                                ),
                            )
                            .at(at, 0)
                            .with_help(M::HelpOfficialEmail.text(lang))
                            .with_article(article),
                        );
                    }
                }
            }
        }
        ok
    };

    if let Some(c) = &config.contact {
        // `phone` may be replaced by `fax` ("số điện thoại/fax").
        let phone = c
            .phone
            .as_deref()
            .or(c.fax.as_deref().filter(|_| c.phone.is_none()));
        let values = [
            ("name", c.name.as_deref()),
            ("title", c.title.as_deref()),
            ("unit", c.unit.as_deref()),
            ("phone", phone),
            ("fax", c.fax.as_deref()),
            ("email", c.email.as_deref()),
        ];
        state.contact = table_check(
            "[contact]",
            "contact",
            kinds::CONTACT,
            &values,
            "Điều 7 khoản 1 điểm i",
            diags,
        );
    }
    let mut all_ok = !config.transaction_contacts.is_empty();
    for (i, t) in config.transaction_contacts.iter().enumerate() {
        let table = format!("[[transaction_contacts]] #{}", i + 1);
        let path = format!("transaction_contacts[{i}]");
        let article = "Điều 7 khoản 1 điểm k";
        let values = [
            ("name", t.name.as_deref()),
            ("address", t.address.as_deref()),
            ("phone", t.phone.as_deref()),
            ("fax", t.fax.as_deref()),
            ("email", t.email.as_deref()),
        ];
        all_ok &= table_check(
            &table,
            &path,
            kinds::TRANSACTION_CONTACT,
            &values,
            article,
            diags,
        );
        if t.fax.as_deref().is_none_or(|f| f.trim().is_empty()) {
            diags.push(
                Diagnostic::warning(
                    file,
                    "config.fax",
                    tr!(lang, ConfigFaxMissing, table = table),
                )
                .at(line(&path), 0)
                .with_help(M::HelpConfig.text(lang))
                .with_article(article),
            );
        }
        if let Some(v) = &t.updated {
            match front_matter::parse_date(v) {
                Some(d) => state.transactions_updated = state.transactions_updated.max(Some(d)),
                None => {
                    all_ok = false;
                    let spec = kinds::TRANSACTION_CONTACT
                        .iter()
                        .find(|s| s.key == "updated")
                        .expect("updated");
                    diags.push(
                        Diagnostic::error(
                            file,
                            "config.contact",
                            tr!(
                                lang,
                                ConfigInvalid,
                                table = table,
                                field = "updated",
                                label = spec.label(lang),
                                why = tr!(lang, WhyNotDate, value = v)
                            ),
                        )
                        .at(line(&format!("{path}.updated")), 0)
                        .with_help(tr!(
                            lang,
                            HelpExample,
                            field = "updated",
                            example = spec.example
                        ))
                        .with_article(article),
                    );
                }
            }
        }
    }
    state.transactions = all_ok;
    let single = |key: &str,
                  value: Option<&str>,
                  valid: fn(&str) -> bool,
                  why: M,
                  article: &str,
                  diags: &mut Vec<Diagnostic>|
     -> bool {
        let Some(v) = value else {
            return false;
        };
        if valid(v.trim()) {
            return true;
        }
        diags.push(
            Diagnostic::error(
                file,
                "config.invalid-value",
                format!("{key}: {}", messages::render(lang, why, &[("value", &v)])),
            )
            .at(line(key), 0)
            .with_article(article),
        );
        false
    };
    state.feedback_email = single(
        "feedback_email",
        config.feedback_email.as_deref(),
        kinds::is_email,
        M::WhyNotEmail,
        "Điều 7 khoản 3 điểm b",
        diags,
    );
    if let Some(v) = config
        .feedback_email
        .as_deref()
        .filter(|v| state.feedback_email && privacy::is_webmail(v))
    {
        diags.push(
            Diagnostic::warning(
                file,
                "config.private-email",
                tr!(lang, EmailNotOfficial, field = "feedback_email", value = v),
            )
            .at(line("feedback_email"), 0)
            .with_help(M::HelpOfficialEmail.text(lang))
            .with_article("Điều 7 khoản 3 điểm b"),
        );
    }
    state.portal_url = single(
        "portal_url",
        config.portal_url.as_deref(),
        kinds::is_url,
        M::WhyNotUrl,
        "Điều 7 khoản 4",
        diags,
    );
    for id in config.freshness.keys() {
        if manifest.get(id).is_none() {
            diags.push(
                Diagnostic::error(
                    file,
                    "config.freshness",
                    tr!(lang, FreshnessUnknown, id = id, valid = manifest.ids()),
                )
                .at(line(&format!("freshness.{id}")), 0)
                .with_article("Điều 8 khoản 1 điểm a"),
            );
        }
    }
    state
}

/// What the site offers, gathered once for every requirement.
struct Evidence<'a> {
    site: &'a Site,
    kind_pages: HashMap<Kind, Vec<usize>>,
    /// Sections that declare a kind themselves.
    kind_sections: HashMap<Kind, Vec<usize>>,
    /// Requirement id → entries marking it with `dap_ung`.
    marks: HashMap<String, Vec<usize>>,
    entries: &'a [Entry<'a>],
    page_date: &'a dyn Fn(usize) -> Option<Date>,
    config: ConfigState,
}

fn evaluate(
    req: &Requirement,
    ev: &Evidence<'_>,
    config: &SiteConfig,
    options: &CheckOptions,
) -> RequirementResult {
    let lang = options.lang;
    let mut met = false;
    let mut files: Vec<String> = Vec::new();
    let mut pages = 0;
    let mut page_indices: Vec<usize> = Vec::new();
    let mut latest: Option<(Date, String)> = None;
    let mut details: Vec<String> = Vec::new();
    let consider = |d: Option<Date>, file: &str, latest: &mut Option<(Date, String)>| {
        if let Some(d) = d {
            if latest.as_ref().is_none_or(|(n, _)| d > *n) {
                *latest = Some((d, file.to_string()));
            }
        }
    };
    for c in &req.satisfied_by {
        match c {
            Criterion::Kind { kind, min } => {
                let list = ev.kind_pages.get(kind).map(Vec::as_slice).unwrap_or(&[]);
                let sections = ev.kind_sections.get(kind).map(Vec::as_slice).unwrap_or(&[]);
                let ok = if *min == 0 {
                    !sections.is_empty() || !list.is_empty()
                } else {
                    list.len() >= *min
                };
                if !ok {
                    continue;
                }
                met = true;
                files.extend(
                    sections
                        .iter()
                        .map(|&s| ev.site.sections[s].file.clone())
                        .filter(|f| !f.is_empty()),
                );
                pages += list.len();
                page_indices.extend_from_slice(list);
                for &p in list {
                    consider((ev.page_date)(p), &ev.site.pages[p].file, &mut latest);
                }
            }
            Criterion::Config(item) => {
                let ok = match item {
                    ConfigItem::Contact => ev.config.contact,
                    ConfigItem::TransactionContacts => ev.config.transactions,
                    ConfigItem::FeedbackEmail => ev.config.feedback_email,
                    ConfigItem::PortalUrl => ev.config.portal_url,
                };
                if ok {
                    met = true;
                    files.push(crate::config::CONFIG_FILE.to_string());
                    details.push(match item {
                        ConfigItem::Contact => "[contact]".to_string(),
                        ConfigItem::TransactionContacts => "[[transaction_contacts]]".to_string(),
                        other => other.key().to_string(),
                    });
                    if *item == ConfigItem::TransactionContacts {
                        consider(
                            ev.config.transactions_updated,
                            crate::config::CONFIG_FILE,
                            &mut latest,
                        );
                    }
                }
            }
            Criterion::Feature(Feature::Search) => {
                if config.search.enabled {
                    met = true;
                    details.push(M::DetailSearch.text(lang).to_string());
                }
            }
        }
    }
    if let Some(marked) = ev.marks.get(&req.id) {
        met = true;
        for &i in marked {
            let e = &ev.entries[i];
            if i < ev.site.pages.len() {
                page_indices.push(i);
            }
            files.push(e.file.to_string());
            consider(e.date, e.file, &mut latest);
        }
    }
    if pages > 0 {
        details.insert(0, tr!(lang, DetailPages, count = pages));
    }
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(f.clone()));
    let max_age = config
        .freshness
        .get(&req.id)
        .copied()
        .or(req.max_age_days)
        .filter(|&d| d > 0);
    let (last_updated, newest_file) = match latest {
        Some((d, f)) => (Some(d), Some(f)),
        None => (None, files.first().cloned()),
    };
    let age = last_updated.map(|d| days_between(d, options.today));
    let mut status = if met {
        RequirementStatus::Met
    } else {
        RequirementStatus::Missing
    };
    let mut hint = None;
    if met {
        if let Some(max) = max_age {
            let detail = match age {
                None => Some(tr!(lang, UndatedDetail, max = max)),
                Some(a) if a > i64::from(max) => Some(tr!(
                    lang,
                    StaleDetail,
                    date = last_updated.expect("dated"),
                    age = a,
                    max = max
                )),
                _ => None,
            };
            if let (None, Some(a), Some(d)) = (&detail, age, last_updated) {
                details.push(tr!(lang, DetailLatest, date = d, age = a));
            }
            if let Some(d) = detail {
                status = RequirementStatus::Stale;
                details = vec![d];
                let only = |c: Criterion| {
                    !req.satisfied_by.is_empty() && req.satisfied_by.iter().all(|x| *x == c)
                };
                hint = Some(
                    if only(Criterion::Config(ConfigItem::TransactionContacts)) {
                        tr!(lang, HintStaleContacts, today = options.today)
                    } else if only(Criterion::Kind {
                        kind: Kind::WorkSchedule,
                        min: 1,
                    }) {
                        M::HintStaleSchedule.text(lang).to_string()
                    } else {
                        tr!(lang, HintStale, today = options.today)
                    },
                );
            }
        }
    } else {
        hint = Some(match &req.help {
            Some(h) => h.get(lang).to_string(),
            None => missing_hint(req, lang),
        });
    }
    RequirementResult {
        id: req.id.clone(),
        title: req.title.get(lang).to_string(),
        citation: manifest::citation(&req.citation, lang),
        article: req.citation.clone(),
        status,
        files,
        pages,
        last_updated,
        age_days: age,
        max_age_days: max_age,
        detail: (!details.is_empty()).then(|| details.join(", ")),
        hint,
        newest_file,
        page_indices: {
            page_indices.sort_unstable();
            page_indices.dedup();
            page_indices
        },
    }
}

/// How a missing requirement can be met, from its criteria.
fn missing_hint(req: &Requirement, lang: Lang) -> String {
    let mut ways: Vec<String> = req
        .satisfied_by
        .iter()
        .map(|c| match c {
            Criterion::Kind { kind, min: 0 } => tr!(
                lang,
                HintKindSection,
                kind = kind.id(),
                kind_vi = kind.vietnamese_id()
            ),
            Criterion::Kind { kind, min } => tr!(
                lang,
                HintKindPages,
                kind = kind.id(),
                kind_vi = kind.vietnamese_id(),
                min = min
            ),
            Criterion::Config(ConfigItem::Contact) => M::HintContact.text(lang).to_string(),
            Criterion::Config(ConfigItem::TransactionContacts) => {
                M::HintTransaction.text(lang).to_string()
            }
            Criterion::Config(ConfigItem::FeedbackEmail) => {
                M::HintFeedbackEmail.text(lang).to_string()
            }
            Criterion::Config(ConfigItem::PortalUrl) => M::HintPortal.text(lang).to_string(),
            Criterion::Feature(Feature::Search) => M::HintSearch.text(lang).to_string(),
        })
        .collect();
    ways.push(tr!(lang, HintMark, id = req.id));
    ways.join(M::HintOr.text(lang))
}

//! Regulation manifests: what a unit's site must contain, as data.
//!
//! One built-in manifest per unit type of QĐ 14/2015 Điều 2 (`manifests/department.toml`,
//! `district.toml`, `enterprise.toml`, embedded in the binary), each a list of requirements
//! with an id, Vietnamese and English titles, the exact citation, the unit types it applies
//! to and what satisfies it. A site may extend or replace its manifest with its own file in
//! the same format (`manifest = "..."` in trang.toml): a province's own rules, or the
//! commune level after 2025. Parsing is pure; `load` reads the site's file.

use super::kinds::Kind;
use super::messages::{Lang, M};
use crate::config::{key_lines, UnitType};
use crate::diagnostics::{line_col, Diagnostic};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Text in Vietnamese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// A value of trang.toml that can satisfy a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigItem {
    /// `[contact]`: the person in charge of the site (Điều 7 khoản 1 điểm i).
    Contact,
    /// `[[transaction_contacts]]` (Điều 7 khoản 1 điểm k).
    TransactionContacts,
    /// `feedback_email`: the address receiving questions (Điều 7 khoản 3 điểm b).
    FeedbackEmail,
    /// `portal_url`: the link to the provincial portal (Điều 7 khoản 4).
    PortalUrl,
}

impl ConfigItem {
    /// The key in trang.toml.
    pub fn key(self) -> &'static str {
        match self {
            ConfigItem::Contact => "contact",
            ConfigItem::TransactionContacts => "transaction_contacts",
            ConfigItem::FeedbackEmail => "feedback_email",
            ConfigItem::PortalUrl => "portal_url",
        }
    }
}

/// A capability of trang itself that can satisfy a requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// The built-in search of the site's content (Điều 7 khoản 3 điểm a; khoản 1 điểm e).
    Search,
}

/// One way to satisfy a requirement. Besides these, any page or section can declare that it
/// meets a requirement with `[extra] dap_ung = ["id"]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// At least `min` published pages of this kind; with `min = 0`, a section declaring the
    /// kind is enough (the section exists, even while it has no items).
    Kind { kind: Kind, min: usize },
    /// A complete value in trang.toml.
    Config(ConfigItem),
    /// Provided by trang.
    Feature(Feature),
}

/// One requirement of the regulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// A stable id, e.g. `van-ban`; pages name it in `dap_ung`, trang.toml in `[freshness]`.
    pub id: String,
    pub title: Text,
    /// The exact citation, e.g. "Điều 7 khoản 1 điểm e".
    pub citation: String,
    pub applies_to: Vec<UnitType>,
    /// Alternatives: any one of them satisfies the requirement. A page or section that
    /// names the requirement in `dap_ung` always does too; with no criterion, that is the
    /// only way (free pages such as the unit's history).
    pub satisfied_by: Vec<Criterion>,
    /// Maximum age in days of the newest item (Điều 8 khoản 1 điểm a); none when not tracked.
    pub max_age_days: Option<u32>,
    /// How to satisfy it, when the generated hint is not enough.
    pub help: Option<Text>,
    /// Languages (besides the default) its pages must also be published in, e.g. `["en"]`
    /// (NĐ 42/2022/NĐ-CP for a state agency's organisation, functions and contacts). Other
    /// site languages are only noted when missing.
    pub translations: Vec<String>,
}

/// A resolved manifest: the requirements that apply to one site, in report order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub name: Text,
    /// The regulation the requirements come from, e.g. "QĐ 14/2015/QĐ-UBND tỉnh Ninh Bình".
    pub regulation: String,
    pub requirements: Vec<Requirement>,
}

impl Manifest {
    /// The requirement with this id.
    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    /// Every requirement id, comma separated, for messages.
    pub fn ids(&self) -> String {
        self.requirements
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The embedded manifest files, by unit type.
pub const BUILTIN_FILES: &[(UnitType, &str, &str)] = &[
    (
        UnitType::Department,
        "manifests/department.toml",
        include_str!("../../manifests/department.toml"),
    ),
    (
        UnitType::District,
        "manifests/district.toml",
        include_str!("../../manifests/district.toml"),
    ),
    (
        UnitType::Enterprise,
        "manifests/enterprise.toml",
        include_str!("../../manifests/enterprise.toml"),
    ),
];

/// The built-in manifest of a unit type.
pub fn builtin(unit: UnitType) -> &'static Manifest {
    static CACHE: OnceLock<Vec<(UnitType, Manifest)>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        BUILTIN_FILES
            .iter()
            .map(|(u, file, text)| {
                let parsed = parse(file, text).unwrap_or_else(|d| panic!("embedded {file}: {d:?}"));
                (*u, parsed.resolve(None, *u))
            })
            .collect()
    });
    &all.iter()
        .find(|(u, _)| *u == unit)
        .expect("a manifest per unit type")
        .1
}

/// A manifest file as written: the built-in ones and a site's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestFile {
    pub name: Option<Text>,
    pub regulation: Option<String>,
    /// The unit type a built-in file is for (informative).
    pub unit_type: Option<UnitType>,
    /// A site's file adds to (and overrides by id) the built-in manifest unless
    /// `extends = false`, which replaces it.
    pub extends: bool,
    /// Built-in requirement ids the site's file drops.
    pub remove: Vec<String>,
    pub requirements: Vec<Requirement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    name: Option<Text>,
    regulation: Option<String>,
    unit_type: Option<UnitType>,
    #[serde(default = "yes")]
    extends: bool,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    requirement: Vec<RawRequirement>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: String,
    title: Text,
    citation: String,
    applies_to: Vec<UnitType>,
    #[serde(default)]
    satisfied_by: Vec<RawCriterion>,
    max_age_days: Option<u32>,
    help: Option<Text>,
    #[serde(default)]
    translations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    kind: Option<String>,
    min: Option<usize>,
    config: Option<ConfigItem>,
    feature: Option<Feature>,
}

/// Parses a manifest file, with messages in Vietnamese ([`parse_in`] for another language).
pub fn parse(file: &str, text: &str) -> Result<ManifestFile, Vec<Diagnostic>> {
    parse_in(file, text, Lang::Vi)
}

/// Parses a manifest file. Errors name the file, the line and the requirement.
pub fn parse_in(file: &str, text: &str, lang: Lang) -> Result<ManifestFile, Vec<Diagnostic>> {
    let text = crate::vi::nfc_string(text.replace("\r\n", "\n"));
    let raw: RawFile = toml::from_str(&text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
        vec![
            Diagnostic::error(file, "manifest.invalid", e.message().trim().to_string())
                .at(line, column)
                .with_help(M::HelpManifestFormat.text(lang)),
        ]
    })?;
    let lines = key_lines(&text);
    let line = |i: usize, key: &str| {
        let mut path = format!("requirement[{i}].{key}");
        loop {
            if let Some(&l) = lines.get(&path) {
                return l;
            }
            match path.rfind('.') {
                Some(dot) => path.truncate(dot),
                None => return 0,
            }
        }
    };
    let mut diags = Vec::new();
    let mut requirements = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, r) in raw.requirement.into_iter().enumerate() {
        let err = |key: &str, m: String| {
            Diagnostic::error(file, "manifest.invalid", m)
                .at(line(i, key), 0)
                .with_help(M::HelpManifestFormat.text(lang))
        };
        let id_ok = !r.id.is_empty()
            && r.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !id_ok {
            diags.push(err("id", tr!(lang, ManifestBadId, id = r.id)));
        }
        if let Some(first) = seen.insert(r.id.clone(), line(i, "id")) {
            diags.push(err(
                "id",
                tr!(lang, ManifestDuplicateId, id = r.id, line = first),
            ));
        }
        for (key, value) in [
            ("citation", &r.citation),
            ("title.vi", &r.title.vi),
            ("title.en", &r.title.en),
        ] {
            if value.trim().is_empty() {
                diags.push(err(key, tr!(lang, ManifestEmpty, id = r.id, key = key)));
            }
        }
        if r.applies_to.is_empty() {
            diags.push(err(
                "applies_to",
                tr!(lang, ManifestEmpty, id = r.id, key = "applies_to"),
            ));
        }
        if r.max_age_days == Some(0) {
            diags.push(err("max_age_days", tr!(lang, ManifestZeroAge, id = r.id)));
        }
        let mut criteria = Vec::new();
        for c in r.satisfied_by {
            let set = usize::from(c.kind.is_some())
                + usize::from(c.config.is_some())
                + usize::from(c.feature.is_some());
            if set != 1 || (c.min.is_some() && c.kind.is_none()) {
                diags.push(err("satisfied_by", tr!(lang, ManifestCriterion, id = r.id)));
                continue;
            }
            if let Some(name) = c.kind {
                match Kind::parse(&name) {
                    Some(kind) => criteria.push(Criterion::Kind {
                        kind,
                        min: c.min.unwrap_or(1),
                    }),
                    None => diags.push(err(
                        "satisfied_by",
                        tr!(
                            lang,
                            ManifestUnknownKind,
                            id = r.id,
                            kind = name,
                            valid = Kind::names()
                        ),
                    )),
                }
            } else if let Some(item) = c.config {
                criteria.push(Criterion::Config(item));
            } else if let Some(f) = c.feature {
                criteria.push(Criterion::Feature(f));
            }
        }
        requirements.push(Requirement {
            id: r.id,
            title: r.title,
            citation: r.citation.trim().to_string(),
            applies_to: r.applies_to,
            satisfied_by: criteria,
            max_age_days: r.max_age_days,
            help: r.help,
            translations: r.translations,
        });
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(ManifestFile {
        name: raw.name,
        regulation: raw.regulation,
        unit_type: raw.unit_type,
        extends: raw.extends,
        remove: raw.remove,
        requirements,
    })
}

impl ManifestFile {
    /// The manifest of a site of `unit`: this (built-in) file, extended or replaced by the
    /// site's own file, keeping the requirements that apply to `unit`.
    pub fn resolve(&self, custom: Option<&ManifestFile>, unit: UnitType) -> Manifest {
        let mut name = self.name.clone().unwrap_or_else(|| Text {
            vi: unit.vietnamese().to_string(),
            en: unit.as_str().to_string(),
        });
        let mut regulation = self.regulation.clone().unwrap_or_default();
        let mut requirements = self.requirements.clone();
        if let Some(c) = custom {
            if !c.extends {
                requirements.clear();
            }
            requirements.retain(|r| !c.remove.contains(&r.id));
            for r in &c.requirements {
                match requirements.iter_mut().find(|x| x.id == r.id) {
                    Some(existing) => *existing = r.clone(),
                    None => requirements.push(r.clone()),
                }
            }
            if let Some(n) = &c.name {
                name = n.clone();
            }
            if let Some(reg) = &c.regulation {
                regulation = reg.clone();
            }
        }
        requirements.retain(|r| r.applies_to.contains(&unit));
        Manifest {
            name,
            regulation,
            requirements,
        }
    }
}

/// Checks the ids a site's file removes: each must be a built-in requirement.
pub fn check_removed(
    file: &str,
    text: &str,
    custom: &ManifestFile,
    builtin: &Manifest,
    lang: Lang,
) -> Vec<Diagnostic> {
    let line = key_lines(text).get("remove").copied().unwrap_or(0);
    custom
        .remove
        .iter()
        .filter(|id| builtin.get(id).is_none())
        .map(|id| {
            Diagnostic::error(
                file,
                "manifest.invalid",
                tr!(lang, ManifestRemoveUnknown, id = id, valid = builtin.ids()),
            )
            .at(line, 0)
        })
        .collect()
}

/// "Điều 7 khoản 1 điểm a" → "Article 7(1)(a)"; anything else is returned unchanged.
pub fn citation_en(citation: &str) -> String {
    let words: Vec<&str> = citation.split_whitespace().collect();
    let mut out = String::new();
    let mut i = 0;
    // After "khoản 4," a bare "5" is another item of the same level: "(4), (5)".
    let mut listing = false;
    while i < words.len() {
        let word = words[i];
        if listing && !matches!(word.to_lowercase().as_str(), "điều" | "khoản" | "điểm") {
            out.push_str(&format!(", ({})", word.trim_end_matches(',')));
            listing = word.ends_with(',');
            i += 1;
            continue;
        }
        let Some(next) = words.get(i + 1) else {
            return citation.to_string();
        };
        let value = next.trim_end_matches(',');
        match word.to_lowercase().as_str() {
            "điều" if out.is_empty() => out = format!("Article {value}"),
            "khoản" | "điểm" if !out.is_empty() => out.push_str(&format!("({value})")),
            _ => return citation.to_string(),
        }
        listing = next.ends_with(',');
        i += 2;
    }
    if out.is_empty() {
        return citation.to_string();
    }
    out
}

/// The citation in `lang`.
pub fn citation(citation: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => citation.to_string(),
        Lang::En => citation_en(citation),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_manifests_agree_with_each_other_and_the_regulation() {
        let files: Vec<(UnitType, ManifestFile)> = BUILTIN_FILES
            .iter()
            .map(|(u, f, t)| (*u, parse(f, t).unwrap_or_else(|e| panic!("{f}: {e:?}"))))
            .collect();
        for (unit, file) in &files {
            assert_eq!(file.unit_type, Some(*unit));
            for r in &file.requirements {
                assert!(
                    r.applies_to.contains(unit),
                    "{unit:?}: {} does not apply to its own file",
                    r.id
                );
                // A requirement shared with other unit types is identical in their files.
                for other in &r.applies_to {
                    let (_, f) = files.iter().find(|(u, _)| u == other).unwrap();
                    assert_eq!(
                        f.requirements.iter().find(|x| x.id == r.id),
                        Some(r),
                        "{} in {other:?}",
                        r.id
                    );
                }
                assert!(r.citation.starts_with("Điều 7 khoản "), "{}", r.citation);
            }
        }
        let ids = |u| {
            builtin(u)
                .requirements
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
        };
        let (dep, dis, ent) = (
            ids(UnitType::Department),
            ids(UnitType::District),
            ids(UnitType::Enterprise),
        );
        // Điều 7 khoản 1 điểm a differs per unit type.
        for id in [
            "so-do-to-chuc",
            "chuc-nang-nhiem-vu",
            "qua-trinh-phat-trien",
        ] {
            assert!(
                dep.contains(&id) && ent.contains(&id) && !dis.contains(&id),
                "{id}"
            );
        }
        for id in [
            "ban-do-hanh-chinh",
            "dieu-kien-tu-nhien",
            "lich-su-dia-phuong",
            "truyen-thong-van-hoa",
            "di-tich-danh-thang",
            "bo-may-hanh-chinh",
        ] {
            assert!(
                dis.contains(&id) && !dep.contains(&id) && !ent.contains(&id),
                "{id}"
            );
        }
        assert!(
            dep.contains(&"lanh-dao") && dis.contains(&"lanh-dao") && !ent.contains(&"lanh-dao")
        );
        // đ, e, g, l and khoản 4: state agencies only; m: enterprises only.
        for id in [
            "chien-luoc-quy-hoach",
            "van-ban",
            "tra-cuu-van-ban",
            "du-an",
            "dich-vu-cong",
            "lien-ket-cong-tinh",
        ] {
            assert!(
                dep.contains(&id) && dis.contains(&id) && !ent.contains(&id),
                "{id}"
            );
        }
        assert!(ent.contains(&"san-pham-dich-vu") && !dep.contains(&"san-pham-dich-vu"));
        // Everyone: b, c, d, h, i, k, khoản 3.
        for id in [
            "tin-tuc",
            "chi-dao-dieu-hanh",
            "lich-cong-tac",
            "pho-bien-phap-luat",
            "lay-y-kien",
            "phan-anh-kien-nghi",
            "nguoi-phu-trach",
            "thong-tin-giao-dich",
            "tim-kiem",
            "hoi-dap",
        ] {
            assert!(
                dep.contains(&id) && dis.contains(&id) && ent.contains(&id),
                "{id}"
            );
        }
        // Freshness (Điều 8 khoản 1 điểm a): a, b, c and k are tracked.
        for u in [
            UnitType::Department,
            UnitType::District,
            UnitType::Enterprise,
        ] {
            for r in &builtin(u).requirements {
                let tracked = ["a", "b", "c", "k"]
                    .iter()
                    .any(|p| r.citation == format!("Điều 7 khoản 1 điểm {p}"));
                assert_eq!(r.max_age_days.is_some(), tracked, "{}", r.id);
            }
        }
    }

    #[test]
    fn citations_translate_to_english() {
        assert_eq!(citation_en("Điều 7 khoản 1 điểm a"), "Article 7(1)(a)");
        assert_eq!(citation_en("Điều 7 khoản 4"), "Article 7(4)");
        assert_eq!(citation_en("Điều 5"), "Article 5");
        assert_eq!(citation_en("Điều 7 khoản 1 điểm đ"), "Article 7(1)(đ)");
        assert_eq!(citation_en("Nghị định 43/2011"), "Nghị định 43/2011");
        assert_eq!(citation_en("Điều 7 khoản"), "Điều 7 khoản");
        assert_eq!(citation_en("Điều 6 khoản 4, 5"), "Article 6(4), (5)");
        assert_eq!(
            citation_en("Điều 7 khoản 1 điểm a, b, c"),
            "Article 7(1)(a), (b), (c)"
        );
    }

    #[test]
    fn manifest_errors_name_the_line_and_requirement() {
        let text = "[[requirement]]\nid = \"a\"\ntitle = { vi = \"A\", en = \"A\" }\ncitation = \"Điều 1\"\napplies_to = [\"district\"]\nsatisfied_by = [{ kind = \"khong-co\" }]\n\n[[requirement]]\nid = \"a\"\ntitle = { vi = \"B\", en = \"\" }\ncitation = \"Điều 2\"\napplies_to = []\nsatisfied_by = [{ kind = \"leader\", config = \"contact\" }]\nmax_age_days = 0\n";
        let errs = parse("quy-dinh.toml", text).unwrap_err();
        let got: Vec<String> = errs
            .iter()
            .map(|d| d.to_string())
            .map(|s| s.lines().next().unwrap().to_string())
            .collect();
        assert_eq!(
            got,
            [
                format!("quy-dinh.toml:6: error: yêu cầu `a`: loại nội dung \"khong-co\" không có; các loại: {}", Kind::names()),
                "quy-dinh.toml:9: error: yêu cầu `a` trùng id với yêu cầu ở dòng 2".to_string(),
                "quy-dinh.toml:10: error: yêu cầu `a`: `title.en` đang để trống".to_string(),
                "quy-dinh.toml:12: error: yêu cầu `a`: `applies_to` đang để trống".to_string(),
                "quy-dinh.toml:14: error: yêu cầu `a`: max_age_days phải lớn hơn 0 (bỏ dòng này nếu không theo dõi độ mới)".to_string(),
                "quy-dinh.toml:13: error: yêu cầu `a`: mỗi cách đáp ứng trong satisfied_by ghi đúng một trong kind (có thể kèm min), config, feature".to_string(),
            ]
        );
        let e = parse("x.toml", "[[requirement]]\nid = \"a\"\ntitel = 1\n").unwrap_err();
        assert_eq!(e[0].line, 3);
        assert!(
            e[0].message.contains("unknown field `titel`"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn a_site_file_extends_overrides_removes_or_replaces() {
        let builtin = parse("b.toml", include_str!("../../manifests/district.toml")).unwrap();
        let own = parse(
            "own.toml",
            "remove = [\"ban-do-hanh-chinh\"]\n[[requirement]]\nid = \"tin-tuc\"\ntitle = { vi = \"Tin\", en = \"News\" }\ncitation = \"Điều 7 khoản 1 điểm b\"\napplies_to = [\"district\"]\nsatisfied_by = [{ kind = \"news\", min = 3 }]\nmax_age_days = 7\n[[requirement]]\nid = \"xa-phuong\"\ntitle = { vi = \"Xã\", en = \"Communes\" }\ncitation = \"Điều 3 Quyết định riêng\"\napplies_to = [\"district\"]\nsatisfied_by = [{ kind = \"unit\" }]\n",
        )
        .unwrap();
        let m = builtin.resolve(Some(&own), UnitType::District);
        assert!(m.get("ban-do-hanh-chinh").is_none());
        assert_eq!(m.get("tin-tuc").unwrap().max_age_days, Some(7));
        assert_eq!(m.requirements.last().unwrap().id, "xa-phuong");
        let base = builtin.resolve(None, UnitType::District);
        assert_eq!(m.requirements.len(), base.requirements.len());
        let replace = parse("own.toml", "extends = false\n[[requirement]]\nid = \"x\"\ntitle = { vi = \"X\", en = \"X\" }\ncitation = \"Điều 1\"\napplies_to = [\"district\", \"enterprise\"]\nsatisfied_by = [{ feature = \"search\" }]\n").unwrap();
        let m = builtin.resolve(Some(&replace), UnitType::District);
        assert_eq!(m.requirements.len(), 1);
        let bad = parse("own.toml", "remove = [\"khong-co\"]\n").unwrap();
        let d = check_removed(
            "own.toml",
            "remove = [\"khong-co\"]\n",
            &bad,
            &base,
            Lang::Vi,
        );
        assert_eq!(d[0].line, 1);
        assert!(
            d[0].message
                .starts_with("`remove`: \"khong-co\" không phải yêu cầu có sẵn"),
            "{}",
            d[0].message
        );
    }
}

//! The static JSON API the provincial portal pulls: `api/v1/` (QĐ 14/2015 Điều 7 khoản 4).
//!
//! Why: the regulation requires state agencies' sites to be integrated with the provincial
//! portal so that people find their information there. Sites are plain files on plain web
//! servers, so the "API" is a set of JSON files written with the pages, from the same data:
//! `site.json` (the unit, its type, the manifest status, where everything is), one
//! collection per kind of information (documents, public services, projects,
//! consultations, news, leaders, units, contacts), paged when large, and the JSON Schema of
//! every file under `api/v1/schemas/`. Field names are English, stable, and every key is
//! always present (`null` when the page does not say), so a portal can rely on them.
//!
//! Pure: the site model and rendered Markdown in, [`OutputFile`]s out. Only the fields
//! listed here are published: nothing else of a page's `[extra]` (and none of the personal
//! data of a question's asker, Điều 5) ever reaches the API.
//!
//! The typed kinds come from each section's `kind` (`kind = "van_ban"` in `_index.md`);
//! the names accepted are those of `regulation::kinds` (English or Vietnamese id).

use crate::content::{Page, Site};
use crate::render::{description, OutputFile, RenderedContent};
use crate::vi::Date;
use rayon::prelude::*;
use serde_json::{json, Map, Value};

/// The folder of the API in the output.
pub const API_DIR: &str = "api/v1";

/// The version of the file formats; a breaking change gets a new folder (`api/v2/`).
pub const API_VERSION: u32 = 1;

/// The schemas, published under `api/v1/schemas/`: (file name, text).
pub const SCHEMAS: &[(&str, &str)] = &[
    ("site.schema.json", include_str!("schemas/site.schema.json")),
    (
        "documents.schema.json",
        include_str!("schemas/documents.schema.json"),
    ),
    (
        "services.schema.json",
        include_str!("schemas/services.schema.json"),
    ),
    (
        "projects.schema.json",
        include_str!("schemas/projects.schema.json"),
    ),
    (
        "consultations.schema.json",
        include_str!("schemas/consultations.schema.json"),
    ),
    ("news.schema.json", include_str!("schemas/news.schema.json")),
    (
        "leaders.schema.json",
        include_str!("schemas/leaders.schema.json"),
    ),
    (
        "units.schema.json",
        include_str!("schemas/units.schema.json"),
    ),
    (
        "contacts.schema.json",
        include_str!("schemas/contacts.schema.json"),
    ),
];

/// How a field's value is read from `[extra]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    /// A string (numbers and booleans are written as text).
    Text,
    /// A date, `YYYY-MM-DD`.
    Date,
    /// A list of strings; a single string becomes a one-item list.
    TextList,
    /// A file: made an absolute URL (relative names are next to the page).
    File,
    /// A list of files.
    Files,
    /// An amount: a number of đồng stays a number, a text stays text.
    Money,
    /// A page link (`@/…`) made an absolute URL, or a document number as written.
    Link,
    /// A list of such links.
    Links,
}

use FieldKind as F;

/// A collection of the API: its file name, the kinds of page it lists (by the ids of
/// `regulation::kinds`, English and Vietnamese), whether it is listed newest first, and
/// its fields: (API name, `[extra]` key, kind).
struct Collection {
    name: &'static str,
    kinds: &'static [&'static str],
    dated: bool,
    fields: &'static [(&'static str, &'static str, FieldKind)],
}

const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "documents",
        kinds: &["legal_document", "van_ban"],
        dated: true,
        fields: &[
            ("form", "hinh_thuc", F::Text),
            ("number", "so_ky_hieu", F::Text),
            ("authority", "co_quan_ban_hanh", F::Text),
            ("issued", "ngay_ban_hanh", F::Date),
            ("effective", "ngay_hieu_luc", F::Date),
            ("summary", "trich_yeu", F::Text),
            ("files", "tep", F::Files),
            ("field", "linh_vuc", F::Text),
            ("signer", "nguoi_ky", F::Text),
            ("status", "tinh_trang", F::Text),
            ("expires", "ngay_het_hieu_luc", F::Date),
            ("replaces", "thay_the", F::Links),
            ("replaced_by", "bi_thay_the_boi", F::Link),
        ],
    },
    Collection {
        name: "services",
        kinds: &["public_service", "dich_vu_cong"],
        dated: false,
        fields: &[
            ("sector", "linh_vuc", F::Text),
            ("level", "muc_do", F::Text),
            ("link", "duong_dan", F::Text),
            ("agency", "co_quan_thuc_hien", F::Text),
            ("code", "ma_thu_tuc", F::Text),
            ("processing_time", "thoi_han_giai_quyet", F::Text),
            ("fees", "phi_le_phi", F::Text),
        ],
    },
    Collection {
        name: "projects",
        kinds: &["project", "du_an"],
        dated: false,
        fields: &[
            ("objective", "muc_tieu", F::Text),
            ("field", "linh_vuc", F::Text),
            ("project_type", "loai_du_an", F::Text),
            ("duration", "thoi_gian_thuc_hien", F::Text),
            ("budget", "kinh_phi", F::Money),
            ("funding_type", "loai_hinh_tai_tro", F::Text),
            ("sponsor", "nha_tai_tro", F::Text),
            ("status", "tinh_trang", F::Text),
            ("investor", "chu_dau_tu", F::Text),
            ("location", "dia_diem", F::Text),
            ("files", "tep", F::Files),
        ],
    },
    Collection {
        name: "consultations",
        kinds: &["consultation", "lay_y_kien", "du_thao"],
        dated: true,
        fields: &[
            ("opens", "ngay_bat_dau", F::Date),
            ("closes", "ngay_ket_thuc", F::Date),
            ("address", "dia_chi_gop_y", F::Text),
            ("email", "email_gop_y", F::Text),
            ("files", "tep", F::Files),
            ("agency", "co_quan_chu_tri", F::Text),
        ],
    },
    Collection {
        name: "news",
        kinds: &["news", "tin_tuc"],
        dated: true,
        fields: &[],
    },
    Collection {
        name: "leaders",
        kinds: &["leader", "lanh_dao"],
        dated: false,
        fields: &[
            ("position", "chuc_vu", F::Text),
            ("duties", "nhiem_vu", F::TextList),
            ("bio", "tieu_su", F::Text),
            ("photo", "anh", F::File),
            ("phone", "dien_thoai", F::Text),
            ("email", "email", F::Text),
        ],
    },
    Collection {
        name: "units",
        kinds: &["unit", "don_vi", "phong_ban"],
        dated: false,
        fields: &[
            ("functions", "chuc_nang_nhiem_vu", F::TextList),
            ("head", "truong_don_vi", F::Text),
            ("parent", "don_vi_cap_tren", F::Link),
            ("phone", "dien_thoai", F::Text),
            ("email", "email", F::Text),
            ("address", "dia_chi", F::Text),
        ],
    },
];

/// Whether a `kind` written in an `_index.md` names one of `kinds` (any case, `-` or `_`).
fn kind_matches(written: &str, kinds: &[&str]) -> bool {
    let key = written.trim().to_ascii_lowercase().replace('-', "_");
    kinds.contains(&key.as_str())
}

/// The kind of every page, inherited from the nearest section that declares one.
fn page_kinds(site: &Site) -> Vec<Option<&str>> {
    let section_kind = |mut i: usize| loop {
        if let Some(k) = site.sections[i].kind.as_deref() {
            return Some(k);
        }
        i = site.sections[i].parent?;
    };
    site.pages.iter().map(|p| section_kind(p.section)).collect()
}

/// What the manifest check says about the site, for `site.json`. `NotChecked` until the
/// build runs the regulation check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestStatus {
    NotChecked,
    /// The check ran: the number of unmet requirements and their ids.
    Checked {
        missing: Vec<String>,
    },
}

/// Everything under `api/v1/`, or nothing when `[api] enabled = false`.
pub fn build(site: &Site, content: &RenderedContent, manifest: &ManifestStatus) -> Vec<OutputFile> {
    if !site.config.api.enabled {
        return Vec::new();
    }
    let kinds = page_kinds(site);
    let any_kind = site.sections.iter().any(|s| s.kind.is_some());
    let mut out = Vec::new();
    let mut index = Map::new();
    for c in COLLECTIONS {
        let mut pages: Vec<usize> = (0..site.pages.len())
            .filter(|&i| listed(site, i))
            .filter(|&i| match kinds[i] {
                Some(k) => kind_matches(k, c.kinds),
                // A site that declares no kind at all: its dated pages are its news.
                None => c.name == "news" && !any_kind && site.pages[i].date.is_some(),
            })
            .collect();
        sort_items(site, &mut pages, c);
        let items: Vec<Value> = pages
            .par_iter()
            .map(|&i| item(site, content, i, c.fields))
            .collect();
        let (files, summary) = paged(site, c.name, items);
        out.extend(files);
        index.insert(c.name.into(), summary);
    }
    let contacts = contacts(site, &kinds);
    let (files, summary) = paged(site, "contacts", contacts);
    out.extend(files);
    index.insert("contacts".into(), summary);
    out.push(json_file(
        &format!("{API_DIR}/site.json"),
        &site_json(site, manifest, Value::Object(index)),
    ));
    for (name, text) in SCHEMAS {
        out.push(OutputFile {
            path: format!("{API_DIR}/schemas/{name}"),
            bytes: text.as_bytes().to_vec(),
        });
    }
    out
}

/// Pages the API lists: published (not drafts), in the default language or with no
/// version in it (their translations are linked from each item).
fn listed(site: &Site, i: usize) -> bool {
    let p = &site.pages[i];
    !p.draft
        && (site.is_default_language(&p.lang)
            || !p
                .translations
                .iter()
                .any(|&t| site.is_default_language(&site.pages[t].lang)))
}

/// Dated collections newest first (documents by issue date); the others in their
/// sections' order. Ties by URL path, so the output is stable.
fn sort_items(site: &Site, pages: &mut [usize], c: &Collection) {
    if c.dated {
        let date = |i: usize| -> Option<Date> {
            let p = &site.pages[i];
            let own = match c.name {
                "documents" => extra_date(p, "ngay_ban_hanh"),
                "consultations" => extra_date(p, "ngay_bat_dau"),
                _ => None,
            };
            own.or(p.date)
        };
        pages.sort_by(|&a, &b| {
            date(b)
                .cmp(&date(a))
                .then_with(|| site.pages[a].path.cmp(&site.pages[b].path))
        });
    } else {
        let order: std::collections::HashMap<usize, (usize, usize)> = site
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| sec.pages.iter().enumerate().map(move |(k, &p)| (p, (s, k))))
            .collect();
        pages.sort_by_key(|&i| (order.get(&i).copied(), site.pages[i].path.clone()));
    }
}

fn extra_date(p: &Page, key: &str) -> Option<Date> {
    p.extra.get(key).and_then(|v| Date::parse(&value_text(v)))
}

/// The common fields of every item, then the collection's own.
fn item(
    site: &Site,
    content: &RenderedContent,
    i: usize,
    fields: &[(&str, &str, FieldKind)],
) -> Value {
    let p = &site.pages[i];
    let mut m = Map::new();
    m.insert("id".into(), json!(p.path));
    m.insert("url".into(), json!(site.config.permalink(&p.path)));
    m.insert("lang".into(), json!(p.lang));
    m.insert("title".into(), json!(p.title));
    m.insert(
        "description".into(),
        json!(description(
            p.description.as_deref(),
            &content.pages[i].text
        )),
    );
    m.insert("date".into(), json!(p.date.map(|d| d.iso())));
    m.insert("updated".into(), json!(p.updated.map(|d| d.iso())));
    m.insert("section".into(), json!(site.sections[p.section].title));
    m.insert(
        "translations".into(),
        p.translations
            .iter()
            .map(|&t| {
                let tp = &site.pages[t];
                json!({"lang": tp.lang, "url": site.config.permalink(&tp.path), "title": tp.title})
            })
            .collect(),
    );
    for (name, key, kind) in fields {
        m.insert((*name).into(), field(site, p, p.extra.get(*key), *kind));
    }
    Value::Object(m)
}

fn field(site: &Site, page: &Page, value: Option<&toml::Value>, kind: FieldKind) -> Value {
    let Some(v) = value else {
        return match kind {
            F::TextList | F::Files | F::Links => json!([]),
            _ => Value::Null,
        };
    };
    let list = |v: &toml::Value| -> Vec<String> {
        match v {
            toml::Value::Array(a) => a.iter().map(value_text).filter(|s| !s.is_empty()).collect(),
            other => {
                let s = value_text(other);
                if s.is_empty() {
                    Vec::new()
                } else {
                    vec![s]
                }
            }
        }
    };
    match kind {
        F::Text => non_empty(value_text(v)),
        F::Date => Date::parse(&value_text(v)).map_or(Value::Null, |d| json!(d.iso())),
        F::TextList => json!(list(v)),
        F::File => non_empty(value_text(v))
            .as_str()
            .map_or(Value::Null, |f| json!(file_url(site, page, f))),
        F::Files => list(v)
            .iter()
            .map(|f| json!(file_url(site, page, f)))
            .collect(),
        F::Money => match v {
            toml::Value::Integer(n) => json!(n),
            toml::Value::Float(f) => json!(f),
            other => non_empty(value_text(other)),
        },
        F::Link => non_empty(value_text(v))
            .as_str()
            .map_or(Value::Null, |l| json!(link_url(site, l))),
        F::Links => list(v).iter().map(|l| json!(link_url(site, l))).collect(),
    }
}

fn non_empty(s: String) -> Value {
    let s = s.trim();
    if s.is_empty() {
        Value::Null
    } else {
        Value::String(s.to_string())
    }
}

/// A TOML value as text: strings as they are, dates in ISO form, numbers and booleans
/// written out.
fn value_text(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.trim().to_string(),
        toml::Value::Datetime(d) => d.to_string(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => f.to_string(),
        toml::Value::Boolean(b) => b.to_string(),
        _ => String::new(),
    }
}

/// A file named in a page: absolute URLs stay, `/x.pdf` is a site path, anything else is
/// next to the page (a page bundle's file).
fn file_url(site: &Site, page: &Page, written: &str) -> String {
    let w = written.trim();
    if w.starts_with("http://") || w.starts_with("https://") {
        w.to_string()
    } else if w.starts_with('/') {
        site.config.permalink(w)
    } else {
        site.config
            .permalink(&format!("{}{}", page.path, w.trim_start_matches("./")))
    }
}

/// A link to another page (`@/van-ban/qd.md`) as its URL; anything else (a document
/// number) as written.
fn link_url(site: &Site, written: &str) -> String {
    let w = written.trim();
    match w.strip_prefix("@/") {
        Some(key) => {
            let (key, anchor) = key.split_once('#').map_or((key, ""), |(k, a)| (k, a));
            match site.links.get(key) {
                Some(path) if anchor.is_empty() => site.config.permalink(path),
                Some(path) => site.config.permalink(&format!("{path}#{anchor}")),
                None => w.to_string(),
            }
        }
        None => w.to_string(),
    }
}

/// The contacts collection: the person in charge of the site (`[contact]`), the
/// transaction contacts, the feedback address and the pages of kind `contact`.
fn contacts(site: &Site, kinds: &[Option<&str>]) -> Vec<Value> {
    let c = &site.config;
    let entry = |role: &str,
                 name: Option<&str>,
                 title: Option<&str>,
                 unit: Option<&str>,
                 address: Option<&str>,
                 phone: Option<&str>,
                 fax: Option<&str>,
                 email: Option<&str>,
                 updated: Option<String>,
                 url: Option<String>| {
        let text = |s: Option<&str>| {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map_or(Value::Null, |s| json!(s))
        };
        json!({
            "role": role,
            "name": text(name),
            "title": text(title),
            "unit": text(unit),
            "address": text(address),
            "phone": text(phone),
            "fax": text(fax),
            "email": text(email),
            "updated": updated,
            "url": url,
        })
    };
    let mut out = Vec::new();
    if let Some(p) = &c.contact {
        out.push(entry(
            "person_in_charge",
            p.name.as_deref(),
            p.title.as_deref(),
            p.unit.as_deref(),
            None,
            p.phone.as_deref(),
            p.fax.as_deref(),
            p.email.as_deref(),
            None,
            None,
        ));
    }
    for t in &c.transaction_contacts {
        let updated = t
            .updated
            .as_ref()
            .and_then(|v| Date::parse(&value_text(v)))
            .map(|d| d.iso());
        out.push(entry(
            "transaction",
            t.name.as_deref(),
            None,
            None,
            t.address.as_deref(),
            t.phone.as_deref(),
            t.fax.as_deref(),
            t.email.as_deref(),
            updated,
            None,
        ));
    }
    if let Some(e) = &c.feedback_email {
        out.push(entry(
            "feedback",
            None,
            None,
            None,
            None,
            None,
            None,
            Some(e),
            None,
            None,
        ));
    }
    for (i, p) in site.pages.iter().enumerate() {
        if !listed(site, i) || !kinds[i].is_some_and(|k| kind_matches(k, &["contact", "lien_he"])) {
            continue;
        }
        let get = |k: &str| p.extra.get(k).map(value_text);
        out.push(entry(
            "page",
            Some(&p.title),
            None,
            None,
            get("dia_chi").as_deref(),
            get("dien_thoai").as_deref(),
            get("fax").as_deref(),
            get("email").as_deref(),
            p.updated.or(p.date).map(|d| d.iso()),
            Some(site.config.permalink(&p.path)),
        ));
    }
    out
}

/// Splits a collection into files of `[api] page_size` items: `api/v1/news.json`, then
/// `api/v1/news/2.json`, … Returns the files and the collection's entry in `site.json`.
fn paged(site: &Site, name: &str, items: Vec<Value>) -> (Vec<OutputFile>, Value) {
    let size = site.config.api.page_size.max(1);
    let total = items.len();
    let pages = total.div_ceil(size).max(1);
    let path = |n: usize| {
        if n == 1 {
            format!("{API_DIR}/{name}.json")
        } else {
            format!("{API_DIR}/{name}/{n}.json")
        }
    };
    let url = |n: usize| site.config.permalink(&format!("/{}", path(n)));
    let schema = site
        .config
        .permalink(&format!("/{API_DIR}/schemas/{name}.schema.json"));
    let mut files = Vec::with_capacity(pages);
    let mut chunks: Vec<Vec<Value>> = Vec::with_capacity(pages);
    let mut items = items.into_iter();
    for _ in 0..pages {
        chunks.push(items.by_ref().take(size).collect());
    }
    let made: Vec<OutputFile> = chunks
        .into_par_iter()
        .enumerate()
        .map(|(k, chunk)| {
            let n = k + 1;
            let doc = json!({
                "$schema": schema,
                "api_version": API_VERSION,
                "collection": name,
                "page": n,
                "pages": pages,
                "page_size": size,
                "total": total,
                "prev": if n > 1 { Value::String(url(n - 1)) } else { Value::Null },
                "next": if n < pages { Value::String(url(n + 1)) } else { Value::Null },
                "items": chunk,
            });
            json_file(&path(n), &doc)
        })
        .collect();
    files.extend(made);
    let summary = json!({"url": url(1), "schema": schema, "total": total, "pages": pages});
    (files, summary)
}

fn site_json(site: &Site, manifest: &ManifestStatus, collections: Value) -> Value {
    let c = &site.config;
    let manifest = match manifest {
        ManifestStatus::NotChecked => json!({"status": "not_checked", "missing": []}),
        ManifestStatus::Checked { missing } if missing.is_empty() => {
            json!({"status": "complete", "missing": []})
        }
        ManifestStatus::Checked { missing } => json!({"status": "incomplete", "missing": missing}),
    };
    json!({
        "$schema": c.permalink(&format!("/{API_DIR}/schemas/site.schema.json")),
        "api_version": API_VERSION,
        "generator": "trang",
        "unit": {
            "name": c.title,
            "description": if c.description.is_empty() { Value::Null } else { json!(c.description) },
            "type": c.unit_type.as_str(),
            "type_name": c.unit_type.vietnamese(),
        },
        "base_url": c.base_url,
        "default_language": c.default_language,
        "languages": site.languages,
        "portal_url": c.portal_url,
        "feedback_email": c.feedback_email,
        "feeds": if c.feeds.enabled {
            site.languages
                .iter()
                .filter_map(|l| site.language_root(l).map(|r| (l, &site.sections[r].path)))
                .map(|(l, p)| json!({"lang": l, "rss": c.permalink(&format!("{p}rss.xml")), "atom": c.permalink(&format!("{p}atom.xml"))}))
                .collect::<Value>()
        } else {
            json!([])
        },
        "sitemap": if c.feeds.enabled { json!(c.permalink("/sitemap.xml")) } else { Value::Null },
        "manifest": manifest,
        "collections": collections,
    })
}

fn json_file(path: &str, value: &Value) -> OutputFile {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    OutputFile {
        path: path.to_string(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_in_both_languages() {
        assert!(kind_matches("van_ban", &["legal_document", "van_ban"]));
        assert!(kind_matches(" Van-Ban ", &["legal_document", "van_ban"]));
        assert!(kind_matches(
            "legal_document",
            &["legal_document", "van_ban"]
        ));
        assert!(!kind_matches("tin_tuc", &["legal_document", "van_ban"]));
    }

    #[test]
    fn values_become_text() {
        let t: toml::Table = toml::from_str("a = 2015-06-08\nb = 4\nc = ' x '\nd = true").unwrap();
        assert_eq!(value_text(&t["a"]), "2015-06-08");
        assert_eq!(value_text(&t["b"]), "4");
        assert_eq!(value_text(&t["c"]), "x");
        assert_eq!(value_text(&t["d"]), "true");
    }

    #[test]
    fn every_schema_is_json_with_an_id() {
        for (name, text) in SCHEMAS {
            let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                v["$schema"], "https://json-schema.org/draft/2020-12/schema",
                "{name}"
            );
            assert!(v["$id"].as_str().unwrap().ends_with(name), "{name}");
        }
    }

    #[test]
    fn every_collection_has_a_schema_listing_its_fields() {
        for c in COLLECTIONS {
            let (_, text) = SCHEMAS
                .iter()
                .find(|(n, _)| *n == format!("{}.schema.json", c.name))
                .unwrap();
            let v: Value = serde_json::from_str(text).unwrap();
            let required = v["$defs"]["item"]["required"].as_array().unwrap();
            for (name, _, _) in c.fields {
                assert!(
                    required.iter().any(|r| r == name),
                    "{}: {name} not in the schema",
                    c.name
                );
            }
        }
    }
}

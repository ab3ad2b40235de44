//! Tera templates: the site's `templates/` over the theme's over the embedded default theme.
//!
//! Loading reads template files (the only template I/O); errors name the template file and,
//! for syntax errors, the line Tera reports. Filters for Vietnamese dates live here.

use crate::diagnostics::{display_path, Diagnostic};
use crate::vi::{slugify, Date};
use std::collections::HashMap;
use std::path::Path;
use tera::{Tera, Value};

/// The embedded default theme: (template name, source).
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "section.html",
        include_str!("../../themes/default/templates/section.html"),
    ),
    (
        "page.html",
        include_str!("../../themes/default/templates/page.html"),
    ),
    (
        "taxonomy_list.html",
        include_str!("../../themes/default/templates/taxonomy_list.html"),
    ),
    (
        "taxonomy_single.html",
        include_str!("../../themes/default/templates/taxonomy_single.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "redirect.html",
        include_str!("../../themes/default/templates/redirect.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "partials/menu.html",
        include_str!("../../themes/default/templates/partials/menu.html"),
    ),
    (
        "partials/breadcrumb.html",
        include_str!("../../themes/default/templates/partials/breadcrumb.html"),
    ),
    (
        "partials/page_list.html",
        include_str!("../../themes/default/templates/partials/page_list.html"),
    ),
    (
        "partials/pagination.html",
        include_str!("../../themes/default/templates/partials/pagination.html"),
    ),
    (
        "partials/files.html",
        include_str!("../../themes/default/templates/partials/files.html"),
    ),
    (
        "partials/sample_note.html",
        include_str!("../../themes/default/templates/partials/sample_note.html"),
    ),
    (
        "partials/footer.html",
        include_str!("../../themes/default/templates/partials/footer.html"),
    ),
    (
        "partials/org_chart.html",
        include_str!("../../themes/default/templates/partials/org_chart.html"),
    ),
    (
        "partials/home.html",
        include_str!("../../themes/default/templates/partials/home.html"),
    ),
    (
        "kinds/legal_document.html",
        include_str!("../../themes/default/templates/kinds/legal_document.html"),
    ),
    (
        "kinds/legal_document_list.html",
        include_str!("../../themes/default/templates/kinds/legal_document_list.html"),
    ),
    (
        "kinds/work_schedule.html",
        include_str!("../../themes/default/templates/kinds/work_schedule.html"),
    ),
    (
        "kinds/public_service.html",
        include_str!("../../themes/default/templates/kinds/public_service.html"),
    ),
    (
        "kinds/public_service_list.html",
        include_str!("../../themes/default/templates/kinds/public_service_list.html"),
    ),
    (
        "kinds/project.html",
        include_str!("../../themes/default/templates/kinds/project.html"),
    ),
    (
        "kinds/project_list.html",
        include_str!("../../themes/default/templates/kinds/project_list.html"),
    ),
    (
        "kinds/consultation.html",
        include_str!("../../themes/default/templates/kinds/consultation.html"),
    ),
    (
        "kinds/consultation_list.html",
        include_str!("../../themes/default/templates/kinds/consultation_list.html"),
    ),
    (
        "kinds/comment_list.html",
        include_str!("../../themes/default/templates/kinds/comment_list.html"),
    ),
    (
        "kinds/question.html",
        include_str!("../../themes/default/templates/kinds/question.html"),
    ),
    (
        "kinds/question_list.html",
        include_str!("../../themes/default/templates/kinds/question_list.html"),
    ),
    (
        "kinds/unit.html",
        include_str!("../../themes/default/templates/kinds/unit.html"),
    ),
    (
        "kinds/unit_list.html",
        include_str!("../../themes/default/templates/kinds/unit_list.html"),
    ),
    (
        "kinds/leader.html",
        include_str!("../../themes/default/templates/kinds/leader.html"),
    ),
    (
        "kinds/leader_list.html",
        include_str!("../../themes/default/templates/kinds/leader_list.html"),
    ),
    (
        "kinds/product.html",
        include_str!("../../themes/default/templates/kinds/product.html"),
    ),
];

/// The embedded enhancement script of the default theme (document filter, Q&A lookup).
pub const DEFAULT_UI_JS: &str = include_str!("../../themes/default/static/trang-ui.js");

/// The embedded search client (`window.trang.search`).
pub const DEFAULT_SEARCH_JS: &str = include_str!("../../themes/default/static/search.js");

/// The embedded default stylesheet.
pub const DEFAULT_CSS: &str = include_str!("../../themes/default/static/trang.css");

/// UI strings of the default theme per language.
pub fn ui_strings(lang: &str) -> toml::Table {
    let src = match lang {
        "en" => include_str!("../../themes/default/i18n/en.toml"),
        _ => include_str!("../../themes/default/i18n/vi.toml"),
    };
    toml::from_str(src).expect("embedded i18n files are valid TOML")
}

/// Loaded templates, with where each came from for error messages.
pub struct Templates {
    pub tera: Tera,
    origin: HashMap<String, String>,
}

impl Templates {
    /// Loads templates: embedded default, then `themes/<theme>/templates`, then `templates/`.
    pub fn load(root: &Path, theme: Option<&str>) -> Result<Templates, Vec<Diagnostic>> {
        let mut sources: Vec<(String, String, String)> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, src)| {
                (
                    name.to_string(),
                    src.to_string(),
                    format!("(default theme) templates/{name}"),
                )
            })
            .collect();
        let mut diags = Vec::new();
        let mut dirs = Vec::new();
        if let Some(theme) = theme {
            let dir = root.join("themes").join(theme).join("templates");
            if !dir.is_dir() {
                diags.push(
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        "config.theme",
                        format!(
                            "theme `{theme}` not found: there is no folder {}",
                            display_path(root, &dir)
                        ),
                    )
                    .with_help(
                        "remove `theme` to use the default theme, or put the theme under themes/",
                    ),
                );
            }
            dirs.push(dir);
        }
        dirs.push(root.join("templates"));
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            display_path(root, dir),
                            "template.unreadable",
                            format!("cannot read templates: {e}"),
                        ));
                        continue;
                    }
                };
                if !entry.file_type().is_file() {
                    continue;
                }
                let path = entry.path();
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(path)
                    .to_string_lossy()
                    .replace('\\', "/");
                let file = display_path(root, path);
                match std::fs::read(path).map(String::from_utf8) {
                    Ok(Ok(src)) => {
                        sources.retain(|(n, _, _)| *n != name);
                        sources.push((name, crate::vi::nfc_string(src), file));
                    }
                    Ok(Err(_)) => diags.push(
                        Diagnostic::error(
                            file,
                            "encoding.not-utf8",
                            "the template is not valid UTF-8",
                        )
                        .with_help("save it as UTF-8"),
                    ),
                    Err(e) => diags.push(Diagnostic::error(
                        file,
                        "template.unreadable",
                        format!("cannot read: {e}"),
                    )),
                }
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let origin: HashMap<String, String> = sources
            .iter()
            .map(|(n, _, f)| (n.clone(), f.clone()))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        register_filters(&mut tera);
        let pairs: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, s, _)| (n.as_str(), s.as_str()))
            .collect();
        tera.add_raw_templates(pairs).map_err(|e| {
            let file = error_template(&e)
                .and_then(|n| origin.get(&n).cloned())
                .unwrap_or_else(|| "templates".into());
            vec![template_error(&file, &e)]
        })?;
        Ok(Templates { tera, origin })
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders `name`, turning Tera's error chain into a diagnostic naming the template file
    /// and the content file being rendered.
    ///
    /// Returns bytes: the output is written as is, so Tera's conversion of its buffer to a
    /// `String` (a UTF-8 validation of every page, ~4% of a build) is skipped. `size_hint`
    /// presizes the buffer.
    pub fn render(
        &self,
        name: &str,
        context: &tera::Context,
        for_file: &str,
        size_hint: usize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(size_hint);
        self.tera
            .render_to(name, context, &mut out)
            .map(|()| out)
            .map_err(|e| {
                let file = self
                    .origin
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| format!("templates/{name}"));
                let mut d = template_error(&file, &e);
                d.message = format!("{} (while rendering {for_file})", d.message);
                d
            })
    }
}

/// The template a Tera error is about, when it says so.
fn error_template(e: &tera::Error) -> Option<String> {
    let text = e.to_string();
    let start = text.find('\'')? + 1;
    let end = start + text[start..].find('\'')?;
    Some(text[start..end].to_string())
}

/// A diagnostic from a Tera error, with the whole cause chain and the line when Tera gives
/// one (`--> 3:10` in parse errors).
fn template_error(file: &str, e: &tera::Error) -> Diagnostic {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    let message = parts.join(": ");
    let (mut line, mut column) = (0, 0);
    if let Some(pos) = message.find("--> ") {
        let rest = &message[pos + 4..];
        let mut nums = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        line = nums.next().and_then(|n| n.parse().ok()).unwrap_or(0);
        column = nums.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    }
    let message = message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Diagnostic::error(file, "template.error", message)
        .at(line, column)
        .with_help(
            "fix the template; variables available to templates are listed in docs/en/templates.md",
        )
}

/// Escapes text for HTML content and attribute values. Unlike Tera's default it leaves `/`
/// alone, so URLs stay readable.
pub fn escape_html(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len() + 8);
    // Copy the runs between special characters whole: they are ASCII, so every cut is on a
    // character boundary.
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("date_vi", |v: &Value, _: &HashMap<String, Value>| {
        date_filter(v, Date::vietnamese)
    });
    tera.register_filter("date_vi_short", |v: &Value, _: &HashMap<String, Value>| {
        date_filter(v, Date::vietnamese_short)
    });
    tera.register_filter("number_vi", |v: &Value, _: &HashMap<String, Value>| {
        let n = v.as_i64().ok_or("number_vi expects a whole number")?;
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        Ok(Value::String(if n < 0 { format!("-{out}") } else { out }))
    });
    tera.register_filter("slugify", |v: &Value, _: &HashMap<String, Value>| {
        let s = v.as_str().ok_or("slugify expects text")?;
        Ok(Value::String(slugify(s)))
    });
}

fn date_filter(v: &Value, f: fn(&Date) -> String) -> tera::Result<Value> {
    let s = v
        .as_str()
        .ok_or_else(|| tera::Error::msg("date_vi expects a date such as \"2015-06-08\""))?;
    let d = Date::parse(s)
        .ok_or_else(|| tera::Error::msg(format!("date_vi: `{s}` is not a date (YYYY-MM-DD)")))?;
    Ok(Value::String(f(&d)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_filters_render_vietnamese_forms() {
        let mut tera = Tera::default();
        register_filters(&mut tera);
        tera.add_raw_template(
            "t",
            "{{ d | date_vi }}|{{ d | date_vi_short }}|{{ s | slugify }}",
        )
        .unwrap();
        let mut cx = tera::Context::new();
        cx.insert("d", "2024-02-05");
        cx.insert("s", "Tin tức");
        assert_eq!(
            tera.render("t", &cx).unwrap(),
            "ngày 05 tháng 02 năm 2024|05/02/2024|tin-tuc"
        );
        cx.insert("d", "hôm qua");
        let err = tera.render("t", &cx).unwrap_err();
        let chain = template_error("templates/t", &err).message;
        assert!(chain.contains("`hôm qua` is not a date"), "{chain}");
    }

    #[test]
    fn escaping_keeps_slashes() {
        assert_eq!(
            escape_html("/a/?x=1&y=\"<b>'"),
            "/a/?x=1&amp;y=&quot;&lt;b&gt;&#39;"
        );
    }

    #[test]
    fn embedded_theme_parses() {
        let root = std::env::temp_dir().join("trang-no-such-site");
        let t = Templates::load(&root, None).unwrap();
        assert!(t.has("page.html") && t.has("partials/menu.html"));
        let mut cx = tera::Context::new();
        cx.insert("target", "/a/");
        cx.insert("lang", "vi");
        cx.insert("t", &ui_strings("vi"));
        let html = t.render("redirect.html", &cx, "x", 0).unwrap();
        assert!(String::from_utf8(html).unwrap().contains("url=/a/"));
        assert_eq!(ui_strings("vi")["home"].as_str(), Some("Trang chủ"));
        assert_eq!(ui_strings("en")["home"].as_str(), Some("Home"));
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let e = Tera::default()
            .add_raw_template("x.html", "a\n{% if %}\n")
            .unwrap_err();
        let d = template_error("templates/x.html", &e);
        assert_eq!(d.file, "templates/x.html");
        assert_eq!(d.line, 2);
    }
}

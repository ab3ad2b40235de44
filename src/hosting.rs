//! Web server configuration written with the site: an nginx snippet, an Apache
//! `.htaccess`, a `_headers` file and an IIS `web.config` (`[hosting] servers = [...]`).
//!
//! Why: units host their sites on plain web servers run by people who are not web
//! specialists. The same security headers everywhere — a strict Content-Security-Policy
//! without `unsafe-inline`, HSTS, `X-Content-Type-Options`, `Referrer-Policy` — and long
//! cache lifetimes for files whose names carry a content hash (`trang.<hash>.css`, image
//! variants) are easy to get wrong by hand; generating them from one list keeps the four
//! formats in agreement.
//!
//! Pure: the configuration in, [`OutputFile`]s out. [`inline_code`] finds what the strict
//! policy would block in the content, so the build can warn before a browser does.

use crate::config::{ServerKind, SiteConfig};
use crate::content::Site;
use crate::diagnostics::Diagnostic;
use crate::render::{base_path, OutputFile, RenderedContent};

/// The regular expression (PCRE, as nginx and Apache read it) of file names that carry a
/// 16-hex-digit content hash before their extension: they never change, so they may be
/// cached for a year.
pub const HASHED_ASSET_RE: &str =
    r"\.[0-9a-f]{16}\.(css|js|mjs|json|jpe?g|png|webp|gif|svg|woff2?)$";

/// Files of this module, which the servers must not publish.
const OWN_FILES: &[&str] = &["nginx.conf", "_headers", "web.config", ".htaccess"];

/// The response headers every file gets, as (name, value).
pub fn security_headers(config: &SiteConfig) -> Vec<(&'static str, String)> {
    let mut h = vec![("Content-Security-Policy", content_security_policy(config))];
    if config.hosting.hsts_max_age > 0 {
        h.push((
            "Strict-Transport-Security",
            format!("max-age={}; includeSubDomains", config.hosting.hsts_max_age),
        ));
    }
    h.push(("X-Content-Type-Options", "nosniff".into()));
    h.push(("Referrer-Policy", "strict-origin-when-cross-origin".into()));
    h.push(("X-Frame-Options", "SAMEORIGIN".into()));
    h.push((
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()".into(),
    ));
    h
}

/// The Content-Security-Policy: only the site's own files, no inline script or style, no
/// plugins; `[hosting] csp_allow` origins may serve images, scripts and frames.
pub fn content_security_policy(config: &SiteConfig) -> String {
    let allow: Vec<&str> = config
        .hosting
        .csp_allow
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty() && !s.contains([';', '"', '\'', '\n']))
        .collect();
    let with = |base: &str| {
        let mut v = base.to_string();
        for a in &allow {
            v.push(' ');
            v.push_str(a);
        }
        v
    };
    let mut csp = vec![
        "default-src 'self'".to_string(),
        format!("img-src {}", with("'self' data:")),
        "style-src 'self'".to_string(),
        format!("script-src {}", with("'self'")),
        "font-src 'self'".to_string(),
        "connect-src 'self'".to_string(),
        format!(
            "frame-src {}",
            if allow.is_empty() {
                "'none'".to_string()
            } else {
                with("'self'")
            }
        ),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        "form-action 'self'".to_string(),
        "frame-ancestors 'self'".to_string(),
    ];
    if config.hosting.hsts_max_age > 0 {
        csp.push("upgrade-insecure-requests".to_string());
    }
    csp.join("; ")
}

/// The server files asked for in `[hosting] servers`.
pub fn build(config: &SiteConfig) -> Vec<OutputFile> {
    let mut kinds = config.hosting.servers.clone();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|k| {
            let (path, text) = match k {
                ServerKind::Nginx => ("nginx.conf", nginx(config)),
                ServerKind::Apache => (".htaccess", apache(config)),
                ServerKind::Headers => ("_headers", headers_file(config)),
                ServerKind::Iis => ("web.config", iis(config)),
            };
            OutputFile {
                path: path.into(),
                bytes: text.into_bytes(),
            }
        })
        .collect()
}

const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";
const CACHE_REVALIDATE: &str = "no-cache";

fn nginx_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Text types the server should compress besides HTML: the search index's text fragments
/// (`search/f/*.json`, a few KB per result shown) shrink about threefold.
const COMPRESSED_TYPES: &str = "text/css text/plain text/xml application/javascript application/json application/rss+xml application/atom+xml image/svg+xml";

/// An nginx snippet for the site's `server { }` block. Headers are repeated in each
/// `location`, because nginx drops the outer `add_header`s in a block that has its own.
pub fn nginx(config: &SiteConfig) -> String {
    let base = base_path(&config.base_url);
    let headers: String = security_headers(config)
        .iter()
        .map(|(k, v)| format!("        add_header {k} {} always;\n", nginx_quote(v)))
        .collect();
    let own = OWN_FILES
        .iter()
        .map(|f| f.replace('.', "\\."))
        .collect::<Vec<_>>()
        .join("|");
    format!(
        "# Written by trang (docs/en/deploying.md). Include it in the site's server {{ }} block:\n\
         #     server {{ ... root /var/www/SITE/public; include /var/www/SITE/public/nginx.conf; }}\n\
         charset utf-8;\n\
         charset_types text/css text/plain text/xml application/json application/rss+xml application/atom+xml application/javascript;\n\
         types {{ image/webp webp; application/rss+xml rss; application/atom+xml atom; }}\n\
         gzip on;\n\
         gzip_types {COMPRESSED_TYPES};\n\
         error_page 404 {base}/404.html;\n\
         \n\
         location ~ \"^{base}/({own})$\" {{\n        return 404;\n}}\n\
         \n\
         location ~* \"{HASHED_ASSET_RE}\" {{\n{headers}        add_header Cache-Control \"{CACHE_IMMUTABLE}\" always;\n        try_files $uri =404;\n}}\n\
         \n\
         location {base}/ {{\n{headers}        add_header Cache-Control \"{CACHE_REVALIDATE}\" always;\n        try_files $uri $uri/ =404;\n}}\n"
    )
}

/// An Apache `.htaccess` (needs `AllowOverride FileInfo Indexes` and mod_headers).
pub fn apache(config: &SiteConfig) -> String {
    let base = base_path(&config.base_url);
    let mut x = String::from("# Written by trang (docs/en/deploying.md). Needs AllowOverride FileInfo Indexes and mod_headers.\n");
    x.push_str("Options -Indexes\n");
    x.push_str(&format!("ErrorDocument 404 {base}/404.html\n"));
    x.push_str("AddDefaultCharset utf-8\n");
    x.push_str("<IfModule mod_mime.c>\n  AddType image/webp .webp\n  AddType application/json .json\n  AddCharset utf-8 .css .js .json .xml .txt\n</IfModule>\n");
    x.push_str(&format!(
        "<IfModule mod_deflate.c>\n  AddOutputFilterByType DEFLATE text/html {COMPRESSED_TYPES}\n</IfModule>\n"
    ));
    x.push_str("<IfModule mod_headers.c>\n");
    for (k, v) in security_headers(config) {
        x.push_str(&format!(
            "  Header always set {k} \"{}\"\n",
            v.replace('"', "\\\"")
        ));
    }
    x.push_str(&format!(
        "  Header set Cache-Control \"{CACHE_REVALIDATE}\"\n"
    ));
    x.push_str(&format!(
        "  <FilesMatch \"{HASHED_ASSET_RE}\">\n    Header set Cache-Control \"{CACHE_IMMUTABLE}\"\n  </FilesMatch>\n"
    ));
    x.push_str("</IfModule>\n");
    let own = OWN_FILES
        .iter()
        .map(|f| f.replace('.', "\\."))
        .collect::<Vec<_>>()
        .join("|");
    x.push_str(&format!(
        "<FilesMatch \"^({own})$\">\n  Require all denied\n</FilesMatch>\n"
    ));
    x
}

/// A `_headers` file (static hosts and CDNs that read this format).
pub fn headers_file(config: &SiteConfig) -> String {
    let base = base_path(&config.base_url);
    let mut x = String::from("# Written by trang (docs/en/deploying.md).\n");
    x.push_str(&format!("{base}/*\n"));
    for (k, v) in security_headers(config) {
        x.push_str(&format!("  {k}: {v}\n"));
    }
    x.push_str(&format!(
        "{base}/assets/*\n  Cache-Control: {CACHE_IMMUTABLE}\n"
    ));
    x
}

fn xml_attr(s: &str) -> String {
    crate::feeds::esc(s)
}

/// An IIS `web.config` (IIS 10 with the static content feature).
pub fn iis(config: &SiteConfig) -> String {
    let base = base_path(&config.base_url);
    let headers: String = security_headers(config)
        .iter()
        .map(|(k, v)| format!("        <add name=\"{k}\" value=\"{}\" />\n", xml_attr(v)))
        .collect();
    let hidden: String = OWN_FILES
        .iter()
        .map(|f| format!("          <add segment=\"{f}\" />\n"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <!-- Written by trang (docs/en/deploying.md). -->\n\
         <configuration>\n\
         \x20 <system.webServer>\n\
         \x20   <httpProtocol>\n\
         \x20     <customHeaders>\n{headers}\
         \x20     </customHeaders>\n\
         \x20   </httpProtocol>\n\
         \x20   <staticContent>\n\
         \x20     <remove fileExtension=\".webp\" />\n\
         \x20     <mimeMap fileExtension=\".webp\" mimeType=\"image/webp\" />\n\
         \x20     <remove fileExtension=\".json\" />\n\
         \x20     <mimeMap fileExtension=\".json\" mimeType=\"application/json; charset=utf-8\" />\n\
         \x20     <clientCache cacheControlMode=\"DisableCache\" />\n\
         \x20   </staticContent>\n\
         \x20   <httpErrors errorMode=\"Custom\" existingResponse=\"Replace\">\n\
         \x20     <remove statusCode=\"404\" />\n\
         \x20     <error statusCode=\"404\" path=\"{base}/404.html\" responseMode=\"ExecuteURL\" />\n\
         \x20   </httpErrors>\n\
         \x20   <security>\n\
         \x20     <requestFiltering>\n\
         \x20       <hiddenSegments>\n{hidden}\
         \x20       </hiddenSegments>\n\
         \x20     </requestFiltering>\n\
         \x20   </security>\n\
         \x20   <directoryBrowse enabled=\"false\" />\n\
         \x20 </system.webServer>\n\
         \x20 <location path=\"assets\">\n\
         \x20   <system.webServer>\n\
         \x20     <staticContent>\n\
         \x20       <clientCache cacheControlMode=\"UseMaxAge\" cacheControlMaxAge=\"365.00:00:00\" cacheControlCustom=\"public, immutable\" />\n\
         \x20     </staticContent>\n\
         \x20   </system.webServer>\n\
         \x20 </location>\n\
         </configuration>\n"
    )
}

/// Warnings for content the strict Content-Security-Policy blocks: inline `<script>`,
/// `style="…"` attributes, `<style>` elements and `on…=` event handlers written as raw
/// HTML in Markdown. Only when server files are written (the policy is then in force).
pub fn inline_code(site: &Site, content: &RenderedContent) -> Vec<Diagnostic> {
    if site.config.hosting.servers.is_empty() {
        return Vec::new();
    }
    let files = site
        .pages
        .iter()
        .map(|p| p.file.as_str())
        .zip(&content.pages)
        .chain(
            site.sections
                .iter()
                .map(|s| s.file.as_str())
                .zip(&content.sections),
        );
    files
        .filter_map(|(file, r)| {
            let what = find_inline(&r.html)?;
            Some(
                Diagnostic::warning(
                    file,
                    "hosting.inline-code",
                    format!("the page contains {what}, which the site's Content-Security-Policy blocks"),
                )
                .with_help("move styles to a stylesheet under static/ and scripts to a .js file, or remove them"),
            )
        })
        .collect()
}

/// The first piece of inline code in `html`, described.
pub fn find_inline(html: &str) -> Option<&'static str> {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("<script") {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        if !rest[i..tag_end].contains(" src=") {
            return Some("an inline <script>");
        }
        rest = &rest[tag_end..];
    }
    if lower.contains("<style") {
        return Some("a <style> element");
    }
    if lower.contains(" style=") {
        return Some("a style=\"…\" attribute");
    }
    let bytes = lower.as_bytes();
    for (i, w) in lower.match_indices(" on") {
        let _ = w;
        let name: String = lower[i + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let after = i + 3 + name.len();
        if name.len() >= 3 && bytes.get(after) == Some(&b'=') && in_tag(&lower, i) {
            return Some("an on…= event handler");
        }
    }
    None
}

/// Whether byte `i` of `html` is inside a tag (after a `<` with no `>` between).
fn in_tag(html: &str, i: usize) -> bool {
    let before = &html[..i];
    match (before.rfind('<'), before.rfind('>')) {
        (Some(lt), Some(gt)) => lt > gt,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(servers: &str) -> SiteConfig {
        crate::config::parse(&format!(
            "title='x'\nbase_url='https://a.gov.vn/sub'\n[hosting]\nservers={servers}\n"
        ))
        .unwrap()
    }

    #[test]
    fn policy_is_strict() {
        let c = config("['nginx']");
        let csp = content_security_policy(&c);
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert!(csp.contains("default-src 'self'") && csp.contains("object-src 'none'"));
        let names: Vec<&str> = security_headers(&c).iter().map(|(k, _)| *k).collect();
        for n in [
            "Content-Security-Policy",
            "Strict-Transport-Security",
            "X-Content-Type-Options",
            "Referrer-Policy",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        let mut no_hsts = c.clone();
        no_hsts.hosting.hsts_max_age = 0;
        assert!(!security_headers(&no_hsts)
            .iter()
            .any(|(k, _)| *k == "Strict-Transport-Security"));
        let mut allow = c.clone();
        allow.hosting.csp_allow = vec![
            "https://www.youtube-nocookie.com".into(),
            "x; script-src *".into(),
        ];
        let csp = content_security_policy(&allow);
        assert!(
            csp.contains("frame-src 'self' https://www.youtube-nocookie.com"),
            "{csp}"
        );
        assert!(!csp.contains("script-src *"), "{csp}");
    }

    #[test]
    fn only_requested_files_with_the_base_path() {
        let files = build(&config("['iis', 'apache', 'headers', 'nginx', 'nginx']"));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["nginx.conf", ".htaccess", "_headers", "web.config"]);
        let text = |i: usize| String::from_utf8(files[i].bytes.clone()).unwrap();
        assert!(text(0).contains("error_page 404 /sub/404.html;"));
        assert!(text(0).contains(HASHED_ASSET_RE) && text(0).contains("immutable"));
        // Text is compressed, the search fragments (JSON) among it; nginx compresses HTML
        // once gzip is on and warns when text/html is listed.
        assert!(text(0).contains("gzip on;\ngzip_types text/css "));
        assert!(
            text(0).contains(" application/json ") && !text(0).contains("gzip_types text/html")
        );
        assert!(text(1).contains("ErrorDocument 404 /sub/404.html"));
        assert!(text(1).contains("AddOutputFilterByType DEFLATE text/html text/css "));
        assert!(text(1).contains(" application/json "));
        assert!(
            text(2).starts_with("# Written by trang")
                && text(2).contains(
                    "/sub/assets/*\n  Cache-Control: public, max-age=31536000, immutable"
                )
        );
        assert!(text(3).contains("path=\"/sub/404.html\""));
        assert!(build(&config("[]")).is_empty());
    }

    #[test]
    fn inline_code_is_found() {
        for (html, found) in [
            ("<p>a</p><script src=\"/a.js\"></script>", None),
            ("<script>alert(1)</script>", Some("an inline <script>")),
            ("<p style=\"color:red\">", Some("a style=\"…\" attribute")),
            (
                "<img src=x onerror=alert(1)>",
                Some("an on…= event handler"),
            ),
            ("<p>Đi on=foot, ongoing = yes</p>", None),
            ("<STYLE>p{}</STYLE>", Some("a <style> element")),
        ] {
            assert_eq!(find_inline(html), found, "{html}");
        }
    }
}

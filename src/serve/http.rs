//! A small HTTP/1.1 server for previews: GET and HEAD of the in-memory site, server-sent
//! events for live reload. Loopback by default; not meant to face the internet.
//!
//! The pure parts (request line parsing, URL → output path, content types, script
//! injection) are functions with tests; the socket handling is a thin layer on top.

/// The path of the live-reload script and event stream. Only `serve` answers them.
pub const LIVE_SCRIPT: &str = "/__trang/live.js";
pub const EVENTS: &str = "/__trang/events";

/// The client script that reloads pages and shows build errors (no inline code: works
/// under a strict Content-Security-Policy).
pub const LIVE_JS: &str = include_str!("live.js");

/// A parsed request line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The decoded path, without query or fragment.
    pub path: String,
}

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    MethodNotAllowed,
    /// The path tries to leave the site (`..`, backslashes, NUL).
    Forbidden,
}

/// Parses the first line of a request: `GET /tin-tuc/?q=1 HTTP/1.1`.
pub fn parse_request_line(line: &str) -> Result<Request, Refusal> {
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest);
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Refusal::BadRequest);
    }
    if method != "GET" && method != "HEAD" {
        return Err(Refusal::MethodNotAllowed);
    }
    let raw = target.split(['?', '#']).next().unwrap_or("/");
    if !raw.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    let path = percent_decode(raw).ok_or(Refusal::BadRequest)?;
    if path.contains('\0') || path.contains('\\') {
        return Err(Refusal::Forbidden);
    }
    if path.split('/').any(|seg| seg == "..") {
        return Err(Refusal::Forbidden);
    }
    Ok(Request {
        method: method.to_string(),
        path: crate::vi::nfc_string(path),
    })
}

/// Decodes `%XX` escapes; `None` when they do not form UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What a URL path may be in the output, in order: `/a/` → `a/index.html`; `/a` → `a`, then
/// `a/index.html` (answered with a redirect to `/a/`).
pub fn candidates(path: &str) -> (String, Option<String>) {
    let rel = path.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        (format!("{rel}index.html"), None)
    } else {
        (rel.to_string(), Some(format!("{rel}/index.html")))
    }
}

/// The `Content-Type` of an output file, with `charset=utf-8` for text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Adds the live-reload script to an HTML page, before `</body>` when there is one.
pub fn inject_live_script(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT}\" defer></script>\n");
    let pos = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// A complete response head.
pub fn head(status: &str, content_type: &str, length: usize, extra: &str) -> String {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {length}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n{extra}\r\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines() {
        assert_eq!(
            parse_request_line("GET /tin-tuc/?q=uy%20ban HTTP/1.1"),
            Ok(Request {
                method: "GET".into(),
                path: "/tin-tuc/".into()
            })
        );
        assert_eq!(
            parse_request_line("HEAD /t%C3%ACm-ki%E1%BA%BFm/ HTTP/1.0")
                .unwrap()
                .path,
            "/tìm-kiếm/"
        );
        let refused = [
            ("POST / HTTP/1.1", Refusal::MethodNotAllowed),
            ("GET /../etc/passwd HTTP/1.1", Refusal::Forbidden),
            ("GET /a/%2e%2e/%2e%2e/x HTTP/1.1", Refusal::Forbidden),
            ("GET /a%5C..%5Cb HTTP/1.1", Refusal::Forbidden),
            ("GET /a%00 HTTP/1.1", Refusal::Forbidden),
            ("GET /%FF HTTP/1.1", Refusal::BadRequest),
            ("GET /%4 HTTP/1.1", Refusal::BadRequest),
            ("GET http://x/ HTTP/1.1", Refusal::BadRequest),
            ("GET /", Refusal::BadRequest),
            ("", Refusal::BadRequest),
        ];
        for (line, want) in refused {
            assert_eq!(parse_request_line(line), Err(want), "{line}");
        }
    }

    #[test]
    fn url_paths_to_output_paths() {
        assert_eq!(candidates("/"), ("index.html".into(), None));
        assert_eq!(candidates("/tin-tuc/"), ("tin-tuc/index.html".into(), None));
        assert_eq!(
            candidates("/tin-tuc"),
            ("tin-tuc".into(), Some("tin-tuc/index.html".into()))
        );
        assert_eq!(
            candidates("/a/b.css"),
            ("a/b.css".into(), Some("a/b.css/index.html".into()))
        );
    }

    #[test]
    fn content_types_carry_charset_for_text() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a/B.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("x.json"), "application/json; charset=utf-8");
        assert_eq!(content_type("logo.png"), "image/png");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let out = inject_live_script(b"<html><body>a</BODY></html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><body>a<script src=\"/__trang/live.js\" defer></script>\n</BODY></html>"
        );
        let out = inject_live_script(b"plain");
        assert!(String::from_utf8(out).unwrap().starts_with("plain<script"));
    }
}

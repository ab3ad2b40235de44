//! `trang serve`: incremental rebuilds equal full builds, errors keep the last good build,
//! and the HTTP server answers paths, types, 404s and refusals correctly.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use trang::build::{build, BuildOptions};
use trang::serve::classify::{classify, Plan};
use trang::serve::state::SiteState;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site-basic");

fn copy_fixture() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(FIXTURE) {
        let entry = entry.unwrap();
        let target = tmp.path().join(entry.path().strip_prefix(FIXTURE).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    tmp
}

/// Every file a real `trang build` writes, with its bytes.
fn built(options: &BuildOptions, out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut opts = options.clone();
    opts.output = Some(out.to_path_buf());
    let report = build(&opts);
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(out)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn served(state: &SiteState) -> BTreeMap<String, Vec<u8>> {
    state
        .files
        .keys()
        .map(|p| (p.clone(), state.read(p).unwrap().to_vec()))
        .collect()
}

fn assert_same(state: &SiteState, options: &BuildOptions, out: &Path, step: &str) {
    let want = built(options, out);
    let got = served(state);
    let want_paths: Vec<&String> = want.keys().collect();
    let got_paths: Vec<&String> = got.keys().collect();
    assert_eq!(got_paths, want_paths, "paths differ after {step}");
    for (path, bytes) in &want {
        assert!(got[path] == *bytes, "{path} differs after {step}");
    }
}

/// Applies what a watcher would report for `changed`, like the serve loop does.
fn apply(
    state: &mut SiteState,
    root: &Path,
    changed: &[&str],
) -> Result<Plan, Vec<trang::diagnostics::Diagnostic>> {
    let rel: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
    let plan = classify(
        &rel,
        Some(Path::new("public")),
        |p| state.has_page_source(p),
        |p| root.join(p).is_file(),
    );
    let update = state.apply(&plan)?;
    if update.derived_stale {
        state.refresh_derived()?;
    }
    Ok(plan)
}

/// A small deterministic random generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PAGES: &[&str] = &[
    "content/tin-tuc/le-hoi-trang-an/index.md",
    "content/gioi-thieu/uy-ban.md",
    "content/gioi-thieu/anh-sang.md",
    "content/tin-tuc/2024-03-05-hoi-nghi.md",
    "content/tin-tuc/cu.md",
    "content/van-ban/qd-14-2015.md",
];

#[test]
fn randomized_edits_served_incrementally_equal_a_full_build() {
    let tmp = copy_fixture();
    let root = tmp.path().to_path_buf();
    let out = tempfile::tempdir().unwrap();
    let options = BuildOptions::new(&root);
    let (mut state, _) = SiteState::build(&options).unwrap();
    assert_same(&state, &options, out.path(), "the first build");

    let mut rng = Rng(0x5eed_2015_0608);
    let mut new_pages = 0;
    let mut fast = 0;
    for step in 0..40 {
        let choice = rng.below(10);
        let (what, changed): (String, Vec<String>) = match choice {
            // Body edits (the fast path), most common.
            0..=4 => {
                let page = PAGES[rng.below(PAGES.len())];
                let p = root.join(page);
                let mut text = fs::read_to_string(&p).unwrap();
                let word = ["Ủy ban", "đường dây nóng", "hòa bình", "thông báo", "x"][rng.below(5)];
                if rng.below(3) == 0 {
                    // Rewrite the first paragraph, which changes the list description.
                    let body_start = text.rfind("+++\n").unwrap() + 4;
                    text.insert_str(body_start, &format!("Mở đầu {word} {step}.\n\n"));
                } else {
                    text.push_str(&format!("\nThêm {word} {step}.\n"));
                }
                fs::write(&p, text).unwrap();
                (format!("body of {page}"), vec![page.to_string()])
            }
            // A front matter edit: the title changes list order.
            5 => {
                let page = PAGES[rng.below(PAGES.len())];
                let p = root.join(page);
                let text = fs::read_to_string(&p).unwrap();
                let text = text.replacen("title = \"", &format!("title = \"{step} "), 1);
                fs::write(&p, text).unwrap();
                (format!("title of {page}"), vec![page.to_string()])
            }
            // A new page.
            6 => {
                new_pages += 1;
                let page = format!("content/tin-tuc/moi-{new_pages}.md");
                fs::write(
                    root.join(&page),
                    format!("+++\ntitle = \"Tin mới {new_pages}\"\ndate = 2026-0{}-1{}\n+++\nNội dung [liên kết](@/van-ban/qd-14-2015.md).\n", 1 + rng.below(9), rng.below(9)),
                )
                .unwrap();
                (format!("new {page}"), vec![page])
            }
            // Delete a page added earlier.
            7 if new_pages > 0 => {
                let page = format!("content/tin-tuc/moi-{new_pages}.md");
                let _ = fs::remove_file(root.join(&page));
                new_pages -= 1;
                (format!("delete {page}"), vec![page])
            }
            // A template change.
            8 => {
                fs::create_dir_all(root.join("templates")).unwrap();
                fs::write(
                    root.join("templates/page.html"),
                    format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1>{step}{{{{ page.content | safe }}}}{{% endblock content %}}"),
                )
                .unwrap();
                ("template".into(), vec!["templates/page.html".into()])
            }
            // A static file.
            _ => {
                fs::write(
                    root.join("static/files/huong-dan.txt"),
                    format!("Tệp {step}\n"),
                )
                .unwrap();
                fs::write(root.join(format!("static/files/moi-{step}.txt")), "x").unwrap();
                (
                    "static".into(),
                    vec![
                        "static/files/huong-dan.txt".into(),
                        format!("static/files/moi-{step}.txt"),
                    ],
                )
            }
        };
        let refs: Vec<&str> = changed.iter().map(String::as_str).collect();
        let plan = apply(&mut state, &root, &refs)
            .unwrap_or_else(|e| panic!("step {step} ({what}): {e:?}"));
        if matches!(plan, Plan::Pages(_)) {
            fast += 1;
        }
        assert_same(
            &state,
            &options,
            out.path(),
            &format!("step {step}: {what}"),
        );
    }
    assert!(fast >= 10, "the fast path ran only {fast} times");
}

#[test]
fn a_broken_edit_keeps_the_last_good_build_and_fixing_it_recovers() {
    let tmp = copy_fixture();
    let root = tmp.path().to_path_buf();
    let options = BuildOptions::new(&root);
    let (mut state, _) = SiteState::build(&options).unwrap();
    let before = served(&state);
    let page = root.join("content/gioi-thieu/uy-ban.md");
    let good = fs::read_to_string(&page).unwrap();

    fs::write(&page, format!("{good}\n[hỏng](@/khong-co.md)\n")).unwrap();
    let errors = apply(&mut state, &root, &["content/gioi-thieu/uy-ban.md"]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("content/gioi-thieu/uy-ban.md:6:1: error: the link `@/khong-co.md`"),
        "{}",
        errors[0]
    );
    assert_eq!(
        served(&state),
        before,
        "the last good build is still served"
    );

    fs::write(&page, "+++\ntitle = 1\n+++\n").unwrap();
    let errors = apply(&mut state, &root, &["content/gioi-thieu/uy-ban.md"]).unwrap_err();
    assert!(
        errors[0].to_string().contains("invalid type"),
        "{}",
        errors[0]
    );
    assert_eq!(served(&state), before);

    fs::write(&page, good.replace("Nội dung.", "Đã sửa.")).unwrap();
    apply(&mut state, &root, &["content/gioi-thieu/uy-ban.md"]).unwrap();
    let html =
        String::from_utf8(state.read("gioi-thieu/uy-ban/index.html").unwrap().to_vec()).unwrap();
    assert!(html.contains("Đã sửa."));
}

#[test]
fn live_events_carry_errors_then_recovery() {
    let mut live = trang::serve::Live::default();
    let rx = live_subscribe(&mut live);
    assert!(rx.recv().unwrap().starts_with("event: ok\n"));
    let d = trang::diagnostics::Diagnostic::error("content/a.md", "x", "sai").at(3, 1);
    live.fail(&[d]);
    assert_eq!(
        rx.recv().unwrap(),
        "event: errors\ndata: [\"content/a.md:3:1: error: sai\"]\n\n"
    );
    // A page opened while the build is broken gets the errors at once.
    let late = live_subscribe(&mut live);
    assert!(late.recv().unwrap().starts_with("event: errors\n"));
    live.succeed();
    assert_eq!(
        rx.recv().unwrap(),
        "event: ok\ndata: {\"reload\": true}\n\n"
    );
    live.reload(&["index.html".to_string()]);
    assert_eq!(
        rx.recv().unwrap(),
        "event: reload\ndata: {\"paths\":[\"index.html\"]}\n\n"
    );
}

fn live_subscribe(live: &mut trang::serve::Live) -> std::sync::mpsc::Receiver<String> {
    live.subscribe()
}

/// A `trang serve` process on a free port, killed on drop.
struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_server(root: &Path, poll: bool) -> Server {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_trang"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(root)
        .args(poll.then_some("--poll"))
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let line = lines.next().expect("serve exited").unwrap();
        if line.starts_with("Serving at ") {
            break;
        }
        assert!(Instant::now() < deadline, "serve did not start");
    }
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        addr: format!("127.0.0.1:{port}"),
    }
}

/// (status line, headers, body) of a raw request.
fn get(addr: &str, request_line: &str) -> (String, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "{request_line}\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
    (
        status.to_string(),
        headers.to_string(),
        raw[split + 4..].to_vec(),
    )
}

#[test]
fn server_paths_types_404_refusals_and_live_reload() {
    server_scenario(false);
}

#[test]
fn polling_watcher_sees_edits_too() {
    let tmp = copy_fixture();
    let server = start_server(tmp.path(), true);
    let page = tmp.path().join("content/gioi-thieu/anh-sang.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(&page, text.replace("Nội dung.", "Sửa khi thăm dò.")).unwrap();
    wait_for(&server.addr, "/gioi-thieu/anh-sang/", "Sửa khi thăm dò.");
}

fn wait_for(addr: &str, path: &str, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, _, body) = get(addr, &format!("GET {path} HTTP/1.1"));
        if String::from_utf8_lossy(&body).contains(needle) {
            return;
        }
        assert!(Instant::now() < deadline, "the edit was never served");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn server_scenario(poll: bool) {
    let tmp = copy_fixture();
    let server = start_server(tmp.path(), poll);
    let addr = &server.addr;

    let (status, headers, body) = get(addr, "GET /tin-tuc/hoi-nghi/ HTTP/1.1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        headers.contains("Content-Type: text/html; charset=utf-8"),
        "{headers}"
    );
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("Hội nghị chuyển đổi số năm 2024"));
    assert!(html.contains("<script src=\"/__trang/live.js\" defer></script>\n</body>"));

    let (status, headers, _) = get(addr, "GET /tin-tuc/hoi-nghi HTTP/1.1");
    assert_eq!(status, "HTTP/1.1 301 Moved Permanently");
    assert!(headers.contains("Location: /tin-tuc/hoi-nghi/"));

    let (status, headers, body) = get(addr, "GET /files/huong-dan.txt HTTP/1.1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(headers.contains("Content-Type: text/plain; charset=utf-8"));
    assert_eq!(body, "Tệp đính kèm\n".as_bytes());

    let (status, _, body) = get(addr, "GET /khong-co/ HTTP/1.1");
    assert_eq!(status, "HTTP/1.1 404 Not Found");
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("Không có trang này (mẫu riêng)"));

    for bad in [
        "GET /../trang.toml HTTP/1.1",
        "GET /%2e%2e/trang.toml HTTP/1.1",
    ] {
        assert_eq!(get(addr, bad).0, "HTTP/1.1 403 Forbidden", "{bad}");
    }
    assert_eq!(
        get(addr, "POST / HTTP/1.1").0,
        "HTTP/1.1 405 Method Not Allowed"
    );
    let (status, _, body) = get(addr, "HEAD / HTTP/1.1");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(body.is_empty());
    let (_, headers, _) = get(addr, "GET /__trang/live.js HTTP/1.1");
    assert!(headers.contains("text/javascript"));

    // Live reload: an edit is served without restarting.
    let page = tmp.path().join("content/gioi-thieu/uy-ban.md");
    let text = fs::read_to_string(&page).unwrap();
    fs::write(
        &page,
        text.replace("Nội dung.", "Nội dung đã sửa khi đang xem."),
    )
    .unwrap();
    wait_for(addr, "/gioi-thieu/uy-ban/", "đã sửa khi đang xem");

    // A broken edit: the event stream reports it, the old page stays served.
    let mut events = TcpStream::connect(addr).unwrap();
    write!(events, "GET /__trang/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    fs::write(&page, "+++\ntitle = \"x\"\n+++\n[hỏng](@/khong-co.md)\n").unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    while !seen.contains("event: errors") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "event stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(
        seen.contains("content/gioi-thieu/uy-ban.md:4:1: error: the link"),
        "{seen}"
    );
    let (_, _, body) = get(addr, "GET /gioi-thieu/uy-ban/ HTTP/1.1");
    assert!(String::from_utf8_lossy(&body).contains("đã sửa khi đang xem"));
}

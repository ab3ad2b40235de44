//! `trang serve`: build in memory, serve on loopback, watch, rebuild what changed, reload.
//!
//! The pieces: [`classify`] decides which rebuild a change needs (pure), [`state`] holds the
//! site and rebuilds incrementally, [`http`] answers requests and streams reload events.
//! This module only wires them: a watcher thread feeds debounced changes to the rebuild
//! loop; request threads read the last good build.

pub mod classify;
pub mod http;
pub mod state;

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use classify::{classify, Plan};
use state::SiteState;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: String,
    pub port: u16,
    /// Use polling instead of native file-system events.
    pub poll: bool,
    /// Open the site in a browser once it is built.
    pub open: bool,
}

/// The build-status side of live reload: current errors and connected browsers.
#[derive(Default)]
pub struct Live {
    errors: Vec<String>,
    subscribers: Vec<Sender<String>>,
}

impl Live {
    fn send(&mut self, message: String) {
        self.subscribers.retain(|s| s.send(message.clone()).is_ok());
    }

    /// Tells browsers that these output paths changed.
    pub fn reload(&mut self, paths: &[String]) {
        if paths.is_empty() {
            return;
        }
        let data = serde_json::json!({ "paths": paths });
        self.send(format!("event: reload\ndata: {data}\n\n"));
    }

    /// Shows build errors in every open page.
    pub fn fail(&mut self, diags: &[Diagnostic]) {
        self.errors = diags
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        let data = serde_json::to_string(&self.errors).unwrap_or_default();
        self.send(format!("event: errors\ndata: {data}\n\n"));
    }

    /// Clears the error overlay.
    pub fn succeed(&mut self) {
        let had_errors = !self.errors.is_empty();
        self.errors.clear();
        self.send(format!("event: ok\ndata: {{\"reload\": {had_errors}}}\n\n"));
    }

    /// A new browser connection: it first gets the current status (errors or ok).
    pub fn subscribe(&mut self) -> Receiver<String> {
        let (tx, rx) = mpsc::channel();
        let first = if self.errors.is_empty() {
            "event: ok\ndata: {\"reload\": false}\n\n".to_string()
        } else {
            let data = serde_json::to_string(&self.errors).unwrap_or_default();
            format!("event: errors\ndata: {data}\n\n")
        };
        let _ = tx.send(first);
        self.subscribers.push(tx);
        rx
    }
}

/// Everything request threads share.
pub struct Shared {
    pub state: RwLock<SiteState>,
    pub live: Mutex<Live>,
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Runs the preview server until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), Vec<Diagnostic>> {
    let started = Instant::now();
    let (state, diags) = SiteState::build(&options.build)?;
    print_diagnostics(&diags);
    eprintln!(
        "Built {} pages in memory in {} ms.",
        state.site.pages.len(),
        started.elapsed().as_millis()
    );
    let listener = TcpListener::bind((options.bind.as_str(), options.port)).map_err(|e| {
        vec![Diagnostic::error(
            format!("{}:{}", options.bind, options.port),
            "serve.bind",
            format!("cannot listen: {e}"),
        )
        .with_help("choose another port with --port")]
    })?;
    let addr = listener
        .local_addr()
        .map_err(|e| vec![Diagnostic::error("serve", "serve.bind", e.to_string())])?;
    let shared = Arc::new(Shared {
        state: RwLock::new(state),
        live: Mutex::new(Live::default()),
    });

    let (tx, rx) = mpsc::channel::<PathBuf>();
    let _watcher = watch(&options.build.root, options.poll, tx).map_err(|e| vec![e])?;
    let rebuild_shared = shared.clone();
    let root = options.build.root.clone();
    let output_rel = options
        .build
        .output
        .as_ref()
        .and_then(|o| o.strip_prefix(&root).ok().map(Path::to_path_buf))
        .or_else(|| Some(PathBuf::from("public")));
    std::thread::spawn(move || rebuild_loop(&rebuild_shared, &root, output_rel.as_deref(), &rx));

    // Only now: the watcher has taken its first look, so any later edit is seen.
    let url = format!("http://{addr}/");
    eprintln!(
        "Serving at {url} (Ctrl+C to stop). Watching {} for changes.",
        options.build.root.display()
    );
    if options.open {
        open_browser(&url);
    }

    for stream in listener.incoming().flatten() {
        let shared = shared.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &shared);
        });
    }
    Ok(())
}

fn open_browser(url: &str) {
    for cmd in ["xdg-open", "open"] {
        if std::process::Command::new(cmd)
            .arg(url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
        {
            return;
        }
    }
    eprintln!("Open {url} in your browser.");
}

/// Starts a recursive watcher on `root` sending changed absolute paths to `tx`. Falls back to
/// polling when native events cannot be set up (network drives, some containers).
fn watch(
    root: &Path,
    poll: bool,
    tx: Sender<PathBuf>,
) -> Result<Box<dyn notify::Watcher + Send>, Diagnostic> {
    use notify::{RecursiveMode, Watcher};
    let handler = move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res {
            if matches!(event.kind, notify::EventKind::Access(_)) {
                return;
            }
            for p in event.paths {
                let _ = tx.send(p);
            }
        }
    };
    let error = |e: notify::Error| {
        Diagnostic::error(
            root.display().to_string(),
            "serve.watch",
            format!("cannot watch files: {e}"),
        )
        .with_help("try `trang serve --poll`")
    };
    if !poll {
        match notify::recommended_watcher(handler.clone()) {
            Ok(mut w) => match w.watch(root, RecursiveMode::Recursive) {
                Ok(()) => return Ok(Box::new(w)),
                Err(e) => eprintln!("warning: native file watching failed ({e}); polling instead"),
            },
            Err(e) => eprintln!("warning: native file watching failed ({e}); polling instead"),
        }
    }
    // notify's poller compares modification times in whole seconds, so it would miss a second
    // save within the same second: compare contents too (a read of every file per scan).
    let config = notify::Config::default()
        .with_poll_interval(Duration::from_millis(500))
        .with_compare_contents(true);
    let mut w = notify::PollWatcher::new(handler, config).map_err(error)?;
    w.watch(root, RecursiveMode::Recursive).map_err(error)?;
    Ok(Box::new(w))
}

/// What the rebuild loop waits for.
enum Next {
    Changes(Vec<PathBuf>),
    /// No change for the idle time: a good moment for deferred work.
    Idle,
    Closed,
}

/// Waits for a change (at most `idle` when given), then collects more until 30 ms pass
/// without one (at most 500 ms in all).
fn debounce(rx: &Receiver<PathBuf>, idle: Option<Duration>) -> Next {
    let first = match idle {
        Some(t) => match rx.recv_timeout(t) {
            Ok(p) => p,
            Err(RecvTimeoutError::Timeout) => return Next::Idle,
            Err(RecvTimeoutError::Disconnected) => return Next::Closed,
        },
        None => match rx.recv() {
            Ok(p) => p,
            Err(_) => return Next::Closed,
        },
    };
    let mut paths = vec![first];
    let deadline = Instant::now() + Duration::from_millis(500);
    loop {
        let now = Instant::now();
        if now >= deadline {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(30).min(deadline - now)) {
            Ok(p) => paths.push(p),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return Next::Closed,
        }
    }
    Next::Changes(paths)
}

/// How long to wait after an edit before regenerating the whole-site files (search index,
/// feeds): a burst of saves pays for them once.
const DERIVE_AFTER: Duration = Duration::from_millis(150);

fn rebuild_loop(shared: &Shared, root: &Path, output: Option<&Path>, rx: &Receiver<PathBuf>) {
    let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut derived_pending = false;
    let mut printed: std::collections::HashSet<String> = std::collections::HashSet::new();
    loop {
        let paths = match debounce(rx, derived_pending.then_some(DERIVE_AFTER)) {
            Next::Closed => return,
            Next::Idle => {
                derived_pending = false;
                refresh_derived(shared);
                continue;
            }
            Next::Changes(paths) => paths,
        };
        let rel: Vec<PathBuf> = paths
            .iter()
            .filter_map(|p| {
                p.strip_prefix(&canonical)
                    .or_else(|_| p.strip_prefix(root))
                    .ok()
                    .map(Path::to_path_buf)
            })
            .collect();
        let plan = {
            let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
            classify(
                &rel,
                output,
                |p| state.has_page_source(p),
                |p| root.join(p).is_file(),
            )
        };
        if plan == Plan::Nothing {
            continue;
        }
        let started = Instant::now();
        let result = shared
            .state
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .apply(&plan);
        match result {
            Ok(update) => {
                // Warnings were shown once already; print only new ones.
                let fresh: Vec<Diagnostic> = update
                    .diagnostics
                    .iter()
                    .filter(|d| printed.insert(d.to_string()))
                    .cloned()
                    .collect();
                print_diagnostics(&fresh);
                eprintln!(
                    "Rebuilt ({}) in {} ms: {} file(s) changed.",
                    describe(&plan),
                    started.elapsed().as_millis(),
                    update.changed.len()
                );
                let mut live = shared.live.lock().unwrap_or_else(|e| e.into_inner());
                live.succeed();
                live.reload(&update.changed);
                derived_pending |= update.derived_stale;
            }
            Err(diags) => {
                print_diagnostics(&diags);
                eprintln!("Build failed; still serving the last good build.");
                shared
                    .live
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .fail(&diags);
            }
        }
    }
}

/// Regenerates the search index and other whole-site files: computed under a read lock
/// (pages keep being served), installed under a short write lock.
fn refresh_derived(shared: &Shared) {
    let started = Instant::now();
    let computed = shared
        .state
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .compute_derived();
    match computed {
        Ok(derived) => {
            let changed = shared
                .state
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .install_derived(derived);
            eprintln!(
                "Updated the search index and site-wide files in {} ms.",
                started.elapsed().as_millis()
            );
            shared
                .live
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .reload(&changed);
        }
        Err(diags) => {
            print_diagnostics(&diags);
            shared
                .live
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .fail(&diags);
        }
    }
}

fn describe(plan: &Plan) -> String {
    match plan {
        Plan::Nothing => "nothing".into(),
        Plan::Pages(p) => format!("{} page(s)", p.len()),
        Plan::Static => "static files".into(),
        Plan::Templates => "templates".into(),
        Plan::Full => "full".into(),
    }
}

/// Answers one request.
fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Skip the headers (bounded).
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" || header == "\n" {
            break;
        }
    }
    let request = match http::parse_request_line(line.trim_end()) {
        Ok(r) => r,
        Err(refusal) => {
            let (status, extra) = match refusal {
                http::Refusal::BadRequest => ("400 Bad Request", ""),
                http::Refusal::MethodNotAllowed => {
                    ("405 Method Not Allowed", "Allow: GET, HEAD\r\n")
                }
                http::Refusal::Forbidden => ("403 Forbidden", ""),
            };
            let body = status.as_bytes();
            stream.write_all(
                http::head(status, "text/plain; charset=utf-8", body.len(), extra).as_bytes(),
            )?;
            return stream.write_all(body);
        }
    };
    let head_only = request.method == "HEAD";
    let send = |stream: &mut TcpStream, status: &str, ctype: &str, body: &[u8], extra: &str| {
        stream.write_all(http::head(status, ctype, body.len(), extra).as_bytes())?;
        if !head_only {
            stream.write_all(body)?;
        }
        stream.flush()
    };
    if request.path == http::LIVE_SCRIPT {
        return send(
            &mut stream,
            "200 OK",
            "text/javascript; charset=utf-8",
            http::LIVE_JS.as_bytes(),
            "",
        );
    }
    if request.path == http::EVENTS {
        let rx = shared
            .live
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .subscribe();
        stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
        )?;
        stream.flush()?;
        for message in rx {
            stream.write_all(message.as_bytes())?;
            stream.flush()?;
        }
        return Ok(());
    }
    let (first, second) = http::candidates(&request.path);
    let state = shared.state.read().unwrap_or_else(|e| e.into_inner());
    if let Some(bytes) = state.read(&first) {
        drop(state);
        let ctype = http::content_type(&first);
        let body = if ctype.starts_with("text/html") {
            http::inject_live_script(&bytes)
        } else {
            bytes.to_vec()
        };
        return send(&mut stream, "200 OK", ctype, &body, "");
    }
    if let Some(second) = second {
        if state.files.contains_key(&second) {
            drop(state);
            let location = format!("Location: {}/\r\n", request.path);
            return send(
                &mut stream,
                "301 Moved Permanently",
                "text/plain; charset=utf-8",
                b"",
                &location,
            );
        }
    }
    let body = state
        .read("404.html")
        .map(|b| http::inject_live_script(&b))
        .unwrap_or_else(|| b"404 Not Found".to_vec());
    drop(state);
    send(
        &mut stream,
        "404 Not Found",
        "text/html; charset=utf-8",
        &body,
        "",
    )
}

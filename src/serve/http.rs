//! Answering one request: only the preview's own `Host` ([`super::host`]), only `GET` and
//! `HEAD`, bounded URLs, files of the current build (through [`super::path`]), the
//! live-reload endpoint, the error overlay. Header size and count, and every timeout, are
//! the connection's business ([`super::net`]).

use std::fs::File;
use std::io::Read;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};

use super::body::{self, Body};
use super::host;
use super::overlay::{self, VERSION_PATH};
use super::path::{self, Target};
use super::state::{Snapshot, State};
use crate::i18n::serve::Serve;

/// Longest request target accepted, in bytes.
pub const MAX_URL: usize = 2048;
/// Largest HTML page rewritten in memory to add the reload script; larger ones are sent
/// as they are.
const MAX_INJECTED: u64 = 32 * 1024 * 1024;
/// How long a reload poll waits for a change before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

pub type Reply = Response<Body>;

/// Which preview a request reached, and from where.
#[derive(Debug, Clone)]
pub struct Context {
    pub state: Arc<State>,
    /// The address listened on (loopback or not decides which hosts are allowed).
    pub bound: IpAddr,
    pub port: u16,
    /// The client's address: reload polls are counted per client.
    pub peer: IpAddr,
}

/// Answers `request`. Files are read on the blocking pool, never on the thread that
/// drives the connections.
pub async fn respond<B>(request: &Request<B>, cx: &Context) -> Reply {
    if let Some(refusal) = refused(request, cx) {
        return refusal;
    }
    let raw_path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or_default().to_string();
    if raw_path == VERSION_PATH {
        return version(cx, &query).await;
    }
    let state = Arc::clone(&cx.state);
    tokio::task::spawn_blocking(move || site_response(&state, &raw_path, &query))
        .await
        .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, String::new()))
}

/// A request the preview does not answer: another `Host`, a method other than `GET` and
/// `HEAD`, an overlong target.
fn refused<B>(request: &Request<B>, cx: &Context) -> Option<Reply> {
    if !host_allowed(request, cx) {
        let url = format!("http://127.0.0.1:{}/", cx.port);
        return Some(text(
            StatusCode::MISDIRECTED_REQUEST,
            Serve::Misdirected { url: &url }.text(),
        ));
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let reply = text(
            StatusCode::METHOD_NOT_ALLOWED,
            Serve::MethodNotAllowed.text(),
        );
        return Some(with(reply, header::ALLOW, "GET, HEAD"));
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    (target > MAX_URL).then(|| text(StatusCode::URI_TOO_LONG, Serve::UriTooLong.text()))
}

/// The authority of an absolute request target wins over `Host` (RFC 9112, 3.2.2); a
/// request with no host, or several, is refused.
fn host_allowed<B>(request: &Request<B>, cx: &Context) -> bool {
    if let Some(authority) = request.uri().authority() {
        return host::allowed(authority.as_str(), cx.bound, cx.port);
    }
    let mut hosts = request.headers().get_all(header::HOST).iter();
    match (hosts.next(), hosts.next()) {
        (Some(value), None) => value
            .to_str()
            .is_ok_and(|h| host::allowed(h, cx.bound, cx.port)),
        _ => false,
    }
}

/// The long-polling endpoint: answers the current version once it differs from `since`.
/// A client already holding its share of polls is told to come back (`429`); pages and
/// assets are never counted.
async fn version(cx: &Context, query: &str) -> Reply {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|v| v.parse::<u64>().ok());
    let Some(since) = since else {
        return text(StatusCode::OK, cx.state.snapshot().version.to_string());
    };
    let Some(_slot) = cx.state.begin_poll(cx.peer) else {
        let reply = text(StatusCode::TOO_MANY_REQUESTS, Serve::TooManyPolls.text());
        return with(reply, header::RETRY_AFTER, "1");
    };
    let current = cx.state.wait_change(since, POLL_WAIT).await;
    text(StatusCode::OK, current.to_string())
}

/// A page, a file or a redirect of the current build.
fn site_response(state: &State, raw_path: &str, query: &str) -> Reply {
    let snapshot = state.snapshot();
    let Some(root) = &snapshot.root else {
        return no_build(raw_path, &snapshot);
    };
    match path::resolve(root, raw_path) {
        Target::File(file) => file_response(&file, root, &snapshot),
        Target::Redirect(to) => {
            let location = if query.is_empty() {
                to
            } else {
                format!("{to}?{query}")
            };
            with(
                text(StatusCode::FOUND, String::new()),
                header::LOCATION,
                &location,
            )
        }
        Target::NotFound => not_found(Some(root), &snapshot),
        Target::BadRequest => text(StatusCode::BAD_REQUEST, Serve::BadRequest.text()),
    }
}

/// Before any good build: pages show the problems, everything else is missing.
fn no_build(raw_path: &str, snapshot: &Snapshot) -> Reply {
    if looks_like_page(raw_path) {
        html(overlay::page(
            snapshot.version,
            snapshot.problems.as_ref(),
            snapshot.lang,
        ))
    } else {
        not_found(None, snapshot)
    }
}

fn looks_like_page(raw_path: &str) -> bool {
    let last = raw_path.rsplit('/').next().unwrap_or_default();
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

fn file_response(file: &Path, root: &Path, snapshot: &Snapshot) -> Reply {
    let mime = content_type(file);
    let Ok(mut handle) = File::open(file) else {
        // Removed between resolving and opening: a rebuild just replaced it.
        return not_found(Some(root), snapshot);
    };
    let len = handle.metadata().map(|m| m.len()).unwrap_or(0);
    if !mime.starts_with("text/html") || len > MAX_INJECTED {
        return common_headers(Response::new(body::file(handle, len)), mime);
    }
    let mut bytes = Vec::new();
    if handle.read_to_end(&mut bytes).is_err() {
        return not_found(Some(root), snapshot);
    }
    let page = String::from_utf8_lossy(&bytes);
    html(overlay::inject(
        &page,
        snapshot.version,
        snapshot.problems.as_ref(),
        snapshot.lang,
    ))
}

/// A missing address: `404` with the site's own `404.html` (or a minimal page when the
/// build has none), the reload script added like on every page, so that a tab left on a
/// page that went missing reloads by itself once it exists again.
fn not_found(root: Option<&Path>, snapshot: &Snapshot) -> Reply {
    let site_page = root
        .and_then(
            |root| match path::resolve(root, &format!("/{}", NOT_FOUND_PAGE)) {
                Target::File(file) => std::fs::read(file).ok(),
                _ => None,
            },
        )
        .filter(|bytes| bytes.len() as u64 <= MAX_INJECTED);
    let page = match site_page {
        Some(bytes) => overlay::inject(
            &String::from_utf8_lossy(&bytes),
            snapshot.version,
            snapshot.problems.as_ref(),
            snapshot.lang,
        ),
        None => {
            overlay::not_found_page(snapshot.version, snapshot.problems.as_ref(), snapshot.lang)
        }
    };
    html_status(StatusCode::NOT_FOUND, page)
}

/// The page a build writes for missing addresses (`urls::NOT_FOUND`).
const NOT_FOUND_PAGE: &str = "404.html";

fn html(page: String) -> Reply {
    html_status(StatusCode::OK, page)
}

fn html_status(status: StatusCode, page: String) -> Reply {
    let mut reply = Response::new(body::full(page));
    *reply.status_mut() = status;
    common_headers(reply, "text/html; charset=utf-8")
}

pub fn text(status: StatusCode, message: String) -> Reply {
    let mut reply = Response::new(body::full(message));
    *reply.status_mut() = status;
    common_headers(reply, "text/plain; charset=utf-8")
}

/// A preview must never be cached (every save changes it) nor sniffed.
fn common_headers(reply: Reply, mime: &'static str) -> Reply {
    let reply = with(reply, header::CONTENT_TYPE, mime);
    let reply = with(reply, header::CACHE_CONTROL, "no-store");
    with(reply, header::X_CONTENT_TYPE_OPTIONS, "nosniff")
}

/// Adds a header. Request paths reach `Location` only after [`path::resolve`] refused
/// control characters and backslashes; a value that is still not a valid header is left
/// out rather than sent broken.
fn with(mut reply: Reply, name: header::HeaderName, value: &str) -> Reply {
    if let Ok(value) = HeaderValue::from_str(value) {
        reply.headers_mut().insert(name, value);
    }
    reply
}

/// The media type of a built file, by extension.
fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "jsonld" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::Ipv4Addr;

    fn context() -> Context {
        Context {
            state: Arc::new(State::default()),
            bound: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8000,
            peer: IpAddr::V4(Ipv4Addr::LOCALHOST),
        }
    }

    fn request(target: &str, hosts: &[&str]) -> Request<()> {
        let mut builder = Request::get(target);
        for h in hosts {
            builder = builder.header(header::HOST, *h);
        }
        builder.body(()).expect("request")
    }

    #[test]
    fn pages_are_recognised_by_their_last_segment() {
        assert!(looks_like_page("/"));
        assert!(looks_like_page("/principes/"));
        assert!(looks_like_page("/principes/transparence.html"));
        assert!(looks_like_page("/principes"));
        assert!(!looks_like_page("/style.css"));
    }

    #[test]
    fn types_follow_extensions() {
        assert_eq!(
            content_type(Path::new("a/B.HTML")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("a.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn the_host_is_one_of_the_previews_names_and_only_one() {
        let cx = context();
        assert!(host_allowed(&request("/", &["localhost:8000"]), &cx));
        assert!(!host_allowed(&request("/", &[]), &cx));
        assert!(!host_allowed(
            &request("/", &["localhost:8000", "evil.example:8000"]),
            &cx
        ));
        // An absolute target names the host itself.
        assert!(!host_allowed(
            &request("http://evil.example:8000/", &["localhost:8000"]),
            &cx
        ));
        assert!(host_allowed(
            &request("http://127.0.0.1:8000/", &["evil.example:8000"]),
            &cx
        ));
    }
}

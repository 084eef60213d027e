//! Answering one request: only `GET` and `HEAD`, bounded URLs and headers, files of the
//! current build (through [`super::path`]), the live-reload endpoint, the error overlay.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::overlay::{self, VERSION_PATH};
use super::path::{self, Target};
use super::state::{Snapshot, State};
use crate::i18n::serve::Serve;

/// Longest request target accepted, in bytes.
pub const MAX_URL: usize = 2048;
/// Most header bytes (names and values) and header lines accepted.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;
pub const MAX_HEADERS: usize = 64;
/// Largest HTML page rewritten in memory to add the reload script; larger ones are sent
/// as they are.
const MAX_INJECTED: u64 = 32 * 1024 * 1024;
/// How long a reload poll waits for a change before answering anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// Answers `request`; a client that went away is not an error worth reporting.
pub fn handle(request: Request, state: &State) {
    let response = respond(&request, state);
    let _ = request.respond(response);
}

/// Refuses the request at once (too many in flight).
pub fn busy(request: Request) {
    let _ = request.respond(text(503, Serve::Busy.text()));
}

type Reply = Response<Box<dyn Read + Send>>;

fn respond(request: &Request, state: &State) -> Reply {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return with(
            text(405, Serve::MethodNotAllowed.text()),
            "Allow",
            "GET, HEAD",
        );
    }
    if let Some(refusal) = oversized(request) {
        return refusal;
    }
    let url = request.url();
    let (raw_path, query) = url.split_once('?').unwrap_or((url, ""));
    if raw_path == VERSION_PATH {
        return version(state, query);
    }
    let snapshot = state.snapshot();
    let Some(root) = &snapshot.root else {
        return no_build(raw_path, &snapshot);
    };
    match path::resolve(root, raw_path) {
        Target::File(file) => file_response(&file, &snapshot),
        Target::Redirect(to) => {
            let location = if query.is_empty() {
                to
            } else {
                format!("{to}?{query}")
            };
            with(text(302, String::new()), "Location", &location)
        }
        Target::NotFound => text(404, Serve::NotFound.text()),
        Target::BadRequest => text(400, Serve::BadRequest.text()),
    }
}

fn oversized(request: &Request) -> Option<Reply> {
    if request.url().len() > MAX_URL {
        return Some(text(414, Serve::UriTooLong.text()));
    }
    let headers = request.headers();
    let bytes: usize = headers
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len())
        .sum();
    (headers.len() > MAX_HEADERS || bytes > MAX_HEADER_BYTES)
        .then(|| text(431, Serve::HeadersTooLarge.text()))
}

/// The long-polling endpoint: answers the current version once it differs from `since`.
fn version(state: &State, query: &str) -> Reply {
    let since = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|v| v.parse::<u64>().ok());
    let current = match since {
        Some(since) => state.wait_change(since, POLL_WAIT),
        None => state.snapshot().version,
    };
    text(200, current.to_string())
}

/// Before any good build: pages show the problems, everything else is missing.
fn no_build(raw_path: &str, snapshot: &Snapshot) -> Reply {
    if looks_like_page(raw_path) {
        html(overlay::page(snapshot.version, snapshot.problems.as_ref()))
    } else {
        text(404, Serve::NotFound.text())
    }
}

fn looks_like_page(raw_path: &str) -> bool {
    let last = raw_path.rsplit('/').next().unwrap_or_default();
    last.is_empty() || last.ends_with(".html") || !last.contains('.')
}

fn file_response(file: &Path, snapshot: &Snapshot) -> Reply {
    let mime = content_type(file);
    let Ok(mut handle) = File::open(file) else {
        // Removed between resolving and opening: a rebuild just replaced it.
        return text(404, Serve::NotFound.text());
    };
    let len = handle.metadata().map(|m| m.len()).unwrap_or(0);
    if mime.starts_with("text/html") && len <= MAX_INJECTED {
        let mut bytes = Vec::new();
        if handle.read_to_end(&mut bytes).is_ok() {
            let page = String::from_utf8_lossy(&bytes);
            return html(overlay::inject(
                &page,
                snapshot.version,
                snapshot.problems.as_ref(),
            ));
        }
        return text(404, Serve::NotFound.text());
    }
    let reader: Box<dyn Read + Send> = Box::new(handle);
    let response = Response::new(
        StatusCode(200),
        Vec::new(),
        reader,
        usize::try_from(len).ok(),
        None,
    );
    common_headers(response, mime)
}

fn html(page: String) -> Reply {
    body(200, "text/html; charset=utf-8", page.into_bytes())
}

fn text(status: u16, message: String) -> Reply {
    body(status, "text/plain; charset=utf-8", message.into_bytes())
}

fn body(status: u16, mime: &str, bytes: Vec<u8>) -> Reply {
    let len = bytes.len();
    let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(bytes));
    common_headers(
        Response::new(StatusCode(status), Vec::new(), reader, Some(len), None),
        mime,
    )
}

/// A preview must never be cached: every save changes it.
fn common_headers(response: Reply, mime: &str) -> Reply {
    let response = with(response, "Content-Type", mime);
    let response = with(response, "Cache-Control", "no-store");
    with(response, "X-Content-Type-Options", "nosniff")
}

/// Adds a header; every name and value here is ASCII without line breaks (request paths
/// reach `Location` only after [`path::resolve`] refused control characters), so a header
/// that does not parse is left out rather than sent broken.
fn with(response: Reply, name: &str, value: &str) -> Reply {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
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
}

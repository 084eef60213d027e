//! Connections: HTTP/1.1 by hyper on one tokio thread, with every bound a local server
//! needs against a slow, silent or greedy client.
//!
//! - The request head (line and headers) must arrive whole within [`HEAD_TIMEOUT`] of the
//!   connection being idle (new, or between two requests): a silent or trickling client
//!   is dropped, and so is an idle keep-alive connection.
//! - The head is at most [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`] lines, checked as it is
//!   read: more gets `431` and the connection closes, whatever the client keeps sending.
//! - A response the client stops reading is dropped after [`WRITE_TIMEOUT`].
//! - At most [`MAX_CONNECTIONS`] are open; past that, new ones wait in the system's queue.
//!
//! Connections cost no thread each, so a few hundred slow clients do not delay anyone
//! else; reload polls are capped per client in [`super::state`].

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;

use super::http::{self, Context};
use super::state::State;
use super::Event;

/// Longest wait for a whole request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a response may wait for the client to read on.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Most bytes in a request head (request line included) and most header lines.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
pub const MAX_HEADERS: usize = 64;
/// Connections open at once.
pub const MAX_CONNECTIONS: usize = 512;
/// How long stopping waits for the requests still being answered.
const DRAIN: Duration = Duration::from_secs(2);
/// Pause after a failed accept (out of file descriptors, …), so as not to spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// Serves `listener` until `state` says stop, then lets open requests finish (up to
/// [`DRAIN`]). Each answered request is reported as an [`Event::Answered`].
pub async fn serve(listener: TcpListener, state: Arc<State>, events: Sender<Event>) {
    let Ok(local) = listener.local_addr() else {
        return;
    };
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS);
    loop {
        let accepted = tokio::select! {
            () = state.stopped() => break,
            accepted = accept(&listener, &slots) => accepted,
        };
        let Some((stream, peer, slot)) = accepted else {
            tokio::time::sleep(ACCEPT_BACKOFF).await;
            continue;
        };
        let cx = Context {
            state: Arc::clone(&state),
            bound: local.ip(),
            port: local.port(),
            peer: peer.ip(),
        };
        let events = events.clone();
        let service = service_fn(move |request| {
            let (cx, events) = (cx.clone(), events.clone());
            async move { Ok::<_, Infallible>(answer(request, &cx, &events).await) }
        });
        let connection = graceful.watch(builder.serve_connection(io(stream), service));
        tokio::spawn(async move {
            // A client that vanished or timed out is not an error worth reporting.
            let _ = connection.await;
            drop(slot);
        });
    }
    let _ = tokio::time::timeout(DRAIN, graceful.shutdown()).await;
}

/// The next connection once a slot is free; `None` when accepting failed.
async fn accept(
    listener: &TcpListener,
    slots: &Arc<Semaphore>,
) -> Option<(TcpStream, SocketAddr, tokio::sync::OwnedSemaphorePermit)> {
    let slot = Arc::clone(slots).acquire_owned().await.ok()?;
    let (stream, peer) = listener.accept().await.ok()?;
    Some((stream, peer, slot))
}

/// The stream with its write timeout, as hyper reads and writes it.
fn io(stream: TcpStream) -> TokioIo<std::pin::Pin<Box<TimeoutStream<TcpStream>>>> {
    let _ = stream.set_nodelay(true);
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(WRITE_TIMEOUT));
    TokioIo::new(Box::pin(stream))
}

async fn answer<B>(request: Request<B>, cx: &Context, events: &Sender<Event>) -> http::Reply {
    let reply = http::respond(&request, cx).await;
    let _ = events.send(Event::Answered {
        method: request.method().to_string(),
        target: request.uri().to_string(),
        status: reply.status().as_u16(),
    });
    reply
}

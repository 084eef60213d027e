//! Response bodies: short texts and pages held in memory, and files streamed from disk in
//! chunks (a large asset is never read whole into memory).

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body as HttpBody, Bytes, Frame, SizeHint};
use tokio::io::{AsyncRead, ReadBuf};

/// Every response body of the preview.
pub type Body = BoxBody<Bytes, io::Error>;

/// Bytes read from disk per chunk.
const CHUNK: usize = 64 * 1024;

/// A body held in memory.
pub fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

/// The first `len` bytes of `file`, read as the client takes them.
pub fn file(file: std::fs::File, len: u64) -> Body {
    FileBody {
        file: tokio::fs::File::from_std(file),
        left: len,
        buf: vec![0; CHUNK],
    }
    .boxed()
}

struct FileBody {
    file: tokio::fs::File,
    left: u64,
    buf: Vec<u8>,
}

impl HttpBody for FileBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = &mut *self;
        if this.left == 0 {
            return Poll::Ready(None);
        }
        let mut buf = ReadBuf::new(&mut this.buf);
        ready!(Pin::new(&mut this.file).poll_read(cx, &mut buf))?;
        let read = buf.filled();
        if read.is_empty() {
            // The file shrank since its length was sent: the connection is closed short.
            return Poll::Ready(Some(Err(io::ErrorKind::UnexpectedEof.into())));
        }
        let take = read
            .len()
            .min(usize::try_from(this.left).unwrap_or(usize::MAX));
        this.left -= take as u64;
        Poll::Ready(Some(Ok(Frame::data(Bytes::copy_from_slice(&read[..take])))))
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_streamed_whole_and_no_further() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let path = tmp.path().join("big.bin");
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &data).expect("write");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        let handle = std::fs::File::open(&path).expect("open");
        let body = runtime.block_on(async { file(handle, 150_000).collect().await });
        let bytes = body.expect("read").to_bytes();
        assert_eq!(&bytes[..], &data[..150_000]);
    }
}

//! Reading one loose object ourselves, before libgit2 does. The libgit2 bundled by
//! `libgit2-sys` 0.18.8 (libgit2 1.9.7) loops forever on a loose object whose zlib stream
//! ends early (libgit2 issue 7342, fixed upstream by PR 7346 but in no release bundled
//! yet): `git_zstream_get_output` retries a `Z_BUF_ERROR` that can never make progress.
//! So every object the history reads is looked at here first — only that object, never
//! the whole object store, and nothing is remembered on disk.
//!
//! The header (`blob 1234\0`) is inflated first and the size checked against the limit
//! before anything else is inflated; the rest is inflated in 64 KiB steps and must end
//! exactly where the header says, with a whole zlib stream.

use std::io::{BufRead, BufReader, Read};

use flate2::{Decompress, FlushDecompress, Status};

use super::error::ObjectProblem;

/// The largest header git writes: `commit 18446744073709551615\0` fits easily.
const MAX_HEADER: usize = 64;
/// Inflation step, and the read buffer's size.
const STEP: usize = 64 * 1024;

/// The kind of a loose object, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LooseKind {
    Commit,
    Tree,
    Blob,
    Tag,
}

/// A loose object found whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loose {
    pub kind: LooseKind,
    /// The size its header declares, in bytes.
    pub size: u64,
    /// Its content, when asked for.
    pub content: Option<Vec<u8>>,
}

/// Why a loose object was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LooseError {
    /// Its header declares more than the limit; nothing past the header was inflated.
    TooLarge {
        size: u64,
    },
    Broken(ObjectProblem),
}

impl From<ObjectProblem> for LooseError {
    fn from(p: ObjectProblem) -> Self {
        LooseError::Broken(p)
    }
}

/// Inflates the loose object in `file`: checks that it is one whole zlib stream holding a
/// valid header and exactly the bytes the header declares. `limit` bounds the declared
/// size (checked before the body is inflated); `keep` returns the content.
pub fn inspect(file: impl Read, limit: Option<u64>, keep: bool) -> Result<Loose, LooseError> {
    let mut reader = BufReader::with_capacity(STEP, file);
    let mut inflater = Decompress::new(true);
    let mut out = vec![0u8; STEP];
    let mut reading = Reading {
        limit,
        keep,
        ..Reading::default()
    };
    loop {
        let (status, consumed, produced) = inflate_step(&mut reader, &mut inflater, &mut out)?;
        reading.take(out.get(..produced).unwrap_or_default())?;
        if status == Status::StreamEnd {
            return reading.finish();
        }
        if consumed == 0 && produced == 0 {
            // No progress: the input ended inside the stream (or it cannot go on).
            return Err(ObjectProblem::Truncated.into());
        }
    }
}

/// One step of inflation from the reader into `out`: the status, and the bytes consumed
/// and produced. The stream is finished once the reader has no more input.
fn inflate_step(
    reader: &mut impl BufRead,
    inflater: &mut Decompress,
    out: &mut [u8],
) -> Result<(Status, usize, usize), ObjectProblem> {
    let input = reader
        .fill_buf()
        .map_err(|e| ObjectProblem::Unreadable(e.to_string()))?;
    let flush = if input.is_empty() {
        FlushDecompress::Finish
    } else {
        FlushDecompress::None
    };
    let (in_before, out_before) = (inflater.total_in(), inflater.total_out());
    let status = inflater
        .decompress(input, out, flush)
        .map_err(|_| ObjectProblem::Damaged)?;
    let consumed = usize::try_from(inflater.total_in() - in_before).unwrap_or(usize::MAX);
    let produced = usize::try_from(inflater.total_out() - out_before).unwrap_or(usize::MAX);
    reader.consume(consumed);
    Ok((status, consumed, produced))
}

/// What has been inflated so far: the header until its NUL, then the body.
#[derive(Default)]
struct Reading {
    limit: Option<u64>,
    keep: bool,
    head: Vec<u8>,
    header: Option<(LooseKind, u64)>,
    body: Vec<u8>,
    body_len: u64,
}

impl Reading {
    /// Takes freshly inflated bytes: the header is parsed (and its size checked against
    /// the limit) as soon as it is whole; the body may not outgrow the declared size.
    fn take(&mut self, fresh: &[u8]) -> Result<(), LooseError> {
        if self.header.is_some() {
            return self.take_body(fresh);
        }
        self.head.extend_from_slice(fresh);
        let Some((kind, size, rest)) = parse_header(&self.head)?.map(|(k, s, r)| (k, s, r.len()))
        else {
            return Ok(());
        };
        if self.limit.is_some_and(|l| size > l) {
            return Err(LooseError::TooLarge { size });
        }
        self.header = Some((kind, size));
        let head = std::mem::take(&mut self.head);
        self.take_body(&head[head.len() - rest..])
    }

    /// Body bytes: never more than the header declares.
    fn take_body(&mut self, fresh: &[u8]) -> Result<(), LooseError> {
        let size = self.header.map_or(0, |(_, size)| size);
        self.body_len += fresh.len() as u64;
        if self.body_len > size {
            return Err(ObjectProblem::Damaged.into());
        }
        if self.keep {
            self.body.extend_from_slice(fresh);
        }
        Ok(())
    }

    /// The object, once the stream has ended: exactly the declared size, or damage.
    fn finish(self) -> Result<Loose, LooseError> {
        let Some((kind, size)) = self.header else {
            return Err(ObjectProblem::Damaged.into());
        };
        if self.body_len != size {
            return Err(ObjectProblem::Truncated.into());
        }
        Ok(Loose {
            kind,
            size,
            content: self.keep.then_some(self.body),
        })
    }
}

/// A parsed header: kind, declared size, and the body bytes inflated after it.
type Header<'a> = (LooseKind, u64, &'a [u8]);

/// The header at the start of `head` once its NUL has been inflated; `None` while the NUL
/// is still to come.
fn parse_header(head: &[u8]) -> Result<Option<Header<'_>>, ObjectProblem> {
    let Some(nul) = head.iter().position(|&b| b == 0) else {
        return if head.len() > MAX_HEADER {
            Err(ObjectProblem::Damaged)
        } else {
            Ok(None)
        };
    };
    let text = std::str::from_utf8(&head[..nul]).map_err(|_| ObjectProblem::Damaged)?;
    let (kind, size) = text.split_once(' ').ok_or(ObjectProblem::Damaged)?;
    let kind = match kind {
        "commit" => LooseKind::Commit,
        "tree" => LooseKind::Tree,
        "blob" => LooseKind::Blob,
        "tag" => LooseKind::Tag,
        _ => return Err(ObjectProblem::Damaged),
    };
    let well_formed = !size.is_empty()
        && size.bytes().all(|b| b.is_ascii_digit())
        && (size == "0" || !size.starts_with('0'));
    let size: u64 = match size.parse() {
        Ok(n) if well_formed => n,
        _ => return Err(ObjectProblem::Damaged),
    };
    Ok(Some((kind, size, &head[nul + 1..])))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(bytes: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(bytes).expect("write");
        z.finish().expect("finish")
    }

    fn object(kind: &str, body: &[u8]) -> Vec<u8> {
        let mut raw = format!("{kind} {}\0", body.len()).into_bytes();
        raw.extend_from_slice(body);
        zlib(&raw)
    }

    #[test]
    fn a_whole_object_is_read_with_its_kind_and_size() {
        let body = b"hello world\n".repeat(20_000);
        let loose = inspect(&object("blob", &body)[..], None, true).expect("whole");
        assert_eq!(loose.kind, LooseKind::Blob);
        assert_eq!(loose.size, body.len() as u64);
        assert_eq!(loose.content.as_deref(), Some(&body[..]));
        let small = inspect(&object("tree", b"")[..], Some(0), false).expect("empty");
        assert_eq!(
            (small.kind, small.size, small.content),
            (LooseKind::Tree, 0, None)
        );
    }

    #[test]
    fn every_cut_of_a_stream_is_refused() {
        let whole = object("commit", &b"tree 0000\nauthor x\n\nmessage\n".repeat(50));
        for cut in 0..whole.len() {
            let got = inspect(&whole[..cut], None, false);
            assert!(
                matches!(got, Err(LooseError::Broken(_))),
                "cut at {cut}: {got:?}"
            );
        }
    }

    #[test]
    fn the_size_limit_is_checked_at_the_header() {
        // A gigabyte of zeros compresses to a megabyte: only the header is inflated.
        let mut raw = b"blob 1073741824\0".to_vec();
        raw.extend_from_slice(&[0u8; 1024]);
        let got = inspect(&zlib(&raw)[..], Some(1_000_000), true);
        assert_eq!(
            got,
            Err(LooseError::TooLarge {
                size: 1_073_741_824
            })
        );
    }

    #[test]
    fn bad_headers_and_sizes_are_damage() {
        for raw in [
            &b"blub 3\0abc"[..],
            b"blob 4\0abc",
            b"blob 2\0abc",
            b"blob 03\0abc",
            b"blob -3\0abc",
            b"blob\0",
            b"no header at all, and much longer than any header git would ever write",
        ] {
            assert!(inspect(&zlib(raw)[..], None, false).is_err(), "{raw:?}");
        }
        assert!(inspect(&b"not zlib"[..], None, false).is_err());
    }
}

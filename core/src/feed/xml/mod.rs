//! XML feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, CDF) read the way feedparser,
//! the reference of the field, reads them: a forgiving tokenizer
//! (`tokens`) under a reader of feed elements (`reader`), so that no rule
//! of XML a feed breaks costs more than the text that breaks it. Measured
//! on feedparser's own test suite (tests/feedparser/, README "Feeds as
//! feedparser reads them") against feed-rs, which this replaced.

mod entities;
mod names;
mod reader;
mod text;
mod tokens;

use chrono::{DateTime, Utc};
use url::Url;

use super::RawFeed;

/// What the document is, by its first element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Root {
    Feed,
    Html,
    /// XML of another kind.
    Other,
    /// No element at all.
    Empty,
}

pub(super) fn root(doc: &str) -> Root {
    let first = tokens::Tokens::new(doc).find_map(|t| match t {
        tokens::Token::Start { name, .. } => Some(name.to_ascii_lowercase()),
        _ => None,
    });
    match first {
        None => {
            let head = doc.trim_start().get(..14).unwrap_or_default();
            if head.eq_ignore_ascii_case("<!doctype html") {
                Root::Html
            } else {
                Root::Empty
            }
        }
        Some(name) => match name.rsplit(':').next().unwrap_or_default() {
            "rss" | "rdf" | "feed" | "channel" => Root::Feed,
            "html" | "head" | "body" => Root::Html,
            _ => Root::Other,
        },
    }
}

/// Reads a feed document; `base` is the address it came from (links are
/// resolved against it and `xml:base`); `utf8` whether the document's
/// bytes were UTF-8 (UTF-8 read as Latin-1 is then repaired); at most
/// `max` items are kept.
pub(super) fn read(
    doc: &str,
    base: Option<&Url>,
    utf8: bool,
    max: usize,
    date: &dyn Fn(&str) -> Option<DateTime<Utc>>,
) -> RawFeed {
    reader::Reader::new(doc, base.cloned(), utf8, max, date).read()
}

//! Any text as a bookmarks file (JSON or HTML): read or refused, never a
//! panic, and what is read is sanitised and bounded.
#![no_main]

use khabarain_core::bookmark_io::{json, netscape};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for saved in [json::parse(text), netscape::parse(text)].into_iter().flatten() {
        for b in saved {
            assert!(b.article.url.starts_with("http"));
            common::assert_safe(&b.article.body_html, false);
            assert!(b.tags.len() <= khabarain_core::store::MAX_TAGS);
        }
    }
});

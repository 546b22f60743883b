//! Any bytes as a feed, in any declared encoding: parsed or refused with an
//! error, never a panic; what is kept is bounded.
#![no_main]

use khabarain_core::feed::{parse_feed, MAX_ENTRIES};
use khabarain_core::fetch::charset::feed_to_utf8;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let url = url::Url::parse("https://www.khabarain.example/feed/").expect("url");
    // The first byte picks the charset the server claims.
    let (claim, body) = match data.split_first() {
        Some((b, rest)) => (
            match b % 4 {
                0 => None,
                1 => Some("application/rss+xml; charset=utf-8"),
                2 => Some("text/xml; charset=windows-1256"),
                _ => Some("text/xml; charset=utf-16"),
            },
            rest,
        ),
        None => (None, data),
    };
    let text = feed_to_utf8(body, claim);
    if let Ok(feed) = parse_feed(&text, &url) {
        assert!(feed.entries.len() <= MAX_ENTRIES);
        for e in &feed.entries {
            if let Some(u) = &e.url {
                assert!(matches!(u.scheme(), "http" | "https"));
            }
            assert!(!e.title.contains('\u{202E}'));
            assert!(!e.title.chars().any(khabarain_core::text::is_control));
            assert!(!e.guid.is_empty());
        }
    }
});

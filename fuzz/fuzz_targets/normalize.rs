//! Any text through the Arabic normaliser, the stemmer, the query parser and
//! the snippets: no panic, normalising twice changes nothing, a query is
//! always a safe FTS5 expression, and snippets are pieces of the text.
#![no_main]

use khabarain_core::search::tokens::index_text;
use khabarain_core::search::{highlight, normalize, snippet, Query, Stemmer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let n = normalize(text);
    assert_eq!(normalize(&n), n);
    let _ = index_text(text, Stemmer::Light);
    // The first half as a query, the rest as the text searched.
    let cut = text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i);
    let (q, body) = text.split_at(cut);
    if let Some(query) = Query::parse(q, Stemmer::Light) {
        // Every term is quoted: FTS5 operators cannot come from the reader.
        let unquoted: String = query
            .fts
            .split('"')
            .step_by(2)
            .collect::<Vec<_>>()
            .concat();
        assert!(
            unquoted.chars().all(|c| " ()*ANDOR".contains(c)),
            "{}",
            query.fts
        );
        for segs in [highlight(body, &query, Stemmer::Light), snippet(body, &query, Stemmer::Light, 12)]
            .into_iter()
            .flatten()
        {
            for s in segs {
                assert!(s.text == "… " || s.text == " …" || body.contains(s.text.trim_matches(['…', ' '])));
            }
        }
    }
});

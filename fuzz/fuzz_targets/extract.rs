//! Any text as an article page: extracted or refused, never a panic; the
//! body that comes out is sanitised (no script, no handler, no address
//! other than http(s) and mailto).
#![no_main]

use khabarain_core::extract::{extract, rules::SiteRules};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let url = url::Url::parse("https://www.khabarain.example/2026/11/page/").expect("url");
    let rules = SiteRules::khabarain().expect("rules");
    if let Ok(a) = extract(html, &url, &rules) {
        common::assert_safe(&a.body_html, true);
    }
});

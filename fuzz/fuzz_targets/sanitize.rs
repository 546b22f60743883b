//! Any HTML through the allow-lists (from the site, and stored bodies coming
//! back from a file): what comes out holds nothing that runs or loads.
#![no_main]

use std::collections::HashSet;

use khabarain_core::sanitize::{sanitize_body, sanitize_stored};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let url = url::Url::parse("https://www.khabarain.example/a/").expect("url");
    common::assert_safe(&sanitize_body(html, &url), true);
    common::assert_safe(&sanitize_stored(html, &HashSet::new()), false);
});

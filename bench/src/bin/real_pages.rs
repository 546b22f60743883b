//! The app's extraction and dom_smoothie alone over the same real pages, in
//! one process, for tests/real_pages/run.py (which also syncs the pages
//! through the real CLI and scores everything the benchmark's way).
//!
//! Reads a JSON array of `{"key", "url", "file"}` on stdin (a decompressed
//! page each); writes one JSON line per page: the body each extractor gave
//! (HTML), the app's headline, and the time each took (median of `--runs`
//! passes, default 5, after one warm-up).

use std::io::Read;
use std::time::Instant;

use khabarain_core::extract::{extract, SiteRules};

#[derive(serde::Deserialize)]
struct Page {
    key: String,
    url: String,
    file: String,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let runs = khabarain_bench::arg_number("--runs", 5).max(1);
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .expect("the pages on stdin");
    let pages: Vec<Page> = serde_json::from_str(&input).expect("a JSON array of pages");
    let rules = SiteRules::khabarain().expect("the site's rules");
    for p in pages {
        let html = std::fs::read_to_string(&p.file).unwrap_or_default();
        let url = url::Url::parse(&p.url).expect("the page's address");
        let app = || extract(&html, &url, &rules);
        let smoothie = || {
            dom_smoothie::Readability::new(html.as_str(), Some(url.as_str()), None)
                .ok()
                .and_then(|mut r| r.parse().ok())
        };
        // One warm-up, then the median of the timed passes.
        let (first, theirs) = (app(), smoothie());
        let time = |f: &dyn Fn()| {
            median(
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed().as_secs_f64() * 1000.0
                    })
                    .collect(),
            )
        };
        let app_ms = time(&|| {
            let _ = app();
        });
        let smoothie_ms = time(&|| {
            let _ = smoothie();
        });
        let line = serde_json::json!({
            "key": p.key,
            "app_html": first.as_ref().map(|x| x.body_html.clone()).unwrap_or_default(),
            "app_origin": first.as_ref().map(|x| format!("{:?}", x.body_origin)).unwrap_or_default(),
            "app_title": first.as_ref().map(|x| x.title.clone()).unwrap_or_default(),
            "app_error": first.as_ref().err().map(|e| e.to_string()),
            "app_ms": app_ms,
            "dom_smoothie_html": theirs.map(|a| a.content.to_string()).unwrap_or_default(),
            "dom_smoothie_ms": smoothie_ms,
        });
        println!("{line}");
    }
}

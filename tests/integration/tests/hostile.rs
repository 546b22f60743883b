//! Hostile and broken input (the fixture site's /hostile/ documents), all
//! synced at once beside an ordinary feed: each gets a clear error for its
//! own source or is read safely; the ordinary feed syncs as if they were not
//! there; nothing an entity, a script or a redirect asks for happens.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use khabarain_core::feed::MAX_ENTRIES;
use khabarain_core::store::ListFilter;
use khabarain_core::sync::{SourceReport, SourceStatus};
use khabarain_fixture_site::hostile::NAMES;
use khabarain_integration_tests::{quiet, short_timeouts, Harness};

fn error(r: &SourceReport) -> Option<&'static str> {
    r.error.as_ref().map(|e| e.code)
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_feeds_fail_alone_and_let_nothing_in() {
    let h = Harness::with_policy(short_timeouts()).await;
    let news = h.only_source("category/news/feed/", Some("news"));
    h.store.set_source_enabled(news, true).expect("enable");
    let feeds: Vec<&str> = NAMES
        .iter()
        .copied()
        .filter(|n| !n.ends_with(".html"))
        .collect();
    let ids: HashMap<&str, i64> = feeds
        .iter()
        .map(|n| (*n, h.add_source(&format!("hostile/{n}"), None)))
        .collect();

    let started = Instant::now();
    let report = h
        .syncer
        .sync(quiet())
        .await
        .expect("the sync itself never fails");
    let took = started.elapsed();
    let by = |name: &str| -> &SourceReport {
        let id = if name == "news" { news } else { ids[name] };
        report
            .sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap_or_else(|| panic!("{name} reported"))
    };
    assert!(took < Duration::from_secs(60), "took {took:?}");

    // The ordinary feed is untouched by its neighbours.
    assert_eq!(by("news").status, SourceStatus::Updated);
    assert_eq!(by("news").new, 4);

    // Refused with their own error.
    for (name, code) in [
        ("malformed.xml", "feed_parse"),
        ("unclosed.xml", "feed_parse"),
        // A legacy encoding declared nowhere is refused, not guessed.
        ("undeclared-1256.xml", "feed_parse"),
        ("huge-description.xml", "too_large"),
        ("redirect-loop", "network"),
        ("reset", "network"),
        ("truncated", "network"),
    ] {
        assert_eq!(by(name).status, SourceStatus::Failed, "{name}");
        assert_eq!(error(by(name)), Some(code), "{name}");
    }
    let rows = h.store.sources().expect("sources");
    let huge = rows
        .iter()
        .find(|s| s.id == ids["huge-description.xml"])
        .expect("row");
    assert!(
        huge.last_error
            .as_deref()
            .is_some_and(|e| e.contains("limit")),
        "{huge:?}"
    );

    // Read, as far as they can be.
    for name in [
        "utf16.xml",
        "bom.xml",
        "duplicate-guids.xml",
        "relative-links.xml",
        "bidi-titles.xml",
        "scripts.xml",
    ] {
        assert_eq!(
            by(name).status,
            SourceStatus::Updated,
            "{name}: {:?}",
            by(name).error
        );
    }
    assert_eq!(
        by("duplicate-guids.xml").new,
        2,
        "one guid on two items with their own links: two articles"
    );
    assert_eq!(
        by("no-guid-no-link.xml").new,
        3,
        "items without a guid or a link are kept"
    );
    assert_eq!(
        by("many-items.xml").items,
        MAX_ENTRIES,
        "a feed is read up to its limit"
    );
    assert_eq!(by("odd-dates.xml").new, 3);

    let mut all = Vec::new();
    loop {
        let page = h
            .store
            .list_articles(&ListFilter {
                limit: 1000,
                offset: all.len() as u32,
                ..ListFilter::default()
            })
            .expect("list");
        if page.is_empty() {
            break;
        }
        all.extend(page);
    }
    let base = h.site.base_url();
    let now = chrono::Utc::now().timestamp();
    let mut stored = Vec::new();
    for row in all
        .iter()
        .filter(|a| a.category_slug.as_deref() != Some("news"))
    {
        stored.push(h.store.article(row.id).expect("article"));
    }
    for a in &stored {
        // Nothing from a file the feed named, nothing expanded a billion times.
        for text in [&a.title, &a.summary, &a.body_html] {
            assert!(
                !text.contains("root:"),
                "{}",
                a.url.as_deref().unwrap_or_default()
            );
            assert!(
                text.len() < 100_000,
                "{} is {} bytes",
                a.url.as_deref().unwrap_or_default(),
                text.len()
            );
            for bidi in [
                '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
                '\u{2068}', '\u{2069}',
            ] {
                assert!(
                    !text.contains(bidi),
                    "{:?} in {}",
                    bidi,
                    a.url.as_deref().unwrap_or_default()
                );
            }
        }
        // Links are absolute, where there are links.
        if let Some(url) = &a.url {
            assert!(url.starts_with("http"), "{url}");
        }
        // Dates: never in the future.
        if let Some(p) = a.published_at {
            assert!(
                p <= now + 86_400,
                "{} dated {p}",
                a.url.as_deref().unwrap_or_default()
            );
        }
    }
    for path in ["hostile/page-8/", "hostile/page-9/"] {
        assert!(
            stored
                .iter()
                .any(|a| a.url == Some(format!("{base}{path}"))),
            "relative link {path} resolved"
        );
    }
    let bidi = stored
        .iter()
        .find(|a| {
            a.url
                .as_deref()
                .unwrap_or_default()
                .ends_with("/page-bidi/")
        })
        .expect("the bidi page");
    assert_eq!(bidi.title, "عنوان معكوس ومعزول ومضمّن");

    // The page with scripts is kept as text only.
    let page = stored
        .iter()
        .find(|a| {
            a.url
                .as_deref()
                .unwrap_or_default()
                .ends_with("page-scripts.html")
        })
        .expect("the scripts page");
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<iframe",
        "<form",
        "<input",
        "style",
        "<svg",
        "<object",
        "<embed",
        "<math",
        "beacon/img",
    ] {
        assert!(!page.body_html.contains(bad), "{bad} in {}", page.body_html);
    }
    assert!(page.body_html.contains("فقرة أخيرة سليمة"));
    assert!(!page.title.contains('<') && !page.summary.contains('<'));

    // Nothing asked the beacon: no script ran, no entity was fetched.
    let beacons: Vec<String> = h
        .site
        .requests()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| p.starts_with("/beacon/") && p != "/beacon/img")
        .collect();
    assert!(beacons.is_empty(), "{beacons:?}");
}

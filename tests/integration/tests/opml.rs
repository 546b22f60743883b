//! OPML import against the fixture site: each feed goes through the same
//! discovery as an address typed in the window, folders become sections,
//! and a bad file changes nothing. Export reads back as the same sources.

use khabarain_core::error::Error;
use khabarain_core::opml;
use khabarain_integration_tests::Harness;

fn source_urls(h: &Harness) -> Vec<(String, Option<String>)> {
    let mut v: Vec<_> = h
        .store
        .sources()
        .expect("sources")
        .into_iter()
        .map(|s| (s.url, s.category_slug))
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn an_opml_file_adds_its_feeds_through_discovery_into_sections() {
    let h = Harness::start().await;
    let base = h.site.base_url();
    // Only one source is known before the import.
    for s in h.store.sources().expect("sources") {
        h.store.remove_source(s.id).expect("remove");
    }
    let known = format!("{base}category/politics/feed/");
    h.store
        .ensure_source(&known, Some("politics"))
        .expect("source");
    let file = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>من قارئ آخر</title></head><body>
  <outline text="العالم" title="العالم">
    <outline type="rss" text="Wire RSS" xmlUrl="{base}wire/5/2/10/feed/0/"/>
    <outline type="rss" text="A page, not its feed" xmlUrl="{base}hostile/not-a-feed.html"/>
  </outline>
  <outline text="Tech"><outline type="rss" text="Wire Atom" xmlUrl="{base}wire/5/2/10/feed/1/"/></outline>
  <outline type="rss" text="Known" xmlUrl="{known}"/>
  <outline type="rss" text="Empty answer" xmlUrl="{base}hostile/empty"/>
  <outline type="rss" text="Gone" xmlUrl="{base}no/such/feed/"/>
  <outline type="rss" text="Down" xmlUrl="http://127.0.0.1:1/feed/"/>
</body></opml>"#
    );
    let fetcher =
        khabarain_core::fetch::Fetcher::new(khabarain_integration_tests::short_timeouts())
            .expect("client");
    let report = opml::import(&fetcher, &h.store, &file)
        .await
        .expect("imports");
    assert_eq!(report.added, 4, "{report:#?}");
    assert_eq!(report.found_feed, 1, "{report:#?}");
    assert_eq!(report.known, 1, "{report:#?}");
    let refused: Vec<(&str, &str)> = report
        .refused
        .iter()
        .map(|p| (p.url.as_str(), p.code))
        .collect();
    assert_eq!(
        refused,
        [
            (format!("{base}hostile/empty").as_str(), "not_found"),
            (format!("{base}no/such/feed/").as_str(), "http_status")
        ],
        "{report:#?}"
    );
    assert_eq!(report.unchecked.len(), 1, "{report:#?}");
    assert_eq!(report.unchecked[0].code, "network");

    assert_eq!(
        source_urls(&h),
        [
            (
                format!("{base}category/news/feed/"),
                Some("world".to_string())
            ),
            (known.clone(), Some("politics".to_string())),
            (
                format!("{base}wire/5/2/10/feed/0/"),
                Some("world".to_string())
            ),
            (format!("{base}wire/5/2/10/feed/1/"), None),
            ("http://127.0.0.1:1/feed/".to_string(), None),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );

    let named = h.store.sources().expect("sources");
    let wire = named
        .iter()
        .find(|s| s.url.ends_with("/wire/5/2/10/feed/0/"))
        .expect("wire feed");
    assert_eq!(
        wire.title.as_deref(),
        Some("Wire RSS"),
        "named by the file until its feed names itself"
    );

    // The same file again adds nothing.
    let again = opml::import(&fetcher, &h.store, &file)
        .await
        .expect("imports");
    assert_eq!((again.added, again.known), (0, 5), "{again:#?}");

    // Export, then import into another database: the same sources, sections.
    let xml = opml::export(
        &h.store.sources().expect("sources"),
        &h.store.categories().expect("categories"),
        "Wed, 02 Dec 2026 19:00:00 GMT",
    )
    .expect("exports");
    let other = Harness::start().await;
    for s in other.store.sources().expect("sources") {
        other.store.remove_source(s.id).expect("remove");
    }
    let fetcher2 =
        khabarain_core::fetch::Fetcher::new(khabarain_integration_tests::short_timeouts())
            .expect("client");
    // The other machine's site has another port: the file names this one's.
    opml::import(&fetcher2, &other.store, &xml)
        .await
        .expect("imports");
    assert_eq!(source_urls(&other), source_urls(&h));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_file_changes_nothing() {
    let h = Harness::start().await;
    let before = source_urls(&h);
    let base = h.site.base_url();
    let file = format!(
        r#"<opml version="2.0"><body><outline text="Good" xmlUrl="{base}wire/5/2/10/feed/0/"/><outline text="Bad" xmlUrl="javascript:alert(1)"/></body></opml>"#
    );
    let fetcher = khabarain_core::fetch::Fetcher::new(Default::default()).expect("client");
    let err = opml::import(&fetcher, &h.store, &file)
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::BadOpml(_)), "{err}");
    assert_eq!(err.code(), "bad_opml");
    assert_eq!(source_urls(&h), before);
    // No request was made for the good feed either.
    assert!(!h.site.requests().iter().any(|r| r.path.contains("/wire/")));
}

//! Feeds and pages served in windows-1256 (charset in the HTTP header only
//! for feeds, in a meta tag for pages) arrive as the same Arabic text.

use khabarain_core::store::ListFilter;
use khabarain_integration_tests::{quiet, Harness};

#[tokio::test]
async fn windows_1256_feeds_and_pages_read_as_arabic() {
    let h = Harness::start().await;
    h.only_source("w1256/category/economy/feed/", Some("economy"));
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert_eq!(report.new_articles, 4);

    let rows = h
        .store
        .list_articles(&ListFilter {
            limit: 10,
            ..ListFilter::default()
        })
        .expect("list");
    let corpus = h.site.corpus();
    for row in rows {
        let a = h.store.article(row.id).expect("article");
        assert!(
            a.url.as_deref().unwrap_or_default().contains("/w1256/"),
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
        let slug = a
            .url
            .as_deref()
            .unwrap_or_default()
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .expect("slug");
        let (_, want) = corpus.article(slug).expect("in corpus");
        assert_eq!(a.title, want.title);
        assert_eq!(a.summary, want.summary);
        assert!(
            a.body_html.contains(&want.original_title)
                || a.original_title.as_deref() == Some(&want.original_title)
        );
        assert!(
            !a.body_html.contains('\u{FFFD}'),
            "no replacement characters"
        );
    }
}

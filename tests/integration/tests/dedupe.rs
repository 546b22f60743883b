//! One article is stored once, however it is reached: by its guid within
//! its source, by its URL with tracking parameters, or under a mirror's
//! address whose page names the article's as canonical.

use khabarain_core::store::ListFilter;
use khabarain_integration_tests::{quiet, Harness};

#[tokio::test]
async fn duplicates_are_merged_by_guid_canonical_url_and_the_pages_canonical_link() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("first sync");
    assert_eq!(h.store.article_count().expect("count"), 36);
    let base = h.site.base_url();

    // Tracking parameters and other guids: merged by canonical URL.
    h.store
        .ensure_source(
            &format!("{base}tracked/category/world/feed/"),
            Some("world"),
        )
        .expect("source");
    // Another address (the windows-1256 copy) and other guids: merged by the
    // canonical address its pages name.
    h.store
        .ensure_source(
            &format!("{base}w1256/category/economy/feed/"),
            Some("economy"),
        )
        .expect("source");
    let report = h.syncer.sync(quiet()).await.expect("second sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    let items: usize = report.sources.iter().map(|s| s.items).sum();
    assert_eq!(items, 8, "both extra feeds were read in full");
    assert_eq!(report.new_articles, 0);
    assert_eq!(h.store.article_count().expect("count"), 36);
}

#[tokio::test]
async fn stored_urls_carry_no_tracking_parameters() {
    let h = Harness::start().await;
    h.only_source("tracked/category/sports/feed/", Some("sports"));
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.new_articles, 4, "{report:#?}");
    for row in h
        .store
        .list_articles(&ListFilter {
            limit: 10,
            ..ListFilter::default()
        })
        .expect("list")
    {
        let a = h.store.article(row.id).expect("article");
        assert!(
            !a.url.as_deref().unwrap_or_default().contains('?')
                && !a.url.as_deref().unwrap_or_default().contains('#'),
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
    }
}

//! A source that fails — an error status, a hanging server, a slow one, a
//! body over the limit — is reported with its error and spoils nothing else.

use khabarain_core::fetch::FetchPolicy;
use khabarain_core::sync::SourceStatus;
use khabarain_integration_tests::{quiet, short_timeouts, Harness};

#[tokio::test]
async fn failing_sources_are_reported_and_the_others_still_sync() {
    let h = Harness::with_policy(short_timeouts()).await;
    let broken = h.add_source("status/500/", None);
    let hanging = h.add_source("hang/feed/", None);
    let missing = h.add_source("category/none/feed/", None);
    let slow = h.add_source("slow/1/category/world/feed/", Some("world"));

    let started = std::time::Instant::now();
    let report = h.syncer.sync(quiet()).await.expect("sync runs");
    // The hanging server costs its timeout, not the whole sync.
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );

    let by_id = |id: i64| {
        report
            .sources
            .iter()
            .find(|s| s.source_id == id)
            .expect("reported")
    };
    assert_eq!(by_id(broken).status, SourceStatus::Failed);
    assert_eq!(
        by_id(broken).error.as_ref().map(|e| e.code),
        Some("http_status")
    );
    assert_eq!(
        by_id(hanging).error.as_ref().map(|e| e.code),
        Some("timeout")
    );
    assert_eq!(
        by_id(missing).error.as_ref().map(|e| e.code),
        Some("http_status")
    );
    assert_eq!(by_id(slow).status, SourceStatus::Updated);
    assert_eq!(report.failed_sources, 3);
    assert!(
        !report.unreachable,
        "the site answered, so it is not 'unreachable'"
    );
    assert_eq!(report.new_articles, 36, "the default feeds all synced");

    let sources = h.store.sources().expect("sources");
    let broken_row = sources.iter().find(|s| s.id == broken).expect("row");
    assert!(broken_row
        .last_error
        .as_deref()
        .is_some_and(|e| e.contains("500")));
    assert!(broken_row.last_success_at.is_none());
}

/// A feed over its size limit is kept up to it (the items before the cut,
/// the source marked as cut); a page over its limit is refused, and its
/// article is kept with the feed's text while its page waits for a sync
/// that can read it.
#[tokio::test]
async fn feeds_over_the_limit_keep_what_came_before_it_and_pages_are_refused() {
    let policy = FetchPolicy {
        max_feed_bytes: 2_000,
        max_page_bytes: 2_000,
        ..short_timeouts()
    };
    let h = Harness::with_policy(policy).await;
    let report = h.syncer.sync(quiet()).await.expect("sync runs");
    for s in &report.sources {
        assert_eq!(s.status, SourceStatus::Updated, "{s:#?}");
        assert!(s.cut, "{s:#?}");
        assert!((1..4).contains(&s.items), "{s:#?}");
        assert_eq!(
            (s.pending_pages, s.new, s.failed_pages),
            (s.items, s.items, 0),
            "every page is over its limit: {s:#?}"
        );
    }
    let stored: usize = report.sources.iter().map(|s| s.items).sum();
    assert_eq!(h.store.article_count().expect("count"), stored as i64);
    assert!(h
        .store
        .sources()
        .expect("sources")
        .iter()
        .all(|s| s.last_cut));
}

#[tokio::test]
async fn only_one_sync_runs_at_a_time() {
    let h = Harness::start().await;
    let (a, b) = tokio::join!(h.syncer.sync(quiet()), h.syncer.sync(quiet()));
    let busy = [a.as_ref().err(), b.as_ref().err()]
        .into_iter()
        .flatten()
        .count();
    assert_eq!(busy, 1, "exactly one of two concurrent syncs is refused");
    assert_eq!(h.store.article_count().expect("count"), 36);
}

#[tokio::test]
async fn a_sync_dropped_half_way_does_not_block_the_next() {
    let h = Harness::with_policy(short_timeouts()).await;
    h.store
        .ensure_source(&format!("{}hang/feed/", h.site.base_url()), None)
        .expect("source");
    let first = tokio::time::timeout(
        std::time::Duration::from_millis(300),
        h.syncer.sync(quiet()),
    )
    .await;
    assert!(
        first.is_err(),
        "the hanging source keeps the first sync busy"
    );
    assert!(!h.syncer.is_running());
    let report = h.syncer.sync(quiet()).await.expect("the next sync runs");
    assert_eq!(
        report.failed_sources, 1,
        "only the hanging source: {report:#?}"
    );
    assert_eq!(
        h.store.article_count().expect("count"),
        36,
        "what the first stored plus the rest"
    );
}

#[tokio::test]
async fn a_cancelled_sync_stops_early_and_the_next_one_finishes_the_work() {
    let h = Harness::start().await;
    h.site.set_latency(std::time::Duration::from_millis(100));
    let cancel_soon = async {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        h.syncer.cancel();
    };
    let (report, ()) = tokio::join!(h.syncer.sync(quiet()), cancel_soon);
    let report = report.expect("sync");
    assert!(report.cancelled);
    let stored = h.store.article_count().expect("count");
    assert!(stored < 36, "stopped early: {stored}");

    h.site.set_latency(std::time::Duration::ZERO);
    let report = h.syncer.sync(quiet()).await.expect("next sync");
    assert!(!report.cancelled);
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert_eq!(
        h.store.article_count().expect("count"),
        36,
        "the rest arrived"
    );
}

#[tokio::test]
async fn gzip_is_accepted_and_a_gzip_bomb_is_cut_off_at_the_limit() {
    let h = Harness::with_policy(short_timeouts()).await;
    let zipped = h.only_source("gzip/category/sports/feed/", Some("sports"));
    let bomb = h.add_source("gzipbomb/feed/", None);
    let report = h.syncer.sync(quiet()).await.expect("sync");
    let by_id = |id| {
        report
            .sources
            .iter()
            .find(|s| s.source_id == id)
            .expect("reported")
    };
    assert_eq!(by_id(zipped).status, SourceStatus::Updated);
    assert_eq!(by_id(zipped).items, 4);
    assert_eq!(
        by_id(bomb).error.as_ref().map(|e| e.code),
        Some("too_large"),
        "{report:#?}"
    );
}

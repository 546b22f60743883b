//! Sync is polite and persistent: it never has more requests in flight to the
//! site than the per-host limit, and it retries what failed for a moment.

use khabarain_core::fetch::FetchPolicy;
use khabarain_core::sync::SourceStatus;
use khabarain_integration_tests::{quiet, short_timeouts, Harness};

#[tokio::test]
async fn requests_to_one_host_stay_within_the_limit() {
    for limit in [1, 3] {
        let policy = FetchPolicy {
            max_per_host: limit,
            ..short_timeouts()
        };
        let h = Harness::with_policy(policy).await;
        // Slow answers keep requests in flight long enough to overlap.
        h.site.set_latency(std::time::Duration::from_millis(20));
        h.site.clear_requests();
        let report = h.syncer.sync(quiet()).await.expect("sync");
        assert_eq!(report.new_articles, 36);
        let seen = h.site.max_in_flight();
        assert!(seen <= limit, "limit {limit}, saw {seen} in flight");
        if limit > 1 {
            assert!(seen > 1, "with a limit of {limit}, requests did overlap");
        }
    }
}

#[tokio::test]
async fn transient_failures_are_retried_and_permanent_ones_are_not() {
    let h = Harness::with_policy(short_timeouts()).await;
    // Two 503s, then the feed: within the two retries.
    let flaky = h.add_source("flaky/2/category/world/feed/", None);
    // Three 503s: one more than the retries.
    let flakier = h.add_source("flaky/3/category/news/feed/", None);
    let gone = h.add_source("status/404/", None);
    let report = h.syncer.sync(quiet()).await.expect("sync");
    let by_id = |id| {
        report
            .sources
            .iter()
            .find(|s| s.source_id == id)
            .expect("reported")
    };
    assert_eq!(by_id(flaky).status, SourceStatus::Updated);
    assert_eq!(by_id(flakier).status, SourceStatus::Failed);
    assert_eq!(by_id(gone).status, SourceStatus::Failed);
    let requests = h.site.requests();
    let count = |p: &str| requests.iter().filter(|r| r.path == p).count();
    assert_eq!(count("/flaky/2/category/world/feed/"), 3);
    assert_eq!(count("/flaky/3/category/news/feed/"), 3);
    assert_eq!(count("/status/404/"), 1, "a 404 is not retried");
}

//! Retention keeps what the user asked for and every bookmark, gives the
//! space back, and removed articles do not come back with the next sync.

use khabarain_core::store::{ListFilter, Retention};
use khabarain_integration_tests::{quiet, Harness};

#[tokio::test]
async fn retention_by_count_spares_bookmarks_frees_space_and_sticks() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let all = h
        .store
        .list_articles(&ListFilter {
            limit: 100,
            ..ListFilter::default()
        })
        .expect("list");
    let oldest: Vec<i64> = all.iter().rev().take(2).map(|a| a.id).collect();
    for id in &oldest {
        h.store.set_bookmark(*id, true).expect("bookmark");
    }
    let (pages_before, _) = h.store.page_counts().expect("pages");

    h.store
        .set_retention(Retention {
            max_age_days: None,
            max_articles: Some(10),
        })
        .expect("settings");
    let report = h
        .syncer
        .sync(quiet())
        .await
        .expect("sync applies retention");
    assert_eq!(report.removed_articles, 24, "36 - 10 newest - 2 bookmarked");
    assert_eq!(h.store.article_count().expect("count"), 12);
    for id in &oldest {
        // Kept whole: text and pictures, readable with the site gone.
        let a = h.store.article(*id).expect("bookmarked article");
        assert!(a.bookmarked);
        assert!(a.body_html.contains("<p"), "the text stays");
        let lead = a.image.as_deref().expect("lead picture");
        assert!(h.store.image(lead).expect("lookup").is_some());
    }
    let kept = h
        .store
        .list_articles(&ListFilter {
            limit: 100,
            ..ListFilter::default()
        })
        .expect("list");
    let newest: Vec<i64> = all.iter().take(10).map(|a| a.id).collect();
    assert!(
        newest.iter().all(|id| kept.iter().any(|k| k.id == *id)),
        "the newest ten stay"
    );

    // Every picture a remaining article uses is still there.
    for row in &kept {
        let a = h.store.article(row.id).expect("article");
        assert!(h
            .store
            .image(a.image.as_deref().expect("lead"))
            .expect("lookup")
            .is_some());
        if let Some(i) = a.body_html.find("data-image=\"") {
            let hash = &a.body_html[i + 12..i + 76];
            assert!(
                h.store.image(hash).expect("lookup").is_some(),
                "inline picture kept"
            );
        }
    }
    let (pages_after, free_after) = h.store.page_counts().expect("pages");
    assert!(pages_after < pages_before, "{pages_after} < {pages_before}");
    assert_eq!(free_after, 0, "free pages went back to the disk");

    // The feeds still list the removed articles: they stay removed.
    h.store
        .ensure_source(&format!("{}feed/", h.site.base_url()), None)
        .expect("full feed");
    let report = h.syncer.sync(quiet()).await.expect("resync");
    assert_eq!(report.new_articles, 0);
    assert_eq!(h.store.article_count().expect("count"), 12);
}

//! Sync from the fixture site into a database file: everything arrives once,
//! a second sync is conditional and adds nothing, and with the site gone the
//! articles and their images are still there.

use khabarain_core::store::{ListFilter, Store};
use khabarain_core::sync::SourceStatus;
use khabarain_integration_tests::{quiet, Harness};

#[tokio::test]
async fn first_sync_stores_every_article_once_with_its_image_and_links() {
    let h = Harness::start().await;
    let corpus_len = h.site.corpus().articles.len();
    let report = h.syncer.sync(quiet()).await.expect("sync runs");

    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert!(!report.unreachable);
    assert_eq!(report.new_articles, corpus_len);
    assert_eq!(h.store.article_count().expect("count") as usize, corpus_len);
    assert!(report
        .sources
        .iter()
        .all(|s| s.status == SourceStatus::Updated && s.failed_pages == 0));

    // The navigation comes from the seed page, in its order.
    let cats = h.store.categories().expect("categories");
    let want: Vec<_> = h
        .site
        .corpus()
        .categories
        .iter()
        .map(|c| c.name.clone())
        .collect();
    let got: Vec<_> = cats.iter().map(|c| c.name.clone()).collect();
    assert_eq!(got, want);
    assert!(cats.iter().all(|c| c
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with(&h.site.base_url()))));

    // 36 articles share 12 pictures: the cache keeps each picture once.
    assert_eq!(h.store.image_count().expect("images"), 12);

    let list = h
        .store
        .list_articles(&ListFilter {
            limit: 1000,
            ..ListFilter::default()
        })
        .expect("list");
    assert_eq!(list.len(), corpus_len);
    assert!(
        list.windows(2)
            .all(|w| w[0].published_at >= w[1].published_at),
        "newest first"
    );
    for row in &list {
        let a = h.store.article(row.id).expect("article");
        let hash = a
            .image
            .clone()
            .unwrap_or_else(|| panic!("{}: no image", a.url.as_deref().unwrap_or_default()));
        let img = h.store.image(&hash).expect("lookup").expect("image stored");
        assert_eq!(img.mime, "image/jpeg");
        assert!(!a.body_html.is_empty() && a.original_title.is_some() && a.image_caption.is_some());
        assert_eq!(
            a.see_also.len(),
            1,
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
        assert!(
            a.related.len() >= 2,
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
        // Every link points at an article of the same corpus, so all resolve.
        assert!(
            a.see_also
                .iter()
                .chain(&a.related)
                .all(|l| l.article_id.is_some()),
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
    }

    // Filed under its category.
    let world = h
        .store
        .list_articles(&ListFilter {
            category: Some("world".into()),
            limit: 100,
            ..ListFilter::default()
        })
        .expect("world");
    assert_eq!(world.len(), 4);
}

#[tokio::test]
async fn second_sync_adds_nothing_and_only_sends_conditional_requests() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("first sync");
    let before = h.store.article_count().expect("count");
    h.site.clear_requests();

    let report = h.syncer.sync(quiet()).await.expect("second sync");
    assert_eq!(report.new_articles, 0);
    assert_eq!(h.store.article_count().expect("count"), before);
    assert!(
        report
            .sources
            .iter()
            .all(|s| s.status == SourceStatus::NotModified),
        "{report:#?}"
    );

    let requests = h.site.requests();
    let feeds: Vec<_> = requests
        .iter()
        .filter(|r| r.path.contains("/feed/"))
        .collect();
    assert_eq!(feeds.len(), 9);
    assert!(
        feeds.iter().all(|r| r.conditional && r.status == 304),
        "{feeds:#?}"
    );
    // No article page or image is fetched again.
    assert!(
        requests
            .iter()
            .all(|r| r.path == "/" || r.path.contains("/feed/")),
        "{requests:#?}"
    );
}

#[tokio::test]
async fn with_the_site_gone_articles_and_images_stay_readable() {
    let h = Harness::with_policy(khabarain_integration_tests::short_timeouts()).await;
    h.syncer.sync(quiet()).await.expect("sync");
    let path = h.db_path();
    let Harness {
        site,
        syncer,
        store,
        dir: _dir,
        ..
    } = h;
    site.stop().await;

    // The running app: a sync now says the site cannot be reached, and loses nothing.
    let report = syncer.sync(quiet()).await.expect("sync runs");
    assert!(report.unreachable, "{report:#?}");
    assert_eq!(report.new_articles, 0);
    let sources = store.sources().expect("sources");
    assert!(sources
        .iter()
        .all(|s| s.last_error.is_some() && s.last_success_at.is_some()));
    drop(syncer);
    drop(store);

    // A fresh start on the same file, without any network.
    let store = Store::open(&path).expect("reopen");
    let list = store
        .list_articles(&ListFilter {
            limit: 1000,
            ..ListFilter::default()
        })
        .expect("list");
    assert_eq!(list.len(), 36);
    for row in list {
        let a = store.article(row.id).expect("article");
        assert!(a.body_html.contains("<p"));
        let img = store
            .image(&a.image.expect("image hash"))
            .expect("lookup")
            .expect("cached");
        assert!(img.bytes.starts_with(&[0xFF, 0xD8, 0xFF]), "a real JPEG");
    }
}

#[tokio::test]
async fn atom_and_json_feeds_of_the_same_site_add_no_duplicates() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    for path in [
        "category/world/feed/atom/",
        "category/sports/feed/json/",
        "feed/",
    ] {
        h.add_source(path, None);
    }
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert_eq!(report.new_articles, 0);
    let items: usize = report.sources.iter().map(|s| s.items).sum();
    assert_eq!(items, 4 + 4 + 36, "all three formats were read");
    assert_eq!(h.store.article_count().expect("count"), 36);
}

#[tokio::test]
async fn read_marks_and_bookmarks_survive_a_resync() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let first = h
        .store
        .list_articles(&ListFilter {
            limit: 2,
            ..ListFilter::default()
        })
        .expect("list");
    h.store.set_bookmark(first[0].id, true).expect("bookmark");
    h.store.set_read(first[1].id, true).expect("read");
    // A feed that lists every stored article again, read in full.
    h.store
        .ensure_source(&format!("{}feed/", h.site.base_url()), None)
        .expect("source");
    let report = h.syncer.sync(quiet()).await.expect("resync");
    assert_eq!(report.sources.iter().map(|s| s.items).sum::<usize>(), 36);
    let a = h.store.article(first[0].id).expect("a");
    let b = h.store.article(first[1].id).expect("b");
    assert!(a.bookmarked && b.read);
    assert_eq!(h.store.bookmark_count().expect("bookmarks"), 1);
}

#[tokio::test]
async fn an_unchanged_feed_without_validators_is_not_processed_again() {
    let h = Harness::start().await;
    let id = h.only_source("novalidators/category/world/feed/", Some("world"));
    let first = h.syncer.sync(quiet()).await.expect("first");
    assert_eq!(first.new_articles, 4);
    h.site.clear_requests();
    let second = h.syncer.sync(quiet()).await.expect("second");
    let report = second
        .sources
        .iter()
        .find(|s| s.source_id == id)
        .expect("report");
    assert_eq!(report.status, SourceStatus::NotModified, "{report:#?}");
    assert_eq!(report.items, 0, "the body was not parsed");
    let requests = h.site.requests();
    let feed: Vec<_> = requests
        .iter()
        .filter(|r| r.path.contains("/feed/"))
        .collect();
    assert_eq!(feed.len(), 1);
    assert!(!feed[0].conditional && feed[0].status == 200, "{feed:?}");
}

#[tokio::test]
async fn inline_pictures_are_cached_and_the_body_points_at_the_copies() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let list = h
        .store
        .list_articles(&ListFilter {
            limit: 100,
            ..ListFilter::default()
        })
        .expect("list");
    let mut with_pictures = 0;
    for row in list {
        let a = h.store.article(row.id).expect("article");
        assert!(
            !a.body_html.contains("src="),
            "no address in a stored body: {}",
            a.url.as_deref().unwrap_or_default()
        );
        assert!(
            !a.body_html.contains("/images/"),
            "{}",
            a.url.as_deref().unwrap_or_default()
        );
        if let Some(start) = a.body_html.find("data-image=\"") {
            with_pictures += 1;
            let hash = &a.body_html[start + 12..start + 12 + 64];
            assert!(
                h.store.image(hash).expect("lookup").is_some(),
                "{}: {hash} not cached",
                a.url.as_deref().unwrap_or_default()
            );
            assert!(a
                .body_html
                .contains("<figcaption dir=\"auto\">صورة من الأرشيف"));
        }
    }
    assert_eq!(with_pictures, 9, "every fourth article of 36 has one");
}

#[tokio::test]
async fn an_article_the_feed_says_changed_is_read_again_and_keeps_its_user_state() {
    let h = Harness::start().await;
    // Atom feeds say when an item was last updated.
    h.only_source("category/health/feed/atom/", Some("health"));
    h.syncer.sync(quiet()).await.expect("first sync");
    let corpus = h.site.corpus();
    let (_, target) = corpus.in_category("health")[0];
    let id = h
        .store
        .list_articles(&ListFilter {
            limit: 10,
            ..ListFilter::default()
        })
        .expect("list")
        .into_iter()
        .find(|a| a.title == target.title)
        .expect("stored")
        .id;
    h.store.set_bookmark(id, true).expect("bookmark");
    h.store.set_read(id, true).expect("read");

    let later = target.published + chrono::Duration::hours(3);
    assert!(h.site.update_article(
        &target.slug,
        later,
        "تحديث: أعلنت الوزارة أرقاماً جديدة مساء اليوم."
    ));
    let report = h.syncer.sync(quiet()).await.expect("second sync");
    let health = report
        .sources
        .iter()
        .find(|s| s.status != SourceStatus::Skipped)
        .expect("report");
    assert_eq!((health.new, health.updated), (0, 1), "{report:#?}");
    let a = h.store.article(id).expect("same id");
    assert!(
        a.body_html.contains("تحديث: أعلنت الوزارة أرقاماً جديدة"),
        "{}",
        a.body_html
    );
    assert!(a.bookmarked && a.read, "user state kept");
    assert_eq!(a.see_also.len(), 1, "links rewritten once, not doubled");

    // Nothing changed since: a third sync reads nothing again.
    let report = h.syncer.sync(quiet()).await.expect("third sync");
    assert_eq!(
        report
            .sources
            .iter()
            .map(|s| s.updated + s.new)
            .sum::<usize>(),
        0
    );
}

#[tokio::test]
async fn a_changed_entry_whose_page_did_not_change_costs_a_304() {
    let h = Harness::start().await;
    h.only_source("category/health/feed/atom/", Some("health"));
    h.syncer.sync(quiet()).await.expect("first sync");
    let corpus = h.site.corpus();
    let (_, target) = corpus.in_category("health")[0];
    assert!(h
        .site
        .touch_article(&target.slug, target.published + chrono::Duration::hours(1)));
    h.site.clear_requests();
    let report = h.syncer.sync(quiet()).await.expect("second sync");
    assert_eq!(report.sources[0].updated, 0, "{report:#?}");
    let page: Vec<_> = h
        .site
        .requests()
        .into_iter()
        .filter(|r| r.path == target.path())
        .collect();
    assert_eq!(page.len(), 1, "the page was asked for again");
    assert!(page[0].conditional && page[0].status == 304, "{page:?}");
    // And the same change is not looked at twice.
    h.site.clear_requests();
    h.syncer.sync(quiet()).await.expect("third sync");
    assert!(h.site.requests().iter().all(|r| r.path != target.path()));
}

//! Sync over the wire (`khabarain_fixture_site::wire`): a corpus made by
//! written rules, not by hand, where headlines repeat on the same day and
//! differ only in spelling, guids collide across feeds, items lack links
//! or guids, and one article sits in two feeds. The invariants are checked
//! over all of it: every distinct article is stored exactly once, each with
//! its own body (its page's, or its own item's when it has no page), and a
//! second sync adds nothing.

use std::collections::HashMap;

use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::site_config::Site;
use khabarain_core::store::ArticleDetail;
use khabarain_core::sync::{SyncOptions, Syncer};
use khabarain_fixture_site::render::esc;
use khabarain_fixture_site::wire::Wire;
use khabarain_integration_tests::{all_articles, quiet, Harness};

fn wire() -> Wire {
    Wire::new(2026, 12, 40)
}

/// A harness whose only sources are the wire's feeds.
fn with_wire(h: &Harness, w: &Wire) {
    for s in h.store.sources().expect("sources") {
        h.store.set_source_enabled(s.id, false).expect("disable");
    }
    for f in 0..w.feeds {
        h.add_source(&format!("{}feed/{f}/", &w.prefix()[1..]), Some("world"));
    }
}

/// The wire's articles by their first paragraph (each has its own).
fn by_first_paragraph(w: &Wire) -> HashMap<String, usize> {
    let map: HashMap<String, usize> = (0..w.len())
        .map(|n| (esc(&w.first_paragraph(n)), n))
        .collect();
    assert_eq!(map.len(), w.len(), "the rule gives every article its own");
    map
}

#[tokio::test(flavor = "multi_thread")]
async fn every_distinct_article_is_stored_once_with_its_own_body() {
    let w = wire();
    // The corpus is as adversarial as the rules say.
    let titles: Vec<String> = (0..w.len()).map(|n| w.title(n)).collect();
    let distinct_titles: std::collections::HashSet<&String> = titles.iter().collect();
    assert!(
        distinct_titles.len() < w.len() * 3 / 4,
        "{} headlines for {} articles",
        distinct_titles.len(),
        w.len()
    );
    assert!((0..w.len()).any(|n| !w.linked(n)));

    let h = Harness::start().await;
    with_wire(&h, &w);
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    let failed: usize = report.sources.iter().map(|s| s.failed_pages).sum();
    assert_eq!(failed, 0, "{report:#?}");

    let base = h.site.base_url();
    let base = base.trim_end_matches('/');
    let firsts = by_first_paragraph(&w);
    let all = all_articles(&h.store);
    assert_eq!(all.len(), w.len(), "stored ÷ distinct must be 1");
    assert_eq!(report.new_articles, w.len());

    let mut seen = vec![0usize; w.len()];
    for a in &all {
        // Whose text is this? Exactly one article's.
        let owners: Vec<usize> = firsts
            .iter()
            .filter(|(p, _)| a.body_html.contains(p.as_str()))
            .map(|(_, n)| *n)
            .collect();
        assert_eq!(owners.len(), 1, "{:?} holds the text of {owners:?}", a.url);
        let n = owners[0];
        seen[n] += 1;
        let want = w.article(n);
        match &want.path {
            Some(path) => assert_eq!(
                a.url.as_deref(),
                Some(format!("{base}{path}").as_str()),
                "article {n}'s body under another address"
            ),
            None => assert_eq!(a.url, None, "article {n} has no link"),
        }
        assert_eq!(a.title, want.title, "article {n}");
        for p in &want.paragraphs {
            assert!(
                a.body_html.contains(&esc(p)),
                "article {n} lost «{p}» from {}",
                a.body_html
            );
        }
    }
    let missing: Vec<usize> = (0..w.len()).filter(|n| seen[*n] != 1).collect();
    assert!(missing.is_empty(), "articles not stored once: {missing:?}");

    // Nothing is added twice, link or no link, guid or no guid.
    let again = h.syncer.sync(quiet()).await.expect("second sync");
    assert_eq!(again.new_articles, 0, "{again:#?}");
    assert_eq!(h.store.article_count().expect("count"), w.len() as i64);
}

#[tokio::test(flavor = "multi_thread")]
async fn headlines_only_sync_keeps_every_distinct_article_too() {
    let w = wire();
    let h = Harness::start().await;
    with_wire(&h, &w);
    let syncer = Syncer::new(
        h.store.clone(),
        Fetcher::new(FetchPolicy::default()).expect("client"),
        Site::parse(&h.site.base_url()).expect("site"),
        SyncOptions {
            full_text: false,
            ..SyncOptions::default()
        },
    )
    .expect("syncer");
    let report = syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert_eq!(h.store.article_count().expect("count"), w.len() as i64);
    let items: usize = report.sources.iter().map(|s| s.items).sum();
    assert!(items > w.len(), "some articles are listed twice");
    let again = syncer.sync(quiet()).await.expect("second");
    assert_eq!(again.new_articles, 0);

    // The articles without a link are kept with their whole text.
    let firsts = by_first_paragraph(&w);
    let linkless: Vec<ArticleDetail> = all_articles(&h.store)
        .into_iter()
        .filter(|a| a.url.is_none())
        .collect();
    let want = (0..w.len()).filter(|n| !w.linked(*n)).count();
    assert_eq!(linkless.len(), want);
    for a in &linkless {
        let n = firsts
            .iter()
            .find(|(p, _)| a.body_html.contains(p.as_str()))
            .map(|(_, n)| *n)
            .unwrap_or_else(|| panic!("{} has no text of its own", a.title));
        assert!(!w.linked(n));
    }
}

/// Two stores of one wire, synced in opposite feed orders, hold the same
/// articles: identity does not depend on which feed came first.
#[tokio::test(flavor = "multi_thread")]
async fn the_order_of_the_feeds_does_not_change_what_is_kept() {
    let w = Wire::new(7, 6, 30);
    let h = Harness::start().await;
    for s in h.store.sources().expect("sources") {
        h.store.set_source_enabled(s.id, false).expect("disable");
    }
    for f in (0..w.feeds).rev() {
        h.add_source(&format!("{}feed/{f}/", &w.prefix()[1..]), None);
    }
    let syncer = Syncer::new(
        h.store.clone(),
        Fetcher::new(FetchPolicy::default()).expect("client"),
        Site::parse(&h.site.base_url()).expect("site"),
        SyncOptions {
            feed_concurrency: 1,
            ..SyncOptions::default()
        },
    )
    .expect("syncer");
    syncer.sync(quiet()).await.expect("sync");
    let mut urls: Vec<Option<String>> = all_articles(&h.store).into_iter().map(|a| a.url).collect();
    urls.sort();
    let mut want: Vec<Option<String>> = (0..w.len())
        .map(|n| {
            w.article(n)
                .path
                .map(|p| format!("{}{p}", h.site.base_url().trim_end_matches('/')))
        })
        .collect();
    want.sort();
    assert_eq!(urls, want);
}

//! Article text free of site chrome, on pages nobody tuned the rules to:
//! the wire's page shapes (`khabarain_fixture_site::wire::shapes`, four CMS
//! templates, fourteen kinds of ad slot, see-also lines typed inside
//! paragraphs, share bars, related blocks, text that looks like chrome).
//! Synced through the real fetch, extraction, sanitiser and SQLite; what
//! is checked is what the reader is shown: every stored body against its
//! page's manifest.

use std::collections::HashMap;

use khabarain_core::extract::block_texts;
use khabarain_fixture_site::wire::shapes::{self, score::Score, LAYOUTS};
use khabarain_fixture_site::wire::Wire;
use khabarain_integration_tests::{all_articles, quiet, Harness};

#[tokio::test(flavor = "multi_thread")]
async fn stored_bodies_keep_every_paragraph_and_no_chrome() {
    let wire = Wire::new(19, 1, 400);
    let h = Harness::start().await;
    h.only_source(
        &shapes::prefix(&wire)[1..].replace("shapes/", "shapes/feed"),
        None,
    );
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");

    let base = h.site.base_url();
    let base = base.trim_end_matches('/');
    let stored: HashMap<String, String> = all_articles(&h.store)
        .into_iter()
        .filter_map(|a| Some((a.url?, a.body_html)))
        .collect();
    assert_eq!(stored.len(), wire.len(), "every page stored");

    let mut all = Score::default();
    let mut by_layout = vec![Score::default(); LAYOUTS.len()];
    for n in 0..wire.len() {
        let page = shapes::page(&wire, n);
        let body = stored
            .get(&format!("{base}{}", page.path))
            .unwrap_or_else(|| panic!("page {n} not stored"));
        let blocks = block_texts(body);
        all.add(&page, &blocks);
        let l = LAYOUTS.iter().position(|l| *l == page.layout).unwrap_or(0);
        by_layout[l].add(&page, &blocks);
    }
    for (l, s) in LAYOUTS.iter().zip(&by_layout) {
        eprintln!(
            "{l}: {} pages, paragraph recall {:.4}, token precision {:.4}, leaked {}",
            s.pages,
            s.paragraph_recall(),
            s.token_precision(),
            s.leaked()
        );
        assert!(s.pages >= 100, "{l}");
    }
    assert!(
        all.paragraph_recall() >= 0.99,
        "paragraph recall {:.4}: {:#?}",
        all.paragraph_recall(),
        all.examples
    );
    assert_eq!(
        all.leaked(),
        0,
        "chrome leaked {:?}: {:#?}",
        all.leaks,
        all.examples
    );
    assert!(all.subheading_recall() >= 0.99, "{:#?}", all.examples);
}

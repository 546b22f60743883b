//! Search quality over the fixture site's articles, synced into a real
//! database: the query set in data/search_quality.json (each query with the
//! articles it must find; every other article is one it must not find, the
//! listed ones being the traps), with recall and precision per kind of
//! query and in all. The test fails below the levels reached.
//!
//! The same set compares the stemmers (light10, Snowball's Arabic, none) on
//! an in-memory FTS5 index of the same articles: the app uses the one with
//! the best balance (F1), and this test fails if that stops being so.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use khabarain_core::feed::html_to_text;
use khabarain_core::search::Stemmer;
use khabarain_core::store::search::STEMMER;
use khabarain_core::store::{ListFilter, Store};
use khabarain_integration_tests::{quiet, Harness, MemoryIndex};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    q: String,
    kind: String,
    find: Vec<String>,
    not: Vec<String>,
}

/// Levels reached (with the app's stemmer); the test fails below them.
const MIN_RECALL: f64 = 1.0;
const MIN_PRECISION: f64 = 0.90;

#[derive(Default, Clone, Copy)]
struct Score {
    relevant: usize,
    found: usize,
    returned: usize,
    returned_relevant: usize,
}

impl Score {
    fn add(&mut self, relevant: &BTreeSet<i64>, got: &BTreeSet<i64>) {
        self.relevant += relevant.len();
        self.found += relevant.intersection(got).count();
        self.returned += got.len();
        self.returned_relevant += relevant.intersection(got).count();
    }
    fn recall(&self) -> f64 {
        if self.relevant == 0 {
            1.0
        } else {
            self.found as f64 / self.relevant as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.returned == 0 {
            1.0
        } else {
            self.returned_relevant as f64 / self.returned as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn cases() -> Vec<Case> {
    serde_json::from_str(include_str!("../data/search_quality.json")).expect("query set")
}

/// Article ids by slug (the last part of the page address).
fn ids_by_slug(store: &Store) -> HashMap<String, i64> {
    store
        .list_articles(&ListFilter {
            limit: 1000,
            ..ListFilter::default()
        })
        .expect("list")
        .into_iter()
        .map(|a| {
            let url = store
                .article(a.id)
                .expect("article")
                .url
                .unwrap_or_default();
            let slug = url
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            (slug, a.id)
        })
        .collect()
}

/// An in-memory index of the same texts with one stemmer, built the way
/// the store builds its own, searched the way the store searches.
fn bench(store: &Store, ids: &[i64], stemmer: Stemmer) -> (Stemmer, MemoryIndex) {
    let index = MemoryIndex::new(
        &["title", "summary", "body", "original_title", "byline"],
        stemmer,
        true,
    );
    for id in ids {
        let a = store.article(*id).expect("article");
        let mut body = html_to_text(&a.body_html);
        if let Some(c) = &a.image_caption {
            body.push(' ');
            body.push_str(c);
        }
        // The byline and the feed's tags, as the store indexes them (a tag
        // that only names the article's section left out).
        let section = a.category_label.clone().or_else(|| {
            let slug = a.category_slug.as_deref()?;
            store
                .categories()
                .ok()?
                .into_iter()
                .find(|c| c.slug == slug)
                .map(|c| c.name)
        });
        let byline: Vec<String> = a
            .authors
            .iter()
            .map(|p| p.name.clone())
            .chain(
                a.feed_tags
                    .iter()
                    .filter(|t| Some(t.shown()) != section.as_deref())
                    .map(|t| format!("{} {}", t.term, t.label.as_deref().unwrap_or_default())),
            )
            .collect();
        index.add(
            *id,
            &[
                &a.title,
                &a.summary,
                &body,
                a.original_title.as_deref().unwrap_or_default(),
                &byline.join(" "),
            ],
        );
    }
    (stemmer, index)
}

#[tokio::test(flavor = "multi_thread")]
async fn arabic_search_finds_what_the_reader_means() {
    let h = Harness::start().await;
    h.syncer.sync(quiet()).await.expect("sync");
    let store = &h.store;
    assert!(store.search_index_current().expect("index"));
    let ids = ids_by_slug(store);
    assert_eq!(ids.len(), 36);
    let cases = cases();
    assert!(cases.len() >= 40, "{} queries", cases.len());
    let all_ids: Vec<i64> = ids.values().copied().collect();
    let benches: Vec<(Stemmer, MemoryIndex)> = [Stemmer::Light, Stemmer::Snowball, Stemmer::None]
        .into_iter()
        .map(|s| bench(store, &all_ids, s))
        .collect();

    let mut by_kind: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut per_stemmer = [Score::default(); 3];
    let mut misses = Vec::new();
    for case in &cases {
        let slugs = |v: &[String]| -> BTreeSet<i64> {
            v.iter()
                .map(|s| *ids.get(s).unwrap_or_else(|| panic!("no article {s}")))
                .collect()
        };
        let relevant = slugs(&case.find);
        let traps = slugs(&case.not);
        assert!(relevant.is_disjoint(&traps), "{}", case.q);
        // A finished query (the reader stopped typing): a trailing space.
        let text = format!("{} ", case.q);
        let got: BTreeSet<i64> = store
            .list_articles(&ListFilter {
                query: Some(text.clone()),
                limit: 100,
                ..ListFilter::default()
            })
            .expect("search")
            .into_iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(
            store
                .count_articles(&ListFilter {
                    query: Some(text.clone()),
                    ..ListFilter::default()
                })
                .expect("count"),
            got.len() as i64,
            "{}",
            case.q
        );
        by_kind
            .entry(case.kind.clone())
            .or_default()
            .add(&relevant, &got);
        total.add(&relevant, &got);
        let missed: Vec<&String> = case
            .find
            .iter()
            .filter(|s| !got.contains(&ids[*s]))
            .collect();
        let wrong: Vec<String> = got
            .difference(&relevant)
            .map(|id| {
                let slug = ids
                    .iter()
                    .find(|(_, v)| *v == id)
                    .map(|(k, _)| k.clone())
                    .unwrap_or_default();
                if traps.contains(id) {
                    format!("{slug} (trap)")
                } else {
                    slug
                }
            })
            .collect();
        if !missed.is_empty() || !wrong.is_empty() {
            misses.push(format!(
                "  {:<24} missed {missed:?} wrong {wrong:?}",
                case.q
            ));
        }
        for (i, (stemmer, bench)) in benches.iter().enumerate() {
            let found: BTreeSet<i64> = bench.search(&text).into_iter().collect();
            if *stemmer == STEMMER {
                assert_eq!(
                    found, got,
                    "the in-memory index agrees with the store: {}",
                    case.q
                );
            }
            per_stemmer[i].add(&relevant, &found);
        }
    }

    println!(
        "search quality over {} queries (stemmer {:?}):",
        cases.len(),
        STEMMER
    );
    for (kind, s) in &by_kind {
        println!(
            "  {kind:<14} recall {:.3}  precision {:.3}",
            s.recall(),
            s.precision()
        );
    }
    println!(
        "  {:<14} recall {:.3}  precision {:.3}  F1 {:.3}",
        "all",
        total.recall(),
        total.precision(),
        total.f1()
    );
    println!("not as judged:\n{}", misses.join("\n"));
    println!("stemmers compared:");
    for (i, s) in [Stemmer::Light, Stemmer::Snowball, Stemmer::None]
        .iter()
        .enumerate()
    {
        println!(
            "  {s:<9?} recall {:.3}  precision {:.3}  F1 {:.3}",
            per_stemmer[i].recall(),
            per_stemmer[i].precision(),
            per_stemmer[i].f1()
        );
    }
    assert!(total.recall() >= MIN_RECALL, "recall {:.3}", total.recall());
    assert!(
        total.precision() >= MIN_PRECISION,
        "precision {:.3}",
        total.precision()
    );
    let chosen = [Stemmer::Light, Stemmer::Snowball, Stemmer::None]
        .iter()
        .position(|s| *s == STEMMER)
        .expect("known stemmer");
    for (i, s) in per_stemmer.iter().enumerate() {
        assert!(
            per_stemmer[chosen].f1() >= s.f1(),
            "the app's stemmer is not the best on this set (stemmer {i})"
        );
    }
    // Queries that must find nothing find nothing.
    assert_eq!(by_kind["nothing"].returned, 0);
}

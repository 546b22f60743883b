//! The reader's rules (issue 30) over corpora made by written rules:
//!
//! - the wire's search corpus (`wire::mentions`: 1,500 articles, each
//!   sentence naming one thing in one of its Arabic forms, and recording
//!   it), in a real SQLite file: a rule on a thing's dictionary form catches
//!   the articles that name it in any form (attached letters, plurals,
//!   duals, spellings) and no others; a two-word name as a phrase does not
//!   catch its words standing apart; every action's count is exactly what
//!   the lists, the counts and the bookmarks then show; removing the rules
//!   gives everything back and nothing was ever deleted;
//! - the wire itself, synced from the fixture site: rules made before a
//!   sync and rules made after it hit the same articles, and a second sync
//!   changes nothing.

use std::collections::{BTreeMap, HashSet};

use khabarain_core::rules::{Action, Field, RuleSpec};
use khabarain_core::store::{ListFilter, NewArticle, Store};
use khabarain_fixture_site::wire::mentions::{self, Kind};
use khabarain_fixture_site::wire::Wire;
use khabarain_integration_tests::{all_articles, quiet, Harness};

const SEED: u64 = 30;
const ARTICLES: usize = 1_500;

fn count(store: &Store, f: ListFilter) -> i64 {
    store.count_articles(&f).expect("count")
}

fn hidden() -> ListFilter {
    ListFilter {
        hidden: true,
        ..Default::default()
    }
}

fn unread() -> ListFilter {
    ListFilter {
        unread_only: true,
        ..Default::default()
    }
}

/// The corpus in a real database; each article's id with the concepts it
/// names.
fn stored(dir: &tempfile::TempDir) -> (Store, Vec<(i64, Vec<&'static str>)>) {
    let store = Store::open(&dir.path().join("rules.sqlite3")).expect("db");
    let mut out = Vec::new();
    for n in 0..ARTICLES {
        let a = mentions::article(SEED, n);
        let body: String = a.paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        let new = NewArticle {
            category_slug: Some("world".into()),
            ..NewArticle::plain(
                format!("rule-mention-{n}"),
                Some(format!("https://wire.example/r/{n}/")),
                a.title.clone(),
                body,
                Some(1_700_000_000 + n as i64),
            )
        };
        let (id, _) = store.insert_article(&new, None, &[]).expect("insert");
        out.push((id, a.concepts));
    }
    (store, out)
}

#[test]
fn a_rule_catches_a_thing_in_every_form_and_nothing_else() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, corpus) = stored(&dir);
    let mut missed = BTreeMap::new();
    let mut wrong = BTreeMap::new();
    let (mut relevant_all, mut caught_all, mut right_all) = (0, 0, 0);
    for c in mentions::concepts() {
        let words = match c.kind {
            Kind::Place | Kind::Noun { .. } if !c.lemma.contains(' ') => c.lemma.to_string(),
            // A name of two words is a phrase.
            Kind::Place | Kind::Name => format!("«{}»", c.lemma),
            Kind::Noun { .. } | Kind::Number(_) => continue,
        };
        let relevant: HashSet<i64> = corpus
            .iter()
            .filter(|(_, cs)| cs.contains(&c.id))
            .map(|(id, _)| *id)
            .collect();
        let p = store
            .preview_rule(&RuleSpec::new(&words, Action::Hide), usize::MAX)
            .expect("preview");
        assert_eq!(p.count, p.first.len());
        let caught: HashSet<i64> = p.first.iter().map(|(id, _)| *id).collect();
        relevant_all += relevant.len();
        caught_all += caught.len();
        right_all += caught.intersection(&relevant).count();
        let m = relevant.difference(&caught).count();
        let w = caught.difference(&relevant).count();
        if m > 0 {
            missed.insert(words.clone(), (m, relevant.len()));
        }
        if w > 0 {
            wrong.insert(words.clone(), (w, caught.len()));
        }
    }
    let recall = right_all as f64 / relevant_all as f64;
    let precision = right_all as f64 / caught_all as f64;
    eprintln!(
        "rules on the wire's mentions: recall {recall:.4}, precision {precision:.4} \
         ({right_all} of {relevant_all} caught, {caught_all} in all); \
         missed {missed:?}; wrongly caught {wrong:?}"
    );
    // Phrases never catch their words standing apart (قوات الأمن, الأمم
    // alone, الولايات المتحدة): every two-word rule is exact.
    for key in wrong.keys() {
        assert!(
            !key.starts_with('«'),
            "a phrase caught look-alikes: {wrong:?}"
        );
    }
    assert!(recall >= 0.99, "recall {recall:.4}: missed {missed:?}");
    assert!(precision >= 0.99, "precision {precision:.4}: {wrong:?}");
}

#[test]
fn every_action_does_exactly_what_its_count_says_and_is_taken_back() {
    let dir = tempfile::tempdir().expect("dir");
    let (store, corpus) = stored(&dir);
    let total = corpus.len() as i64;
    assert_eq!(count(&store, ListFilter::default()), total);

    // Hide: the lists and the counts lose exactly what it caught.
    let hide = store
        .add_rule(&RuleSpec::new("روسيا", Action::Hide))
        .expect("hide");
    assert!(hide.count > 50, "{hide:?}");
    assert_eq!(
        count(&store, ListFilter::default()),
        total - hide.count as i64
    );
    assert_eq!(count(&store, hidden()), hide.count as i64);
    assert_eq!(count(&store, unread()), total - hide.count as i64);
    let russia = ListFilter {
        query: Some("بروسيا ".into()),
        ..Default::default()
    };
    assert_eq!(
        count(&store, russia.clone()),
        0,
        "searches leave them out too"
    );
    let ids: Vec<i64> = store
        .list_articles(&ListFilter {
            limit: 1000,
            ..hidden()
        })
        .expect("hidden")
        .iter()
        .map(|a| a.id)
        .collect();
    let by = store.hidden_by(&ids).expect("by");
    assert_eq!(by.len(), ids.len());
    assert!(by.iter().all(|b| b.rule_id == hide.rule_id));

    // Read: the unread count drops by what it changed, no more.
    let before = count(&store, unread());
    let read = store
        .add_rule(&RuleSpec::new("الصين", Action::Read))
        .expect("read");
    let changed = before - count(&store, unread());
    assert!(changed > 0 && changed <= read.count as i64);
    let visible_china = store
        .preview_rule(&RuleSpec::new("الصين", Action::Read), usize::MAX)
        .expect("preview")
        .first
        .iter()
        .filter(|(id, _)| !ids.contains(id))
        .count() as i64;
    assert_eq!(
        changed, visible_china,
        "every visible Chinese article, once"
    );

    // Bookmark with a tag: exactly its count carry the tag.
    let save = store
        .add_rule(&RuleSpec {
            tag: Some("سفن".into()),
            ..RuleSpec::new("سفينة", Action::Bookmark)
        })
        .expect("save");
    let tagged = ListFilter {
        bookmarked_only: true,
        tag: Some("سفن".into()),
        ..Default::default()
    };
    assert_eq!(count(&store, tagged.clone()), save.count as i64);
    assert_eq!(store.bookmark_count().expect("n"), save.count as i64);

    // Undo each: the reader's state comes back exactly.
    store.undo_rule(save.batch, None).expect("undo save");
    assert_eq!(store.bookmark_count().expect("n"), 0);
    store.undo_rule(read.batch, None).expect("undo read");
    assert_eq!(count(&store, unread()), before);
    store.remove_rule(hide.rule_id).expect("remove");
    assert_eq!(count(&store, ListFilter::default()), total);
    assert_eq!(count(&store, hidden()), 0);
    assert!(count(&store, russia) > 50);
    assert!(store.rules().expect("rules").is_empty());
    assert_eq!(store.article_count().expect("n"), total, "nothing deleted");
}

/// Hits per rule, in rule order, each article by its headline and the
/// start of its text (the same in two harnesses, whose addresses differ).
fn hits(store: &Store) -> Vec<(String, Vec<String>)> {
    let guids: BTreeMap<i64, String> = all_articles(store)
        .into_iter()
        .map(|a| {
            let text: String = khabarain_core::feed::html_to_text(&a.body_html)
                .chars()
                .take(120)
                .collect();
            (a.id, format!("{} | {text}", a.title))
        })
        .collect();
    let mut out = Vec::new();
    for r in store.rules().expect("rules") {
        let p = store
            .preview_rule(&r.spec, usize::MAX)
            .expect("preview")
            .first;
        let mut g: Vec<String> = p.iter().map(|(id, _)| guids[id].clone()).collect();
        g.sort();
        assert_eq!(
            g.len() as i64,
            r.hits,
            "{}: what it hit is what it catches",
            r.spec.words
        );
        out.push((r.spec.words.clone(), g));
    }
    out
}

fn with_wire(h: &Harness, w: &Wire) {
    for s in h.store.sources().expect("sources") {
        h.store.set_source_enabled(s.id, false).expect("disable");
    }
    for f in 0..w.feeds {
        h.add_source(&format!("{}feed/{f}/", &w.prefix()[1..]), Some("world"));
    }
}

/// Words the wire's headlines use often and seldom, chosen by rule: the
/// 3rd, 10th and 30th most common words of five letters or more.
fn wire_words(w: &Wire) -> Vec<String> {
    let mut n: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..w.len() {
        for word in w.title(i).split_whitespace() {
            if word.chars().count() >= 5
                && word.chars().all(|c| ('\u{621}'..='\u{64a}').contains(&c))
            {
                *n.entry(word.to_string()).or_default() += 1;
            }
        }
    }
    let mut by: Vec<(usize, String)> = n.into_iter().map(|(k, v)| (v, k)).collect();
    by.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    [2, 9, 29]
        .iter()
        .filter_map(|&i| by.get(i).map(|(_, w)| w.clone()))
        .collect()
}

fn add_rules(store: &Store, words: &[String]) {
    let actions = [Action::Hide, Action::Read, Action::Notify];
    for (w, a) in words.iter().zip(actions) {
        store.add_rule(&RuleSpec::new(w, a)).expect("rule");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn rules_made_before_a_sync_and_after_it_hit_the_same_articles() {
    let w = Wire::new(2026, 12, 40);
    let words = wire_words(&w);
    assert_eq!(words.len(), 3, "{words:?}");

    let before = Harness::start().await;
    with_wire(&before, &w);
    add_rules(&before.store, &words);
    let report = before.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0);

    let after = Harness::start().await;
    with_wire(&after, &w);
    after.syncer.sync(quiet()).await.expect("sync");
    add_rules(&after.store, &words);

    let hits_before = hits(&before.store);
    assert!(
        hits_before.iter().all(|(_, g)| !g.is_empty()),
        "{hits_before:?}"
    );
    assert_eq!(hits_before, hits(&after.store));
    for h in [&before, &after] {
        assert_eq!(
            h.store.count_articles(&hidden()).expect("hidden"),
            hits_before[0].1.len() as i64
        );
    }

    // A hidden article shown again stays shown through a second sync, and
    // the second sync changes nothing else.
    let shown = before
        .store
        .list_articles(&hidden())
        .expect("hidden")
        .first()
        .map(|a| a.id)
        .expect("one hidden");
    before.store.show_again(shown).expect("show");
    let stored = before.store.article_count().expect("n");
    let second = before.syncer.sync(quiet()).await.expect("sync again");
    assert_eq!(second.new_articles, 0);
    assert_eq!(before.store.article_count().expect("n"), stored);
    assert_eq!(
        before.store.count_articles(&hidden()).expect("hidden"),
        hits_before[0].1.len() as i64 - 1
    );
    assert!(before
        .store
        .list_articles(&ListFilter {
            limit: 1000,
            ..Default::default()
        })
        .expect("list")
        .iter()
        .any(|a| a.id == shown));
}

/// Words the site's own headlines share, chosen by rule: every Arabic word
/// of five letters or more in the headlines of two corpus articles or more.
fn corpus_words(corpus: &khabarain_fixture_site::corpus::Corpus) -> Vec<String> {
    let mut n: BTreeMap<String, HashSet<usize>> = BTreeMap::new();
    for (k, a) in corpus.articles.iter().enumerate() {
        for word in a.title.split_whitespace() {
            if word.chars().count() >= 5
                && word.chars().all(|c| ('\u{621}'..='\u{64a}').contains(&c))
            {
                n.entry(word.to_string()).or_default().insert(k);
            }
        }
    }
    n.into_iter()
        .filter(|(_, ks)| ks.len() >= 2)
        .map(|(w, _)| w)
        .collect()
}

/// The bench corpus (the generated feeds the benchmarks sync: the site's
/// articles recombined, renamed, a headline in four of them spelt otherwise
/// and half of them numbered) meets a rule as its source text does: a
/// headline rule catches exactly the generated items made from the corpus
/// articles it catches on the site itself.
#[tokio::test(flavor = "multi_thread")]
async fn the_bench_corpus_meets_a_rule_as_its_source_text_does() {
    const ITEMS: usize = 100;
    let site = Harness::start().await;
    let report = site.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0);
    let corpus = site.site.corpus();
    let index_of_title: BTreeMap<String, usize> = corpus
        .articles
        .iter()
        .enumerate()
        .map(|(k, a)| (a.title.clone(), k))
        .collect();

    let bench = Harness::start().await;
    for s in bench.store.sources().expect("sources") {
        bench
            .store
            .set_source_enabled(s.id, false)
            .expect("disable");
    }
    for f in 0..2 {
        bench.add_source(&format!("gen/{ITEMS}/feed/{f}/"), Some("world"));
    }
    let report = bench.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0);
    // Each generated item's corpus article, by its page's address.
    let made_from: BTreeMap<i64, usize> = all_articles(&bench.store)
        .into_iter()
        .map(|a| {
            let url = a.url.expect("an address");
            let parts: Vec<usize> = url
                .trim_end_matches('/')
                .rsplit('/')
                .take(2)
                .filter_map(|p| p.parse().ok())
                .collect();
            let (i, f) = (parts[0], parts[1]);
            let k = khabarain_fixture_site::generated::article(&corpus, ITEMS, f, i).0;
            (a.id, k)
        })
        .collect();
    assert_eq!(made_from.len(), 2 * ITEMS);

    let words = corpus_words(&corpus);
    assert!(words.len() >= 3, "{words:?}");
    let mut checked = 0;
    for w in &words {
        let rule = RuleSpec {
            field: Field::Title,
            ..RuleSpec::new(w, Action::Hide)
        };
        let on_site: HashSet<usize> = site
            .store
            .preview_rule(&rule, usize::MAX)
            .expect("preview")
            .first
            .iter()
            .map(|(_, title)| index_of_title[title])
            .collect();
        let expected: HashSet<i64> = made_from
            .iter()
            .filter(|(_, k)| on_site.contains(k))
            .map(|(id, _)| *id)
            .collect();
        let applied = bench.store.add_rule(&rule).expect("rule");
        let caught: HashSet<i64> = bench
            .store
            .preview_rule(&rule, usize::MAX)
            .expect("preview")
            .first
            .iter()
            .map(|(id, _)| *id)
            .collect();
        assert_eq!(caught, expected, "{w}: the same articles, renamed");
        assert_eq!(applied.count, expected.len(), "{w}: its count");
        checked += expected.len();
        bench.store.remove_rule(applied.rule_id).expect("remove");
    }
    eprintln!(
        "bench corpus: {} headline rules, {checked} generated items caught as their source articles are",
        words.len()
    );
    assert!(checked > 0);
    assert_eq!(bench.store.count_articles(&hidden()).expect("hidden"), 0);
    assert_eq!(
        bench.store.article_count().expect("n"),
        2 * ITEMS as i64,
        "nothing deleted"
    );
}

//! Breaking news through a real sync: the fixture site publishes 120 items
//! made by a written rule (urgent cues in the spellings sites use, urgent
//! tags, decoys that only look urgent, repeated headlines, stale items), and
//! the store's alert pass must pick exactly the fresh urgent ones, each
//! once, whatever later syncs bring. The expected set comes from the rule,
//! never from the cue matcher.

use std::collections::BTreeSet;

use chrono::{Duration, Utc};
use khabarain_core::alerts::{notices, Notice, Wording};
use khabarain_fixture_site::corpus::Article;
use khabarain_fixture_site::generated;
use khabarain_integration_tests::{quiet, Harness};

const ITEMS: usize = 120;
const NOON: u16 = 12 * 60;

/// How item `i` is marked, and whether a reader should be told of it.
struct Marked {
    article: Article,
    urgent: bool,
    fresh: bool,
}

const CUES: &[&str] = &[
    "عاجل",
    "خبر عاجل",
    "عاجـــل",
    "عَاجِل",
    "أخبار عاجلة",
    "Breaking",
];
const SEPARATORS: &[&str] = &[": ", " | ", " - ", " : ", " – ", "، "];
const TAGS: &[&str] = &["عاجل", "Breaking-News", "أخبار عاجلة", "urgent"];

fn marked(i: usize, now: chrono::DateTime<Utc>) -> Marked {
    let corpus = khabarain_fixture_site::corpus::Corpus::bundled();
    // Generated items repeat the corpus's 36 headlines, some word for word,
    // some in another spelling.
    let (_, mut a) = generated::article(&corpus, ITEMS, 7, i);
    let headline = a.title.clone();
    a.slug = format!("alert-{i}");
    a.page_path = None;
    a.image = None;
    a.category = corpus.categories[i % corpus.categories.len()].slug.clone();
    let fresh = i % 17 != 5;
    a.published = if fresh {
        now - Duration::minutes(i as i64)
    } else {
        now - Duration::hours(30)
    };
    let k = i / 8;
    let urgent = match i % 8 {
        0 => {
            let cue = CUES[k % CUES.len()];
            a.title = format!("{cue}{}{headline}", SEPARATORS[k % SEPARATORS.len()]);
            true
        }
        1 => {
            a.tags = vec!["تقارير".into(), TAGS[k % TAGS.len()].into()];
            true
        }
        2 => {
            a.title = format!("عاجلاً أم آجلاً: {headline}");
            false
        }
        3 => {
            a.title = format!("مساعدات عاجلة بعد {headline}");
            a.tags = vec!["عاجل جداً من المراسل".into()];
            false
        }
        4 => {
            a.title = format!("[عاجل] {headline}");
            true
        }
        5 => {
            a.title = format!("\u{200F}عاجل: {headline}");
            true
        }
        _ => false,
    };
    a.title_repeat = a.title.clone();
    Marked {
        article: a,
        urgent,
        fresh,
    }
}

fn slug_of(h: &Harness, id: i64) -> String {
    let url = h.store.article(id).expect("article").url.expect("a link");
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .expect("a slug")
        .to_string()
}

#[tokio::test]
async fn exactly_the_fresh_urgent_items_are_told_once_each() {
    let h = Harness::start().await;
    let first = h.syncer.sync(quiet()).await.expect("first sync");
    let before = h.store.article_count().expect("count") as usize;
    assert_eq!(first.new_articles, before);
    // A first sync tells nothing, however many urgent items it brings.
    let now = Utc::now();
    assert!(h
        .store
        .take_alerts(now.timestamp(), NOON)
        .expect("pass")
        .alerts
        .is_empty());

    let items: Vec<Marked> = (0..ITEMS).map(|i| marked(i, now)).collect();
    let distinct_titles: BTreeSet<_> = items.iter().map(|m| m.article.title.as_str()).collect();
    assert!(distinct_titles.len() < ITEMS, "the rule repeats headlines");
    for m in &items {
        h.site.publish(m.article.clone());
    }
    let report = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.failed_sources, 0, "{report:#?}");
    assert_eq!(report.new_articles, ITEMS, "every distinct item stored");
    assert_eq!(
        h.store.article_count().expect("count") as usize,
        before + ITEMS
    );

    let want: BTreeSet<String> = items
        .iter()
        .filter(|m| m.urgent && m.fresh)
        .map(|m| m.article.slug.clone())
        .collect();
    assert!(want.len() > 50, "{}", want.len());
    let pass = h
        .store
        .take_alerts(Utc::now().timestamp(), NOON)
        .expect("pass");
    let got: BTreeSet<String> = pass
        .alerts
        .iter()
        .map(|a| slug_of(&h, a.article_id))
        .collect();
    let missed: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {missed:?}, extra {extra:?}"
    );
    assert_eq!(pass.alerts.len(), want.len(), "each once");
    for alert in &pass.alerts {
        let slug = slug_of(&h, alert.article_id);
        let m = items
            .iter()
            .find(|m| m.article.slug == slug)
            .expect("published");
        assert!(alert.urgent);
        assert_eq!(alert.title, m.article.title);
        assert!(alert.section.is_some(), "{slug} has a section");
    }
    // A burst is one summary that counts them all.
    match notices(pass.alerts, Wording::default()).as_slice() {
        [Notice::Summary { count, .. }] => assert_eq!(*count, want.len()),
        other => panic!("{other:?}"),
    }

    // The next sync brings nothing new and nothing is told again.
    let again = h.syncer.sync(quiet()).await.expect("sync");
    assert_eq!(again.new_articles, 0);
    assert!(h
        .store
        .take_alerts(Utc::now().timestamp(), NOON)
        .expect("pass")
        .alerts
        .is_empty());

    // One more urgent item: told alone, by its own headline.
    let mut last = marked(ITEMS, Utc::now()).article;
    last.title = "عاجل: انقطاع الكهرباء عن العاصمة بعد عاصفة ثلجية".into();
    last.title_repeat = last.title.clone();
    h.site.publish(last.clone());
    assert_eq!(h.syncer.sync(quiet()).await.expect("sync").new_articles, 1);
    let pass = h
        .store
        .take_alerts(Utc::now().timestamp(), NOON)
        .expect("pass");
    match notices(pass.alerts, Wording::default()).as_slice() {
        [Notice::One(a)] => {
            assert_eq!(a.title, last.title);
            assert_eq!(slug_of(&h, a.article_id), last.slug);
        }
        other => panic!("{other:?}"),
    }
}

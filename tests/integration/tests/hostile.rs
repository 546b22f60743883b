//! Hostile and broken input (the fixture site's /hostile/ documents), all
//! synced at once beside an ordinary feed: each is read as far as it can be
//! or gets a clear error for its own source; the unit of failure is the
//! item, never the feed; the ordinary feed syncs as if they were not there;
//! nothing an entity, a script or a redirect asks for happens, and no
//! control character reaches the database.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use khabarain_core::feed::MAX_ENTRIES;
use khabarain_core::fetch::FetchPolicy;
use khabarain_core::store::ArticleDetail;
use khabarain_core::sync::{SourceReport, SourceStatus, SyncReport};
use khabarain_core::text::is_control;
use khabarain_fixture_site::hostile::{self, ARABIC_DATES};
use khabarain_integration_tests::{all_articles, quiet, short_timeouts, Harness};

fn error(r: &SourceReport) -> Option<&'static str> {
    r.error.as_ref().map(|e| e.code)
}

struct Synced {
    h: Harness,
    report: SyncReport,
    ids: HashMap<&'static str, i64>,
    news: i64,
    took: Duration,
}

impl Synced {
    fn by(&self, name: &str) -> &SourceReport {
        let id = if name == "news" {
            self.news
        } else {
            self.ids[name]
        };
        self.report
            .sources
            .iter()
            .find(|s| s.source_id == id)
            .unwrap_or_else(|| panic!("{name} reported"))
    }

    /// The articles stored from one hostile feed (their pages live under
    /// its items' links, so they are told apart by the URL or the guid).
    fn from(&self, prefix: &str) -> Vec<ArticleDetail> {
        all_articles(&self.h.store)
            .into_iter()
            .filter(|a| {
                a.url
                    .as_deref()
                    .is_some_and(|u| u.contains(&format!("/hostile/page-{prefix}")))
            })
            .collect()
    }
}

/// Every hostile feed beside the site's news feed, in one sync.
async fn sync_all() -> Synced {
    let h = Harness::with_policy(short_timeouts()).await;
    let news = h.only_source("category/news/feed/", Some("news"));
    h.store.set_source_enabled(news, true).expect("enable");
    let ids: HashMap<&'static str, i64> = hostile::feeds()
        .filter(|n| *n != "hang-pages.xml")
        .map(|n| (n, h.add_source(&format!("hostile/{n}"), None)))
        .collect();
    let started = Instant::now();
    let report = h
        .syncer
        .sync(quiet())
        .await
        .expect("the sync itself never fails");
    Synced {
        took: started.elapsed(),
        h,
        report,
        ids,
        news,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_feeds_cost_what_is_bad_in_them_and_let_nothing_in() {
    let s = sync_all().await;
    let by = |n: &str| s.by(n);
    assert!(s.took < Duration::from_secs(60), "took {:?}", s.took);

    // The ordinary feed is untouched by its neighbours.
    assert_eq!(by("news").status, SourceStatus::Updated);
    assert_eq!(by("news").new, 4);

    // Refused, each with its own clear error.
    for (name, code) in [
        ("redirect-loop", "network"),
        ("reset", "network"),
        ("truncated", "network"),
        ("not-a-feed.html", "not_a_feed"),
        ("empty", "not_a_feed"),
    ] {
        assert_eq!(by(name).status, SourceStatus::Failed, "{name}");
        assert_eq!(error(by(name)), Some(code), "{name}");
    }
    let sources = s.h.store.sources().expect("sources");
    let page = sources
        .iter()
        .find(|x| x.id == s.ids["not-a-feed.html"])
        .expect("row");
    assert!(
        page.last_error
            .as_deref()
            .is_some_and(|e| e.contains("not a feed") && e.contains("HTML page")),
        "{page:?}"
    );

    // A legacy encoding declared nowhere is known by the detector
    // (chardetng), not refused.
    let undeclared = sources
        .iter()
        .find(|x| x.id == s.ids["undeclared-1256.xml"])
        .expect("row");
    assert_eq!(
        undeclared.encoding.as_deref(),
        Some("windows-1256"),
        "{undeclared:?}"
    );

    // Read, every item that can be read. These all link one page, which is
    // one article however many feeds list it: a stray tag in a headline
    // and an item never closed are read loosely; entities are not expanded.
    let page_1 = [
        "malformed.xml",
        "unclosed.xml",
        "billion-laughs.xml",
        "xxe.xml",
        "utf16.xml",
        "bom.xml",
        "undeclared-1256.xml",
    ];
    for name in page_1 {
        assert_eq!(
            by(name).status,
            SourceStatus::Updated,
            "{name}: {:?}",
            by(name).error
        );
        assert_eq!((by(name).items, by(name).failed_pages), (1, 0), "{name}");
    }
    assert_eq!(page_1.iter().map(|n| by(n).new).sum::<usize>(), 1);
    for (name, new) in [
        ("relative-links.xml", 2),
        ("bidi-titles.xml", 1),
        ("scripts.xml", 1),
        // One guid on two items with their own links: two articles.
        ("duplicate-guids.xml", 2),
        // Without a guid, a link, or either.
        ("no-guid-no-link.xml", 3),
        ("odd-dates.xml", 3),
        ("rss-bad-item.xml", 3),
        ("atom-bad-item.xml", 3),
        // Seven objects (one numeric id, a numeric title, wrong-typed tags,
        // a numeric date, no id), and one item that is not an object.
        ("json-wrong-types.json", 7),
        ("bare-ampersand.xml", 1),
        ("controls.xml", 1),
        ("controls.json", 1),
        ("arabic-dates.xml", ARABIC_DATES.len()),
        // The same guids in two feeds: other articles.
        ("same-guids-a.xml", 3),
        ("same-guids-b.xml", 3),
        ("javascript-link.xml", 1),
        // One headline, one day, five pages: five articles.
        ("repeated-headlines.xml", 5),
        // Past a limit: what came before it.
        ("huge-description.xml", 1),
        ("huge-middle.xml", 7),
    ] {
        assert_eq!(
            (by(name).status, by(name).new),
            (SourceStatus::Updated, new),
            "{name}: {:?}",
            by(name).error
        );
        assert_eq!(by(name).failed_pages, 0, "{name}");
    }
    assert_eq!(by("json-wrong-types.json").items, 7);

    // Limits cost what lies past them, and the source says it was cut.
    for name in [
        "huge-description.xml",
        "huge-middle.xml",
        "many-items.xml",
        "oversized.xml",
    ] {
        assert!(by(name).cut, "{name} is marked as cut");
        let row = sources.iter().find(|x| x.id == s.ids[name]).expect("row");
        assert!(row.last_cut && row.last_error.is_none(), "{row:?}");
    }
    assert!(!by("news").cut);
    assert_eq!(by("many-items.xml").items, MAX_ENTRIES);
    let big = by("oversized.xml");
    assert!(
        (500..1500).contains(&big.new),
        "the items before the 8 MiB cut: {}",
        big.new
    );
    let huge = s.from("mid-huge");
    assert_eq!(huge.len(), 1);
    for (i, a) in s.from("mid-").iter().enumerate() {
        assert!(a.body_html.contains("نص عادي"), "{i}: {}", a.title);
    }

    // Text: no control character anywhere in what was stored.
    let mut stored = all_articles(&s.h.store);
    stored.retain(|a| a.category_slug.as_deref() != Some("news"));
    let now = chrono::Utc::now().timestamp();
    for a in &stored {
        let texts = [
            Some(&a.title),
            Some(&a.summary),
            Some(&a.body_html),
            a.original_title.as_ref(),
            a.image_caption.as_ref(),
            a.image_credit.as_ref(),
            a.category_label.as_ref(),
        ];
        for text in texts.into_iter().flatten() {
            assert!(!text.chars().any(is_control), "{:?} in {:?}", text, a.url);
            // Nothing from a file the feed named, nothing expanded a billion times.
            assert!(!text.contains("root:"), "{:?}", a.url);
            assert!(text.len() < 400_000, "{:?} is {} bytes", a.url, text.len());
            for bidi in [
                '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
                '\u{2068}', '\u{2069}',
            ] {
                assert!(!text.contains(bidi), "{bidi:?} in {:?}", a.url);
            }
        }
        if let Some(url) = &a.url {
            assert!(url.starts_with("http"), "{url}");
        }
        if let Some(p) = a.published_at {
            assert!(p <= now + 86_400, "{:?} dated {p}", a.url);
        }
    }
    for x in &sources {
        for text in [&x.title, &x.last_error].into_iter().flatten() {
            assert!(!text.chars().any(is_control), "{text:?}");
        }
    }
    let controls = s.from("controls");
    assert_eq!(controls.len(), 2);
    assert!(controls.iter().any(|a| a.title == "صفحة[2J فيها تحكم31m"));
    let js = stored
        .iter()
        .find(|a| a.title == "رابط ليس عنواناً")
        .expect("the item with a javascript: link");
    assert_eq!(js.url, None);
    assert!(
        js.body_html.contains("نص الخبر كما في الخلاصة"),
        "{}",
        js.body_html
    );

    // Dates as Arabic sites write them; impossible ones are the arrival.
    for (i, (text, want)) in ARABIC_DATES.iter().enumerate() {
        let a = &s.from(&format!("date-{i}/"))[0];
        match want {
            Some(t) => assert_eq!(a.published_at, Some(*t), "{text}"),
            None => assert!(
                a.published_at
                    .is_some_and(|p| (now - 120..=now).contains(&p)),
                "{text}: {:?}",
                a.published_at
            ),
        }
    }

    for path in ["hostile/page-8/", "hostile/page-9/"] {
        let base = s.h.site.base_url();
        assert!(
            stored
                .iter()
                .any(|a| a.url == Some(format!("{base}{path}"))),
            "relative link {path} resolved"
        );
    }
    let bidi = stored
        .iter()
        .find(|a| a.url.as_deref().is_some_and(|u| u.ends_with("/page-bidi/")))
        .expect("the bidi page");
    assert_eq!(bidi.title, "عنوان معكوس ومعزول ومضمّن");

    // The page with scripts is kept as text only.
    let page = stored
        .iter()
        .find(|a| {
            a.url
                .as_deref()
                .is_some_and(|u| u.ends_with("page-scripts.html"))
        })
        .expect("the scripts page");
    for bad in [
        "<script",
        "onclick",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "<iframe",
        "<form",
        "<input",
        "style",
        "<svg",
        "<object",
        "<embed",
        "<math",
        "beacon/img",
    ] {
        assert!(!page.body_html.contains(bad), "{bad} in {}", page.body_html);
    }
    assert!(page.body_html.contains("فقرة أخيرة سليمة"));
    assert!(!page.title.contains('<') && !page.summary.contains('<'));

    // Nothing asked the beacon: no script ran, no entity was fetched.
    let beacons: Vec<String> =
        s.h.site
            .requests()
            .into_iter()
            .map(|r| r.path)
            .filter(|p| p.starts_with("/beacon/") && p != "/beacon/img")
            .collect();
    assert!(beacons.is_empty(), "{beacons:?}");

    // And again: nothing is added twice, whatever the feed's faults.
    let again = s.h.syncer.sync(quiet()).await.expect("second sync");
    assert_eq!(again.new_articles, 0, "{again:#?}");
}

/// Feeds with the text of items cut: the cut item is whole otherwise, its
/// text ends at the stated size with a mark, and the items after it are
/// whole.
#[tokio::test(flavor = "multi_thread")]
async fn an_enormous_description_costs_its_own_text_past_the_limit() {
    let h = Harness::start().await;
    h.only_source("hostile/huge-middle.xml", None);
    let syncer = khabarain_core::sync::Syncer::new(
        h.store.clone(),
        khabarain_core::fetch::Fetcher::new(FetchPolicy::default()).expect("client"),
        khabarain_core::site_config::Site::parse(&h.site.base_url()).expect("site"),
        khabarain_core::sync::SyncOptions {
            full_text: false,
            ..Default::default()
        },
    )
    .expect("syncer");
    let report = syncer.sync(quiet()).await.expect("sync");
    assert_eq!(report.new_articles, 7, "{report:#?}");
    let all = all_articles(&h.store);
    let huge = all
        .iter()
        .find(|a| a.title == "خبر بوصف هائل")
        .expect("the item with the huge description");
    assert!(huge.summary.ends_with('…'));
    assert!(huge.summary.chars().count() <= 2_001);
    for i in 0..6 {
        let a = all
            .iter()
            .find(|a| a.title == format!("خبر عادي رقم {i}"))
            .unwrap_or_else(|| panic!("item {i}"));
        assert_eq!(a.summary, "نص قصير");
    }
}

/// A server that stops answering costs one time budget per source: its
/// feed's (retries included), and its pages' together, not one each.
#[tokio::test(flavor = "multi_thread")]
async fn a_hanging_server_costs_one_budget_per_source() {
    let policy = FetchPolicy {
        timeout: Duration::from_secs(3),
        retries: 3,
        backoff: Duration::from_millis(100),
        budget: Duration::from_secs(4),
        ..short_timeouts()
    };
    let h = Harness::with_policy(policy).await;
    let news = h.only_source("category/news/feed/", Some("news"));
    h.store.set_source_enabled(news, true).expect("enable");
    let feed = h.add_source("hang/feed/", None);
    let pages = h.add_source("hostile/hang-pages.xml", None);
    let started = Instant::now();
    let report = h.syncer.sync(quiet()).await.expect("sync");
    let took = started.elapsed();
    // Timeout × attempts would be 4 × 3 s for the feed, and two waves of
    // that for twelve pages six at a time.
    assert!(took < Duration::from_secs(9), "took {took:?}");
    let by = |id: i64| {
        report
            .sources
            .iter()
            .find(|r| r.source_id == id)
            .expect("report")
    };
    assert_eq!(by(news).new, 4, "other sources are not held up");
    assert_eq!(error(by(feed)), Some("timeout"));
    // Its items are kept with what the feed says; their pages wait for a
    // later sync.
    assert_eq!(
        by(pages).pending_pages,
        12,
        "pages waiting for a later sync"
    );
    assert_eq!((by(pages).new, by(pages).failed_pages), (12, 0));
    let waiting = h
        .store
        .sources()
        .expect("sources")
        .into_iter()
        .find(|s| s.id == pages)
        .expect("row");
    assert_eq!(waiting.pending_pages, 12);
}

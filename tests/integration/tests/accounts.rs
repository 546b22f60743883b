//! Two computers (two databases) syncing through one real Miniflux (on a
//! throwaway PostgreSQL cluster), subscribed to the fixture site: a
//! bookmark made on one is a bookmark on the other, a read mark too, a
//! source added on one appears on the other, work done while the server is
//! down reaches the other once it is back, and the newest change of a flag
//! wins.

// A real Miniflux on PostgreSQL, both Linux programs: not in the tests run
// as Windows programs under Wine.
#![cfg(unix)]

use std::sync::Arc;
use std::time::Duration;

use khabarain_core::accounts::engine::AccountReport;
use khabarain_core::accounts::secrets::{Place, Secrets};
use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::site_config::Site;
use khabarain_core::store::accounts::Account;
use khabarain_core::store::Store;
use khabarain_core::sync::{SyncOptions, Syncer};
use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;

struct Computer {
    _dir: tempfile::TempDir,
    store: Arc<Store>,
    syncer: Syncer,
    secrets: Secrets,
    account: i64,
}

/// The account's kind, its user name and password on the test server.
fn login(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "miniflux" => (miniflux::ADMIN, miniflux::ADMIN_PASSWORD),
        _ => (miniflux::READER_USER, miniflux::READER_PASSWORD),
    }
}

impl Computer {
    /// A computer with the app's sections and only `sources` (paths under
    /// the site), its account on `server`.
    async fn new(site: &FixtureSite, server: &Miniflux, sources: &[&str], kind: &str) -> Self {
        Self::with(site, server, sources, kind, SyncOptions::default()).await
    }

    async fn with(
        site: &FixtureSite,
        server: &Miniflux,
        sources: &[&str],
        kind: &str,
        options: SyncOptions,
    ) -> Self {
        let dir = tempfile::tempdir().expect("dir");
        let store = Arc::new(Store::open(&dir.path().join("khabarain.sqlite3")).expect("db"));
        let syncer = Syncer::new(
            store.clone(),
            Fetcher::new(FetchPolicy::default()).expect("client"),
            Site::parse(&site.base_url()).expect("site"),
            options,
        )
        .expect("syncer");
        syncer.seed_defaults().expect("defaults");
        for s in store.sources().expect("sources") {
            store.remove_source(s.id).expect("remove");
        }
        for (path, section) in sources.iter().map(|p| (p, p.split('/').nth(1))) {
            store
                .ensure_source(&format!("{}{path}", site.base_url()), section)
                .expect("source");
        }
        let secrets = Secrets::beside(&dir.path().join("khabarain.sqlite3"));
        let (user, password) = login(kind);
        let account = khabarain_core::accounts::add(
            &store,
            &secrets,
            kind,
            &server.url,
            user,
            password,
            Place::Session,
        )
        .await
        .expect("account added")
        .id;
        Self {
            _dir: dir,
            store,
            syncer,
            secrets,
            account,
        }
    }

    fn account(&self) -> Account {
        self.store
            .accounts()
            .expect("accounts")
            .into_iter()
            .find(|a| a.id == self.account)
            .expect("account")
    }

    async fn sync(&self) -> khabarain_core::Result<AccountReport> {
        khabarain_core::accounts::sync(&self.syncer, &self.secrets, &self.account()).await
    }

    /// The article at this page address.
    fn article(&self, url: &str) -> i64 {
        khabarain_integration_tests::all_articles(&self.store)
            .into_iter()
            .find(|a| a.url.as_deref() == Some(url))
            .unwrap_or_else(|| panic!("no article {url}"))
            .id
    }

    fn urls(&self) -> Vec<String> {
        let mut v: Vec<String> = khabarain_integration_tests::all_articles(&self.store)
            .into_iter()
            .filter_map(|a| a.url)
            .collect();
        v.sort();
        v
    }

    fn flags(&self, url: &str) -> (bool, bool) {
        let id = self.article(url);
        self.store.local_flags(&[id]).expect("flags")[&id]
    }
}

/// The server's admin, through Miniflux's own API: what another computer
/// (or the server's own settings) does to it.
fn admin(server: &Miniflux, timeout: Duration) -> khabarain_core::accounts::miniflux::Client {
    use khabarain_core::accounts::miniflux::{Auth, Client};
    Client::new(
        &server.url,
        Auth::Password {
            user: miniflux::ADMIN.into(),
            password: miniflux::ADMIN_PASSWORD.into(),
        },
        timeout,
    )
    .expect("client")
}

fn page_urls(site: &FixtureSite, section: &str) -> Vec<String> {
    let base = site.base_url();
    let mut v: Vec<String> = site
        .corpus()
        .in_category(section)
        .into_iter()
        .map(|(_, a)| format!("{}{}", base.trim_end_matches('/'), a.path()))
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread")]
async fn two_computers_share_bookmarks_read_marks_and_sources_miniflux_api() {
    share(&["miniflux", "miniflux"]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_computers_share_bookmarks_read_marks_and_sources_google_reader_api() {
    share(&["greader", "greader"]).await;
}

/// One computer on each API of the same server.
#[tokio::test(flavor = "multi_thread")]
async fn two_computers_share_bookmarks_read_marks_and_sources_one_on_each_api() {
    share(&["miniflux", "greader"]).await;
}

async fn share(kinds: &[&str; 2]) {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let a = Computer::new(&site, &server, &["category/world/feed/"], kinds[0]).await;
    let b = Computer::new(&site, &server, &[], kinds[1]).await;

    let first = a.sync().await.expect("A syncs");
    assert_eq!(first.subscriptions, 1, "{first:?}");
    let world = page_urls(&site, "world");
    assert_eq!(
        a.urls(),
        world,
        "A stored every world article with its page"
    );
    b.sync().await.expect("B syncs");
    assert_eq!(b.urls(), world, "B has the same articles");
    let b_sources = b.store.sources().expect("sources");
    assert_eq!(b_sources.len(), 1);
    assert_eq!(
        b_sources[0].category_slug.as_deref(),
        Some("world"),
        "into its section"
    );
    let detail = b.store.article(b.article(&world[0])).expect("article");
    assert!(
        detail.body_html.contains("<p"),
        "the page's text, fetched by B itself"
    );

    // A bookmark saved on A is a bookmark on B; read on B is read on A.
    a.store
        .set_bookmark(a.article(&world[0]), true)
        .expect("bookmark");
    a.sync().await.expect("A sends");
    b.store.set_read(b.article(&world[1]), true).expect("read");
    b.sync().await.expect("B syncs");
    assert_eq!(b.flags(&world[0]), (false, true));
    a.sync().await.expect("A syncs");
    assert_eq!(a.flags(&world[1]), (true, false));

    // A source added on A appears on B, with its articles.
    a.store
        .ensure_source(
            &format!("{}category/politics/feed/", site.base_url()),
            Some("politics"),
        )
        .expect("source");
    a.sync().await.expect("A sends");
    b.sync().await.expect("B syncs");
    let politics = page_urls(&site, "politics");
    assert!(
        politics.iter().all(|u| b.urls().contains(u)),
        "B has politics too"
    );
    assert!(b
        .store
        .sources()
        .expect("sources")
        .iter()
        .any(|s| s.url.ends_with("category/politics/feed/")
            && s.category_slug.as_deref() == Some("politics")));

    // A second sync of each changes nothing and sends nothing.
    let again = a.sync().await.expect("A again");
    assert_eq!(
        (again.sent, again.new_articles, again.flags_applied),
        (0, 0, 0),
        "{again:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn work_done_while_the_server_is_down_reaches_the_other_computer_miniflux_api() {
    offline("miniflux").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn work_done_while_the_server_is_down_reaches_the_other_computer_google_reader_api() {
    offline("greader").await;
}

async fn offline(kind: &str) {
    let site = FixtureSite::start(0).await.expect("site");
    let mut server = Miniflux::start().expect("miniflux starts");
    let a = Computer::new(&site, &server, &["category/sports/feed/"], kind).await;
    let b = Computer::new(&site, &server, &[], kind).await;
    a.sync().await.expect("A syncs");
    b.sync().await.expect("B syncs");
    let sports = page_urls(&site, "sports");

    server.pause();
    a.store
        .set_bookmark(a.article(&sports[0]), true)
        .expect("bookmark");
    a.store.set_read(a.article(&sports[1]), true).expect("read");
    let err = a.sync().await.expect_err("the server is down");
    assert_eq!(err.code(), "wrong_address", "{err}");
    // Reading goes on; the work waits.
    assert_eq!(a.flags(&sports[0]), (false, true));
    assert_eq!(a.store.outbox(a.account).expect("outbox").len(), 2);
    let account = a.account();
    assert_eq!(account.last_error_code.as_deref(), Some("wrong_address"));

    server.resume().expect("back");
    a.sync().await.expect("A sends");
    assert!(a.store.outbox(a.account).expect("outbox").is_empty());
    b.sync().await.expect("B syncs");
    assert_eq!(b.flags(&sports[0]), (false, true));
    assert_eq!(b.flags(&sports[1]), (true, false));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_newest_change_of_a_flag_wins_and_a_note_is_never_lost() {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let a = Computer::new(&site, &server, &["category/health/feed/"], "miniflux").await;
    let b = Computer::new(&site, &server, &[], "miniflux").await;
    a.sync().await.expect("A syncs");
    b.sync().await.expect("B syncs");
    let health = page_urls(&site, "health");
    let w = &health[0];

    // A reads W offline-ish (not synced yet); later B reads it and then
    // marks it unread, and syncs: B's change is the newer one.
    a.store.set_read(a.article(w), true).expect("A reads");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    b.store.set_read(b.article(w), true).expect("B reads");
    b.sync().await.expect("B sends read");
    b.store.set_read(b.article(w), false).expect("B unreads");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    b.sync().await.expect("B sends unread");
    a.sync().await.expect("A syncs");
    assert_eq!(
        a.flags(w),
        (false, false),
        "B's later unread wins over A's earlier read"
    );
    assert!(a.store.outbox(a.account).expect("outbox").is_empty());

    // Now A's change is the newer one: it goes to the server and to B.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    a.store.set_read(a.article(w), true).expect("A reads again");
    a.sync().await.expect("A sends");
    assert_eq!(a.flags(w), (true, false), "A's newer read stays");
    b.sync().await.expect("B syncs");
    assert_eq!(b.flags(w), (true, false));

    // A bookmark with the reader's note, unstarred on the other computer:
    // gone as a bookmark, its note kept.
    let n = &health[1];
    a.store.set_bookmark(a.article(n), true).expect("bookmark");
    a.store
        .annotate_bookmark(a.article(n), Some("لأقرأه مع العائلة"), &["صحة"])
        .expect("note");
    a.sync().await.expect("A sends");
    b.sync().await.expect("B syncs");
    assert_eq!(b.flags(n), (false, true));
    b.store
        .set_bookmark(b.article(n), false)
        .expect("B unstars");
    b.sync().await.expect("B sends");
    a.sync().await.expect("A syncs");
    assert_eq!(a.flags(n), (false, false));
    let history = a.store.bookmark_history().expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].note.as_deref(), Some("لأقرأه مع العائلة"));
    assert_eq!(history[0].tags, ["صحة"]);
    assert!(!history[0].title.is_empty());

    // Saved again from the history: a bookmark with its note, on both.
    let restored = a
        .store
        .restore_removed_bookmark(history[0].id)
        .expect("restored");
    assert_eq!(restored.note.as_deref(), Some("لأقرأه مع العائلة"));
    assert!(a.store.bookmark_history().expect("history").is_empty());
    assert_eq!(a.flags(n), (false, true));
    a.sync().await.expect("A sends the star");
    b.sync().await.expect("B syncs");
    assert_eq!(
        b.flags(n),
        (false, true),
        "the star went back to the server"
    );
    assert_eq!(a.flags(n), (false, true));
}

/// A feed Miniflux scrapes itself ("fetch original content"): its articles
/// arrive whole from the server, and their pages are not read again here.
#[tokio::test(flavor = "multi_thread")]
async fn the_text_the_server_scraped_stands_for_the_page() {
    use khabarain_fixture_site::corpus::Block;

    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let admin = admin(&server, Duration::from_secs(30));
    let all = admin.category("All").await.expect("category");
    admin
        .subscribe(
            &format!("{}category/sports/feed/", site.base_url()),
            all.id,
            true,
        )
        .await
        .expect("subscribed, pages scraped by the server");
    let a = Computer::new(&site, &server, &[], "miniflux").await;
    site.clear_requests();
    let report = a.sync().await.expect("A syncs");
    let corpus = site.corpus();
    let sport = corpus.in_category("sports");
    assert!(sport.len() >= 3, "the fixture's sports section");
    assert_eq!(report.new_articles, sport.len(), "{report:?}");
    let pages: Vec<String> = sport.iter().map(|(_, art)| art.path()).collect();
    let read_again: Vec<String> = site
        .requests()
        .into_iter()
        .map(|r| r.path)
        .filter(|p| pages.contains(p))
        .collect();
    assert!(read_again.is_empty(), "pages read again: {read_again:?}");
    for (_, art) in sport {
        let url = format!("{}{}", site.base_url().trim_end_matches('/'), art.path());
        let body = a.store.article(a.article(&url)).expect("article").body_html;
        for block in &art.body {
            if let Block::P(text) = block {
                assert!(body.contains(text.as_str()), "{url}: «{text}» missing");
            }
        }
    }
}

/// After the first sync only what changed is read: a warm sync reads no
/// entry, one star made on the server reads one. Thousands of entries of
/// one refresh share a change time; paging by id keeps every one of them.
#[tokio::test(flavor = "multi_thread")]
async fn a_warm_sync_reads_only_what_changed_and_paging_loses_no_entry() {
    use khabarain_core::accounts::miniflux::EntryQuery;
    use khabarain_fixture_site::generated::MAX_ITEMS;

    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let admin = admin(&server, Duration::from_secs(120));
    let all = admin.category("All").await.expect("category");
    for f in 0..2 {
        admin
            .subscribe(
                &format!("{}gen/{MAX_ITEMS}/feed/{f}/", site.base_url()),
                all.id,
                false,
            )
            .await
            .expect("subscribed");
    }
    let distinct = 2 * MAX_ITEMS;
    // The server's refresh is over well before the first sync: changes in
    // the two seconds before a sync are read again by the next one, and the
    // server's Date header counts whole seconds, so up to three. Under the
    // load of the other tests' servers the refresh itself can take longer
    // than that: its end is waited for first.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    loop {
        let page = admin
            .entries(&EntryQuery {
                limit: 1,
                ..Default::default()
            })
            .await
            .expect("entries");
        if page.total as usize == distinct {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} entries on the server",
            page.total
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    tokio::time::sleep(Duration::from_millis(3500)).await;
    let options = SyncOptions {
        full_text: false,
        ..SyncOptions::default()
    };
    let a = Computer::with(&site, &server, &[], "miniflux", options).await;
    let first = a.sync().await.expect("first sync");
    assert_eq!(first.entries_read, distinct, "{first:?}");
    assert_eq!(first.new_articles, distinct, "{first:?}");
    assert_eq!(
        khabarain_integration_tests::all_articles(&a.store).len(),
        distinct,
        "every entry stored once"
    );
    assert_eq!(
        a.store.remote_items(a.account).expect("mapped").len(),
        distinct,
        "every entry mapped to its article"
    );

    let warm = a.sync().await.expect("warm sync");
    assert_eq!(warm.entries_read, 0, "{warm:?}");
    assert!(warm.bytes < 20_000, "a warm sync is small: {warm:?}");

    let one = admin
        .entries(&EntryQuery {
            limit: 1,
            ..Default::default()
        })
        .await
        .expect("entries")
        .entries
        .remove(0);
    admin.set_starred(one.id, true).await.expect("star");
    let after = a.sync().await.expect("sync after a star");
    assert_eq!(after.entries_read, 1, "{after:?}");
    assert_eq!(after.flags_applied, 1, "{after:?}");
}

/// Breaking news on two computers: an urgent item the reader already read
/// on one computer is not told on the other; one nobody read is told on
/// each (a computer can only know what the server says of it).
#[tokio::test(flavor = "multi_thread")]
async fn an_urgent_item_read_on_one_computer_is_not_told_on_the_other() {
    const NOON: u16 = 12 * 60;
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let a = Computer::new(&site, &server, &["category/politics/feed/"], "miniflux").await;
    let b = Computer::new(&site, &server, &[], "miniflux").await;
    a.sync().await.expect("A syncs");
    b.sync().await.expect("B syncs");
    let now = || chrono::Utc::now().timestamp();
    for c in [&a, &b] {
        assert!(c
            .store
            .take_alerts(now(), NOON)
            .expect("pass")
            .alerts
            .is_empty());
    }

    let corpus = site.corpus();
    let (_, base) = corpus.in_category("politics")[0];
    let mut urls = Vec::new();
    for (slug, title) in [
        (
            "urgent-read-on-a",
            "عاجل: استقالة الحكومة بعد تصويت بحجب الثقة",
        ),
        (
            "urgent-unread",
            "عاجل | انقطاع الإنترنت في ثلاث دول بعد عطل في كابل بحري",
        ),
    ] {
        let mut item = base.clone();
        item.slug = slug.into();
        item.title = title.into();
        item.title_repeat = title.into();
        item.published = chrono::Utc::now();
        urls.push(format!(
            "{}{}",
            site.base_url().trim_end_matches('/'),
            item.path()
        ));
        site.publish(item);
    }
    let admin = admin(&server, Duration::from_secs(60));
    for feed in admin.feeds().await.expect("feeds") {
        admin.refresh(feed.id).await.expect("refresh");
    }

    a.sync().await.expect("A syncs");
    let told_a: Vec<i64> = a
        .store
        .take_alerts(now(), NOON)
        .expect("pass")
        .alerts
        .iter()
        .map(|x| x.article_id)
        .collect();
    let mut want_a = vec![a.article(&urls[0]), a.article(&urls[1])];
    want_a.sort();
    let mut got_a = told_a.clone();
    got_a.sort();
    assert_eq!(got_a, want_a, "A tells both");
    // Read on A from its notification, and sent.
    a.store.set_read(a.article(&urls[0]), true).expect("read");
    a.sync().await.expect("A sends");

    b.sync().await.expect("B syncs");
    let told_b: Vec<i64> = b
        .store
        .take_alerts(now(), NOON)
        .expect("pass")
        .alerts
        .iter()
        .map(|x| x.article_id)
        .collect();
    assert_eq!(
        told_b,
        vec![b.article(&urls[1])],
        "B tells only the unread one"
    );
}

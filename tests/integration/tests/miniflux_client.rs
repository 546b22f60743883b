//! The Miniflux client against a real Miniflux (built by scripts/deps.sh,
//! on a throwaway PostgreSQL cluster) subscribed to the fixture site: what
//! the connection test says for each way of being wrong, and the calls the
//! account sync makes, each safe to send twice.

// A real Miniflux on PostgreSQL, both Linux programs: not in the tests run
// as Windows programs under Wine.
#![cfg(unix)]

use std::time::Duration;

use khabarain_core::accounts::miniflux::{Auth, Client, EntryQuery};
use khabarain_core::error::Error;
use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;

fn admin() -> Auth {
    Auth::Password {
        user: miniflux::ADMIN.into(),
        password: miniflux::ADMIN_PASSWORD.into(),
    }
}

fn code(r: Result<impl std::fmt::Debug, Error>) -> &'static str {
    match r {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e.code(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_connection_test_says_what_is_wrong() {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let t = Duration::from_secs(3);

    let me = Client::new(&server.url, admin(), t)
        .expect("client")
        .me()
        .await
        .expect("me");
    assert_eq!(me.username, miniflux::ADMIN);

    let wrong = Auth::Password {
        user: miniflux::ADMIN.into(),
        password: "not-the-password".into(),
    };
    assert_eq!(
        code(
            Client::new(&server.url, wrong, t)
                .expect("client")
                .me()
                .await
        ),
        "wrong_password"
    );
    assert_eq!(
        code(
            Client::new("http://127.0.0.1:1/", admin(), t)
                .expect("client")
                .me()
                .await
        ),
        "wrong_address"
    );
    // A web site, not a reader server.
    assert_eq!(
        code(
            Client::new(&site.base_url(), admin(), t)
                .expect("client")
                .me()
                .await
        ),
        "not_reader_server"
    );
    // A server that never answers costs the timeout, and says so.
    let started = std::time::Instant::now();
    assert_eq!(
        code(
            Client::new(
                &format!("{}hang/", site.base_url()),
                admin(),
                Duration::from_secs(2)
            )
            .expect("client")
            .me()
            .await
        ),
        "timeout"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    // Down: the address answers no more.
    let mut server = server;
    server.pause();
    assert_eq!(
        code(
            Client::new(&server.url, admin(), t)
                .expect("client")
                .me()
                .await
        ),
        "wrong_address"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn subscriptions_marks_and_stars_are_safe_to_send_twice() {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let c = Client::new(&server.url, admin(), Duration::from_secs(10)).expect("client");
    let feed_url = format!("{}category/world/feed/", site.base_url());
    let world = c.category("العالم").await.expect("category");
    assert_eq!(
        c.category("العالم").await.expect("again"),
        world,
        "found, not made twice"
    );
    let id = c
        .subscribe(&feed_url, world.id, false)
        .await
        .expect("subscribe");
    assert_eq!(
        c.subscribe(&feed_url, world.id, false)
            .await
            .expect("again"),
        id
    );
    let feeds = c.feeds().await.expect("feeds");
    assert_eq!(feeds.len(), 1);
    assert_eq!(
        feeds[0].category.as_ref().map(|c| c.title.as_str()),
        Some("العالم")
    );

    let page = c
        .entries(&EntryQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("entries");
    let corpus = site.corpus();
    let in_feed = corpus.in_category("world").len();
    assert_eq!(page.total as usize, in_feed);
    assert!(page
        .entries
        .iter()
        .all(|e| e.status == "unread" && !e.starred));
    let first = page.entries[0].id;

    c.set_starred(first, true).await.expect("star");
    c.set_starred(first, true).await.expect("star again");
    assert!(
        c.entry(first).await.expect("entry").starred,
        "starred once, not toggled back"
    );
    c.set_read(&[first], true).await.expect("read");
    c.set_read(&[first], true).await.expect("read again");
    let starred = c
        .entries(&EntryQuery {
            starred: Some(true),
            limit: 100,
            ..Default::default()
        })
        .await
        .expect("starred");
    assert_eq!(starred.entries.len(), 1);
    assert_eq!(starred.entries[0].status, "read");
    c.set_starred(first, false).await.expect("unstar");
    assert!(!c.entry(first).await.expect("entry").starred);

    c.unsubscribe(id).await.expect("unsubscribe");
    c.unsubscribe(id).await.expect("already gone is fine");
    assert!(c.feeds().await.expect("feeds").is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_google_reader_api_lists_stars_and_reads_what_the_server_holds() {
    use khabarain_core::accounts::greader;
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let t = Duration::from_secs(10);
    assert_eq!(
        code(greader::Client::login(&server.url, miniflux::READER_USER, "wrong", t).await),
        "wrong_password"
    );
    assert_eq!(
        code(greader::Client::login(&site.base_url(), miniflux::READER_USER, "x", t).await),
        "not_reader_server"
    );
    let g = greader::Client::login(
        &server.url,
        miniflux::READER_USER,
        miniflux::READER_PASSWORD,
        t,
    )
    .await
    .expect("login");

    // Subscribed through the API, into a folder.
    let feed_url = format!("{}category/sports/feed/", site.base_url());
    g.subscribe(&feed_url, Some("رياضة"))
        .await
        .expect("subscribe");
    let subs = g.subscriptions().await.expect("subscriptions");
    assert_eq!(subs.len(), 1, "{subs:?}");
    assert_eq!(subs[0].url, feed_url);
    assert!(
        subs[0].categories.iter().any(|c| c.label == "رياضة"),
        "{subs:?}"
    );

    let ids = g
        .item_ids(greader::READING_LIST, None, None)
        .await
        .expect("ids");
    let in_feed = site.corpus().in_category("sports").len();
    assert_eq!(ids.len(), in_feed);
    let items = g.items(&ids).await.expect("items");
    assert_eq!(items.len(), ids.len());
    assert!(items
        .iter()
        .all(|i| i.link().is_some() && !i.is_read() && !i.is_starred()));

    let first = ids[0];
    g.edit_tag(&[first], greader::STARRED, true)
        .await
        .expect("star");
    g.edit_tag(&[first], greader::STARRED, true)
        .await
        .expect("star again");
    g.edit_tag(&[first], greader::READ, true)
        .await
        .expect("read");
    let starred = g
        .item_ids(greader::STARRED, None, None)
        .await
        .expect("starred");
    assert_eq!(starred, [first]);
    let unread = g
        .item_ids(greader::READING_LIST, None, Some(greader::READ))
        .await
        .expect("unread");
    assert_eq!(unread.len(), in_feed - 1);
    // The REST API sees the same server state.
    let rest = Client::new(&server.url, admin(), t).expect("client");
    let e = rest.entry(first).await.expect("entry");
    assert!(e.starred && e.status == "read");

    g.unsubscribe(&subs[0].id).await.expect("unsubscribe");
    assert!(g.subscriptions().await.expect("subscriptions").is_empty());
}

//! A crash in the middle of sending the outbox: `khabarain account sync`
//! is killed (SIGKILL) while it tells a real Miniflux of 300 changes, then
//! run again. Every change reaches the server exactly as made — a star sent
//! twice is still one star — and a second computer ends with the same read
//! marks and bookmarks.

// A real Miniflux on PostgreSQL, both Linux programs: not in the tests run
// as Windows programs under Wine.
#![cfg(unix)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use khabarain_core::accounts::miniflux::{Auth, Client, EntryQuery};
use khabarain_core::accounts::secrets::{Place, Secrets};
use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::site_config::Site;
use khabarain_core::store::Store;
use khabarain_core::sync::{SyncOptions, Syncer};
use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;
use khabarain_integration_tests::all_articles;

fn cli() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/khabarain");
    assert!(
        p.exists(),
        "{} missing: cargo build --workspace --bins",
        p.display()
    );
    p
}

struct Computer {
    db: PathBuf,
    store: Arc<Store>,
    syncer: Syncer,
    secrets: Arc<Secrets>,
}

async fn computer(
    dir: &std::path::Path,
    site: &FixtureSite,
    server: &Miniflux,
    source: Option<&str>,
) -> Computer {
    let db = dir.join("khabarain.sqlite3");
    let store = Arc::new(Store::open(&db).expect("db"));
    let secrets = Arc::new(Secrets::beside(&db));
    let syncer = Syncer::new(
        store.clone(),
        Fetcher::new(FetchPolicy::default()).expect("client"),
        Site::parse(&site.base_url()).expect("site"),
        SyncOptions::default(),
    )
    .expect("syncer");
    syncer.seed_defaults().expect("defaults");
    for s in store.sources().expect("sources") {
        store.remove_source(s.id).expect("remove");
    }
    if let Some(path) = source {
        store
            .ensure_source(&format!("{}{path}", site.base_url()), None)
            .expect("source");
    }
    // A file, so that the command-line process finds the password too.
    khabarain_core::accounts::add(
        &store,
        &secrets,
        "miniflux",
        &server.url,
        miniflux::ADMIN,
        miniflux::ADMIN_PASSWORD,
        Place::File,
    )
    .await
    .expect("account");
    Computer {
        db,
        store,
        syncer,
        secrets,
    }
}

impl Computer {
    async fn sync(&self) {
        let account = self.store.accounts().expect("accounts").remove(0);
        khabarain_core::accounts::sync(&self.syncer, &self.secrets, &account)
            .await
            .expect("sync");
    }

    /// (read, starred) counts over every article.
    fn counts(&self) -> (usize, usize) {
        let ids: Vec<i64> = all_articles(&self.store).iter().map(|a| a.id).collect();
        let flags = self.store.local_flags(&ids).expect("flags");
        (
            flags.values().filter(|f| f.0).count(),
            flags.values().filter(|f| f.1).count(),
        )
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_kill_while_sending_the_outbox_sends_nothing_twice() {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let dir_a = tempfile::tempdir().expect("dir");
    let dir_b = tempfile::tempdir().expect("dir");
    let a = computer(dir_a.path(), &site, &server, Some("gen/200/feed/0/")).await;
    a.sync().await;
    let articles = all_articles(&a.store);
    assert_eq!(articles.len(), 200);

    // 300 changes wait: every article read, every other one starred.
    for (i, art) in articles.iter().enumerate() {
        a.store.set_read(art.id, true).expect("read");
        if i % 2 == 0 {
            a.store.set_bookmark(art.id, true).expect("star");
        }
    }
    let account = a.store.accounts().expect("accounts").remove(0).id;
    assert_eq!(a.store.outbox(account).expect("outbox").len(), 300);

    let mut child = Command::new(cli())
        .args(["--db"])
        .arg(&a.db)
        .args(["--base-url", &site.base_url(), "account", "sync"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("khabarain runs");
    // Killed once some, not all, of the changes have gone.
    let deadline = Instant::now() + Duration::from_secs(60);
    let left = loop {
        let left = a.store.outbox(account).expect("outbox").len();
        if left < 250 || Instant::now() > deadline {
            break left;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let left_after = a.store.outbox(account).expect("outbox").len();
    assert!(
        left < 300 && left_after > 0,
        "killed mid-way: {left} then {left_after} left"
    );

    // Run again: the rest goes, what went before is not undone.
    let status = Command::new(cli())
        .args(["--db"])
        .arg(&a.db)
        .args(["--base-url", &site.base_url(), "account", "sync"])
        .stdin(Stdio::null())
        .status()
        .expect("khabarain runs");
    assert!(status.success());
    assert!(a.store.outbox(account).expect("outbox").is_empty());

    let rest = Client::new(
        &server.url,
        Auth::Password {
            user: miniflux::ADMIN.into(),
            password: miniflux::ADMIN_PASSWORD.into(),
        },
        Duration::from_secs(10),
    )
    .expect("client");
    let all = rest
        .entries(&EntryQuery {
            limit: 1000,
            ..Default::default()
        })
        .await
        .expect("entries");
    assert_eq!(all.entries.len(), 200);
    assert_eq!(
        all.entries.iter().filter(|e| e.status == "read").count(),
        200
    );
    assert_eq!(
        all.entries.iter().filter(|e| e.starred).count(),
        100,
        "no star toggled back by a resend"
    );
    a.sync().await;
    assert_eq!(a.counts(), (200, 100));

    let b = computer(dir_b.path(), &site, &server, None).await;
    b.sync().await;
    assert_eq!(b.counts(), (200, 100));
}

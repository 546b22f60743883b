//! Crash safety: a full-text sync of a large corpus (the command-line front
//! end, as a separate process) is killed with SIGKILL at 50 moments spread
//! over its run. After each kill the database passes SQLite's integrity
//! check, every bookmark, note and tag made before is as it was, and the
//! search index agrees with the articles; at the end a sync runs to
//! completion and stores the whole corpus.

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khabarain_core::store::{Bookmark, ListFilter, Store};
use khabarain_fixture_site::FixtureSite;

const KILLS: usize = 50;
/// Each run syncs a feed of its own (articles new to the database, so that
/// every run has pages, pictures and commits to be killed in).
const ITEMS: usize = 300;

/// A small deterministic generator: the same moments on every run.
struct Moments(u64);
impl Moments {
    fn next_ms(&mut self, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % max
    }
}

fn sync(db: &std::path::Path, base: &str, feeds: std::ops::Range<usize>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_khabarain"));
    c.arg("--db").arg(db).args(["--base-url", base, "sync"]);
    for f in feeds {
        c.args(["--source", &format!("{base}gen/{ITEMS}/feed/{f}/")]);
    }
    c.env_remove("KHABARAIN_DB")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

fn check(db: &std::path::Path, bookmarks: &[Bookmark], when: &str) -> i64 {
    let store = Store::open(db).unwrap_or_else(|e| panic!("{when}: the database opens: {e}"));
    assert_eq!(store.integrity_check().expect("check"), "ok", "{when}");
    assert_eq!(store.bookmarks().expect("bookmarks"), bookmarks, "{when}");
    let count = store.article_count().expect("count");
    // The search index is whole and holds exactly the stored articles.
    let indexed = store
        .search_index_check()
        .unwrap_or_else(|e| panic!("{when}: search index: {e}"));
    assert_eq!(indexed, count, "{when}");
    count
}

#[tokio::test(flavor = "multi_thread")]
async fn sigkill_during_sync_loses_nothing() {
    let site = FixtureSite::start(0).await.expect("site");
    let base = site.base_url();
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.sqlite3");

    // The site first, and bookmarks with notes and tags on some of it.
    let out = tokio::task::block_in_place(|| {
        Command::new(env!("CARGO_BIN_EXE_khabarain"))
            .arg("--db")
            .arg(&db)
            .args(["--base-url", &base, "sync"])
            .output()
    })
    .expect("first sync");
    assert!(out.status.success());
    let bookmarks: Vec<Bookmark> = {
        let store = Store::open(&db).expect("open");
        let rows = store
            .list_articles(&ListFilter {
                limit: 5,
                ..ListFilter::default()
            })
            .expect("list");
        for (i, row) in rows.iter().enumerate() {
            store.set_bookmark(row.id, true).expect("bookmark");
            store
                .restore_bookmark(&Bookmark {
                    article_id: row.id,
                    saved_at: 1_790_000_000 + i as i64,
                    note: Some(format!("ملاحظة رقم {i} قبل الانهيار")),
                    tags: vec!["مهم".into(), format!("وسم {i}")],
                })
                .expect("annotate");
        }
        store.bookmarks().expect("bookmarks")
    };
    assert_eq!(bookmarks.len(), 5);

    // A site a little slow to answer, so that every run is still at work
    // when its moment comes, however fast the machine.
    site.set_latency(Duration::from_millis(10));
    let mut moments = Moments(0x5eed_1234_abcd_0042);
    let mut seen = Vec::new();
    let mut exited_first = 0;
    for k in 0..KILLS {
        let wait = Duration::from_millis(20 + moments.next_ms(900));
        let mut child = sync(&db, &base, k..k + 1).spawn().expect("sync starts");
        let started = Instant::now();
        let finished = tokio::task::block_in_place(|| loop {
            if child.try_wait().expect("wait").is_some() {
                break true;
            }
            if started.elapsed() >= wait {
                break false;
            }
            std::thread::sleep(Duration::from_millis(5));
        });
        if finished {
            exited_first += 1;
        } else {
            // SIGKILL: no destructor, no flush, no chance to tidy up.
            child.kill().expect("kill");
        }
        let _ = child.wait();
        let count = check(
            &db,
            &bookmarks,
            &format!("after kill {} at {wait:?}", k + 1),
        );
        seen.push(count);
    }

    // Then a sync that is let finish stores everything.
    site.set_latency(Duration::ZERO);
    let out =
        tokio::task::block_in_place(|| sync(&db, &base, 0..KILLS).output()).expect("last sync");
    assert!(out.status.success(), "the sync after the kills completes");
    let last = check(&db, &bookmarks, "after the last sync");
    assert_eq!(last, (36 + KILLS * ITEMS) as i64);

    let distinct: std::collections::BTreeSet<i64> = seen.iter().copied().collect();
    println!(
        "crash harness: {KILLS} runs, {} killed with SIGKILL, {exited_first} finished first; \
         articles stored at the kills: {} distinct counts from {} to {}; all checks passed",
        KILLS - exited_first,
        distinct.len(),
        seen.iter().min().copied().unwrap_or(0),
        seen.iter().max().copied().unwrap_or(0),
    );
    // The kills fell at different points of the work, not all at one.
    assert!(distinct.len() >= 10, "{seen:?}");
    assert!(KILLS - exited_first >= 40);
}

//! SQLite storage: one file, WAL, foreign keys on, schema by versioned
//! migrations. Content tables (sources, articles, images) are written by
//! sync; user state (read marks, bookmarks, settings) lives in its own
//! tables that sync never writes.

pub mod accounts;
mod alerts;
mod articles;
mod bookmarks;
mod bylines;
mod categories;
pub(crate) mod images;
mod lists;
mod models;
pub mod page_retries;
pub mod recovery;
mod retention;
pub mod rules;
mod saved;
pub mod saved_searches;
mod scrub;
pub mod search;
mod sources;
#[cfg(test)]
mod test_support;
mod user_state;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};
pub use articles::{BodySource, EntryKey, EntryState, NewArticle};
pub use bookmarks::{normalize_tags, Bookmark, MAX_NOTE_CHARS, MAX_TAGS, MAX_TAG_CHARS};
pub use bylines::BylineNames;
pub use images::NewImage;
pub use models::*;
pub use retention::{Retention, RetentionReport};
pub use saved::{picture_hashes, ImportReport, SavedArticle, SavedBookmark, SavedImage};

/// The schema, in order; the schema version is how many have been applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_dedupe.sql"),
    include_str!("migrations/003_feed_hash.sql"),
    include_str!("migrations/004_retention.sql"),
    include_str!("migrations/005_updates.sql"),
    include_str!("migrations/006_page_validators.sql"),
    include_str!("migrations/007_reading_position.sql"),
    include_str!("migrations/008_bookmark_tags.sql"),
    include_str!("migrations/009_search.sql"),
    include_str!("migrations/010_identity.sql"),
    include_str!("migrations/011_no_controls.sql"),
    include_str!("migrations/012_vocabulary.sql"),
    include_str!("migrations/013_accounts.sql"),
    include_str!("migrations/014_alerts.sql"),
    include_str!("migrations/015_feed_items.sql"),
    include_str!("migrations/016_forms.sql"),
    include_str!("migrations/017_rules.sql"),
    include_str!("migrations/018_rules_pending.sql"),
];

/// Migrations run with foreign keys off (a table made again must not take
/// what points at it along when the old one is dropped), so each ends with
/// a check of every key.
fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i + 1 {
                11 => M::up_with_hook(sql, scrub::stored_controls),
                _ => M::up(sql),
            })
            .map(M::foreign_key_check)
            .collect(),
    )
}

/// The database. Cheap to share behind an `Arc`; every call takes the
/// connection for the length of one statement or transaction.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// The last query read (`lists::parse_query`): the window asks for a
    /// page and a count of the same query, then more pages.
    last_query: Mutex<Option<lists::ParsedQuery>>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up
    /// to date.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = Connection::open(path)?;
        Self::init(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory database, for tests.
    pub fn open_in_memory() -> Result<Self> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Incremental auto-vacuum lets retention give space back without a
        // full VACUUM; switching an existing file over needs one VACUUM, once.
        let auto_vacuum: i64 = conn.query_row("PRAGMA auto_vacuum", [], |r| r.get(0))?;
        if auto_vacuum != 2 {
            conn.execute_batch("PRAGMA auto_vacuum = INCREMENTAL; VACUUM;")?;
        }
        // journal_mode answers with a row, so it is read rather than executed.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             PRAGMA synchronous = NORMAL;",
        )?;
        migrations().to_latest(&mut conn)?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let store = Self {
            conn: Mutex::new(conn),
            path,
            last_query: Mutex::new(None),
        };
        // A database with no articles has nothing to index: its index is
        // current from the start.
        if !store.search_index_current()? && store.article_count()? == 0 {
            store.rebuild_search_index(1, |_| {})?;
        }
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub(crate) fn conn(&self) -> Result<MutexGuard<'_, Connection>> {
        // A panic while holding the lock cannot leave SQLite half-written
        // (transactions roll back on drop), so a poisoned lock is still usable.
        Ok(self.conn.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Schema version, for diagnostics and migration tests.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    pub fn journal_mode(&self) -> Result<String> {
        Ok(self
            .conn()?
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    /// Pages in the file and free pages among them.
    pub fn page_counts(&self) -> Result<(i64, i64)> {
        let conn = self.conn()?;
        let pages = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let free = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
        Ok((pages, free))
    }

    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn()?
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

pub(crate) fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Default location of the database: the OS's per-user app-data folder.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("com", "Khabarain", "KhabarainReader").ok_or_else(|| {
            Error::Io(std::io::Error::other(
                "no home directory to keep the database in",
            ))
        })?;
    Ok(dirs.data_dir().join("khabarain.sqlite3"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }

    #[test]
    fn a_version_1_database_with_data_is_migrated_and_keeps_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v1.db");
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations().to_version(&mut conn, 1).expect("v1");
            conn.execute_batch(
                "INSERT INTO articles (guid, url, title, fetched_at) VALUES ('g', 'https://k/a', 'عنوان', 1);
                 INSERT INTO bookmarks (article_id, created_at, note) VALUES (1, 2, 'ملاحظة');",
            )
            .expect("v1 data");
        }
        let store = Store::open(&path).expect("migrates");
        assert_eq!(
            store.schema_version().expect("version"),
            MIGRATIONS.len() as i64
        );
        assert_eq!(store.article(1).expect("article").title, "عنوان");
        // Its article predates the search index, which is built again.
        assert!(!store.search_index_current().expect("index"));
        assert_eq!(store.rebuild_search_index(10, |_| {}).expect("rebuild"), 1);
        assert!(store.search_index_current().expect("index"));
        let found = store
            .list_articles(&ListFilter {
                query: Some("العنوان".into()),
                ..ListFilter::default()
            })
            .expect("search");
        assert_eq!(found.len(), 1);
        assert_eq!(store.bookmark_count().expect("bookmarks"), 1);
        let b = store.bookmark(1).expect("read").expect("bookmark");
        assert_eq!((b.saved_at, b.note.as_deref()), (2, Some("ملاحظة")));
        assert!(b.tags.is_empty());
    }

    /// A database left at every earlier schema version, with the data that
    /// version could hold, opens at the latest with all of it.
    #[test]
    fn every_earlier_version_with_data_migrates_and_keeps_it() {
        let latest = MIGRATIONS.len();
        for v in 1..latest {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join(format!("v{v}.db"));
            {
                let mut conn = Connection::open(&path).expect("open");
                migrations().to_version(&mut conn, v).expect("old version");
                conn.execute_batch(
                    "INSERT INTO sources (url, category_slug, created_at) VALUES ('https://k/feed/', 'world', 1);
                     INSERT INTO categories (slug, name, position) VALUES ('world', 'العالم', 0);
                     INSERT INTO images (sha256, mime, bytes, size, created_at)
                         VALUES ('aa', 'image/png', x'89504e470d0a1a0a', 8, 1);
                     INSERT INTO image_urls (url, image_id) VALUES ('https://k/i.png', 1);
                     INSERT INTO articles (source_id, guid, url, title, summary, body_html, image_url, image_id,
                                           category_slug, category_label, published_at, fetched_at)
                         VALUES (1, 'g1', 'https://k/a/', 'الاقتصاد العالمي يتباطأ', 'ملخص', '<p>نص الخبر</p>',
                                 'https://k/i.png', 1, 'world', 'العالم', 1700000000, 1700000001);
                     INSERT INTO article_categories (article_id, category_slug) VALUES (1, 'world');
                     INSERT INTO article_links (article_id, kind, position, title, url)
                         VALUES (1, 'see_also', 0, 'خبر آخر', 'https://k/b/');
                     INSERT INTO read_state (article_id, read_at) VALUES (1, 5);
                     INSERT INTO bookmarks (article_id, created_at, note) VALUES (1, 6, 'ملاحظة');
                     INSERT INTO settings (key, value) VALUES ('ui.theme', 'dark');",
                )
                .expect("v1 data");
                if v >= 4 {
                    // From version 4 on, the app records each picture's use.
                    conn.execute(
                        "INSERT INTO article_images (article_id, image_id) VALUES (1, 1)",
                        [],
                    )
                    .expect("picture use");
                }
                if v >= 7 {
                    conn.execute(
                        "INSERT INTO reading_positions (article_id, position, updated_at) VALUES (1, 0.5, 7)",
                        [],
                    )
                    .expect("position");
                }
                if v >= 8 {
                    conn.execute(
                        "INSERT INTO bookmark_tags (article_id, tag) VALUES (1, 'اقتصاد')",
                        [],
                    )
                    .expect("tag");
                }
            }
            let store = Store::open(&path).unwrap_or_else(|e| panic!("from v{v}: {e}"));
            assert_eq!(
                store.schema_version().expect("version"),
                latest as i64,
                "from v{v}"
            );
            assert_eq!(store.integrity_check().expect("check"), "ok", "from v{v}");
            let a = store.article(1).expect("article");
            assert_eq!(a.title, "الاقتصاد العالمي يتباطأ", "from v{v}");
            assert!(a.read && a.bookmarked, "from v{v}");
            assert_eq!(a.image.as_deref(), Some("aa"), "from v{v}");
            assert_eq!(a.see_also.len(), 1, "from v{v}");
            assert_eq!(a.position, if v >= 7 { 0.5 } else { 0.0 }, "from v{v}");
            let b = store.bookmark(1).expect("read").expect("bookmark");
            assert_eq!(
                (b.saved_at, b.note.as_deref()),
                (6, Some("ملاحظة")),
                "from v{v}"
            );
            let tags: &[&str] = if v >= 8 { &["اقتصاد"] } else { &[] };
            assert_eq!(b.tags, tags, "from v{v}");
            assert_eq!(
                store.settings_with_prefix("ui.").expect("settings"),
                [("theme".to_string(), "dark".to_string())],
                "from v{v}"
            );
            // Retention still knows the picture is used.
            store
                .apply_retention(Retention {
                    max_age_days: Some(1),
                    max_articles: None,
                })
                .expect("retention");
            assert!(store.image("aa").expect("image").is_some(), "from v{v}");
            // Searchable once its index is built.
            store.rebuild_search_index(10, |_| {}).expect("index");
            let found = store
                .list_articles(&ListFilter {
                    query: Some("والاقتصاد ".into()),
                    ..ListFilter::default()
                })
                .expect("search");
            assert_eq!(found.len(), 1, "from v{v}");
        }
    }

    #[test]
    fn control_characters_already_stored_are_cleaned_by_migration_11() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("v10.db");
        {
            let mut conn = Connection::open(&path).expect("open");
            migrations().to_version(&mut conn, 10).expect("v10");
            conn.execute(
                "INSERT INTO articles (guid, url, title, summary, body_html, image_caption, fetched_at)
                 VALUES ('g', 'https://k/a', ?1, ?2, ?3, ?4, 1)",
                rusqlite::params![
                    "عنوان\u{1b}[2J\u{7}",
                    "ملخص\u{0}",
                    "<p>نص\u{8}\u{9b}31m</p>",
                    "تعليق\r"
                ],
            )
            .expect("article");
            conn.execute_batch(
                "INSERT INTO bookmarks (article_id, created_at, note) VALUES (1, 2, 'ملاحظة' || char(27));
                 INSERT INTO bookmark_tags (article_id, tag) VALUES (1, 'وسم');
                 INSERT INTO bookmark_tags (article_id, tag) VALUES (1, 'وسم' || char(7));
                 INSERT INTO bookmark_tags (article_id, tag) VALUES (1, 'آخر' || char(8));",
            )
            .expect("bookmark");
        }
        let store = Store::open(&path).expect("migrates");
        let a = store.article(1).expect("article");
        assert_eq!(a.title, "عنوان[2J");
        assert_eq!(a.summary, "ملخص");
        assert_eq!(a.body_html, "<p>نص31m</p>");
        assert_eq!(a.image_caption.as_deref(), Some("تعليق"));
        let b = store.bookmark(1).expect("read").expect("bookmark");
        assert_eq!(b.note.as_deref(), Some("ملاحظة"));
        assert_eq!(b.tags, ["وسم", "آخر"]);
        assert_eq!(store.integrity_check().expect("check"), "ok");
    }

    #[test]
    fn file_database_uses_wal_and_latest_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("sub/k.db")).expect("open");
        assert_eq!(store.journal_mode().expect("mode"), "wal");
        assert_eq!(
            store.schema_version().expect("version"),
            MIGRATIONS.len() as i64
        );
        assert!(store
            .search_index_current()
            .expect("an empty index is current"));
        let fk: i64 = store
            .conn()
            .expect("conn")
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("pragma");
        assert_eq!(fk, 1);
        drop(store);
        // Reopening an up-to-date file is a no-op.
        let again = Store::open(&dir.path().join("sub/k.db")).expect("reopen");
        assert_eq!(again.integrity_check().expect("check"), "ok");
    }

    /// Two openings of one file (the app and the CLI, or two syncs): in WAL
    /// mode a reader is not held up by a writer and sees the last commit,
    /// and a second writer waits for the first's lock instead of failing.
    /// Run as a Windows program too, where the locks are LockFileEx's.
    #[test]
    fn two_openings_of_one_file_read_during_a_write_and_take_turns_writing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("مجلد عربي").join("k.sqlite3");
        let (a, b) = (
            Store::open(&path).expect("a"),
            Store::open(&path).expect("b"),
        );
        a.set_setting("k", "1").expect("first write");
        let conn = a.conn().expect("conn");
        conn.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = '2' WHERE key = 'k';")
            .expect("a holds the write lock");
        assert_eq!(b.setting("k").expect("b reads").as_deref(), Some("1"));
        std::thread::scope(|s| {
            let waiting = s.spawn(|| b.set_setting("k", "3"));
            std::thread::sleep(std::time::Duration::from_millis(300));
            assert!(!waiting.is_finished(), "b's write waits for a's lock");
            conn.execute_batch("COMMIT").expect("a commits");
            waiting.join().expect("thread").expect("b writes after a");
        });
        drop(conn);
        assert_eq!(a.setting("k").expect("a reads").as_deref(), Some("3"));
        assert_eq!(a.integrity_check().expect("check"), "ok");
    }
}

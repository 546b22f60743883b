//! SQLite storage: one file, WAL, foreign keys on, schema by versioned
//! migrations. Content tables (sources, articles, images) are written by
//! sync; user state (read marks, bookmarks, settings) lives in its own
//! tables that sync never writes.

mod articles;
mod bookmarks;
mod categories;
pub(crate) mod images;
mod lists;
mod models;
mod retention;
mod saved;
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
pub use articles::{EntryKey, EntryState, NewArticle};
pub use bookmarks::{normalize_tags, Bookmark, MAX_NOTE_CHARS, MAX_TAGS, MAX_TAG_CHARS};
pub use images::NewImage;
pub use models::*;
pub use retention::{Retention, RetentionReport};
pub use saved::{picture_hashes, ImportReport, SavedArticle, SavedBookmark, SavedImage};

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_initial.sql")),
        M::up(include_str!("migrations/002_dedupe.sql")),
        M::up(include_str!("migrations/003_feed_hash.sql")),
        M::up(include_str!("migrations/004_retention.sql")),
        M::up(include_str!("migrations/005_updates.sql")),
        M::up(include_str!("migrations/006_page_validators.sql")),
        M::up(include_str!("migrations/007_reading_position.sql")),
        M::up(include_str!("migrations/008_bookmark_tags.sql")),
        M::up(include_str!("migrations/009_search.sql")),
    ])
}

/// The database. Cheap to share behind an `Arc`; every call takes the
/// connection for the length of one statement or transaction.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
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
            "PRAGMA foreign_keys = ON;
             PRAGMA synchronous = NORMAL;",
        )?;
        migrations().to_latest(&mut conn)?;
        let store = Self {
            conn: Mutex::new(conn),
            path,
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
        assert_eq!(store.schema_version().expect("version"), 9);
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

    #[test]
    fn file_database_uses_wal_and_latest_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(&dir.path().join("sub/k.db")).expect("open");
        assert_eq!(store.journal_mode().expect("mode"), "wal");
        assert_eq!(store.schema_version().expect("version"), 9);
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
}

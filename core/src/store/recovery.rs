//! A damaged database at start-up: the file is kept aside (never deleted),
//! a new one is made in its place, and the bookmarks come back from the
//! newest automatic backup. The reader is told what happened instead of
//! meeting a crash or an empty window.

use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;
use serde::Serialize;

use super::{ImportReport, Store};
use crate::bookmark_io::backup;
use crate::error::{Error, Result};

/// What a recovery did, for the reader.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Recovery {
    /// Why the database could not be used.
    pub reason: String,
    /// Where the damaged file was kept.
    pub kept_as: PathBuf,
    /// The backup the bookmarks came from, if there was one.
    pub backup: Option<String>,
    pub restored: Option<ImportReport>,
    /// Why the backup could not be restored, if it could not.
    pub restore_error: Option<String>,
}

/// Whether an error means the file itself is not a sound database.
pub fn is_damage(e: &Error) -> bool {
    let code = |e: &rusqlite::Error| {
        matches!(
            e.sqlite_error_code(),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        )
    };
    match e {
        Error::Database(e) => code(e),
        Error::Migration(rusqlite_migration::Error::RusqliteError { err, .. }) => code(err),
        _ => false,
    }
}

/// The file and its WAL and shared-memory companions.
fn companions(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    [path.to_path_buf(), with("-wal"), with("-shm")]
}

/// Opens the database; if it is damaged, keeps it aside as
/// `<name>.damaged-<time>`, opens a new one in its place and restores the
/// newest bookmarks backup in `backups`.
pub fn open_or_recover(path: &Path, backups: &Path, now: i64) -> Result<(Store, Option<Recovery>)> {
    let reason = match Store::open(path) {
        Ok(store) => return Ok((store, None)),
        Err(e) if is_damage(&e) => e.to_string(),
        Err(e) => return Err(e),
    };
    tracing::error!(path = %path.display(), %reason, "damaged database: keeping it aside");
    let stamp = chrono::DateTime::from_timestamp(now, 0)
        .map(|d| d.format("%Y%m%d-%H%M%S").to_string())
        .unwrap_or_else(|| now.to_string());
    let mut kept_as = path.as_os_str().to_owned();
    kept_as.push(format!(".damaged-{stamp}"));
    let kept_as = PathBuf::from(kept_as);
    for (from, to) in companions(path).iter().zip(companions(&kept_as)) {
        if from.exists() {
            std::fs::rename(from, &to)?;
        }
    }
    let store = Store::open(path)?;
    let mut recovery = Recovery {
        reason,
        kept_as,
        backup: None,
        restored: None,
        restore_error: None,
    };
    if let Some(newest) = backup::list(backups)?.into_iter().next() {
        match backup::restore(&store, backups, &newest.name) {
            Ok(report) => recovery.restored = Some(report),
            Err(e) => recovery.restore_error = Some(e.to_string()),
        }
        recovery.backup = Some(newest.name);
    }
    Ok((store, Some(recovery)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::seed;
    use crate::store::Bookmark;

    fn damage(path: &Path) {
        // Past the header, a page of noise: the header says SQLite, the
        // schema is garbage.
        let mut bytes = std::fs::read(path).expect("read");
        for b in bytes.iter_mut().skip(100).take(4000) {
            *b = 0xA5;
        }
        std::fs::write(path, bytes).expect("write");
    }

    #[test]
    fn a_damaged_file_is_kept_and_the_bookmarks_come_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("k.sqlite3");
        let backups = dir.path().join("backups");
        {
            let store = Store::open(&db).expect("open");
            seed(&store);
            store.set_bookmark(2, true).expect("bookmark");
            store
                .restore_bookmark(&Bookmark {
                    article_id: 2,
                    saved_at: 100,
                    note: Some("ملاحظة".into()),
                    tags: vec!["وسم".into()],
                })
                .expect("note");
            backup::write(&store, &backups, 1_795_000_000)
                .expect("backup")
                .expect("written");
            // Everything on disk, no WAL left behind.
            store
                .conn()
                .expect("conn")
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .expect("checkpoint");
        }
        damage(&db);

        let (store, recovery) = open_or_recover(&db, &backups, 1_795_000_500).expect("recovers");
        let recovery = recovery.expect("it was damaged");
        assert!(recovery.kept_as.exists(), "the damaged file is kept");
        assert!(recovery
            .kept_as
            .to_string_lossy()
            .ends_with("k.sqlite3.damaged-20261118-111500"));
        assert_eq!(recovery.restored.map(|r| r.added), Some(1));
        let b = &store.bookmarks().expect("bookmarks")[0];
        assert_eq!((b.saved_at, b.note.as_deref()), (100, Some("ملاحظة")));
        assert_eq!(b.tags, ["وسم"]);
        assert_eq!(store.integrity_check().expect("check"), "ok");

        // A sound file opens as it is.
        drop(store);
        let (_, again) = open_or_recover(&db, &backups, 1_795_000_600).expect("opens");
        assert!(again.is_none());
    }

    #[test]
    fn a_file_that_is_not_a_database_is_kept_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("k.sqlite3");
        std::fs::write(&db, "this is not a database, it is a letter").expect("write");
        let (store, recovery) =
            open_or_recover(&db, &dir.path().join("none"), 0).expect("recovers");
        let recovery = recovery.expect("recovered");
        assert_eq!(recovery.backup, None, "no backup to restore");
        assert_eq!(
            std::fs::read_to_string(&recovery.kept_as).expect("kept"),
            "this is not a database, it is a letter"
        );
        assert_eq!(store.article_count().expect("count"), 0);
    }

    #[test]
    fn other_errors_are_not_damage() {
        assert!(!is_damage(&Error::Io(std::io::Error::other("disk"))));
    }
}

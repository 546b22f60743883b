//! Automatic backups of the bookmarks: the JSON file, written beside the
//! database after bookmarks change, the newest `KEEP` kept. A damaged
//! database then costs no saved article: the backup brings them back.
//!
//! A backup's name says when it was written, how many bookmarks it holds and
//! a hash of its content: `bookmarks-20261126-144500-12-0a1b2c3d.json`. The
//! same bookmarks are not written twice in a row, and no backup is written
//! of no bookmarks (an emptied or broken database must not push the good
//! backups out).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::json;
use crate::error::{Error, Result};
use crate::store::{ImportReport, Store};

pub const KEEP: usize = 10;

/// Where the backups of a database are kept: `backups/` beside it.
pub fn beside(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}
const PREFIX: &str = "bookmarks-";

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    /// The file name (the UI names a backup by it).
    pub name: String,
    /// When it was written (Unix seconds, UTC).
    pub written_at: i64,
    pub bookmarks: usize,
    pub bytes: u64,
}

fn parse_name(name: &str) -> Option<(i64, usize, &str)> {
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(".json")?;
    let mut parts = rest.split('-');
    let (date, time, count, hash) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let when = chrono::NaiveDateTime::parse_from_str(&format!("{date}{time}"), "%Y%m%d%H%M%S")
        .ok()?
        .and_utc()
        .timestamp();
    Some((when, count.parse().ok()?, hash))
}

/// The backups in `dir`, newest first.
pub fn list(dir: &Path) -> Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((written_at, bookmarks, _)) = parse_name(&name) {
            out.push(Backup {
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                name,
                written_at,
                bookmarks,
            });
        }
    }
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// Writes a backup of the bookmarks if they changed since the last one;
/// returns its path, or `None` when nothing needed writing. The file appears
/// whole or not at all (written aside, synced, then renamed).
pub fn write(store: &Store, dir: &Path, now: i64) -> Result<Option<PathBuf>> {
    let saved = store.saved_bookmarks()?;
    if saved.is_empty() {
        return Ok(None);
    }
    // The content hash leaves out the time of writing.
    let body = json::write(&saved, 0)?;
    let hash: String = Sha256::digest(body.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect();
    let existing = list(dir)?;
    if existing
        .first()
        .and_then(|b| parse_name(&b.name))
        .is_some_and(|(_, _, h)| h == hash)
    {
        return Ok(None);
    }
    std::fs::create_dir_all(dir)?;
    let stamp = chrono::DateTime::from_timestamp(now, 0)
        .ok_or_else(|| Error::InvalidInput(format!("time {now}")))?
        .format("%Y%m%d-%H%M%S");
    let name = format!("{PREFIX}{stamp}-{}-{hash}.json", saved.len());
    let path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.tmp"));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(json::write(&saved, now)?.as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, &path)?;
    for old in list(dir)?.iter().skip(KEEP) {
        let _ = std::fs::remove_file(dir.join(&old.name));
    }
    Ok(Some(path))
}

/// Merges a backup back into the store (nothing is removed).
pub fn restore(store: &Store, dir: &Path, name: &str) -> Result<ImportReport> {
    if parse_name(name).is_none() || name.contains(['/', '\\']) {
        return Err(Error::InvalidInput(format!("not a backup: {name}")));
    }
    let text = std::fs::read_to_string(dir.join(name))?;
    store.import_saved(&json::parse(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_date_count_and_hash() {
        let (when, count, hash) =
            parse_name("bookmarks-20261126-144500-12-0a1b2c3d.json").expect("name");
        assert_eq!(when, 1_795_704_300);
        assert_eq!(count, 12);
        assert_eq!(hash, "0a1b2c3d");
        assert!(parse_name("bookmarks-2026-12-0a.json").is_none());
        assert!(parse_name("other.json").is_none());
    }
}

//! Bookmarks, their notes and tags: the reader's, never written by sync. A
//! bookmarked article cannot be deleted (the schema's ON DELETE RESTRICT), so
//! retention and a site that drops it from its feeds leave it whole.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::{now, Store};
use crate::error::{Error, Result};

pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 64;
pub const MAX_NOTE_CHARS: usize = 10_000;

/// A bookmark as the reader made it. Removing one returns it, so that it
/// can be put back as it was (undo).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub article_id: i64,
    /// When it was saved (Unix seconds).
    pub saved_at: i64,
    pub note: Option<String>,
    pub tags: Vec<String>,
}

/// Tags as the reader typed them, made tidy: spaces trimmed and collapsed,
/// no empty or repeated tag (letter case kept, compared as typed), at most
/// `MAX_TAGS` of at most `MAX_TAG_CHARS` characters.
pub fn normalize_tags<S: AsRef<str>>(tags: &[S]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = crate::text::strip_controls(tag.as_ref())
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if tag.is_empty() || out.contains(&tag) {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(Error::InvalidInput(format!(
                "a tag longer than {MAX_TAG_CHARS} characters"
            )));
        }
        out.push(tag);
    }
    if out.len() > MAX_TAGS {
        return Err(Error::InvalidInput(format!("more than {MAX_TAGS} tags")));
    }
    Ok(out)
}

fn normalize_note(note: Option<&str>) -> Result<Option<String>> {
    let note = note.map(crate::text::strip_controls);
    let note = note.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS) {
        return Err(Error::InvalidInput(format!(
            "a note longer than {MAX_NOTE_CHARS} characters"
        )));
    }
    Ok(note.map(str::to_string))
}

pub(super) fn tags_in(tx: &rusqlite::Connection, article_id: i64) -> Result<Vec<String>> {
    let mut stmt =
        tx.prepare_cached("SELECT tag FROM bookmark_tags WHERE article_id = ?1 ORDER BY rowid")?;
    let tags = stmt.query_map([article_id], |r| r.get(0))?;
    Ok(tags.collect::<rusqlite::Result<_>>()?)
}

/// Writes a bookmark whole (its note and tags replace any there were).
pub(super) fn put_bookmark(tx: &Transaction<'_>, b: &Bookmark) -> Result<()> {
    tx.execute(
        "INSERT INTO bookmarks (article_id, created_at, note) VALUES (?1, ?2, ?3)
         ON CONFLICT(article_id) DO UPDATE SET created_at = ?2, note = ?3",
        params![
            b.article_id,
            b.saved_at,
            b.note.as_deref().map(crate::text::strip_controls)
        ],
    )?;
    tx.execute(
        "DELETE FROM bookmark_tags WHERE article_id = ?1",
        [b.article_id],
    )?;
    let mut add =
        tx.prepare_cached("INSERT OR IGNORE INTO bookmark_tags (article_id, tag) VALUES (?1, ?2)")?;
    for tag in &b.tags {
        add.execute(params![b.article_id, crate::text::strip_controls(tag)])?;
    }
    Ok(())
}

impl Store {
    /// The bookmark on an article, if it has one.
    pub fn bookmark(&self, article_id: i64) -> Result<Option<Bookmark>> {
        let conn = self.conn()?;
        let row = conn
            .query_row(
                "SELECT created_at, note FROM bookmarks WHERE article_id = ?1",
                [article_id],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)),
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((saved_at, note)) => Ok(Some(Bookmark {
                article_id,
                saved_at,
                note,
                tags: tags_in(&conn, article_id)?,
            })),
        }
    }

    /// Bookmarks an article (now), or removes its bookmark. Removing returns
    /// what was removed, for undo.
    pub fn set_bookmark(&self, id: i64, bookmarked: bool) -> Result<Option<Bookmark>> {
        self.ensure_article(id)?;
        if bookmarked {
            self.conn()?.execute(
                "INSERT OR IGNORE INTO bookmarks (article_id, created_at) VALUES (?1, ?2)",
                params![id, now()],
            )?;
            return Ok(None);
        }
        let removed = self.bookmark(id)?;
        // Its tags go with it (ON DELETE CASCADE).
        self.conn()?
            .execute("DELETE FROM bookmarks WHERE article_id = ?1", [id])?;
        Ok(removed)
    }

    /// Puts a bookmark back as it was (the undo of removing it), or saves
    /// one with the given date, note and tags.
    pub fn restore_bookmark(&self, b: &Bookmark) -> Result<()> {
        self.ensure_article(b.article_id)?;
        let b = Bookmark {
            note: normalize_note(b.note.as_deref())?,
            tags: normalize_tags(&b.tags)?,
            ..b.clone()
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        put_bookmark(&tx, &b)?;
        tx.commit()?;
        Ok(())
    }

    /// Sets the note and tags of a bookmarked article.
    pub fn annotate_bookmark<S: AsRef<str>>(
        &self,
        id: i64,
        note: Option<&str>,
        tags: &[S],
    ) -> Result<Bookmark> {
        let note = normalize_note(note)?;
        let tags = normalize_tags(tags)?;
        let current = self
            .bookmark(id)?
            .ok_or_else(|| Error::NotFound(format!("bookmark on article {id}")))?;
        let b = Bookmark {
            note,
            tags,
            ..current
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        put_bookmark(&tx, &b)?;
        tx.commit()?;
        Ok(b)
    }

    /// Every tag in use, with how many bookmarks carry it, most used first.
    pub fn bookmark_tags(&self) -> Result<Vec<(String, i64)>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT tag, COUNT(*) FROM bookmark_tags GROUP BY tag ORDER BY COUNT(*) DESC, tag",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every bookmark, oldest first.
    pub fn bookmarks(&self) -> Result<Vec<Bookmark>> {
        let ids: Vec<(i64, i64, Option<String>)> = {
            let conn = self.conn()?;
            let mut stmt = conn.prepare(
                "SELECT article_id, created_at, note FROM bookmarks ORDER BY created_at, article_id",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let conn = self.conn()?;
        ids.into_iter()
            .map(|(article_id, saved_at, note)| {
                Ok(Bookmark {
                    article_id,
                    saved_at,
                    note,
                    tags: tags_in(&conn, article_id)?,
                })
            })
            .collect()
    }

    pub fn bookmark_count(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_row("SELECT COUNT(*) FROM bookmarks", [], |r| r.get(0))?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::seed;

    #[test]
    fn tags_are_tidied_and_bounded() {
        assert_eq!(
            normalize_tags(&["  سفر ", "سفر", "", "اقتصاد  عالمي", "Travel"]).expect("ok"),
            ["سفر", "اقتصاد عالمي", "Travel"]
        );
        assert!(normalize_tags(&["x".repeat(65)]).is_err());
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(normalize_tags(&many).is_err());
    }

    #[test]
    fn a_removed_bookmark_comes_back_whole() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        assert_eq!(store.set_bookmark(1, true).expect("save"), None);
        let b = store
            .annotate_bookmark(1, Some("  للقراءة لاحقاً "), &["اقتصاد", "سفر"])
            .expect("annotate");
        assert_eq!(b.note.as_deref(), Some("للقراءة لاحقاً"));
        assert_eq!(store.bookmark_tags().expect("tags").len(), 2);

        let removed = store.set_bookmark(1, false).expect("remove");
        assert_eq!(removed.as_ref(), Some(&b));
        assert_eq!(store.bookmark(1).expect("read"), None);
        assert!(
            store.bookmark_tags().expect("tags").is_empty(),
            "tags go with it"
        );

        store.restore_bookmark(&b).expect("undo");
        assert_eq!(store.bookmark(1).expect("read"), Some(b));
    }

    #[test]
    fn notes_and_tags_need_a_bookmark_and_sane_sizes() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        assert!(matches!(
            store.annotate_bookmark(2, Some("note"), &["t"]),
            Err(Error::NotFound(_))
        ));
        store.set_bookmark(2, true).expect("save");
        let long = "ن".repeat(MAX_NOTE_CHARS + 1);
        assert!(store
            .annotate_bookmark(2, Some(&long), &[] as &[&str])
            .is_err());
        assert!(matches!(
            store.set_bookmark(99, true),
            Err(Error::NotFound(_))
        ));
    }
}

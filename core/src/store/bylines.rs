//! An article's authors and the feed's tags for it (migration 15): written
//! with the article, read for the reading view and the export, and the
//! lists of articles by one author or with one tag.

use rusqlite::{params, Connection, Transaction};

use crate::error::Result;
use crate::feed::{Person, Tag};

/// Writes an article's authors and tags (replacing what it had, unless it
/// is `fresh`).
pub(super) fn write(
    tx: &Transaction<'_>,
    id: i64,
    authors: &[Person],
    tags: &[Tag],
    fresh: bool,
) -> Result<()> {
    if !fresh {
        tx.prepare_cached("DELETE FROM article_authors WHERE article_id = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM article_feed_tags WHERE article_id = ?1")?
            .execute([id])?;
    }
    if !authors.is_empty() {
        let mut put = tx.prepare_cached(
            "INSERT INTO article_authors (article_id, position, name, email, url)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, p) in authors.iter().enumerate() {
            put.execute(params![id, i as i64, p.name, p.email, p.url])?;
        }
    }
    if !tags.is_empty() {
        let mut put = tx.prepare_cached(
            "INSERT INTO article_feed_tags (article_id, position, term, scheme, label)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, t) in tags.iter().enumerate() {
            put.execute(params![id, i as i64, t.term, t.scheme, t.label])?;
        }
    }
    Ok(())
}

/// An article's authors and tags, in the feed's order.
pub(super) fn read(conn: &Connection, id: i64) -> Result<(Vec<Person>, Vec<Tag>)> {
    let authors = conn
        .prepare_cached(
            "SELECT name, email, url FROM article_authors WHERE article_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Person {
                name: r.get(0)?,
                email: r.get(1)?,
                url: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tags = conn
        .prepare_cached(
            "SELECT term, scheme, label FROM article_feed_tags WHERE article_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Tag {
                term: r.get(0)?,
                scheme: r.get(1)?,
                label: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((authors, tags))
}

/// The byline and tags as one searchable text (SQL, for the index). A tag
/// that is only the name of the article's section is left out: the section
/// filter says that already, and a search for the word would otherwise
/// bring the whole section.
pub(super) const SEARCHABLE_SQL: &str = "COALESCE((SELECT group_concat(name, ' ')
        FROM article_authors au WHERE au.article_id = a.id), '') || ' ' ||
    COALESCE((SELECT group_concat(term || ' ' || COALESCE(label, ''), ' ')
        FROM article_feed_tags ft WHERE ft.article_id = a.id
        AND COALESCE(ft.label, ft.term) IS NOT a.category_label
        AND COALESCE(ft.label, ft.term) NOT IN
            (SELECT name FROM categories c WHERE c.slug = a.category_slug)), '')";

/// The articles of one author, and of one feed tag (by its term or its
/// label), `?3` the name; compared without case.
pub(super) const BY_AUTHOR_SQL: &str =
    "SELECT article_id FROM article_authors WHERE name = ?3 COLLATE NOCASE";
pub(super) const BY_TAG_SQL: &str = "SELECT article_id FROM article_feed_tags
    WHERE term = ?3 COLLATE NOCASE OR label = ?3 COLLATE NOCASE";

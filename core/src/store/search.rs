//! The search index (FTS5, migration 9) and searching it. An article's
//! terms are written in the same transaction as the article, so the index
//! never disagrees with what is stored; a change to the normaliser or the
//! stemmer changes `INDEX_VERSION`, and the index is rebuilt (resumably, in
//! batches, while the app runs).

use rusqlite::{params, Connection, Transaction};

use super::Store;
use crate::error::Result;
use crate::feed::html_to_text;
use crate::search::tokens::index_text;
use crate::search::Stemmer;

/// The stemmer the index is built with (chosen by the quality test set;
/// see core/tests/search_quality.rs and the README).
pub const STEMMER: Stemmer = Stemmer::Light;
/// Changes whenever the terms of a text would change.
pub const INDEX_VERSION: &str = "1-light10";
const VERSION_KEY: &str = "search.index_version";

/// bm25 weights of the columns: the headline counts most.
pub const WEIGHTS: &str = "10.0, 4.0, 1.0, 6.0";

/// The text of an article that is searched.
pub(super) struct Searchable<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body_html: &'a str,
    /// The lead picture's caption, searched with the body.
    pub caption: Option<&'a str>,
    pub original_title: Option<&'a str>,
}

/// Writes (or rewrites) the index row of an article.
pub(super) fn put(conn: &Connection, id: i64, a: &Searchable<'_>) -> Result<()> {
    conn.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?
        .execute([id])?;
    let mut body = html_to_text(a.body_html);
    if let Some(c) = a.caption {
        body.push(' ');
        body.push_str(c);
    }
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, title, summary, body, original_title)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        id,
        index_text(a.title, STEMMER),
        index_text(a.summary, STEMMER),
        index_text(&body, STEMMER),
        index_text(a.original_title.unwrap_or_default(), STEMMER),
    ])?;
    Ok(())
}

/// Progress of an index rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    pub done: usize,
    pub total: usize,
}

impl Store {
    /// Whether the index was built by this version of the normaliser.
    pub fn search_index_current(&self) -> Result<bool> {
        Ok(self.setting(VERSION_KEY)?.as_deref() == Some(INDEX_VERSION))
    }

    /// Builds the index of every article again, `batch` articles per
    /// transaction (other writers get their turn between batches; an
    /// article they write indexes itself). Interrupted, it starts over next
    /// time: the version is written last.
    pub fn rebuild_search_index(
        &self,
        batch: usize,
        mut progress: impl FnMut(IndexProgress),
    ) -> Result<usize> {
        let total = self.article_count()? as usize;
        let mut done = 0;
        let mut after = 0i64;
        loop {
            let mut conn = self.conn()?;
            let tx = conn.transaction()?;
            type Row = (i64, String, String, String, Option<String>, Option<String>);
            let rows: Vec<Row> = {
                let mut stmt = tx.prepare_cached(
                    "SELECT id, title, summary, body_html, image_caption, original_title
                     FROM articles WHERE id > ?1 ORDER BY id LIMIT ?2",
                )?;
                let rows = stmt.query_map(params![after, batch.max(1) as i64], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if rows.is_empty() {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = ?2",
                    params![VERSION_KEY, INDEX_VERSION],
                )?;
                tx.commit()?;
                return Ok(done);
            }
            for (id, title, summary, body_html, caption, original) in &rows {
                let text = Searchable {
                    title,
                    summary,
                    body_html,
                    caption: caption.as_deref(),
                    original_title: original.as_deref(),
                };
                put(&tx, *id, &text)?;
            }
            tx.commit()?;
            done += rows.len();
            after = rows.last().map(|r| r.0).unwrap_or(after);
            progress(IndexProgress {
                done,
                total: total.max(done),
            });
        }
    }
}

/// Removes the index rows of the articles in the temp table `doomed`.
pub(super) fn forget_doomed(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM doomed)",
        [],
    )?;
    Ok(())
}

//! The search index (FTS5, migration 9) and searching it. An article's
//! terms are written in the same transaction as the article, so the index
//! never disagrees with what is stored; a change to the normaliser or the
//! stemmer changes `INDEX_VERSION`, and the index is rebuilt (resumably, in
//! batches, while the app runs).

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::Store;
use crate::error::Result;
use crate::feed::html_to_text;
use crate::search::forms::{index_terms, join_forms};
use crate::search::tokens::index_text;
use crate::search::Stemmer;

/// The stemmer the index is built with (chosen by the quality test set;
/// see core/tests/search_quality.rs and the README).
pub const STEMMER: Stemmer = Stemmer::Light;
/// Changes whenever the terms of a text would change.
pub const INDEX_VERSION: &str = "4-forms-glued-numbers";
const VERSION_KEY: &str = "search.index_version";
/// "<version> <article id>": how far an unfinished rebuild got.
const REBUILT_KEY: &str = "search.rebuilt_up_to";

/// bm25 weights of the columns (title, summary, body, original title,
/// sections, byline and tags): the headline counts most. bm25() in SQL rather than FTS5's own rank, so that
/// filters outside the index (section, unread) apply before the scoring.
pub const WEIGHTS: &str = "10.0, 4.0, 1.0, 6.0, 0.0, 4.0";

/// The text of an article that is searched.
pub(super) struct Searchable<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body_html: &'a str,
    /// The lead picture's caption, searched with the body.
    pub caption: Option<&'a str>,
    pub original_title: Option<&'a str>,
    /// The slugs of the sections it is filed under, separated by spaces.
    pub sections: Option<&'a str>,
    /// Its authors' names and the feed's tags.
    pub byline: &'a str,
}

/// How many stored articles hold `term` (the index's vocabulary), which a
/// query's parser weighs a word's readings by; `None` when the index cannot
/// be asked. Searches and rules read words the same way through it.
pub(super) fn vocab_frequency(conn: &Connection, term: &str) -> Option<i64> {
    let mut stmt = conn
        .prepare_cached("SELECT doc FROM articles_vocab WHERE term = ?1")
        .ok()?;
    Some(
        stmt.query_row([term], |r| r.get(0))
            .optional()
            .ok()?
            .unwrap_or(0),
    )
}

/// Writes the index row of an article; `fresh` when it has none yet (a
/// delete in a contentless index costs, even of nothing).
pub(super) fn put(conn: &Connection, id: i64, a: &Searchable<'_>, fresh: bool) -> Result<()> {
    if !fresh {
        conn.prepare_cached("DELETE FROM articles_fts WHERE rowid = ?1")?
            .execute([id])?;
        conn.prepare_cached("DELETE FROM articles_forms WHERE rowid = ?1")?
            .execute([id])?;
    }
    let mut body = html_to_text(a.body_html);
    if let Some(c) = a.caption {
        body.push(' ');
        body.push_str(c);
    }
    // Each text's stems and forms as written, from one pass over its words.
    let title = index_terms(a.title, STEMMER);
    let summary = index_terms(a.summary, STEMMER);
    let text = index_terms(&body, STEMMER);
    let original_title = a.original_title.unwrap_or_default();
    let original = index_terms(original_title, STEMMER);
    let byline = index_terms(a.byline, STEMMER);
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, title, summary, body, original_title, sections, byline)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        id,
        title.0,
        summary.0,
        text.0,
        original.0,
        index_text(a.sections.unwrap_or_default(), STEMMER),
        byline.0,
    ])?;
    // The headline apart, so that it is weighted as in the stems' index.
    conn.prepare_cached("INSERT INTO articles_forms (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![
            id,
            join_forms(&[(a.title, &title.1)]),
            join_forms(&[
                (a.summary, &summary.1),
                (&body, &text.1),
                (original_title, &original.1),
                (a.byline, &byline.1),
            ])
        ])?;
    Ok(())
}

fn searchable_sql() -> String {
    format!(
        "SELECT id, title, summary, body_html, image_caption, original_title,
            (SELECT group_concat(category_slug, ' ') FROM article_categories c WHERE c.article_id = a.id),
            {}
         FROM articles a",
        super::bylines::SEARCHABLE_SQL
    )
}

type SearchableRow = (
    i64,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn searchable_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SearchableRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn put_row(conn: &Connection, row: &SearchableRow, fresh: bool) -> Result<()> {
    let (id, title, summary, body_html, caption, original, sections, byline) = row;
    put(
        conn,
        *id,
        &Searchable {
            title,
            summary,
            body_html,
            caption: caption.as_deref(),
            original_title: original.as_deref(),
            sections: sections.as_deref(),
            byline: byline.trim(),
        },
        fresh,
    )
}

/// Indexes an article as it is stored now (after it was written, or filed
/// under another section); `fresh` for one just inserted.
pub(super) fn reindex(conn: &Connection, id: i64, fresh: bool) -> Result<()> {
    let row = conn
        .prepare_cached(&format!("{} WHERE a.id = ?1", searchable_sql()))?
        .query_row([id], searchable_row)?;
    put_row(conn, &row, fresh)
}

/// Between two batches of a rebuild, so that other users of the store get
/// the connection.
const REBUILD_PAUSE: std::time::Duration = std::time::Duration::from_millis(2);

/// Progress of an index rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    pub done: usize,
    pub total: usize,
}

impl Store {
    /// Checks the index's own structure (FTS5's integrity-check) and
    /// returns how many articles it holds, which is every stored article
    /// once the index is current.
    pub fn search_index_check(&self) -> Result<i64> {
        let conn = self.conn()?;
        conn.execute(
            "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')",
            [],
        )?;
        conn.execute(
            "INSERT INTO articles_forms (articles_forms) VALUES ('integrity-check')",
            [],
        )?;
        Ok(conn.query_row("SELECT COUNT(*) FROM articles_fts", [], |r| r.get(0))?)
    }

    /// Whether the index was built by this version of the normaliser.
    pub fn search_index_current(&self) -> Result<bool> {
        Ok(self.setting(VERSION_KEY)?.as_deref() == Some(INDEX_VERSION))
    }

    /// The last article a rebuild for this index version got to (0: none).
    /// Articles up to it are indexed by this version; later ones written
    /// since index themselves, and the rebuild does them again harmlessly.
    fn rebuilt_up_to(&self) -> Result<i64> {
        Ok(self
            .setting(REBUILT_KEY)?
            .and_then(|v| {
                let (version, id) = v.rsplit_once(' ')?;
                (version == INDEX_VERSION).then(|| id.parse().ok())?
            })
            .unwrap_or(0))
    }

    /// Builds the index of every article again, `batch` articles per
    /// transaction (other writers get their turn between batches; an
    /// article they write indexes itself). Each batch records how far it
    /// got, so a rebuild cut short (the app closed, a crash) goes on from
    /// there next time; the version is written last. `progress` is called
    /// between batches, without the connection held.
    pub fn rebuild_search_index(
        &self,
        batch: usize,
        mut progress: impl FnMut(IndexProgress),
    ) -> Result<usize> {
        let total = self.article_count()? as usize;
        let mut after = self.rebuilt_up_to()?;
        let mut done = if after > 0 {
            self.conn()?.query_row(
                "SELECT COUNT(*) FROM articles WHERE id <= ?1",
                [after],
                |r| r.get::<_, i64>(0),
            )? as usize
        } else {
            0
        };
        loop {
            let indexed = {
                let mut conn = self.conn()?;
                let tx = conn.transaction()?;
                let rows: Vec<SearchableRow> = {
                    let mut stmt = tx.prepare_cached(&format!(
                        "{} WHERE a.id > ?1 ORDER BY a.id LIMIT ?2",
                        searchable_sql()
                    ))?;
                    let rows =
                        stmt.query_map(params![after, batch.max(1) as i64], searchable_row)?;
                    rows.collect::<rusqlite::Result<_>>()?
                };
                if rows.is_empty() {
                    // Every row was written again over its old one: merge
                    // the index's segments and drop what the old rows left,
                    // or queries read through all of it (p95 over 100,036
                    // articles: 40 ms after a rebuild without this, 9 ms with).
                    if done > 0 {
                        tx.execute(
                            "INSERT INTO articles_fts (articles_fts) VALUES ('optimize')",
                            [],
                        )?;
                        tx.execute(
                            "INSERT INTO articles_forms (articles_forms) VALUES ('optimize')",
                            [],
                        )?;
                    }
                    tx.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT(key) DO UPDATE SET value = ?2",
                        params![VERSION_KEY, INDEX_VERSION],
                    )?;
                    tx.execute("DELETE FROM settings WHERE key = ?1", [REBUILT_KEY])?;
                    tx.commit()?;
                    return Ok(done);
                }
                for row in &rows {
                    put_row(&tx, row, false)?;
                }
                after = rows.last().map(|r| r.0).unwrap_or(after);
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT(key) DO UPDATE SET value = ?2",
                    params![REBUILT_KEY, format!("{INDEX_VERSION} {after}")],
                )?;
                tx.commit()?;
                rows.len()
            };
            done += indexed;
            progress(IndexProgress {
                done,
                total: total.max(done),
            });
            // The lock is free between batches, but a thread that takes it
            // straight back would starve the window's reads for the whole
            // rebuild (measured: a first list 36 s late over 100,000
            // articles). A moment asleep hands it to whoever waits.
            std::thread::sleep(REBUILD_PAUSE);
        }
    }
}

/// Removes the index rows of the articles in the temp table `doomed`.
pub(super) fn forget_doomed(tx: &Transaction<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM articles_fts WHERE rowid IN (SELECT id FROM doomed)",
        [],
    )?;
    tx.execute(
        "DELETE FROM articles_forms WHERE rowid IN (SELECT id FROM doomed)",
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;
    use crate::store::test_support::seed;

    /// The window reads while an index is rebuilt: between batches the
    /// connection is free, even while the caller hears of progress.
    #[test]
    fn others_use_the_store_between_batches_of_a_rebuild() {
        let store = std::sync::Arc::new(Store::open_in_memory().expect("store"));
        seed(&store);
        let (ask, asked) = mpsc::channel::<()>();
        let (answer, answered) = mpsc::channel::<i64>();
        let reader = {
            let store = store.clone();
            std::thread::spawn(move || {
                for () in asked {
                    let n = store.article_count().expect("count");
                    if answer.send(n).is_err() {
                        break;
                    }
                }
            })
        };
        let mut reads = Vec::new();
        let built = store
            .rebuild_search_index(1, |_| {
                ask.send(()).expect("reader alive");
                // Held connection: the reader could not answer at all.
                reads.push(
                    answered
                        .recv_timeout(Duration::from_secs(30))
                        .expect("the store was free between batches"),
                );
            })
            .expect("rebuild");
        drop(ask);
        reader.join().expect("reader");
        assert_eq!(built, 3);
        assert_eq!(reads, [3, 3, 3]);
        assert!(store.search_index_current().expect("current"));
    }

    /// A rebuild cut short goes on where it stopped, and only for the same
    /// index version.
    #[test]
    fn an_unfinished_rebuild_goes_on_from_where_it_stopped() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        store
            .set_setting(REBUILT_KEY, &format!("{INDEX_VERSION} 2"))
            .expect("progress");
        let mut seen = Vec::new();
        assert_eq!(
            store
                .rebuild_search_index(1, |p| seen.push(p))
                .expect("rebuild"),
            3
        );
        assert_eq!(seen, [IndexProgress { done: 3, total: 3 }]);
        assert!(store.search_index_current().expect("current"));
        assert_eq!(store.setting(REBUILT_KEY).expect("key"), None);

        // Progress made for another version counts for nothing.
        store
            .set_setting(REBUILT_KEY, "0-older 2")
            .expect("progress");
        let mut seen = Vec::new();
        store
            .rebuild_search_index(1, |p| seen.push(p.done))
            .expect("rebuild");
        assert_eq!(seen, [1, 2, 3]);
    }
}

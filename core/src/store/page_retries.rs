//! Pages still to be read (migration 15). An article whose page could not
//! be read is stored with the feed's text and a row here, written in the
//! same transaction; later syncs try the page again, each wait longer than
//! the last, until it is read (the row goes, with the article's new text)
//! or [`MAX_ATTEMPTS`] have failed (the row stays: the reading view says
//! the page could not be read, and the feed's text is what there is).

use rusqlite::{params, Transaction};

use super::{now, Store};
use crate::error::Result;
use crate::feed::{FeedEntry, Person, Tag};

/// Tries of a page before the app stops asking for it.
pub const MAX_ATTEMPTS: i64 = 8;

/// When to try a page again after `attempts` failures: 30 minutes, then
/// twice as long each time, at most a day.
pub fn next_try(now: i64, attempts: i64) -> i64 {
    let wait = (30 * 60_i64).saturating_mul(1 << (attempts - 1).clamp(0, 6));
    now + wait.min(24 * 3600)
}

/// A page to read again, with what is stored of its article.
#[derive(Debug, Clone)]
pub struct PendingPage {
    pub article_id: i64,
    pub source_id: Option<i64>,
    pub attempts: i64,
    /// The article as an entry of its feed (its text is the feed's).
    pub entry: FeedEntry,
}

/// Records (or keeps) a page still to be read for a new or replaced article.
pub(super) fn mark_pending(tx: &Transaction<'_>, id: i64, error: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO page_retries (article_id, attempts, next_at, last_error) VALUES (?1, 1, ?2, ?3)
         ON CONFLICT(article_id) DO UPDATE SET last_error = excluded.last_error",
    )?
    .execute(params![id, next_try(now(), 1), error])?;
    Ok(())
}

pub(super) fn clear(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM page_retries WHERE article_id = ?1")?
        .execute([id])?;
    Ok(())
}

impl Store {
    /// Pages due to be tried again at `at` (the longest-waiting first).
    pub fn due_pages(&self, at: i64, limit: usize) -> Result<Vec<PendingPage>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT a.id, a.source_id, p.attempts, a.guid, a.url, a.title, a.summary, a.body_html,
                    a.published_at, a.source_updated_at
             FROM page_retries p JOIN articles a ON a.id = p.article_id
             WHERE p.attempts < ?2 AND p.next_at <= ?1 AND a.url IS NOT NULL
             ORDER BY p.next_at LIMIT ?3",
        )?;
        let rows = stmt
            .query_map(params![at, MAX_ATTEMPTS, limit as i64], |r| {
                let url: String = r.get(4)?;
                let body: String = r.get(7)?;
                let ts = |v: Option<i64>| v.and_then(|t| chrono::DateTime::from_timestamp(t, 0));
                Ok(PendingPage {
                    article_id: r.get(0)?,
                    source_id: r.get(1)?,
                    attempts: r.get(2)?,
                    entry: FeedEntry {
                        guid: r.get(3)?,
                        url: url::Url::parse(&url).ok(),
                        title: r.get(5)?,
                        summary: r.get(6)?,
                        content_html: (!body.is_empty()).then_some(body),
                        published: ts(r.get(8)?),
                        updated: ts(r.get(9)?),
                        authors: Vec::<Person>::new(),
                        tags: Vec::<Tag>::new(),
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        drop(stmt);
        let mut out = rows;
        for p in &mut out {
            (p.entry.authors, p.entry.tags) = super::bylines::read(&conn, p.article_id)?;
        }
        Ok(out)
    }

    /// Another failed try of a page.
    pub fn page_failed_again(&self, id: i64, attempts: i64, error: &str) -> Result<()> {
        self.conn()?.execute(
            "UPDATE page_retries SET attempts = ?2, next_at = ?3, last_error = ?4 WHERE article_id = ?1",
            params![id, attempts, next_try(now(), attempts), error],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wait_is_longer_up_to_a_day() {
        let waits: Vec<i64> = (1..=9).map(|a| next_try(0, a)).collect();
        assert_eq!(waits[0], 1800);
        assert_eq!(waits[1], 3600);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(*waits.last().unwrap_or(&0), 86_400);
    }
}

//! Feeds to sync and what the last fetch of each said.

use rusqlite::{params, OptionalExtension};

use super::{now, Source, Store};
use crate::error::Result;
use crate::fetch::Validators;

impl Store {
    /// Adds the feed if it is not known yet; an existing source keeps its
    /// state (and its enabled flag, which is the user's).
    pub fn ensure_source(&self, url: &str, category_slug: Option<&str>) -> Result<i64> {
        let conn = self.conn()?;
        conn.execute(
            "INSERT INTO sources (url, category_slug, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(url) DO NOTHING",
            params![url, category_slug, now()],
        )?;
        Ok(conn.query_row("SELECT id FROM sources WHERE url = ?1", [url], |r| r.get(0))?)
    }

    /// Names a source that has no title yet (the feed's own, once read,
    /// replaces it).
    pub fn name_untitled_source(&self, id: i64, title: &str) -> Result<()> {
        self.conn()?.execute(
            "UPDATE sources SET title = ?2 WHERE id = ?1 AND title IS NULL",
            params![id, crate::text::clean_text(title)],
        )?;
        Ok(())
    }

    pub fn sources(&self) -> Result<Vec<Source>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT id, url, title, category_slug, enabled, etag, last_modified,
                    last_success_at, last_error, last_cut, last_error_code, encoding,
                    (SELECT COUNT(*) FROM page_retries p JOIN articles a ON a.id = p.article_id
                     WHERE a.source_id = s.id)
             FROM sources s ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Source {
                id: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                category_slug: r.get(3)?,
                enabled: r.get(4)?,
                etag: r.get(5)?,
                last_modified: r.get(6)?,
                last_success_at: r.get(7)?,
                last_error: r.get(8)?,
                last_cut: r.get(9)?,
                last_error_code: r.get(10)?,
                encoding: r.get(11)?,
                pending_pages: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The encoding the source's feed was read in, last time it was read.
    pub fn set_source_encoding(&self, id: i64, encoding: &str) -> Result<()> {
        self.conn()?.execute(
            "UPDATE sources SET encoding = ?2 WHERE id = ?1",
            params![id, encoding],
        )?;
        Ok(())
    }

    pub fn source_validators(&self, id: i64) -> Result<Validators> {
        let conn = self.conn()?;
        let v = conn
            .query_row(
                "SELECT etag, last_modified, content_hash FROM sources WHERE id = ?1",
                [id],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                        content_hash: r.get(2)?,
                    })
                },
            )
            .optional()?;
        Ok(v.unwrap_or_default())
    }

    /// Records a successful fetch. Validators are only replaced when the
    /// server sent a body (a 304 passes `None` and keeps the old ones).
    pub fn record_source_success(
        &self,
        id: i64,
        validators: Option<&Validators>,
        title: Option<&str>,
    ) -> Result<()> {
        let conn = self.conn()?;
        let t = now();
        match validators {
            Some(v) => conn.execute(
                "UPDATE sources SET etag = ?2, last_modified = ?3, title = COALESCE(?4, title),
                        last_fetched_at = ?5, last_success_at = ?5, last_error = NULL,
                        last_error_code = NULL, content_hash = ?6
                 WHERE id = ?1",
                params![
                    id,
                    v.etag,
                    v.last_modified,
                    title.map(crate::text::strip_controls),
                    t,
                    v.content_hash
                ],
            )?,
            None => conn.execute(
                "UPDATE sources SET last_fetched_at = ?2, last_success_at = ?2, last_error = NULL,
                        last_error_code = NULL
                 WHERE id = ?1",
                params![id, t],
            )?,
        };
        Ok(())
    }

    /// Whether the last read of the source stopped at a limit.
    pub fn record_source_cut(&self, id: i64, cut: bool) -> Result<()> {
        self.conn()?.execute(
            "UPDATE sources SET last_cut = ?2 WHERE id = ?1",
            params![id, cut],
        )?;
        Ok(())
    }

    pub fn record_source_error(&self, id: i64, code: &str, message: &str) -> Result<()> {
        self.conn()?.execute(
            "UPDATE sources SET last_fetched_at = ?2, last_error = ?3, last_error_code = ?4
             WHERE id = ?1",
            params![id, now(), crate::text::strip_controls(message), code],
        )?;
        Ok(())
    }
}

impl Store {
    /// Forgets a source. Its articles stay (they are the user's to read).
    pub fn remove_source(&self, id: i64) -> Result<()> {
        let n = self
            .conn()?
            .execute("DELETE FROM sources WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(crate::error::Error::NotFound(format!("source {id}")));
        }
        Ok(())
    }

    /// The user's switch for a source; disabled sources are not synced.
    pub fn set_source_enabled(&self, id: i64, enabled: bool) -> Result<()> {
        let n = self.conn()?.execute(
            "UPDATE sources SET enabled = ?2 WHERE id = ?1",
            params![id, enabled],
        )?;
        if n == 0 {
            return Err(crate::error::Error::NotFound(format!("source {id}")));
        }
        Ok(())
    }
}

//! Read marks and bookmarks: the user's, never written by sync.

use rusqlite::params;

use super::{now, Store};
use crate::error::{Error, Result};

impl Store {
    fn ensure_article(&self, id: i64) -> Result<()> {
        let n: i64 =
            self.conn()?
                .query_row("SELECT COUNT(*) FROM articles WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        if n == 0 {
            return Err(Error::NotFound(format!("article {id}")));
        }
        Ok(())
    }

    pub fn set_read(&self, id: i64, read: bool) -> Result<()> {
        self.ensure_article(id)?;
        let conn = self.conn()?;
        if read {
            conn.execute(
                "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?1, ?2)",
                params![id, now()],
            )?;
        } else {
            conn.execute("DELETE FROM read_state WHERE article_id = ?1", [id])?;
        }
        Ok(())
    }

    pub fn set_bookmark(&self, id: i64, bookmarked: bool) -> Result<()> {
        self.ensure_article(id)?;
        let conn = self.conn()?;
        if bookmarked {
            conn.execute(
                "INSERT OR IGNORE INTO bookmarks (article_id, created_at) VALUES (?1, ?2)",
                params![id, now()],
            )?;
        } else {
            conn.execute("DELETE FROM bookmarks WHERE article_id = ?1", [id])?;
        }
        Ok(())
    }

    pub fn bookmark_count(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_row("SELECT COUNT(*) FROM bookmarks", [], |r| r.get(0))?)
    }
}

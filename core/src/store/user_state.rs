//! Read marks and reading positions: the user's, never written by sync.

use rusqlite::params;

use super::{now, Store};
use crate::error::{Error, Result};

impl Store {
    pub(super) fn ensure_article(&self, id: i64) -> Result<()> {
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

    /// Marks every unread article (of a category, or all) read; returns
    /// their ids so the UI can undo it.
    pub fn mark_all_read(&self, category: Option<&str>) -> Result<Vec<i64>> {
        self.mark_list_read(&crate::store::ListFilter {
            category: category.map(String::from),
            ..Default::default()
        })
    }

    /// Marks these articles read, in one transaction.
    pub(super) fn mark_read_ids(&self, ids: &[i64]) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut mark = tx.prepare(
                "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?1, ?2)",
            )?;
            let t = now();
            for id in ids {
                mark.execute(params![id, t])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Marks these articles unread again (the undo of `mark_all_read`).
    pub fn mark_unread(&self, ids: &[i64]) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        {
            let mut stmt = tx.prepare("DELETE FROM read_state WHERE article_id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Remembers where the reader stopped in an article (0 to 1).
    pub fn set_reading_position(&self, id: i64, position: f64) -> Result<()> {
        if !(0.0..=1.0).contains(&position) {
            return Err(Error::InvalidInput(format!("reading position {position}")));
        }
        self.ensure_article(id)?;
        self.conn()?.execute(
            "INSERT INTO reading_positions (article_id, position, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(article_id) DO UPDATE SET position = ?2, updated_at = ?3",
            params![id, position, now()],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::test_support::seed;
    use crate::store::{ListFilter, Store};

    #[test]
    fn mark_all_read_per_category_and_undo() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        store.set_read(1, true).expect("read");
        let marked = store.mark_all_read(Some("news")).expect("mark");
        assert_eq!(marked, vec![2], "only the unread one of the category");
        let unread = |s: &Store| {
            s.list_articles(&ListFilter {
                unread_only: true,
                limit: 10,
                ..ListFilter::default()
            })
            .expect("list")
            .len()
        };
        assert_eq!(unread(&store), 1);
        store.mark_unread(&marked).expect("undo");
        assert_eq!(unread(&store), 2);
        assert!(
            store.article(1).expect("a").read,
            "undo leaves what was read before"
        );
        assert_eq!(store.mark_all_read(None).expect("all").len(), 2);
    }

    #[test]
    fn reading_position_is_kept_and_checked() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        assert_eq!(store.article(1).expect("a").position, 0.0);
        store.set_reading_position(1, 0.42).expect("set");
        assert_eq!(store.article(1).expect("a").position, 0.42);
        assert!(store.set_reading_position(1, 1.5).is_err());
        assert!(store.set_reading_position(99, 0.5).is_err());
    }
}

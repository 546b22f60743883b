//! The site's categories, in the order of its navigation.

use rusqlite::params;

use super::{Category, Store};
use crate::error::Result;

impl Store {
    /// Replaces the navigation order with `cats` (slug, name, url). Categories
    /// that left the navigation stay, after the others, so their articles
    /// remain reachable.
    pub fn set_categories(&self, cats: &[(String, String, Option<String>)]) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        tx.execute("UPDATE categories SET position = position + 1000000", [])?;
        for (i, (slug, name, url)) in cats.iter().enumerate() {
            tx.execute(
                "INSERT INTO categories (slug, name, url, position) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(slug) DO UPDATE SET name = ?2, url = COALESCE(?3, url), position = ?4",
                params![slug, crate::text::strip_controls(name), url, i as i64],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn categories(&self) -> Result<Vec<Category>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT c.slug, c.name, c.url,
                    (SELECT COUNT(*) FROM article_categories ac
                     LEFT JOIN read_state rs ON rs.article_id = ac.article_id
                     WHERE ac.category_slug = c.slug AND rs.article_id IS NULL
                       AND NOT EXISTS (SELECT 1 FROM rule_hits h
                                       WHERE h.article_id = ac.article_id AND h.hides))
             FROM categories c ORDER BY c.position",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Category {
                slug: r.get(0)?,
                name: r.get(1)?,
                url: r.get(2)?,
                unread: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

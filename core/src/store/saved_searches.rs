//! Saved searches (migration 17): a query with its section and "unread
//! only", kept, shown in the navigation as a section of its own with its
//! unread count. The query is read as any search is, each time the list is
//! drawn, so a saved search always holds what is stored now.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::{now, ListFilter, Store};
use crate::error::{Error, Result};

/// The most saved searches kept (each is counted when the navigation is
/// drawn).
pub const MAX_SAVED_SEARCHES: usize = 50;

/// A search as the reader saves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchSpec {
    /// Its name in the navigation (the query when none is given).
    #[serde(default)]
    pub name: Option<String>,
    pub query: String,
    /// Only this section.
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub unread_only: bool,
}

/// A saved search, with how many unread stories it holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub id: i64,
    pub name: String,
    pub query: String,
    pub category: Option<String>,
    pub unread_only: bool,
    pub unread: i64,
}

impl SearchSpec {
    /// The search as it will be kept, or what is wrong with it.
    pub fn checked(&self) -> Result<SearchSpec> {
        let clean = |s: &str| crate::text::clean_text(s).trim().to_string();
        let query = clean(&self.query);
        if query.is_empty() || query.chars().count() > crate::search::query::MAX_CHARS {
            return Err(Error::InvalidInput(
                "a saved search needs words, at most 200 characters".into(),
            ));
        }
        if crate::search::Query::parse(&format!("{query} "), super::search::STEMMER).is_none() {
            return Err(Error::InvalidInput(
                "a saved search's words hold nothing that can be searched for".into(),
            ));
        }
        let name: String = self
            .name
            .as_deref()
            .map(clean)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| query.clone())
            .chars()
            .take(80)
            .collect();
        Ok(SearchSpec {
            name: Some(name),
            query,
            category: self
                .category
                .as_deref()
                .map(clean)
                .filter(|c| !c.is_empty()),
            unread_only: self.unread_only,
        })
    }

    /// The list it shows.
    pub fn filter(&self) -> ListFilter {
        ListFilter {
            // A finished query: no word of it is a prefix being typed.
            query: Some(format!("{} ", self.query)),
            category: self.category.clone(),
            unread_only: self.unread_only,
            ..Default::default()
        }
    }
}

impl Store {
    /// Every saved search in the order they were saved, each with its
    /// unread count.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>> {
        let rows: Vec<(i64, String, String, Option<String>, bool)> = {
            let conn = self.conn()?;
            let mut stmt = conn.prepare_cached(
                "SELECT id, name, query, category_slug, unread_only FROM saved_searches
                 ORDER BY position, id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut out = Vec::with_capacity(rows.len());
        for (id, name, query, category, unread_only) in rows {
            let spec = SearchSpec {
                name: None,
                query: query.clone(),
                category: category.clone(),
                unread_only,
            };
            let unread = self.count_articles(&ListFilter {
                unread_only: true,
                ..spec.filter()
            })?;
            out.push(SavedSearch {
                id,
                name,
                query,
                category,
                unread_only,
                unread,
            });
        }
        Ok(out)
    }

    /// Keeps a search; returns it as the navigation shows it.
    pub fn save_search(&self, spec: &SearchSpec) -> Result<SavedSearch> {
        let spec = spec.checked()?;
        let id = {
            let mut conn = self.conn()?;
            let tx = conn.transaction()?;
            let n: i64 = tx.query_row("SELECT COUNT(*) FROM saved_searches", [], |r| r.get(0))?;
            if n as usize >= MAX_SAVED_SEARCHES {
                return Err(Error::InvalidInput(format!(
                    "more than {MAX_SAVED_SEARCHES} saved searches"
                )));
            }
            tx.execute(
                "INSERT INTO saved_searches (name, query, category_slug, unread_only, position, created_at)
                 VALUES (?1, ?2, ?3, ?4, (SELECT COALESCE(MAX(position), 0) + 1 FROM saved_searches), ?5)",
                params![spec.name, spec.query, spec.category, spec.unread_only, now()],
            )?;
            let id = tx.last_insert_rowid();
            tx.commit()?;
            id
        };
        self.saved_searches()?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or_else(|| Error::NotFound(format!("saved search {id}")))
    }

    /// Removes a saved search; returns what it was (for an undo).
    pub fn remove_saved_search(&self, id: i64) -> Result<SearchSpec> {
        let conn = self.conn()?;
        let spec = conn
            .query_row(
                "SELECT name, query, category_slug, unread_only FROM saved_searches WHERE id = ?1",
                [id],
                |r| {
                    Ok(SearchSpec {
                        name: r.get(0)?,
                        query: r.get(1)?,
                        category: r.get(2)?,
                        unread_only: r.get(3)?,
                    })
                },
            )
            .map_err(|_| Error::NotFound(format!("saved search {id}")))?;
        conn.execute("DELETE FROM saved_searches WHERE id = ?1", [id])?;
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::article;
    use crate::store::NewArticle;

    #[test]
    fn a_saved_search_counts_its_unread_stories_as_search_finds_them() {
        let store = Store::open_in_memory().expect("store");
        for (n, title, section) in [
            (1, "اللاجئون يعودون", "world"),
            (2, "عودة اللاجئين إلى ديارهم", "world"),
            (3, "وصول لاجئ جديد", "news"),
            (4, "أسعار النفط", "economy"),
        ] {
            let a = NewArticle {
                category_slug: Some(section.into()),
                ..article(n, title, "نص")
            };
            store.insert_article(&a, None, &[]).expect("insert");
        }
        let s = store
            .save_search(&SearchSpec {
                name: Some("  ".into()),
                query: "اللاجئ".into(),
                category: None,
                unread_only: false,
            })
            .expect("save");
        assert_eq!(s.name, "اللاجئ", "named by its query");
        assert_eq!(s.unread, 3);
        store.set_read(1, true).expect("read");
        let world = store
            .save_search(&SearchSpec {
                name: Some("لاجئو العالم".into()),
                query: "اللاجئ".into(),
                category: Some("world".into()),
                unread_only: true,
            })
            .expect("save");
        assert_eq!(world.unread, 1);
        assert_eq!(store.saved_searches().expect("list")[0].unread, 2);
        let removed = store.remove_saved_search(s.id).expect("remove");
        assert_eq!(removed.query, "اللاجئ");
        assert_eq!(store.saved_searches().expect("list").len(), 1);
        assert!(store
            .save_search(&SearchSpec {
                name: None,
                query: "؟!".into(),
                category: None,
                unread_only: false,
            })
            .is_err());
    }
}

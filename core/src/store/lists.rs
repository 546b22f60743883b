//! The article lists: a category, unread, bookmarks (by tag, by date saved)
//! and search results, a page at a time, and how many each holds. A list
//! with a query is a search: it reads the FTS index, is ordered by rank
//! (bm25, the headline weighted most), and each row carries its matches in
//! the original text.

use rusqlite::{params, Row};

use super::search::{STEMMER, WEIGHTS};
use super::{ArticleSummary, Highlight, ListFilter, ListSort, Store};
use crate::error::Result;
use crate::feed::html_to_text;
use crate::search::{highlight, snippet, Query};

const SUMMARY_COLUMNS: &str = "a.id, a.title, a.summary, a.category_slug, a.category_label,
    a.published_at, i.sha256, rs.article_id IS NOT NULL, b.article_id IS NOT NULL, a.direction,
    b.note, (SELECT group_concat(tag, char(31)) FROM
        (SELECT t.tag FROM bookmark_tags t WHERE t.article_id = a.id ORDER BY t.rowid))";

const SUMMARY_JOINS: &str = "LEFT JOIN images i ON i.id = a.image_id
    LEFT JOIN read_state rs ON rs.article_id = a.id
    LEFT JOIN bookmarks b ON b.article_id = a.id";

/// Words of text shown around the matches in a result.
const SNIPPET_WORDS: usize = 24;

/// The WHERE clause of a list. Parameters: `?1` category, `?2` the FTS
/// query, `?3` tag, `?4` and `?5` the publication dates from and until
/// (each NULL when not filtered on).
fn condition(f: &ListFilter, search: bool) -> String {
    let mut sql = String::from(if f.category.is_some() {
        "a.id IN (SELECT article_id FROM article_categories WHERE category_slug = ?1)"
    } else {
        "?1 IS NULL"
    });
    sql.push_str(if search {
        " AND articles_fts MATCH ?2"
    } else {
        " AND ?2 IS NULL"
    });
    sql.push_str(if f.tag.is_some() {
        " AND a.id IN (SELECT article_id FROM bookmark_tags WHERE tag = ?3)"
    } else {
        " AND ?3 IS NULL"
    });
    sql.push_str(
        " AND (?4 IS NULL OR a.published_at >= ?4) AND (?5 IS NULL OR a.published_at < ?5)",
    );
    // Subqueries rather than the list's joins, so a count reads only what
    // it filters on (a count of every article is then one index scan).
    if f.bookmarked_only {
        sql.push_str(" AND EXISTS (SELECT 1 FROM bookmarks bm WHERE bm.article_id = a.id)");
    }
    if f.unread_only {
        sql.push_str(" AND NOT EXISTS (SELECT 1 FROM read_state r WHERE r.article_id = a.id)");
    }
    sql
}

fn from(search: bool) -> &'static str {
    if search {
        "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    } else {
        "FROM articles a"
    }
}

fn summary_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        summary: r.get(2)?,
        category_slug: r.get(3)?,
        category_label: r.get(4)?,
        published_at: r.get(5)?,
        image: r.get(6)?,
        read: r.get(7)?,
        bookmarked: r.get(8)?,
        direction: r.get(9)?,
        note: r.get(10)?,
        tags: r
            .get::<_, Option<String>>(11)?
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        highlight: None,
    })
}

/// What a query matched in a result: the headline's words, and the best
/// part of the summary, the body, the caption or the original headline
/// (`more`: body HTML, caption, original headline).
fn matches(q: &Query, a: &ArticleSummary, more: &[Option<String>; 3]) -> Highlight {
    let [body_html, caption, original] = more;
    Highlight {
        title: highlight(&a.title, q, STEMMER),
        snippet: snippet(&a.summary, q, STEMMER, SNIPPET_WORDS)
            .or_else(|| {
                let body = html_to_text(body_html.as_deref().unwrap_or_default());
                snippet(&body, q, STEMMER, SNIPPET_WORDS)
            })
            .or_else(|| caption.as_deref().and_then(|c| highlight(c, q, STEMMER)))
            .or_else(|| original.as_deref().and_then(|o| highlight(o, q, STEMMER))),
    }
}

impl Store {
    /// A page of a list: newest first (bookmarks: or most recently saved
    /// first), or, with a query, best match first.
    pub fn list_articles(&self, f: &ListFilter) -> Result<Vec<ArticleSummary>> {
        let query = match f.query.as_deref() {
            Some(text) => match Query::parse(text, STEMMER) {
                Some(q) => Some(q),
                // Nothing in it can match anything.
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let search = query.is_some();
        let order = if search {
            format!("bm25(articles_fts, {WEIGHTS}), a.published_at DESC")
        } else {
            match f.sort {
                ListSort::Published => "a.published_at DESC, a.id DESC".into(),
                ListSort::Saved => "b.created_at DESC, a.id DESC".into(),
            }
        };
        let extra = if search {
            ", a.body_html, a.image_caption, a.original_title"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}{extra} {} {SUMMARY_JOINS} WHERE {}
             ORDER BY {order} LIMIT ?6 OFFSET ?7",
            from(search),
            condition(f, search),
        );
        let limit = if f.limit == 0 { 100 } else { f.limit.min(1000) };
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(&sql)?;
        let args = params![
            f.category,
            query.as_ref().map(|q| q.fts.as_str()),
            f.tag,
            f.since,
            f.until,
            limit,
            f.offset
        ];
        let rows: Vec<ArticleSummary> = match &query {
            None => stmt
                .query_map(args, summary_row)?
                .collect::<rusqlite::Result<_>>()?,
            Some(q) => stmt
                .query_map(args, |r| {
                    let mut a = summary_row(r)?;
                    let more = [r.get(12)?, r.get(13)?, r.get(14)?];
                    a.highlight = Some(matches(q, &a, &more));
                    Ok(a)
                })?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(rows)
    }

    /// How many articles a list holds (for a list drawn a window at a time).
    pub fn count_articles(&self, f: &ListFilter) -> Result<i64> {
        let query = match f.query.as_deref() {
            Some(text) => match Query::parse(text, STEMMER) {
                Some(q) => Some(q),
                None => return Ok(0),
            },
            None => None,
        };
        let search = query.is_some();
        let sql = format!(
            "SELECT COUNT(*) {} WHERE {}",
            from(search),
            condition(f, search)
        );
        Ok(self.conn()?.prepare_cached(&sql)?.query_row(
            params![
                f.category,
                query.as_ref().map(|q| q.fts.as_str()),
                f.tag,
                f.since,
                f.until
            ],
            |r| r.get(0),
        )?)
    }
}
#[cfg(test)]
mod tests {
    use crate::store::test_support::seed;
    use crate::store::{ListFilter, Store};

    fn titles(store: &Store, f: ListFilter) -> Vec<String> {
        let f = ListFilter { limit: 10, ..f };
        let rows = store.list_articles(&f).expect("list");
        assert_eq!(store.count_articles(&f).expect("count"), rows.len() as i64);
        rows.into_iter().map(|r| r.title).collect()
    }

    #[test]
    fn a_query_narrows_the_list_and_its_count() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        let query = |q: &str| ListFilter {
            query: Some(q.into()),
            ..ListFilter::default()
        };
        assert_eq!(titles(&store, query("world")), ["خبر 3 عن world"]);
        assert_eq!(titles(&store, query("خبر")).len(), 3);
        let in_news = ListFilter {
            category: Some("news".into()),
            ..query("خبر")
        };
        assert_eq!(titles(&store, in_news), ["خبر 2 عن news", "خبر 1 عن news"]);
        // LIKE's wildcards are the reader's characters, not wildcards.
        assert!(titles(&store, query("%")).is_empty());
        assert!(titles(&store, query("_")).is_empty());
    }
}

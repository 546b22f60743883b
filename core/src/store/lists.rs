//! The article lists: a category, unread, bookmarks (by tag, by date saved)
//! and search results, a page at a time, and how many each holds. A list
//! with a query is a search: it reads the FTS index, is ordered by rank
//! (bm25, the headline weighted most), and each row carries its matches in
//! the original text.

use rusqlite::{params, OptionalExtension, Row};

use super::rules::Hidden;
use super::search::{STEMMER, WEIGHTS};
use super::{ArticleSummary, Highlight, ListFilter, ListSort, Store};
use crate::error::Result;
use crate::feed::html_to_text;
use crate::search::tokens::index_text;
use crate::search::{highlight, snippet, Query};

const SUMMARY_COLUMNS: &str = "a.id, a.title, a.summary, a.category_slug, a.category_label,
    a.published_at, i.sha256, rs.article_id IS NOT NULL, b.article_id IS NOT NULL, a.direction,
    b.note, (SELECT group_concat(tag, char(31)) FROM
        (SELECT t.tag FROM bookmark_tags t WHERE t.article_id = a.id ORDER BY t.rowid)),
    a.urgent";

const SUMMARY_JOINS: &str = "LEFT JOIN images i ON i.id = a.image_id
    LEFT JOIN read_state rs ON rs.article_id = a.id
    LEFT JOIN bookmarks b ON b.article_id = a.id";

/// Search results ranked by relevance (the most recently stored matches);
/// the rest follow by date.
const RANKED: i64 = 500;

/// Words of text shown around the matches in a result.
const SNIPPET_WORDS: usize = 24;

/// The WHERE clause of a list. Parameters: `?1` category, `?2` the FTS
/// query, `?3` the bookmark tag, author or feed tag the list is narrowed to
/// ([`ListFilter::narrowed_to`]), `?4` and `?5` the publication dates from
/// and until (each NULL when not filtered on).
///
/// A search filters on the index's rowid, never on the articles' rows: an
/// article row holds its body, and reading one for each of thousands of
/// matches (only to be counted, or to lose the ranking) costs more than the
/// whole match. Its dates come from the date index instead.
fn condition(f: &ListFilter, search: bool, hidden: Hidden) -> String {
    // The unary plus keeps SQLite from handing these terms to FTS5 as rowid
    // lookups (one full-text match per candidate id: seconds, not ms).
    let id = if search {
        "+articles_fts.rowid"
    } else {
        "a.id"
    };
    // A search narrows to a section inside the index (`fts_match`).
    let mut sql = if f.category.is_some() && !search {
        format!("{id} IN (SELECT article_id FROM article_categories WHERE category_slug = ?1)")
    } else {
        "1".to_string()
    };
    sql.push_str(if search {
        " AND articles_fts MATCH ?2"
    } else {
        " AND ?2 IS NULL"
    });
    sql.push_str(" AND ");
    sql.push_str(&narrowing(f, id, !search, hidden));
    sql
}

/// The filters every list shares, on the article id `id`: the tag, author or
/// feed tag ?3, the dates ?4 and ?5 (on the list's own row `a` when
/// `on_row`, else by id), bookmarked and unread only, and what the
/// reader's rules hide.
fn narrowing(f: &ListFilter, id: &str, on_row: bool, hidden: Hidden) -> String {
    let mut sql = if f.tag.is_some() {
        format!("{id} IN (SELECT article_id FROM bookmark_tags WHERE tag = ?3)")
    } else if f.author.is_some() {
        format!("{id} IN ({})", super::bylines::BY_AUTHOR_SQL)
    } else if f.feed_tag.is_some() {
        format!("{id} IN ({})", super::bylines::BY_TAG_SQL)
    } else {
        "?3 IS NULL".to_string()
    };
    if on_row {
        sql.push_str(
            " AND (?4 IS NULL OR a.published_at >= ?4) AND (?5 IS NULL OR a.published_at < ?5)",
        );
    } else {
        sql.push_str(&format!(
            " AND (?4 IS NULL OR {id} IN (SELECT id FROM articles WHERE published_at >= ?4))
              AND (?5 IS NULL OR {id} IN (SELECT id FROM articles WHERE published_at < ?5))"
        ));
    }
    if f.bookmarked_only {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM bookmarks bm WHERE bm.article_id = {id})"
        ));
    }
    if f.unread_only {
        sql.push_str(&format!(
            " AND NOT EXISTS (SELECT 1 FROM read_state r WHERE r.article_id = {id})"
        ));
    }
    sql.push_str(&hidden.clause(id));
    sql
}

/// The filters of a search on an article id `id` outside the stems' index
/// (the matches of the words as written: `Store::search_page`), with the
/// parameters of `condition`: the section ?1, the tag, author or feed tag
/// ?3, the dates ?4 and ?5.
fn filters_on(f: &ListFilter, id: &str, hidden: Hidden) -> String {
    let section = match f.category {
        Some(_) => {
            format!("{id} IN (SELECT article_id FROM article_categories WHERE category_slug = ?1)")
        }
        None => "?1 IS NULL".to_string(),
    };
    format!("{section} AND {}", narrowing(f, id, false, hidden))
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
        urgent: r.get(12)?,
        highlight: None,
        hidden_by: None,
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

/// The MATCH expression of a search, narrowed to a section if asked.
fn fts_match(q: &Query, f: &ListFilter) -> String {
    in_section(&q.fts, f)
}

/// A full-text expression narrowed to the filter's section, inside the
/// index: FTS5 then reads only that section's matches.
fn in_section(expr: &str, f: &ListFilter) -> String {
    match &f.category {
        Some(slug) => format!(
            "({expr}) AND sections : \"{}\"",
            index_text(slug, STEMMER).replace('"', "")
        ),
        None => expr.to_string(),
    }
}

/// A query as read against the index at one state of the database.
pub(super) struct ParsedQuery {
    text: String,
    /// `PRAGMA data_version` (commits of other connections) and this
    /// connection's total changes: either moves when the index may have.
    version: (i64, u64),
    query: Option<Query>,
}

impl Store {
    /// What a list shows of the articles the reader's rules hide: the
    /// hidden view only them; the bookmarks and the export all (a saved
    /// article is always there); every other list none, asked only when any
    /// is hidden.
    fn hidden_for(&self, f: &ListFilter) -> Result<Hidden> {
        Ok(if f.hidden {
            Hidden::Only
        } else if f.with_hidden || f.bookmarked_only || !self.any_hidden()? {
            Hidden::Ignore
        } else {
            Hidden::Exclude
        })
    }

    /// A reader's query, its guessed readings checked against the index's
    /// own vocabulary (how many articles hold each term). Counting a common
    /// word's articles is most of a query's reading (0.7 ms for one held by
    /// a third of 100,000 articles), and the window reads each query at
    /// least twice (a page, the count): the last one is kept while the
    /// database is unchanged.
    fn parse_query(&self, text: &str) -> Result<Option<Query>> {
        let conn = self.conn()?;
        let version = (
            conn.query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))?,
            conn.total_changes(),
        );
        let mut last = self.last_query.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(p) = last
            .as_ref()
            .filter(|p| p.text == text && p.version == version)
        {
            return Ok(p.query.clone());
        }
        let frequency = |term: &str| super::search::vocab_frequency(&conn, term);
        let query = Query::parse_with(text, STEMMER, &frequency);
        *last = Some(ParsedQuery {
            text: text.to_string(),
            version,
            query: query.clone(),
        });
        Ok(query)
    }

    /// A page of a list: newest first (bookmarks: or most recently saved
    /// first), or, with a query, best match first.
    pub fn list_articles(&self, f: &ListFilter) -> Result<Vec<ArticleSummary>> {
        let hidden = self.hidden_for(f)?;
        let query = match f.query.as_deref() {
            Some(text) => match self.parse_query(text)? {
                Some(q) => Some(q),
                // Nothing in it can match anything.
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let limit = if f.limit == 0 { 100 } else { f.limit.min(1000) };
        if let Some(q) = &query {
            return self.search_page(f, q, limit);
        }
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a {SUMMARY_JOINS} WHERE {}
             ORDER BY {} LIMIT ?6 OFFSET ?7",
            condition(f, false, hidden),
            match f.sort {
                ListSort::Published => "a.published_at DESC, a.id DESC",
                ListSort::Saved => "b.created_at DESC, a.id DESC",
            }
        );
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                f.category,
                None::<&str>,
                f.narrowed_to(),
                f.since,
                f.until,
                limit,
                f.offset
            ],
            summary_row,
        )?;
        let mut rows: Vec<ArticleSummary> = rows.collect::<rusqlite::Result<_>>()?;
        drop(stmt);
        drop(conn);
        // The hidden view says which rule hid each.
        if f.hidden {
            let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
            for by in self.hidden_by(&ids)? {
                if let Some(a) = rows.iter_mut().find(|a| a.id == by.article_id) {
                    a.hidden_by = Some(by.words);
                }
            }
        }
        Ok(rows)
    }

    /// A page of search results. The `RANKED` most recently stored matches
    /// come first, best first (bm25, the headline weighted most); older matches
    /// follow, newest first. Ranking every match of a common word (tens of
    /// thousands in a large archive) would cost more than the goal of a
    /// query; news readers want the recent best, and the old ones are still
    /// there, in date order.
    fn search_page(&self, f: &ListFilter, q: &Query, limit: u32) -> Result<Vec<ArticleSummary>> {
        let hidden = self.hidden_for(f)?;
        let conn = self.conn()?;
        let cond = condition(f, true, hidden);
        let fts = fts_match(q, f);
        let fts = fts.as_str();
        let floor: Option<i64> = conn
            .prepare_cached(&format!(
                "SELECT articles_fts.rowid FROM articles_fts WHERE {cond}
                 ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?6"
            ))?
            .query_row(
                params![
                    f.category,
                    fts,
                    f.narrowed_to(),
                    f.since,
                    f.until,
                    RANKED - 1
                ],
                |r| r.get(0),
            )
            .optional()?;
        let floor = floor.unwrap_or(i64::MIN);
        // The words as the reader wrote them (standing together, where they
        // are several) are ranked among all their matches, not only among
        // the newest matches of their stems: a family name (المطيري), or a
        // rare word sharing its stem with a common one, would otherwise be
        // drowned by the newer matches of the common one. Their own RANKED
        // newest matches (`ex`) join the ranked ones, first of all.
        let best = q.exact_phrase.as_ref().or(q.exact.as_ref());
        // The older ones are scored in their own index (the headline
        // weighted as in the stems'): looking each up in the stems' index
        // is one full-text match per id (35 ms for a word).
        let ex = match best {
            Some(_) => format!(
                "WITH ex AS MATERIALIZED (SELECT rowid AS id FROM articles_forms
                 WHERE articles_forms MATCH ?12 ORDER BY rowid DESC LIMIT {RANKED})"
            ),
            None => "WITH ex(id) AS (SELECT NULL WHERE ?12 IS NULL AND 0)".to_string(),
        };
        let older_ex = format!("ex.id < ?6 AND {}", filters_on(f, "ex.id", hidden));
        let older_scored = match best {
            None => "SELECT NULL, 1, 0, 0 WHERE 0".to_string(),
            Some(_) => format!(
            "SELECT articles_forms.rowid, 1, 0, bm25(articles_forms, 10.0, 1.0) FROM articles_forms
             WHERE articles_forms MATCH ?12 AND articles_forms.rowid < ?6
               AND articles_forms.rowid >= (SELECT min(id) FROM ex)
               AND {}",
            filters_on(f, "+articles_forms.rowid", hidden)
        ),
        };
        let (offset, limit) = (i64::from(f.offset), i64::from(limit));
        // How many matches are ranked: RANKED, and the older ones of `ex`
        // (asked only when a page reaches past them).
        let ranked_total = || -> Result<i64> {
            if floor == i64::MIN {
                return Ok(i64::MAX);
            }
            let older: i64 = conn
                .prepare_cached(&format!(
                    "{ex} SELECT COUNT(*) FROM ex WHERE {older_ex} AND ?2 IS NOT NULL"
                ))?
                .query_row(
                    params![
                        f.category,
                        fts,
                        f.narrowed_to(),
                        f.since,
                        f.until,
                        floor,
                        None::<i64>,
                        None::<i64>,
                        None::<i64>,
                        None::<i64>,
                        None::<i64>,
                        best
                    ],
                    |r| r.get(0),
                )?;
            Ok(RANKED + older)
        };
        let mut ids: Vec<i64> = Vec::with_capacity(limit as usize);
        let mut total = None;
        if offset < RANKED || offset < ranked_total().map(|t| *total.insert(t))? {
            // The words as written first (`ex`: together, as typed, where
            // there are several), then their stems together (`Query::near`,
            // looked for only among the newest matches: above the floor),
            // then by bm25.
            // Two parts, not an OR of the rowid ranges: each keeps FTS5's
            // own reading of its range (an OR makes it read every match).
            // The words together in the section searched: a NEAR over the
            // whole archive's newest matches reads positions in every
            // section (3.4 ms against 0.3 for a common pair).
            let near_match = q.near.as_deref().map(|n| in_section(n, f));
            let near = match q.near {
                Some(_) => "articles_fts.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?9 AND rowid >= ?6)",
                None => "?9 IS NOT NULL",
            };
            let columns = format!(
                "articles_fts.rowid AS id, articles_fts.rowid IN (SELECT id FROM ex) AS written,
                 {near} AS together,
                 bm25(articles_fts, {WEIGHTS}) AS score"
            );
            let mut stmt = conn.prepare_cached(&format!(
                "{ex} SELECT id FROM (
                   SELECT {columns} FROM articles_fts WHERE {cond} AND articles_fts.rowid >= ?6
                   UNION ALL
                   {older_scored}
                 )
                 ORDER BY written DESC, together DESC, score, id DESC LIMIT ?7 OFFSET ?8"
            ))?;
            let rows = stmt.query_map(
                params![
                    f.category,
                    fts,
                    f.narrowed_to(),
                    f.since,
                    f.until,
                    floor,
                    limit,
                    offset,
                    near_match,
                    None::<i64>,
                    None::<i64>,
                    best
                ],
                |r| r.get(0),
            )?;
            ids = rows.collect::<rusqlite::Result<_>>()?;
        }
        if (ids.len() as i64) < limit && floor != i64::MIN {
            let total = match total {
                Some(t) => t,
                None => ranked_total()?,
            };
            let skip = (offset - total).max(0);
            let mut stmt = conn.prepare_cached(&format!(
                "{ex} SELECT articles_fts.rowid FROM articles_fts WHERE {cond} AND articles_fts.rowid < ?6
                 AND articles_fts.rowid NOT IN (SELECT id FROM ex)
                 ORDER BY articles_fts.rowid DESC LIMIT ?7 OFFSET ?8"
            ))?;
            let rows = stmt.query_map(
                params![
                    f.category,
                    fts,
                    f.narrowed_to(),
                    f.since,
                    f.until,
                    floor,
                    limit - ids.len() as i64,
                    skip,
                    None::<i64>,
                    None::<i64>,
                    None::<i64>,
                    best
                ],
                |r| r.get::<_, i64>(0),
            )?;
            for id in rows {
                ids.push(id?);
            }
        }
        // Only the page's rows are read (a row holds its body).
        let mut row = conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, a.body_html, a.image_caption, a.original_title
             FROM articles a {SUMMARY_JOINS} WHERE a.id = ?1"
        ))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let found = row
                .query_row([id], |r| {
                    let mut a = summary_row(r)?;
                    let more = [r.get(13)?, r.get(14)?, r.get(15)?];
                    a.highlight = Some(matches(q, &a, &more));
                    Ok(a)
                })
                .optional()?;
            out.extend(found);
        }
        Ok(out)
    }

    /// Where an article stands in a list (0: first), or `None` when the list
    /// does not hold it. A list drawn again after a sync finds the reader's
    /// place by it: new articles above it move it down. A search is ranked
    /// per query and has no stable place to find, so it answers `None`.
    pub fn list_position(&self, f: &ListFilter, id: i64) -> Result<Option<i64>> {
        let hidden = self.hidden_for(f)?;
        if f.query.is_some() {
            return Ok(None);
        }
        // The list's order as a single key (NULL sorts last in DESC order,
        // as i64::MIN does), then the id.
        let key = match f.sort {
            ListSort::Published => "coalesce(a.published_at, ?7)",
            ListSort::Saved => "coalesce(b.created_at, ?7)",
        };
        let from = "articles a LEFT JOIN bookmarks b ON b.article_id = a.id";
        let cond = condition(f, false, hidden);
        // No row when the list does not hold the article.
        let sql = format!(
            "WITH own AS (SELECT {key} AS k FROM {from} WHERE {cond} AND a.id = ?6)
             SELECT (SELECT COUNT(*) FROM {from} WHERE {cond} AND ({key}, a.id) > (own.k, ?6))
             FROM own"
        );
        Ok(self
            .conn()?
            .prepare_cached(&sql)?
            .query_row(
                params![
                    f.category,
                    None::<&str>,
                    f.narrowed_to(),
                    f.since,
                    f.until,
                    id,
                    i64::MIN
                ],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Marks every unread article of a list read (a section, an author's
    /// or a tag's stories, the results of a search…); returns their ids,
    /// for an undo.
    pub fn mark_list_read(&self, f: &ListFilter) -> Result<Vec<i64>> {
        let hidden = self.hidden_for(f)?;
        let query = match f.query.as_deref() {
            Some(text) => match self.parse_query(text)? {
                Some(q) => Some(q),
                None => return Ok(Vec::new()),
            },
            None => None,
        };
        let search = query.is_some();
        let (id, from) = if search {
            ("articles_fts.rowid", "articles_fts")
        } else {
            ("a.id", "articles a")
        };
        let sql = format!(
            "SELECT {id} FROM {from} WHERE {} AND NOT EXISTS
                (SELECT 1 FROM read_state rs WHERE rs.article_id = {id})",
            condition(f, search, hidden)
        );
        let ids: Vec<i64> = {
            let conn = self.conn()?;
            let mut stmt = conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(
                params![
                    f.category,
                    query.as_ref().map(|q| fts_match(q, f)),
                    f.narrowed_to(),
                    f.since,
                    f.until
                ],
                |r| r.get(0),
            )?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        self.mark_read_ids(&ids)?;
        Ok(ids)
    }

    /// How many articles a list holds (for a list drawn a window at a time).
    pub fn count_articles(&self, f: &ListFilter) -> Result<i64> {
        let hidden = self.hidden_for(f)?;
        let query = match f.query.as_deref() {
            Some(text) => match self.parse_query(text)? {
                Some(q) => Some(q),
                None => return Ok(0),
            },
            None => None,
        };
        let search = query.is_some();
        let from = if search { "articles_fts" } else { "articles a" };
        let sql = format!(
            "SELECT COUNT(*) FROM {from} WHERE {}",
            condition(f, search, hidden)
        );
        Ok(self.conn()?.prepare_cached(&sql)?.query_row(
            params![
                f.category,
                query.as_ref().map(|q| fts_match(q, f)),
                f.narrowed_to(),
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
    use crate::store::{ListFilter, ListSort, Store};

    fn titles(store: &Store, f: ListFilter) -> Vec<String> {
        let f = ListFilter { limit: 10, ..f };
        let rows = store.list_articles(&f).expect("list");
        assert_eq!(store.count_articles(&f).expect("count"), rows.len() as i64);
        rows.into_iter().map(|r| r.title).collect()
    }

    /// A query is kept read between a page and its count, and read anew once
    /// the index has changed: a reading weighed by how many articles hold it
    /// is weighed again (بكوريا read as ب + كوريا only once an article holds
    /// كوريا as often as one holds بكوريا).
    #[test]
    fn a_query_is_read_anew_when_the_index_changes() {
        let store = Store::open_in_memory().expect("db");
        let article = crate::store::test_support::article;
        let f = || ListFilter {
            query: Some("بكوريا ".into()),
            ..ListFilter::default()
        };
        store
            .insert_article(&article(1, "بكوريا", "نص أول"), None, &[])
            .expect("insert");
        assert_eq!(titles(&store, f()), ["بكوريا"]);
        store
            .insert_article(&article(2, "كوريا", "نص ثان"), None, &[])
            .expect("insert");
        let mut found = titles(&store, f());
        found.sort();
        assert_eq!(found, ["بكوريا", "كوريا"]);
    }

    /// Two words typed apart: the articles where they stand together come
    /// first, however much more often the others hold each word alone.
    #[test]
    fn words_that_stand_together_rank_first() {
        let store = Store::open_in_memory().expect("db");
        let article = crate::store::test_support::article;
        for a in [
            // The two together, once, in the body only.
            article(
                1,
                "قمة اقتصادية",
                "انعقدت القمة أمس في كوريا الشمالية بحضور الوفود.",
            ),
            // Each word in the headline (weighted most), and often, apart.
            article(
                2,
                "كوريا تعلن خطة جديدة للحدود الشمالية",
                "كوريا تعلن خطة جديدة للحدود. وفي اليوم التالي استعدت المناطق الشمالية.",
            ),
            article(
                3,
                "كوريا تستضيف بطولة كبرى في المناطق الشمالية",
                "كوريا تستعد للبطولة الكبرى. وتستضيفها المناطق الشمالية.",
            ),
        ] {
            store.insert_article(&a, None, &[]).expect("insert");
        }
        let found = titles(
            &store,
            ListFilter {
                query: Some("كوريا الشمالية ".into()),
                ..ListFilter::default()
            },
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], "قمة اقتصادية");
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

    #[test]
    fn a_position_is_where_the_list_shows_the_article() {
        let store = Store::open_in_memory().expect("store");
        seed(&store);
        let ids = |f: &ListFilter| -> Vec<i64> {
            let f = ListFilter {
                limit: 10,
                ..f.clone()
            };
            store
                .list_articles(&f)
                .expect("list")
                .iter()
                .map(|a| a.id)
                .collect()
        };
        let everything = ListFilter::default();
        let news = ListFilter {
            category: Some("news".into()),
            ..ListFilter::default()
        };
        let saved = ListFilter {
            bookmarked_only: true,
            sort: ListSort::Saved,
            ..ListFilter::default()
        };
        let all = ids(&everything);
        // Saved in another order than published (the same second falls back
        // to the id, in the list and in the position alike).
        store.set_bookmark(all[2], true).expect("bookmark");
        store.set_bookmark(all[0], true).expect("bookmark");
        for f in [&everything, &news, &saved] {
            let shown = ids(f);
            assert!(!shown.is_empty());
            for (i, id) in shown.iter().enumerate() {
                assert_eq!(
                    store.list_position(f, *id).expect("position"),
                    Some(i as i64)
                );
            }
        }
        let world_only = all[0];
        assert_eq!(
            store.list_position(&news, world_only).expect("position"),
            None
        );
        assert_eq!(
            store.list_position(&everything, 999).expect("position"),
            None
        );
        let search = ListFilter {
            query: Some("خبر".into()),
            ..ListFilter::default()
        };
        assert_eq!(
            store.list_position(&search, all[0]).expect("position"),
            None
        );
    }
}

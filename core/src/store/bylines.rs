//! An article's authors and the feed's tags for it (migration 15): written
//! with the article, read for the reading view and the export, and the
//! lists of articles by one author or with one tag.

use rusqlite::{params, Connection, Transaction};

use crate::error::Result;
use crate::feed::{Person, Tag};

/// Writes an article's authors and tags (replacing what it had, unless it
/// is `fresh`).
pub(super) fn write(
    tx: &Transaction<'_>,
    id: i64,
    authors: &[Person],
    tags: &[Tag],
    fresh: bool,
) -> Result<()> {
    if !fresh {
        tx.prepare_cached("DELETE FROM article_authors WHERE article_id = ?1")?
            .execute([id])?;
        tx.prepare_cached("DELETE FROM article_feed_tags WHERE article_id = ?1")?
            .execute([id])?;
    }
    if !authors.is_empty() {
        let mut put = tx.prepare_cached(
            "INSERT INTO article_authors (article_id, position, name, email, url)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, p) in authors.iter().enumerate() {
            put.execute(params![id, i as i64, p.name, p.email, p.url])?;
        }
    }
    if !tags.is_empty() {
        let mut put = tx.prepare_cached(
            "INSERT INTO article_feed_tags (article_id, position, term, scheme, label)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, t) in tags.iter().enumerate() {
            put.execute(params![id, i as i64, t.term, t.scheme, t.label])?;
        }
    }
    Ok(())
}

/// An article's authors and tags, in the feed's order.
pub(super) fn read(conn: &Connection, id: i64) -> Result<(Vec<Person>, Vec<Tag>)> {
    let authors = conn
        .prepare_cached(
            "SELECT name, email, url FROM article_authors WHERE article_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Person {
                name: r.get(0)?,
                email: r.get(1)?,
                url: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let tags = conn
        .prepare_cached(
            "SELECT term, scheme, label FROM article_feed_tags WHERE article_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Tag {
                term: r.get(0)?,
                scheme: r.get(1)?,
                label: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((authors, tags))
}

/// The byline and tags as one searchable text (SQL, for the index). A tag
/// that is only the name of the article's section is left out: the section
/// filter says that already, and a search for the word would otherwise
/// bring the whole section.
pub(super) const SEARCHABLE_SQL: &str = "COALESCE((SELECT group_concat(name, ' ')
        FROM article_authors au WHERE au.article_id = a.id), '') || ' ' ||
    COALESCE((SELECT group_concat(term || ' ' || COALESCE(label, ''), ' ')
        FROM article_feed_tags ft WHERE ft.article_id = a.id
        AND COALESCE(ft.label, ft.term) IS NOT a.category_label
        AND COALESCE(ft.label, ft.term) NOT IN
            (SELECT name FROM categories c WHERE c.slug = a.category_slug)), '')";

/// The articles of one author, and of one feed tag (by its term or its
/// label), `?3` the name; compared without case.
pub(super) const BY_AUTHOR_SQL: &str =
    "SELECT article_id FROM article_authors WHERE name = ?3 COLLATE NOCASE";
pub(super) const BY_TAG_SQL: &str = "SELECT article_id FROM article_feed_tags
    WHERE term = ?3 COLLATE NOCASE OR label = ?3 COLLATE NOCASE";

/// The names a rule can be narrowed to, as the stored articles give them:
/// the authors and the feed tags (the label where the feed gives one), the
/// most common first. The rule's editor offers them as the reader types.
#[derive(Debug, Default, serde::Serialize)]
pub struct BylineNames {
    pub authors: Vec<String>,
    pub feed_tags: Vec<String>,
}

impl super::Store {
    /// Up to `limit` authors and `limit` feed tags, each told once however
    /// its case is written.
    pub fn byline_names(&self, limit: usize) -> Result<BylineNames> {
        let conn = self.conn()?;
        let names = |sql: &str| -> Result<Vec<String>> {
            Ok(conn
                .prepare(sql)?
                .query_map([limit as i64], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?)
        };
        Ok(BylineNames {
            authors: names(
                "SELECT name FROM article_authors WHERE name <> ''
                 GROUP BY name COLLATE NOCASE ORDER BY COUNT(*) DESC, name LIMIT ?1",
            )?,
            feed_tags: names(
                "SELECT COALESCE(NULLIF(label, ''), term) AS shown FROM article_feed_tags
                 WHERE shown <> ''
                 GROUP BY shown COLLATE NOCASE ORDER BY COUNT(*) DESC, shown LIMIT ?1",
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::feed::{Person, Tag};
    use crate::store::test_support::article;
    use crate::store::{NewArticle, Store};

    #[test]
    fn names_a_rule_can_be_narrowed_to_most_common_first() {
        let store = Store::open_in_memory().expect("store");
        let person = |name: &str| Person {
            name: name.into(),
            email: None,
            url: None,
        };
        let labelled = Tag {
            label: Some("اقتصاد".into()),
            ..Tag::new("economy")
        };
        for (n, authors, tags) in [
            (1, vec!["سارة علي", "Reuters"], vec![Tag::new("غزة")]),
            (2, vec!["reuters"], vec![Tag::new("غزة"), labelled.clone()]),
            (3, vec!["Reuters", ""], vec![Tag::new("")]),
        ] {
            let a = NewArticle {
                authors: authors.into_iter().map(person).collect(),
                feed_tags: tags,
                ..article(n, &format!("خبر {n}"), "نص")
            };
            store.insert_article(&a, None, &[]).expect("insert");
        }
        let names = store.byline_names(10).expect("names");
        // Reuters three times in two cases, told once; no empty name.
        assert_eq!(names.authors.len(), 2, "{:?}", names.authors);
        assert!(names.authors[0].eq_ignore_ascii_case("reuters"));
        assert_eq!(names.authors[1], "سارة علي");
        assert_eq!(names.feed_tags, ["غزة", "اقتصاد"]);
        assert_eq!(store.byline_names(1).expect("names").authors.len(), 1);
    }
}

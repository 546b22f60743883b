//! Articles and their links. An article and everything it owns (image,
//! links, category) is written in one transaction: a crash leaves either the
//! whole article or none of it.

use rusqlite::{params, OptionalExtension, Transaction};

use super::bookmarks::tags_in;
use super::images::{put_image, NewImage};
use super::{now, ArticleDetail, Bookmark, Store, StoredLink};
use crate::error::{Error, Result};
use crate::extract::{LinkRef, RelatedRef};
use crate::fetch::Validators;

/// An article ready to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub source_id: Option<i64>,
    pub guid: String,
    pub url: String,
    pub fingerprint: Option<String>,
    pub title: String,
    pub original_title: Option<String>,
    pub summary: String,
    pub body_html: String,
    pub direction: String,
    pub image_url: Option<String>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    pub category_slug: Option<String>,
    pub category_label: Option<String>,
    pub published_at: Option<i64>,
    /// When the feed said the article last changed.
    pub source_updated_at: Option<i64>,
    /// The page's ETag and Last-Modified, for reading it again conditionally.
    pub page_validators: Validators,
    pub see_also: Vec<LinkRef>,
    pub related: Vec<RelatedRef>,
    /// Content hashes of the inline pictures the body refers to.
    pub inline_image_hashes: Vec<String>,
}

const FIND_SQL: &str = "SELECT id FROM articles WHERE guid = ?1 OR url = ?2
    OR (?3 IS NOT NULL AND fingerprint = ?3) LIMIT 1";

impl Store {
    /// Stores an article with its image and links, atomically. Returns the
    /// new id, or the existing one when the guid or URL is stored already.
    pub fn insert_article(
        &self,
        a: &NewArticle,
        image: Option<&NewImage>,
        inline_images: &[NewImage],
    ) -> Result<(i64, bool)> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let result = insert_in(&tx, a, image, inline_images)?;
        tx.commit()?;
        Ok(result)
    }

    /// Replaces a stored article's content with a newer version of it. Its
    /// id, and so every bookmark, note and read mark on it, stays.
    pub fn replace_article(
        &self,
        id: i64,
        a: &NewArticle,
        image: Option<&NewImage>,
        inline_images: &[NewImage],
    ) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let image_id = store_pictures(&tx, a, image, inline_images)?;
        let n = tx.execute(
            "UPDATE articles SET title = ?2, original_title = ?3, summary = ?4, body_html = ?5,
                direction = ?6, image_url = ?7, image_id = ?8, image_caption = ?9, image_credit = ?10,
                category_label = ?11, source_updated_at = ?12, fetched_at = ?13,
                page_etag = ?14, page_last_modified = ?15
             WHERE id = ?1",
            params![
                id,
                a.title,
                a.original_title,
                a.summary,
                a.body_html,
                a.direction,
                a.image_url,
                image_id,
                a.image_caption,
                a.image_credit,
                a.category_label,
                a.source_updated_at,
                now(),
                a.page_validators.etag,
                a.page_validators.last_modified
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!("article {id}")));
        }
        tx.execute("DELETE FROM article_links WHERE article_id = ?1", [id])?;
        tx.execute("DELETE FROM article_images WHERE article_id = ?1", [id])?;
        write_owned(&tx, id, a, image_id, false)?;
        tx.commit()?;
        Ok(())
    }

    /// The page validators of a stored article.
    pub fn page_validators(&self, id: i64) -> Result<Validators> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT page_etag, page_last_modified FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok(Validators {
                        etag: r.get(0)?,
                        last_modified: r.get(1)?,
                        content_hash: None,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// The feed said the article changed, but its page had not: remember
    /// the feed's date so the same change is not looked at again.
    pub fn set_source_updated(&self, id: i64, at: Option<i64>) -> Result<()> {
        self.conn()?.execute(
            "UPDATE articles SET source_updated_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        Ok(())
    }

    /// Stores many articles that carry no pictures (a feed's entries, when
    /// only headlines are synced) in one transaction. Returns how many were new.
    pub fn insert_entries(&self, articles: &[NewArticle]) -> Result<usize> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut fresh = 0;
        for a in articles {
            if insert_in(&tx, a, None, &[])?.1 {
                fresh += 1;
            }
        }
        tx.commit()?;
        Ok(fresh)
    }

    /// Sorts a feed's entries into stored, removed by retention and new, in
    /// one transaction; the stored ones are filed under `category` too.
    pub fn classify_entries(
        &self,
        keys: &[EntryKey<'_>],
        category: Option<&str>,
    ) -> Result<Vec<EntryState>> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut out = Vec::with_capacity(keys.len());
        {
            let mut find = tx.prepare_cached(FIND_UPDATED_SQL)?;
            let mut removed = tx.prepare_cached(REMOVED_SQL)?;
            let mut file = tx.prepare_cached(FILE_SQL)?;
            for k in keys {
                let found: Option<(i64, Option<i64>)> = find
                    .query_row(params![k.guid, k.url, k.fingerprint], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })
                    .optional()?;
                out.push(match found {
                    Some((id, stored_update)) => {
                        if let Some(slug) = category {
                            if file.execute(params![id, slug])? > 0 {
                                super::search::reindex(&tx, id, false)?;
                            }
                        }
                        match (k.updated, stored_update) {
                            (Some(new), Some(old)) if new > old => EntryState::Changed(id),
                            _ => EntryState::Stored,
                        }
                    }
                    None if removed.exists(params![k.guid, k.url])? => EntryState::Removed,
                    None => EntryState::New,
                });
            }
        }
        tx.commit()?;
        Ok(out)
    }

    pub fn article_count(&self) -> Result<i64> {
        Ok(self
            .conn()?
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?)
    }

    /// The whole article for the reading view.
    pub fn article(&self, id: i64) -> Result<ArticleDetail> {
        let conn = self.conn()?;
        let mut detail = conn
            .query_row(
                "SELECT a.id, a.url, a.title, a.original_title, a.summary, a.body_html, a.direction,
                        i.sha256, a.image_caption, a.image_credit, a.category_slug,
                        a.category_label, a.published_at,
                        rs.article_id IS NOT NULL, b.article_id IS NOT NULL,
                        COALESCE(rp.position, 0), b.created_at, b.note
                 FROM articles a
                 LEFT JOIN reading_positions rp ON rp.article_id = a.id
                 LEFT JOIN images i ON i.id = a.image_id
                 LEFT JOIN read_state rs ON rs.article_id = a.id
                 LEFT JOIN bookmarks b ON b.article_id = a.id
                 WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(ArticleDetail {
                        id: r.get(0)?,
                        url: r.get(1)?,
                        title: r.get(2)?,
                        original_title: r.get(3)?,
                        summary: r.get(4)?,
                        body_html: r.get(5)?,
                        direction: r.get(6)?,
                        image: r.get(7)?,
                        image_caption: r.get(8)?,
                        image_credit: r.get(9)?,
                        category_slug: r.get(10)?,
                        category_label: r.get(11)?,
                        published_at: r.get(12)?,
                        read: r.get(13)?,
                        bookmarked: r.get(14)?,
                        position: r.get(15)?,
                        bookmark: match r.get::<_, Option<i64>>(16)? {
                            Some(saved_at) => Some(Bookmark {
                                article_id: id,
                                saved_at,
                                note: r.get(17)?,
                                tags: Vec::new(),
                            }),
                            None => None,
                        },
                        see_also: Vec::new(),
                        related: Vec::new(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("article {id}")))?;
        if let Some(b) = detail.bookmark.as_mut() {
            b.tags = tags_in(&conn, id)?;
        }
        let mut stmt = conn.prepare(
            "SELECT l.kind, l.title, l.original_title, l.category, l.url, t.id
             FROM article_links l LEFT JOIN articles t ON t.url = l.url
             WHERE l.article_id = ?1 ORDER BY l.kind, l.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                StoredLink {
                    title: r.get(1)?,
                    original_title: r.get(2)?,
                    category: r.get(3)?,
                    url: r.get(4)?,
                    article_id: r.get(5)?,
                },
            ))
        })?;
        for row in rows {
            let (kind, link) = row?;
            if kind == "see_also" {
                detail.see_also.push(link);
            } else {
                detail.related.push(link);
            }
        }
        Ok(detail)
    }
}

/// What a feed entry is to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryState {
    Stored,
    /// Stored, and the feed says it changed since: its page is read again.
    Changed(i64),
    Removed,
    New,
}

/// How a feed entry is recognised.
#[derive(Debug, Clone, Copy)]
pub struct EntryKey<'a> {
    pub guid: &'a str,
    pub url: &'a str,
    pub fingerprint: Option<&'a str>,
    pub updated: Option<i64>,
}

const FIND_UPDATED_SQL: &str =
    "SELECT id, source_updated_at FROM articles WHERE guid = ?1 OR url = ?2
    OR (?3 IS NOT NULL AND fingerprint = ?3) LIMIT 1";

const REMOVED_SQL: &str = "SELECT 1 FROM removed_articles WHERE guid = ?1 OR url = ?2";
const FILE_SQL: &str =
    "INSERT OR IGNORE INTO article_categories (article_id, category_slug) VALUES (?1, ?2)";

/// Stores an article's new pictures; returns its lead picture's id (newly
/// stored, or cached already under its URL).
fn store_pictures(
    tx: &Transaction<'_>,
    a: &NewArticle,
    image: Option<&NewImage>,
    inline_images: &[NewImage],
) -> Result<Option<i64>> {
    for img in inline_images {
        put_image(tx, img)?;
    }
    Ok(match (image, &a.image_url) {
        (Some(img), _) => Some(put_image(tx, img)?),
        (None, Some(url)) => tx
            .prepare_cached("SELECT image_id FROM image_urls WHERE url = ?1")?
            .query_row([url], |r| r.get(0))
            .optional()?,
        (None, None) => None,
    })
}

/// Inserts one article inside a transaction the caller commits.
pub(super) fn insert_in(
    tx: &Transaction<'_>,
    a: &NewArticle,
    image: Option<&NewImage>,
    inline_images: &[NewImage],
) -> Result<(i64, bool)> {
    let existing: Option<i64> = tx
        .prepare_cached(FIND_SQL)?
        .query_row(params![a.guid, a.url, a.fingerprint], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        if let Some(slug) = &a.category_slug {
            if tx.prepare_cached(FILE_SQL)?.execute(params![id, slug])? > 0 {
                super::search::reindex(tx, id, false)?;
            }
        }
        return Ok((id, false));
    }
    let image_id = store_pictures(tx, a, image, inline_images)?;
    tx.prepare_cached(
        "INSERT INTO articles (source_id, guid, url, fingerprint, title, original_title, summary, body_html,
            direction, image_url, image_id, image_caption, image_credit, category_slug,
            category_label, published_at, fetched_at, source_updated_at, page_etag, page_last_modified)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
    )?
    .execute(params![
        a.source_id,
        a.guid,
        a.url,
        a.fingerprint,
        a.title,
        a.original_title,
        a.summary,
        a.body_html,
        a.direction,
        a.image_url,
        image_id,
        a.image_caption,
        a.image_credit,
        a.category_slug,
        a.category_label,
        a.published_at,
        now(),
        a.source_updated_at,
        a.page_validators.etag,
        a.page_validators.last_modified
    ])?;
    let id = tx.last_insert_rowid();
    write_owned(tx, id, a, image_id, true)?;
    Ok((id, true))
}

/// What an article owns besides its row: picture uses, category, links,
/// and (last, once its category is filed) its search terms.
fn write_owned(
    tx: &Transaction<'_>,
    id: i64,
    a: &NewArticle,
    image_id: Option<i64>,
    fresh: bool,
) -> Result<()> {
    if let Some(image) = image_id {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO article_images (article_id, image_id) VALUES (?1, ?2)",
        )?
        .execute(params![id, image])?;
    }
    for sha in &a.inline_image_hashes {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO article_images (article_id, image_id)
             SELECT ?1, id FROM images WHERE sha256 = ?2",
        )?
        .execute(params![id, sha])?;
    }
    if let Some(slug) = &a.category_slug {
        tx.prepare_cached(FILE_SQL)?.execute(params![id, slug])?;
    }
    if !a.see_also.is_empty() || !a.related.is_empty() {
        let mut link = tx.prepare_cached(
            "INSERT INTO article_links (article_id, kind, position, title, original_title, category, url)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, l) in a.see_also.iter().enumerate() {
            link.execute(params![
                id,
                "see_also",
                i as i64,
                l.title,
                None::<String>,
                None::<String>,
                l.url
            ])?;
        }
        for (i, r) in a.related.iter().enumerate() {
            link.execute(params![
                id,
                "related",
                i as i64,
                r.title,
                r.original_title,
                r.category,
                r.url
            ])?;
        }
    }
    super::search::reindex(tx, id, fresh)?;
    Ok(())
}

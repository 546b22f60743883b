//! Bookmarked articles in full, out of the database and back in: what the
//! bookmark files (`crate::bookmark_io`) carry. Everything a bookmark needs
//! to be read again on another machine or after the database is lost: the
//! article, its pictures and links, and the note, tags and date.

use std::collections::HashSet;

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::articles::insert_in;
use super::bookmarks::{put_bookmark, tags_in};
use super::images::NewImage;
use super::{Bookmark, NewArticle, Store};
use crate::error::Result;
use crate::extract::{LinkRef, RelatedRef};

/// A picture with its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedImage {
    pub url: String,
    pub mime: String,
    /// Base64 in the JSON file.
    #[serde(with = "crate::bookmark_io::base64_bytes")]
    pub bytes: Vec<u8>,
}

/// An article as it is stored, with its pictures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedArticle {
    pub guid: String,
    /// None for an article whose feed item had no link (kept from the
    /// feed's own text).
    #[serde(default)]
    pub url: Option<String>,
    pub title: String,
    pub original_title: Option<String>,
    pub summary: String,
    pub body_html: String,
    pub direction: String,
    pub category_slug: Option<String>,
    pub category_label: Option<String>,
    pub published_at: Option<i64>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    pub image: Option<SavedImage>,
    /// Pictures inside the body, which names them by SHA-256.
    pub inline_images: Vec<SavedImage>,
    pub see_also: Vec<LinkRef>,
    pub related: Vec<RelatedRef>,
    /// Its authors and the feed's tags (files from before they were kept
    /// have none).
    #[serde(default)]
    pub authors: Vec<crate::feed::Person>,
    #[serde(default)]
    pub feed_tags: Vec<crate::feed::Tag>,
}

/// A bookmark with its article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedBookmark {
    pub saved_at: i64,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub article: SavedArticle,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// Bookmarks in the file.
    pub bookmarks: usize,
    /// Of which new to this database.
    pub added: usize,
    /// Of which already here: notes and tags merged, the earlier date kept.
    pub merged: usize,
    /// Articles the database did not hold, stored from the file.
    pub articles_added: usize,
}

impl Store {
    /// Every bookmark with its article in full, oldest first.
    pub fn saved_bookmarks(&self) -> Result<Vec<SavedBookmark>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT b.article_id, b.created_at, b.note,
                    a.guid, a.url, a.title, a.original_title, a.summary, a.body_html, a.direction,
                    a.category_slug, a.category_label, a.published_at, a.image_caption,
                    a.image_credit, a.image_url, a.image_id
             FROM bookmarks b JOIN articles a ON a.id = b.article_id
             ORDER BY b.created_at, b.article_id",
        )?;
        type Row = (i64, Option<String>, Option<i64>, SavedArticle);
        let rows: Vec<(i64, Row)> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    (
                        r.get(1)?,
                        r.get(2)?,
                        r.get(16)?,
                        SavedArticle {
                            guid: r.get(3)?,
                            url: r.get(4)?,
                            title: r.get(5)?,
                            original_title: r.get(6)?,
                            summary: r.get(7)?,
                            body_html: r.get(8)?,
                            direction: r.get(9)?,
                            category_slug: r.get(10)?,
                            category_label: r.get(11)?,
                            published_at: r.get(12)?,
                            image_caption: r.get(13)?,
                            image_credit: r.get(14)?,
                            image: r.get::<_, Option<String>>(15)?.map(|url| SavedImage {
                                url,
                                mime: String::new(),
                                bytes: Vec::new(),
                            }),
                            inline_images: Vec::new(),
                            see_also: Vec::new(),
                            related: Vec::new(),
                            authors: Vec::new(),
                            feed_tags: Vec::new(),
                        },
                    ),
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut image = conn.prepare_cached("SELECT mime, bytes FROM images WHERE id = ?1")?;
        let mut inline = conn.prepare_cached(
            "SELECT i.mime, i.bytes, (SELECT url FROM image_urls u WHERE u.image_id = i.id LIMIT 1)
             FROM images i WHERE i.sha256 = ?1",
        )?;
        let mut links = conn.prepare_cached(
            "SELECT kind, title, original_title, category, url FROM article_links
             WHERE article_id = ?1 ORDER BY kind, position",
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, (saved_at, note, image_id, mut article)) in rows {
            // The lead picture, when its bytes are cached.
            article.image = match (article.image.take(), image_id) {
                (Some(mut img), Some(image_id)) => image
                    .query_row([image_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
                    .map(|(mime, bytes)| {
                        img.mime = mime;
                        img.bytes = bytes;
                        img
                    }),
                _ => None,
            };
            // The pictures the body names (by hash), each once.
            for hash in body_pictures(&article.body_html) {
                let found = inline
                    .query_row([&hash], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?))
                    })
                    .optional()?;
                if let Some((mime, bytes, url)) = found {
                    article.inline_images.push(SavedImage {
                        url: url.unwrap_or_default(),
                        mime,
                        bytes,
                    });
                }
            }
            for row in links.query_map([id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })? {
                let (kind, title, original_title, category, url) = row?;
                if kind == "see_also" {
                    article.see_also.push(LinkRef { title, url });
                } else {
                    article.related.push(RelatedRef {
                        title,
                        original_title,
                        category,
                        url,
                    });
                }
            }
            (article.authors, article.feed_tags) = super::bylines::read(&conn, id)?;
            out.push(SavedBookmark {
                saved_at,
                note,
                tags: tags_in(&conn, id)?,
                article,
            });
        }
        Ok(out)
    }

    /// Merges bookmarks into the database, all or nothing: an article it
    /// holds already (same URL; for an article without one, the same guid
    /// and no URL either) gets the bookmark; one it does not is
    /// stored from the file first. A bookmark already here keeps its note
    /// unless it has none, gains the file's tags, and keeps the earlier date.
    /// The caller checks and sanitises what it passes in.
    pub fn import_saved(&self, saved: &[SavedBookmark]) -> Result<ImportReport> {
        let mut report = ImportReport {
            bookmarks: saved.len(),
            ..ImportReport::default()
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        for s in saved {
            let a = &s.article;
            let existing: Option<i64> = tx
                .prepare_cached(
                    "SELECT id FROM articles
                     WHERE url = ?2 OR (?2 IS NULL AND url IS NULL AND guid = ?1) LIMIT 1",
                )?
                .query_row(params![a.guid, a.url], |r| r.get(0))
                .optional()?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let images: Vec<NewImage> = a
                        .inline_images
                        .iter()
                        .map(|i| NewImage {
                            url: i.url.clone(),
                            mime: i.mime.clone(),
                            bytes: i.bytes.clone(),
                        })
                        .collect();
                    let lead = a.image.as_ref().map(|i| NewImage {
                        url: i.url.clone(),
                        mime: i.mime.clone(),
                        bytes: i.bytes.clone(),
                    });
                    let new = NewArticle {
                        source_id: None,
                        guid: a.guid.clone(),
                        url: a.url.clone(),
                        alias_url: None,
                        fingerprint: None,
                        title: a.title.clone(),
                        original_title: a.original_title.clone(),
                        summary: a.summary.clone(),
                        body_html: a.body_html.clone(),
                        direction: a.direction.clone(),
                        image_url: lead.as_ref().map(|i| i.url.clone()),
                        image_caption: a.image_caption.clone(),
                        image_credit: a.image_credit.clone(),
                        category_slug: a.category_slug.clone(),
                        category_label: a.category_label.clone(),
                        published_at: a.published_at,
                        source_updated_at: None,
                        page_validators: Default::default(),
                        see_also: a.see_also.clone(),
                        related: a.related.clone(),
                        inline_image_hashes: images.iter().map(NewImage::sha256).collect(),
                        // A saved copy is not news arriving.
                        urgent: false,
                        authors: a.authors.clone(),
                        feed_tags: a.feed_tags.clone(),
                        body_source: None,
                        page_pending: None,
                    };
                    let (id, _) = insert_in(&tx, &new, lead.as_ref(), &images)?;
                    // An article retention removed once may come back as a bookmark.
                    tx.execute(
                        "DELETE FROM removed_articles
                         WHERE url = ?2 OR (?2 IS NULL AND url IS NULL AND guid = ?1)",
                        params![a.guid, a.url],
                    )?;
                    report.articles_added += 1;
                    id
                }
            };
            let here: Option<(i64, Option<String>)> = tx
                .query_row(
                    "SELECT created_at, note FROM bookmarks WHERE article_id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let b = match here {
                None => {
                    report.added += 1;
                    Bookmark {
                        article_id: id,
                        saved_at: s.saved_at,
                        note: s.note.clone(),
                        tags: s.tags.clone(),
                    }
                }
                Some((saved_at, note)) => {
                    report.merged += 1;
                    let mut tags = tags_in(&tx, id)?;
                    for t in &s.tags {
                        if !tags.contains(t) {
                            tags.push(t.clone());
                        }
                    }
                    tags.truncate(super::MAX_TAGS);
                    Bookmark {
                        article_id: id,
                        saved_at: saved_at.min(s.saved_at),
                        note: note.or_else(|| s.note.clone()),
                        tags,
                    }
                }
            };
            put_bookmark(&tx, &b)?;
        }
        tx.commit()?;
        Ok(report)
    }
}

/// The hashes a stored body names in its pictures' `data-image`, in order,
/// each once.
fn body_pictures(html: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in html.split("data-image=\"").skip(1) {
        let hash = &part[..part.find('"').unwrap_or(0)];
        if hash.len() == 64
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
            && !out.iter().any(|h| h == hash)
        {
            out.push(hash.to_string());
        }
    }
    out
}

/// Hashes of the pictures that come with an article (to check its body).
pub fn picture_hashes(a: &SavedArticle) -> HashSet<String> {
    a.inline_images
        .iter()
        .map(|i| crate::store::images::sha256_hex(&i.bytes))
        .collect()
}

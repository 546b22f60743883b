//! Articles and their links. An article and everything it owns (image,
//! links, category) is written in one transaction: a crash leaves either the
//! whole article or none of it.

use std::borrow::Cow;

use rusqlite::{params, OptionalExtension, Transaction};

use super::bookmarks::tags_in;
use super::images::{put_image, NewImage};
use super::{now, ArticleDetail, Bookmark, Store, StoredLink};
use crate::error::{Error, Result};
use crate::extract::{LinkRef, RelatedRef};
use crate::feed::{Person, Tag};
use crate::fetch::Validators;
use crate::text;

/// An article ready to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    pub source_id: Option<i64>,
    /// The item's identity within its source.
    pub guid: String,
    /// The canonical URL; none when the item had no http(s) link.
    pub url: Option<String>,
    /// Another address of the same article that its page names as
    /// canonical (a mirror's page names the original's): recorded so an
    /// item at either address is known as this article.
    pub alias_url: Option<String>,
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
    /// The site marks it urgent (`alerts::cues`).
    pub urgent: bool,
    /// Its authors and the feed's tags for it, in the feed's order.
    pub authors: Vec<Person>,
    pub feed_tags: Vec<Tag>,
    /// Where the body came from.
    pub body_source: Option<BodySource>,
    /// The page could not be read (why): the body is the feed's text, and
    /// the page is tried again at later syncs (`page_retries`).
    pub page_pending: Option<String>,
}

/// Where an article's body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BodySource {
    /// Its page, extracted.
    Page,
    /// The feed's own text: the page could not be read (yet), or gave less.
    Feed,
}

impl BodySource {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            BodySource::Page => "page",
            BodySource::Feed => "feed",
        }
    }

    pub(super) fn parse(s: &str) -> Option<Self> {
        match s {
            "page" => Some(BodySource::Page),
            "feed" => Some(BodySource::Feed),
            _ => None,
        }
    }
}

impl NewArticle {
    /// An article of a headline and a body alone, right-to-left, with its
    /// identity, address and date; nothing else known (no source, picture,
    /// section or author): what the benches and tests store, and what a
    /// caller fills in further with `..NewArticle::plain(…)`.
    pub fn plain(
        guid: String,
        url: Option<String>,
        title: String,
        body_html: String,
        published_at: Option<i64>,
    ) -> NewArticle {
        NewArticle {
            source_id: None,
            guid,
            url,
            alias_url: None,
            fingerprint: None,
            title,
            original_title: None,
            summary: String::new(),
            body_html,
            direction: "rtl".into(),
            image_url: None,
            image_caption: None,
            image_credit: None,
            category_slug: None,
            category_label: None,
            published_at,
            source_updated_at: None,
            page_validators: Default::default(),
            see_also: Vec::new(),
            related: Vec::new(),
            inline_image_hashes: Vec::new(),
            urgent: false,
            authors: Vec::new(),
            feed_tags: Vec::new(),
            body_source: None,
            page_pending: None,
        }
    }

    /// The article with no control character in any of its texts (see
    /// `text::is_control`): whatever path a text took from a feed, a page
    /// or a file, the database holds none, so no reader of it (the window,
    /// a terminal, an export) meets one.
    fn scrubbed(&self) -> Cow<'_, NewArticle> {
        let texts = [
            Some(&self.title),
            self.original_title.as_ref(),
            Some(&self.summary),
            Some(&self.body_html),
            self.image_caption.as_ref(),
            self.image_credit.as_ref(),
            self.category_label.as_ref(),
        ];
        let links = self.see_also.iter().map(|l| &l.title).chain(
            self.related
                .iter()
                .flat_map(|r| {
                    [
                        Some(&r.title),
                        r.original_title.as_ref(),
                        r.category.as_ref(),
                    ]
                })
                .flatten(),
        );
        let dirty = texts
            .into_iter()
            .flatten()
            .chain(links)
            .any(|t| t.chars().any(text::is_control));
        if !dirty {
            return Cow::Borrowed(self);
        }
        let clean = |t: &String| text::strip_controls(t).into_owned();
        let clean_opt = |t: &Option<String>| t.as_ref().map(clean);
        let mut a = self.clone();
        a.title = clean(&a.title);
        a.original_title = clean_opt(&a.original_title);
        a.summary = clean(&a.summary);
        a.body_html = clean(&a.body_html);
        a.image_caption = clean_opt(&a.image_caption);
        a.image_credit = clean_opt(&a.image_credit);
        a.category_label = clean_opt(&a.category_label);
        for l in &mut a.see_also {
            l.title = clean(&l.title);
        }
        for r in &mut a.related {
            r.title = clean(&r.title);
            r.original_title = clean_opt(&r.original_title);
            r.category = clean_opt(&r.category);
        }
        for p in &mut a.authors {
            p.name = clean(&p.name);
            p.email = clean_opt(&p.email);
            p.url = clean_opt(&p.url);
        }
        for t in &mut a.feed_tags {
            t.term = clean(&t.term);
            t.scheme = clean_opt(&t.scheme);
            t.label = clean_opt(&t.label);
        }
        Cow::Owned(a)
    }
}

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
        let a = &*a.scrubbed();
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let image_id = store_pictures(&tx, a, image, inline_images)?;
        let n = tx.execute(
            "UPDATE articles SET title = ?2, original_title = ?3, summary = ?4, body_html = ?5,
                direction = ?6, image_url = ?7, image_id = ?8, image_caption = ?9, image_credit = ?10,
                category_label = ?11, source_updated_at = ?12, fetched_at = ?13,
                page_etag = ?14, page_last_modified = ?15, urgent = ?16, body_source = ?17
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
                a.page_validators.last_modified,
                a.urgent,
                a.body_source.map(BodySource::as_str)
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound(format!("article {id}")));
        }
        tx.execute("DELETE FROM article_links WHERE article_id = ?1", [id])?;
        tx.execute("DELETE FROM article_images WHERE article_id = ?1", [id])?;
        write_owned(&tx, id, a, image_id, false)?;
        match &a.page_pending {
            Some(why) => super::page_retries::mark_pending(&tx, id, why)?,
            None => super::page_retries::clear(&tx, id)?,
        }
        // The rules read it again at their next pass (it keeps its id).
        tx.execute(
            "INSERT OR IGNORE INTO rules_pending (article_id) VALUES (?1)",
            [id],
        )?;
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
    /// The stored article an entry is, by the same evidence as
    /// `classify_entries`.
    pub fn stored_article(&self, key: &EntryKey<'_>) -> Result<Option<i64>> {
        let conn = self.conn()?;
        Ok(find_stored(&conn, key)?.map(|(id, _)| id))
    }

    pub fn classify_entries(
        &self,
        keys: &[EntryKey<'_>],
        category: Option<&str>,
    ) -> Result<Vec<EntryState>> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let mut out = Vec::with_capacity(keys.len());
        {
            let mut removed = tx.prepare_cached(REMOVED_SQL)?;
            let mut file = tx.prepare_cached(FILE_SQL)?;
            for k in keys {
                let found = find_stored(&tx, k)?;
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
                    None if removed.exists(params![k.source_id, k.guid, k.url])? => {
                        EntryState::Removed
                    }
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
                        COALESCE(rp.position, 0), b.created_at, b.note,
                        a.body_source, pr.article_id IS NOT NULL, a.guid, a.source_id,
                        a.source_updated_at
                 FROM articles a
                 LEFT JOIN page_retries pr ON pr.article_id = a.id
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
                        authors: Vec::new(),
                        feed_tags: Vec::new(),
                        body_source: r
                            .get::<_, Option<String>>(18)?
                            .as_deref()
                            .and_then(BodySource::parse),
                        page_pending: r.get(19)?,
                        guid: r.get(20)?,
                        source_id: r.get(21)?,
                        updated_at: r.get(22)?,
                    })
                },
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("article {id}")))?;
        if let Some(b) = detail.bookmark.as_mut() {
            b.tags = tags_in(&conn, id)?;
        }
        (detail.authors, detail.feed_tags) = super::bylines::read(&conn, id)?;
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
    /// The source the item came from (none for an article from a file).
    pub source_id: Option<i64>,
    pub guid: &'a str,
    /// The canonical URL, when the item has a link.
    pub url: Option<&'a str>,
    /// The address the item's page names as the article's own, when it is
    /// another (known only once the page is read).
    pub alias_url: Option<&'a str>,
    pub fingerprint: Option<&'a str>,
    /// What the item says of itself (its summary): the headline and day are
    /// evidence only together with it.
    pub summary: &'a str,
    pub updated: Option<i64>,
}

impl<'a> EntryKey<'a> {
    pub fn of(a: &'a NewArticle) -> Self {
        Self {
            source_id: a.source_id,
            guid: &a.guid,
            url: a.url.as_deref(),
            alias_url: a.alias_url.as_deref(),
            fingerprint: a.fingerprint.as_deref(),
            summary: &a.summary,
            updated: a.source_updated_at,
        }
    }
}

/// The stored article an item is, with when its feed last said it changed.
/// The evidence, strongest first:
/// 1. the same guid from the same source: the source's own word that this
///    is the item it sent before (a guid means nothing across sources: two
///    sites on one CMS number their posts alike);
/// 2. the same canonical URL, from any source: one page is one article (the
///    same story in two section feeds, a mirror in another encoding whose
///    page names the original as canonical: see `article_aliases`);
/// 3. the same headline on the same day and the same opening words, from
///    another source, where one of the two has no link to compare. Two items
///    whose links differ are two articles however alike their headlines;
///    without links, a headline alone is not enough either (daily round-ups
///    and follow-ups share theirs word for word), so their texts must agree.
pub(super) fn find_stored(
    conn: &rusqlite::Connection,
    k: &EntryKey<'_>,
) -> Result<Option<(i64, Option<i64>)>> {
    let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
    let by_guid = conn
        .prepare_cached(
            "SELECT id, source_updated_at FROM articles WHERE source_id IS ?1 AND guid = ?2",
        )?
        .query_row(params![k.source_id, k.guid], row)
        .optional()?;
    if by_guid.is_some() {
        return Ok(by_guid);
    }
    for url in [k.url, k.alias_url].into_iter().flatten() {
        let by_url = conn
            .prepare_cached(
                "SELECT id, source_updated_at FROM articles WHERE url = ?1
                 UNION ALL
                 SELECT a.id, a.source_updated_at FROM article_aliases l
                 JOIN articles a ON a.id = l.article_id WHERE l.url = ?1
                 LIMIT 1",
            )?
            .query_row([url], row)
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    let Some(fp) = k.fingerprint else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT id, source_updated_at, summary FROM articles
         WHERE fingerprint = ?1 AND source_id IS NOT ?2 AND (?3 IS NULL OR url IS NULL)",
    )?;
    let mut rows = stmt.query(params![fp, k.source_id, k.url])?;
    while let Some(r) = rows.next()? {
        let summary: String = r.get(2)?;
        if same_opening(&summary, k.summary) {
            return Ok(Some((r.get(0)?, r.get(1)?)));
        }
    }
    Ok(None)
}

/// Two texts open with the same words (folded as headlines are: harakat,
/// alef and yaa forms, punctuation and spacing aside), over the first 100
/// letters or the whole of the shorter one. Two empty texts do not agree.
fn same_opening(a: &str, b: &str) -> bool {
    let letters = |s: &str| -> Vec<char> {
        text::fold_arabic(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .take(100)
            .collect()
    };
    let (a, b) = (letters(a), letters(b));
    let n = a.len().min(b.len());
    n >= 20 && a[..n] == b[..n]
}

/// Retention removed it: the same guid from the same source (or from a
/// source not recorded, as before migration 10), or the same URL.
pub(super) const REMOVED_SQL: &str = "SELECT 1 FROM removed_articles
    WHERE (guid = ?2 AND (source_id IS ?1 OR source_id IS NULL))
       OR (?3 IS NOT NULL AND url = ?3)";
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
    let a = &*a.scrubbed();
    if let Some((id, _)) = find_stored(tx, &EntryKey::of(a))? {
        // An item read at another address of this article: known by it
        // from now on.
        add_aliases(tx, id, [a.url.as_deref(), a.alias_url.as_deref()])?;
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
            category_label, published_at, fetched_at, source_updated_at, page_etag, page_last_modified,
            urgent, body_source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20,
            ?21, ?22)",
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
        a.page_validators.last_modified,
        a.urgent,
        a.body_source.map(BodySource::as_str)
    ])?;
    let id = tx.last_insert_rowid();
    add_aliases(tx, id, [a.alias_url.as_deref()])?;
    write_owned(tx, id, a, image_id, true)?;
    if let Some(why) = &a.page_pending {
        super::page_retries::mark_pending(tx, id, why)?;
    }
    Ok((id, true))
}

/// Records other addresses of article `id` (none that is an article's own
/// address or another article's alias already).
fn add_aliases<'a>(
    tx: &Transaction<'_>,
    id: i64,
    urls: impl IntoIterator<Item = Option<&'a str>>,
) -> Result<()> {
    for url in urls.into_iter().flatten() {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO article_aliases (url, article_id)
             SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = ?1)",
        )?
        .execute(params![url, id])?;
    }
    Ok(())
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
    super::bylines::write(tx, id, &a.authors, &a.feed_tags, fresh)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn item(source: i64, guid: &str, url: Option<&str>, title: &str, summary: &str) -> NewArticle {
        NewArticle {
            source_id: Some(source),
            guid: guid.into(),
            url: url.map(str::to_string),
            fingerprint: Some(format!("fp:{title}")),
            summary: summary.into(),
            published_at: Some(1),
            ..crate::store::test_support::article(0, title, summary)
        }
    }

    const LONG_A: &str = "نص الخبر الأول كما ورد في الخلاصة مع تفاصيل كافية للمقارنة";
    const LONG_B: &str = "نص خبر آخر تماماً له عنوان الخبر الأول نفسه في اليوم نفسه";

    #[test]
    fn identity_is_the_guid_within_its_source_and_the_url_across_sources() {
        let store = Store::open_in_memory().expect("db");
        let a = store
            .ensure_source("https://a.example/feed", None)
            .expect("a");
        let b = store
            .ensure_source("https://b.example/feed", None)
            .expect("b");
        let insert = |n: &NewArticle| store.insert_article(n, None, &[]).expect("insert");

        // One guid in two sources, two pages: two articles.
        let (one, new1) = insert(&item(a, "1", Some("https://a.example/x"), "أ", LONG_A));
        let (two, new2) = insert(&item(b, "1", Some("https://b.example/y"), "ب", LONG_B));
        assert!(new1 && new2 && one != two);
        // The same guid again from its source, at another address (a slug
        // edited): the same article, known at the new address from now on.
        let (same, fresh) = insert(&item(a, "1", Some("https://a.example/x2"), "أ", LONG_A));
        assert_eq!((same, fresh), (one, false));
        let (again, fresh) = insert(&item(b, "9", Some("https://a.example/x2"), "أ", LONG_A));
        assert_eq!((again, fresh), (one, false), "found by the alias");
        // The same URL from another source: the same article.
        let (dup, fresh) = insert(&item(b, "77", Some("https://b.example/y"), "ب", LONG_B));
        assert_eq!((dup, fresh), (two, false));
        assert_eq!(store.article_count().expect("count"), 2);
    }

    #[test]
    fn a_headline_and_day_merge_nothing_whose_links_or_texts_differ() {
        let store = Store::open_in_memory().expect("db");
        let a = store
            .ensure_source("https://a.example/feed", None)
            .expect("a");
        let b = store
            .ensure_source("https://b.example/feed", None)
            .expect("b");
        let insert = |n: &NewArticle| store.insert_article(n, None, &[]).expect("insert");
        let title = "أبرز أخبار اليوم";
        let (first, _) = insert(&item(a, "1", Some("https://a.example/1"), title, LONG_A));
        // Another page, same headline and day: another article.
        assert!(insert(&item(b, "2", Some("https://b.example/2"), title, LONG_A)).1);
        // No link, same headline and day, another text: another article.
        assert!(insert(&item(b, "3", None, title, LONG_B)).1);
        // No link, and the same opening words from another source: the
        // same article (the only evidence there is without a URL).
        let (merged, fresh) = insert(&item(b, "4", None, title, &format!("{LONG_A} …")));
        assert_eq!((merged, fresh), (first, false));
        // Within one source its guid says: no merging by headline there.
        assert!(insert(&item(b, "5", None, title, LONG_B)).1);
        assert_eq!(store.article_count().expect("count"), 4);
    }

    #[test]
    fn a_mirror_that_names_the_article_as_canonical_is_that_article() {
        let store = Store::open_in_memory().expect("db");
        let a = store
            .ensure_source("https://k.example/feed", None)
            .expect("a");
        let m = store
            .ensure_source("https://k.example/w1256/feed", None)
            .expect("m");
        // The mirror first: stored under its own address, known by both.
        let mut mirror = item(m, "m1", Some("https://k.example/w1256/s/"), "خبر", LONG_A);
        mirror.alias_url = Some("https://k.example/s/".into());
        let (id, fresh) = store.insert_article(&mirror, None, &[]).expect("mirror");
        assert!(fresh);
        let key = item(a, "p1", Some("https://k.example/s/"), "خبر", LONG_A);
        let conn = store.conn().expect("conn");
        assert_eq!(
            find_stored(&conn, &EntryKey::of(&key))
                .expect("find")
                .map(|f| f.0),
            Some(id)
        );
    }

    #[test]
    fn control_characters_never_reach_the_database() {
        let store = Store::open_in_memory().expect("db");
        let s = store
            .ensure_source("https://a.example/feed", None)
            .expect("s");
        let mut dirty = item(
            s,
            "1",
            Some("https://a.example/1"),
            "عنوان\u{1b}[2J\u{7}",
            LONG_A,
        );
        dirty.body_html = "<p>نص\u{0}\u{8}\u{9b}31m</p>".into();
        dirty.image_caption = Some("تعليق\u{85}".into());
        let (id, _) = store.insert_article(&dirty, None, &[]).expect("insert");
        let a = store.article(id).expect("article");
        assert_eq!(a.title, "عنوان[2J");
        assert_eq!(a.body_html, "<p>نص31m</p>");
        assert_eq!(a.image_caption.as_deref(), Some("تعليق"));
    }
}

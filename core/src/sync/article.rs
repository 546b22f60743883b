//! One article: its page, its extraction and its lead image, stored in one
//! transaction.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use url::Url;

use crate::error::{Error, Result};
use crate::extract::{extract, extract_fragment, ExtractedArticle};
use crate::feed::FeedEntry;
use crate::fetch::{charset, FetchOutcome, Validators};
use crate::images::sniff_image_mime;
use crate::sanitize::bind_images;
use crate::store::{BodySource, NewArticle, NewImage, Source};

use super::{Syncer, TextFrom};

/// More pictures than this in one article are left out (a gallery page
/// would otherwise fill the cache).
const MAX_INLINE_IMAGES: usize = 20;

/// Downloads a picture; `None` (logged) when it cannot be had or is not a
/// raster image: the article is still worth keeping without it.
async fn download_image(syncer: &Syncer, source: &Source, url: &Url) -> Option<NewImage> {
    let fetcher = syncer.fetcher_for(source).await;
    let limit = fetcher.policy.max_image_bytes;
    match fetcher.get(url, &Validators::default(), limit).await {
        Ok(FetchOutcome::Fetched(img)) => match sniff_image_mime(&img.body) {
            Some(mime) => Some(NewImage {
                url: url.to_string(),
                mime: mime.to_string(),
                bytes: img.body.to_vec(),
            }),
            None => {
                tracing::warn!(%url, "image is not a known raster format");
                None
            }
        },
        Ok(FetchOutcome::NotModified) => None,
        Err(e) => {
            tracing::warn!(%url, error = %e, "image not fetched");
            None
        }
    }
}

/// A feed entry to store: new, or stored already (`replace`) and changed
/// since, by the feed's word.
pub(super) struct Fresh {
    pub entry: FeedEntry,
    /// Its canonical URL.
    pub url: Option<Url>,
    pub fingerprint: Option<String>,
    pub replace: Option<i64>,
    pub text: TextFrom,
}

/// An article of what the feed says of an entry, without its page. An
/// entry that has no page keeps the feed's own text as its body.
pub(super) fn entry_article(source: &Source, fresh: &Fresh) -> NewArticle {
    let Fresh {
        entry,
        url,
        fingerprint,
        ..
    } = fresh;
    // The feed's own text is the body (the page, when it is read, is
    // weighed against it: `body`).
    let body_html = entry
        .content_html
        .as_deref()
        .map(|html| feed_body(html, url.as_ref()))
        .unwrap_or_default();
    NewArticle {
        source_id: Some(source.id),
        guid: entry.guid.clone(),
        url: url.as_ref().map(Url::to_string),
        alias_url: None,
        fingerprint: fingerprint.clone(),
        title: entry.title.clone(),
        original_title: None,
        summary: crate::text::strip_call_to_action(&entry.summary),
        direction: crate::text::direction(&entry.title).to_string(),
        image_url: None,
        image_caption: None,
        image_credit: None,
        category_slug: source.category_slug.clone(),
        category_label: None,
        published_at: Some(published_or_now(entry.published)),
        source_updated_at: entry.updated.map(|d| d.timestamp()),
        page_validators: Validators::default(),
        see_also: Vec::new(),
        related: Vec::new(),
        inline_image_hashes: Vec::new(),
        urgent: crate::alerts::is_urgent(&entry.title, tag_words(&entry.tags)),
        authors: bylines(&entry.authors, source),
        feed_tags: entry.tags.clone(),
        body_source: (!body_html.is_empty()).then_some(BodySource::Feed),
        page_pending: None,
        body_html,
    }
}

/// A feed's text as a stored body, sanitised (links made absolute against
/// the item's address when it has one).
fn feed_body(html: &str, url: Option<&Url>) -> String {
    match url {
        Some(u) => crate::sanitize::sanitize_body(html, u),
        None => crate::sanitize::sanitize_stored(html, &Default::default()),
    }
}

/// An item's authors that are people: a feed that names the publication
/// itself as every item's author (`<dc:creator>خبرين</dc:creator>` in
/// «خبرين - العالم») gives no byline, and searching for the site's name
/// must not find every article.
fn bylines(authors: &[crate::feed::Person], source: &Source) -> Vec<crate::feed::Person> {
    let Some(title) = source.title.as_deref().map(crate::text::fold_arabic) else {
        return authors.to_vec();
    };
    authors
        .iter()
        .filter(|p| {
            let name = crate::text::fold_arabic(p.name.trim());
            let publication = !name.is_empty()
                && (title == name
                    || title
                        .strip_prefix(name.as_str())
                        .is_some_and(|rest| rest.starts_with([' ', '-', '|', ':', '–', '—', '»'])));
            !publication
        })
        .cloned()
        .collect()
}

/// A feed's tags as the words a cue may be: each term and label.
fn tag_words(tags: &[crate::feed::Tag]) -> impl Iterator<Item = &str> {
    tags.iter()
        .flat_map(|t| std::iter::once(t.term.as_str()).chain(t.label.as_deref()))
}

/// What became of an entry.
pub(super) enum Stored {
    New,
    Updated,
    /// Stored already (another feed got there first).
    Known,
    /// Stored (new or updated) with the feed's text: its page is still to
    /// be read.
    Pending(Box<Stored>),
}

/// Fetches, extracts and stores one entry, or replaces the stored version
/// of it (`replace`) when the feed says it changed.
pub(super) async fn fetch_and_store(
    syncer: &Syncer,
    source: &Source,
    fresh: Fresh,
    hung: &AtomicBool,
) -> Result<Stored> {
    if syncer.cancel.load(Ordering::SeqCst) {
        return Err(Error::Cancelled);
    }
    fetch_and_store_page(syncer, source, fresh, hung).await
}

async fn fetch_and_store_page(
    syncer: &Syncer,
    source: &Source,
    fresh: Fresh,
    hung: &AtomicBool,
) -> Result<Stored> {
    let Some(url) = fresh.url.clone() else {
        return Err(Error::InvalidInput("an entry without a page".into()));
    };
    let page = if hung.load(Ordering::SeqCst) {
        Err(Error::Timeout {
            url: url.to_string(),
        })
    } else {
        let server_text = match (fresh.text, &fresh.entry.content_html) {
            (TextFrom::Entry, Some(content)) => {
                extract_fragment(content, &fresh.entry.title, &url, &syncer.rules).ok()
            }
            _ => None,
        };
        match server_text {
            Some(x) => Ok(Some((x, Validators::default()))),
            None => read_page(syncer, source, &fresh.entry, &url, fresh.replace).await,
        }
    };
    match page {
        Ok(Some((x, validators))) => store_page(syncer, source, fresh, url, x, validators).await,
        Ok(None) => Ok(Stored::Known),
        Err(e @ Error::Cancelled) => Err(e),
        // The page could not be read or made sense of: the item is kept
        // with what its feed says, and its page is tried again later.
        Err(e) => {
            if matches!(e, Error::Timeout { .. }) {
                hung.store(true, Ordering::SeqCst);
            }
            tracing::warn!(%url, error = %e, "page not read: the feed's text is kept");
            let mut new = entry_article(source, &fresh);
            new.page_pending = Some(e.to_string());
            let stored = match fresh.replace {
                Some(id) => {
                    syncer.store.replace_article(id, &new, None, &[])?;
                    Stored::Updated
                }
                None => match syncer.store.insert_article(&new, None, &[])? {
                    (_, true) => Stored::New,
                    (_, false) => Stored::Known,
                },
            };
            Ok(match stored {
                Stored::New | Stored::Updated => Stored::Pending(Box::new(stored)),
                other => other,
            })
        }
    }
}

/// Stores an entry with its page's text (or the feed's, where the page
/// gives less: `body`), its pictures and the page's parts.
pub(super) async fn store_page(
    syncer: &Syncer,
    source: &Source,
    fresh: Fresh,
    url: Url,
    x: ExtractedArticle,
    page_validators: Validators,
) -> Result<Stored> {
    let Fresh {
        entry,
        fingerprint,
        replace,
        ..
    } = fresh;
    // The feed's own text, when it carries one the page does not match.
    let feed_text = entry
        .content_html
        .as_deref()
        .filter(|c| !super::body::page_is_complete(&x.body_html, c))
        .and_then(|c| extract_fragment(c, &entry.title, &url, &syncer.rules).ok());
    let body_source = match feed_text {
        Some(_) => BodySource::Feed,
        None => BodySource::Page,
    };
    let (body_html, inline_urls) = match feed_text {
        Some(f) => (f.body_html, f.inline_images),
        None => (x.body_html.clone(), x.inline_images.clone()),
    };

    let image = match &x.image_url {
        Some(url) if syncer.store.image_id_for_url(url.as_str())?.is_none() => {
            download_image(syncer, source, url).await
        }
        _ => None,
    };
    // Inline pictures: cached like the lead one, then the body points at
    // the cached copies (and drops any that could not be had).
    let mut cached: HashMap<String, String> = HashMap::new();
    let mut inline = Vec::new();
    for url in inline_urls.iter().take(MAX_INLINE_IMAGES) {
        if let Some(sha) = syncer.store.image_sha_for_url(url.as_str())? {
            cached.insert(url.to_string(), sha);
        } else if let Some(img) = download_image(syncer, source, url).await {
            cached.insert(url.to_string(), img.sha256());
            inline.push(img);
        }
    }
    let body_html = bind_images(&body_html, &cached);

    // The page's headline; where the page has none, the feed item's, then
    // the page's `<title>` without the site's name.
    let title = if x.title.is_empty() || (x.title_is_guess && !entry.title.trim().is_empty()) {
        entry.title.clone()
    } else {
        x.title
    };
    let summary = if x.summary.is_empty() {
        entry.summary.clone()
    } else {
        x.summary
    };
    let new = NewArticle {
        source_id: Some(source.id),
        guid: entry.guid.clone(),
        url: Some(url.to_string()),
        alias_url: x
            .canonical_url
            .as_ref()
            .and_then(|c| super::dedupe::alias_of(&url, c))
            .map(String::from),
        fingerprint,
        title,
        original_title: x.original_title,
        summary,
        body_html,
        direction: x.direction.to_string(),
        image_url: x.image_url.map(|u| u.to_string()),
        image_caption: x.image_caption,
        image_credit: x.image_credit,
        category_slug: source.category_slug.clone(),
        category_label: x.category_label,
        published_at: Some(published_or_now(entry.published.or(x.published))),
        source_updated_at: entry.updated.map(|d| d.timestamp()),
        page_validators,
        see_also: x.see_also,
        related: x.related,
        inline_image_hashes: cached.values().cloned().collect(),
        urgent: false,
        authors: bylines(&entry.authors, source),
        feed_tags: entry.tags.clone(),
        body_source: Some(body_source),
        page_pending: None,
    };
    // The cue may be in the feed's headline, the page's, the feed's tags
    // or the page's section.
    let labels = tag_words(&entry.tags);
    let urgent =
        crate::alerts::is_urgent(&entry.title, labels.chain(new.category_label.as_deref()))
            || crate::alerts::is_urgent(&new.title, []);
    let new = NewArticle { urgent, ..new };
    if let Some(id) = replace {
        syncer
            .store
            .replace_article(id, &new, image.as_ref(), &inline)?;
        return Ok(Stored::Updated);
    }
    let (_, inserted) = syncer.store.insert_article(&new, image.as_ref(), &inline)?;
    Ok(if inserted { Stored::New } else { Stored::Known })
}

/// Reads again the page of an article stored with its feed's text; an
/// error leaves the article as it is (the caller counts the try).
pub(super) async fn retry_page(
    syncer: &Syncer,
    source: &Source,
    fresh: Fresh,
    hung: &AtomicBool,
) -> Result<Stored> {
    let Some(url) = fresh.url.clone() else {
        return Err(Error::InvalidInput("an entry without a page".into()));
    };
    if syncer.cancel.load(Ordering::SeqCst) {
        return Err(Error::Cancelled);
    }
    if hung.load(Ordering::SeqCst) {
        return Err(Error::Timeout {
            url: url.to_string(),
        });
    }
    match read_page(syncer, source, &fresh.entry, &url, None).await {
        Ok(Some((x, validators))) => store_page(syncer, source, fresh, url, x, validators).await,
        Ok(None) => Err(Error::Extract {
            url: url.to_string(),
            message: "the page was not sent".into(),
        }),
        Err(e) => {
            if matches!(e, Error::Timeout { .. }) {
                hung.store(true, Ordering::SeqCst);
            }
            Err(e)
        }
    }
}

/// Fetches and extracts an entry's page; `None` when a page read again has
/// not changed (its feed date is recorded).
async fn read_page(
    syncer: &Syncer,
    source: &Source,
    entry: &FeedEntry,
    url: &Url,
    replace: Option<i64>,
) -> Result<Option<(ExtractedArticle, Validators)>> {
    let fetcher = syncer.fetcher_for(source).await;
    let policy = &fetcher.policy;
    // A page read again is asked for conditionally.
    let validators = match replace {
        Some(id) => syncer.store.page_validators(id)?,
        None => Validators::default(),
    };
    // The page as the feed links it; it is stored under its canonical URL.
    let page = match fetcher
        .get(
            entry.url.as_ref().unwrap_or(url),
            &validators,
            policy.max_page_bytes,
        )
        .await?
    {
        FetchOutcome::Fetched(p) => p,
        FetchOutcome::NotModified => {
            if let Some(id) = replace {
                syncer
                    .store
                    .set_source_updated(id, entry.updated.map(|d| d.timestamp()))?;
            }
            return Ok(None);
        }
    };
    let page_validators = page.validators.clone();
    let html = charset::html_to_string(&page.body, page.content_type.as_deref());
    let x = extract(&html, &page.final_url, &syncer.rules)?;
    Ok(Some((x, page_validators)))
}

/// When an article was published: as the feed or page says, but never
/// later than now; an article that says nothing is dated when it arrived
/// (as readers date it), so it is not lost at the end of the list.
fn published_or_now(date: Option<chrono::DateTime<chrono::Utc>>) -> i64 {
    let now = chrono::Utc::now().timestamp();
    date.map(|d| d.timestamp())
        .map_or(now, |d| d.min(now + 86_400))
}

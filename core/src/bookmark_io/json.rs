//! The app's own bookmarks file: JSON, lossless. Every article in full (text,
//! links, pictures as base64), with the bookmark's date, note and tags.
//!
//! ```json
//! {"format": "khabarain-bookmarks", "version": 1, "exported_at": 1795000000,
//!  "bookmarks": [{"saved_at": …, "note": …, "tags": […], "article": {…}}]}
//! ```

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::images::sniff_image_mime;
use crate::sanitize::sanitize_stored;
use crate::store::{
    normalize_tags, picture_hashes, SavedArticle, SavedBookmark, SavedImage, MAX_NOTE_CHARS,
};

pub const FORMAT: &str = "khabarain-bookmarks";
pub const VERSION: u32 = 1;

const MAX_TITLE_CHARS: usize = 2_000;
const MAX_SUMMARY_BYTES: usize = 64 << 10;
const MAX_BODY_BYTES: usize = 4 << 20;
const MAX_IMAGE_BYTES: usize = 10 << 20;
const MAX_LINKS: usize = 200;

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    exported_at: i64,
    bookmarks: &'a [SavedBookmark],
}

#[derive(Deserialize)]
struct FileIn {
    format: String,
    version: u32,
    bookmarks: Vec<SavedBookmark>,
}

/// The bookmarks as the app's JSON file.
pub fn write(bookmarks: &[SavedBookmark], exported_at: i64) -> Result<String> {
    serde_json::to_string_pretty(&FileOut {
        format: FORMAT,
        version: VERSION,
        exported_at,
        bookmarks,
    })
    .map_err(|e| Error::InvalidInput(format!("bookmarks as JSON: {e}")))
}

/// Reads and checks a JSON bookmarks file. Anything wrong refuses the whole
/// file; what is kept is sanitised and bounded.
pub fn parse(text: &str) -> Result<Vec<SavedBookmark>> {
    let file: FileIn = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::BadFile(format!("JSON: {e}")))?;
    if file.format != FORMAT {
        return Err(Error::BadFile(format!("format '{}'", file.format)));
    }
    if file.version != VERSION {
        return Err(Error::BadFile(format!(
            "version {} (this app reads version {VERSION})",
            file.version
        )));
    }
    let mut out: Vec<SavedBookmark> = Vec::with_capacity(file.bookmarks.len());
    for (i, b) in file.bookmarks.into_iter().enumerate() {
        let b = check(b).map_err(|e| Error::BadFile(format!("bookmark {}: {e}", i + 1)))?;
        // The same article twice in one file: one bookmark, tags together.
        match out
            .iter_mut()
            .find(|o| match (&o.article.url, &b.article.url) {
                (Some(u), Some(v)) => u == v,
                (None, None) => o.article.guid == b.article.guid,
                _ => false,
            }) {
            Some(o) => {
                let mut tags = o.tags.clone();
                tags.extend(b.tags);
                o.tags = normalize_tags(&tags).unwrap_or_else(|_| o.tags.clone());
                o.saved_at = o.saved_at.min(b.saved_at);
                o.note = o.note.take().or(b.note);
            }
            None => out.push(b),
        }
    }
    Ok(out)
}

fn public_url(u: &str) -> std::result::Result<String, String> {
    let url = Url::parse(u).map_err(|e| format!("address '{u}': {e}"))?;
    if !matches!(url.scheme(), "http" | "https") || u.len() > 4096 {
        return Err(format!("not a web address: '{u}'"));
    }
    Ok(url.to_string())
}

fn bounded(text: String, max_chars: usize, what: &str) -> std::result::Result<String, String> {
    if text.chars().count() > max_chars {
        return Err(format!("{what} longer than {max_chars} characters"));
    }
    Ok(text)
}

fn picture(img: SavedImage) -> Option<SavedImage> {
    // The bytes say what a picture is; anything but a raster image goes.
    let mime = sniff_image_mime(&img.bytes)?;
    (img.bytes.len() <= MAX_IMAGE_BYTES).then(|| SavedImage {
        url: img.url.chars().take(4096).collect(),
        mime: mime.to_string(),
        bytes: img.bytes,
    })
}

fn check(b: SavedBookmark) -> std::result::Result<SavedBookmark, String> {
    let a = b.article;
    let url = a.url.as_deref().map(public_url).transpose()?;
    if a.guid.trim().is_empty() || a.guid.len() > 4096 {
        return Err("an article without a usable guid".into());
    }
    let title = bounded(a.title.trim().to_string(), MAX_TITLE_CHARS, "a headline")?;
    if title.is_empty() {
        return Err("an article without a headline".into());
    }
    if a.summary.len() > MAX_SUMMARY_BYTES || a.body_html.len() > MAX_BODY_BYTES {
        return Err("an article larger than the app keeps".into());
    }
    let mut article = SavedArticle {
        guid: a.guid,
        url,
        title,
        original_title: a
            .original_title
            .map(|t| bounded(t, MAX_TITLE_CHARS, "an original headline"))
            .transpose()?,
        summary: a.summary,
        body_html: String::new(),
        direction: if a.direction == "ltr" { "ltr" } else { "rtl" }.into(),
        category_slug: a.category_slug.filter(|c| {
            c.len() <= 64
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        }),
        category_label: a.category_label.map(|c| c.chars().take(200).collect()),
        published_at: a.published_at,
        image_caption: a.image_caption.map(|c| c.chars().take(2000).collect()),
        image_credit: a.image_credit.map(|c| c.chars().take(500).collect()),
        image: a.image.and_then(picture),
        inline_images: a.inline_images.into_iter().filter_map(picture).collect(),
        see_also: a
            .see_also
            .into_iter()
            .filter(|l| public_url(&l.url).is_ok())
            .take(MAX_LINKS)
            .collect(),
        related: a
            .related
            .into_iter()
            .filter(|l| public_url(&l.url).is_ok())
            .take(MAX_LINKS)
            .collect(),
        // A file's byline and tags, held to what a feed could give.
        authors: a
            .authors
            .into_iter()
            .take(16)
            .map(|p| crate::feed::Person {
                name: p.name.chars().take(200).collect(),
                email: p.email.map(|e| e.chars().take(200).collect()),
                url: p.url.filter(|u| public_url(u).is_ok()),
            })
            .collect(),
        feed_tags: a
            .feed_tags
            .into_iter()
            .take(32)
            .map(|t| crate::feed::Tag {
                term: t.term.chars().take(200).collect(),
                scheme: t.scheme.map(|s| s.chars().take(500).collect()),
                label: t.label.map(|l| l.chars().take(200).collect()),
            })
            .collect(),
    };
    article.body_html = sanitize_stored(&a.body_html, &picture_hashes(&article));
    let note = b
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    if note
        .as_ref()
        .is_some_and(|n| n.chars().count() > MAX_NOTE_CHARS)
    {
        return Err(format!("a note longer than {MAX_NOTE_CHARS} characters"));
    }
    let tags = normalize_tags(&b.tags).map_err(|e| e.to_string())?;
    Ok(SavedBookmark {
        saved_at: b.saved_at.max(0),
        note,
        tags,
        article,
    })
}

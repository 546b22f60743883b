//! The Netscape bookmarks file: the HTML every browser exports and imports.
//! Each bookmark is a link with its date (`ADD_DATE`), tags (`TAGS`) and
//! note (the `<DD>` after it). A link this app does not hold the article of
//! comes in as a bookmark on the address, with its headline and no text.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use crate::error::{Error, Result};
use crate::store::{normalize_tags, SavedArticle, SavedBookmark, MAX_NOTE_CHARS};
use crate::sync::dedupe::canonical_url;

/// Text for HTML content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The bookmarks as a Netscape bookmarks file, in a folder named for the
/// app. The format is a list of links: an article without one (its feed
/// item had none) is left out, and kept by the app's own JSON format.
pub fn write(bookmarks: &[SavedBookmark], exported_at: i64) -> String {
    let mut out = String::from(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n\
         <!-- This is an automatically generated file. It will be read and overwritten. DO NOT EDIT! -->\n\
         <META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n\
         <TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n",
    );
    out.push_str(&format!(
        "    <DT><H3 ADD_DATE=\"{exported_at}\" LAST_MODIFIED=\"{exported_at}\">قارئ خبرين</H3>\n    <DL><p>\n"
    ));
    for b in bookmarks {
        let Some(url) = &b.article.url else {
            continue;
        };
        out.push_str(&format!(
            "        <DT><A HREF=\"{}\" ADD_DATE=\"{}\"",
            escape(url),
            b.saved_at
        ));
        if !b.tags.is_empty() {
            // Commas separate tags in this format: one inside a tag cannot survive.
            let tags: Vec<String> = b.tags.iter().map(|t| t.replace(',', " ")).collect();
            out.push_str(&format!(" TAGS=\"{}\"", escape(&tags.join(","))));
        }
        out.push_str(&format!(">{}</A>\n", escape(&b.article.title)));
        if let Some(note) = &b.note {
            out.push_str(&format!("        <DD>{}\n", escape(note)));
        }
    }
    out.push_str("    </DL><p>\n</DL><p>\n");
    out
}

/// The note of a bookmark: the text of the `<DD>` that follows its `<DT>`.
fn note_after(link: &ElementRef<'_>) -> Option<String> {
    let dt = link.parent().and_then(ElementRef::wrap)?;
    if dt.value().name() != "dt" {
        return None;
    }
    let dd = dt
        .next_siblings()
        .find_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "dd")?;
    // Only the DD's own text: a folder's DD holds the folder's bookmarks.
    let text: String = dd
        .children()
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

fn is_arabic(s: &str) -> bool {
    s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// Reads a Netscape bookmarks file. Links that are not web addresses
/// (javascript:, place:, file:) are left out; a file with no web link at all
/// is refused.
pub fn parse(text: &str) -> Result<Vec<SavedBookmark>> {
    let doc = Html::parse_document(text);
    let links = Selector::parse("a[href]").map_err(|e| Error::BadFile(e.to_string()))?;
    let mut out: Vec<SavedBookmark> = Vec::new();
    for a in doc.select(&links) {
        let Some(href) = a.value().attr("href") else {
            continue;
        };
        let Ok(url) = Url::parse(href.trim()) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") || href.len() > 4096 {
            continue;
        }
        let url = canonical_url(&url).to_string();
        let mut title: String = a.text().collect::<String>();
        title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            title = url.clone();
        }
        let title: String = title.chars().take(2000).collect();
        let saved_at = a
            .value()
            .attr("add_date")
            .and_then(|d| d.trim().parse::<i64>().ok())
            // Some browsers write microseconds.
            .map(|d| {
                if d > 100_000_000_000 {
                    d / 1_000_000
                } else {
                    d
                }
            })
            .unwrap_or_else(|| chrono::Utc::now().timestamp())
            .max(0);
        let tags: Vec<&str> = a
            .value()
            .attr("tags")
            .map(|t| t.split(',').collect())
            .unwrap_or_default();
        let tags = normalize_tags(&tags)
            .map_err(|e| Error::BadFile(format!("the bookmark of {url}: {e}")))?;
        let note = note_after(&a).map(|n| n.chars().take(MAX_NOTE_CHARS).collect());
        if let Some(o) = out
            .iter_mut()
            .find(|o| o.article.url.as_deref() == Some(url.as_str()))
        {
            o.tags = normalize_tags(&[o.tags.clone(), tags].concat()).unwrap_or(o.tags.clone());
            continue;
        }
        out.push(SavedBookmark {
            saved_at,
            note,
            tags,
            article: SavedArticle {
                guid: url.clone(),
                url: Some(url.clone()),
                direction: if is_arabic(&title) { "rtl" } else { "ltr" }.into(),
                title,
                original_title: None,
                summary: String::new(),
                body_html: String::new(),
                category_slug: None,
                category_label: None,
                published_at: None,
                image_caption: None,
                image_credit: None,
                image: None,
                inline_images: Vec::new(),
                see_also: Vec::new(),
                related: Vec::new(),
                authors: Vec::new(),
                feed_tags: Vec::new(),
            },
        });
    }
    if out.is_empty() {
        return Err(Error::BadFile("no web links in this bookmarks file".into()));
    }
    Ok(out)
}

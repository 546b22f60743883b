//! Article page → article fields. Site rules (selectors as data) find the
//! parts; text cues that hold on any page of the site (شاهد ايضاً lines,
//! the أخبار ذات صلة block, Loading... placeholders, the share line) sort
//! what the rules' body container holds.

mod ads;
mod blocks;
mod body;
mod choose;
#[cfg(test)]
mod choose_tests;
mod chrome;
mod cues;
mod declutter;
mod headline;
mod readability;
mod related;
pub mod rules;

use chrono::{DateTime, Utc};
use scraper::Html;
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::text::{clean_text, direction, latin_letter_ratio, strip_call_to_action};
pub use blocks::block_texts;
pub use choose::Origin;
pub use rules::SiteRules;

/// A link to another article, from a see-also line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRef {
    pub title: String,
    pub url: String,
}

/// One item of the related-news block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedRef {
    pub title: String,
    pub original_title: Option<String>,
    pub category: Option<String>,
    pub url: String,
}

/// Everything the app keeps of an article page.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractedArticle {
    /// The page's headline; empty when the page has none at all.
    pub title: String,
    /// The headline is the page's `<title>` without the site's name, not a
    /// heading: the feed item's own headline is better where it has one.
    pub title_is_guess: bool,
    pub summary: String,
    pub original_title: Option<String>,
    pub image_url: Option<Url>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    /// Sanitised HTML: paragraphs, `h2` subheadings, quotes, lists, links,
    /// and figures whose `img` carries `data-image="<url>"` (no `src`).
    pub body_html: String,
    /// The inline pictures' URLs, in the body's order.
    pub inline_images: Vec<Url>,
    pub see_also: Vec<LinkRef>,
    pub related: Vec<RelatedRef>,
    pub category_label: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub canonical_url: Option<Url>,
    pub direction: &'static str,
    /// Which candidate gave the body (for the benches and the log).
    pub body_origin: Origin,
}

/// Extracts an article from a page's HTML.
pub fn extract(html: &str, page_url: &Url, rules: &SiteRules) -> Result<ExtractedArticle> {
    let mut doc = Html::parse_document(html);
    let (related, related_id) = match rules::first_element(&doc, &rules.related)
        .or_else(|| related::find_by_heading(&doc))
    {
        Some(root) => (related::items(root, page_url, rules), Some(root.id())),
        None => (Vec::new(), None),
    };
    let mended = declutter::declutter(&mut doc, rules, related_id);
    let doc = doc;
    // The page's headline; a page without one gives its `<title>` (site
    // name removed) as a guess the feed item's headline goes before.
    let headline = rules::first_value(&doc, &rules.title)
        .map(|t| clean_text(&t))
        .filter(|t| !t.is_empty());
    // Nothing convinces as the article: no body (the sync keeps the feed's
    // own text and says the page is waiting).
    let choose::Chosen {
        body,
        found,
        origin,
    } = choose::choose(
        &doc,
        choose::Published { html, mended },
        page_url,
        rules,
        headline.as_deref().unwrap_or_default(),
    )
    .ok_or_else(|| Error::Extract {
        url: page_url.to_string(),
        message: "no article text found on the page".into(),
    })?;
    let title_is_guess = headline.is_none();
    let title = headline
        .or_else(|| headline::from_document_title(&doc))
        .unwrap_or_default();
    let summary = rules::first_value(&doc, &rules.summary)
        .or_else(|| found.as_ref().and_then(|f| f.excerpt.clone()))
        .map(|s| strip_call_to_action(&clean_text(&s)))
        .unwrap_or_default();
    let original_title = rules::first_value(&doc, &rules.original_title)
        .map(|t| clean_text(&t))
        .filter(|t| latin_letter_ratio(t) > 0.6);
    let image_url = rules::first_value(&doc, &rules.image)
        .or_else(|| found.as_ref().and_then(|f| f.image.clone()))
        .and_then(|src| resolve(page_url, &src));
    let (image_caption, image_credit) = rules::first_value(&doc, &rules.caption)
        .map(|c| split_credit(&clean_text(&c)))
        .unwrap_or((None, None));

    let category_label = rules::first_value(&doc, &rules.category).map(|c| clean_text(&c));
    let published = rules::first_value(&doc, &rules.published)
        .or_else(|| found.as_ref().and_then(|f| f.published.clone()))
        .and_then(|d| DateTime::parse_from_rfc3339(&d).ok())
        .map(|d| d.with_timezone(&Utc));
    let canonical_url =
        rules::first_value(&doc, &rules.canonical).and_then(|u| resolve(page_url, &u));
    // A page without any headline takes its direction from its text.
    let direction = if title.is_empty() {
        direction(&crate::feed::html_to_text(&body.html))
    } else {
        direction(&title)
    };
    Ok(ExtractedArticle {
        title,
        title_is_guess,
        summary,
        original_title,
        image_url,
        image_caption,
        image_credit,
        body_html: body.html,
        inline_images: body.images,
        see_also: body.see_also,
        related,
        category_label,
        published,
        canonical_url,
        direction,
        body_origin: origin,
    })
}

/// An article a reader server has already extracted (Miniflux's scraper
/// keeps the page's text as the entry's content): its text is decluttered
/// and walked as a page's body would be, with the feed's headline; the
/// page's own furniture (lead picture, caption, related items) is not in
/// it, and inline pictures stay in the body.
pub fn extract_fragment(
    content_html: &str,
    title: &str,
    page_url: &Url,
    rules: &SiteRules,
) -> Result<ExtractedArticle> {
    let mut doc = Html::parse_fragment(content_html);
    declutter::declutter(&mut doc, rules, None);
    // A text of one run, with neither blocks nor blank lines, is a summary
    // (as an RSS description in plain text mostly is), not an article.
    let structured = body::has_structure(doc.root_element());
    let body = body::walk(doc.root_element(), page_url, rules, title);
    if body.paragraphs == 0 || !structured {
        return Err(Error::Extract {
            url: page_url.to_string(),
            message: "the server's text holds no paragraphs".into(),
        });
    }
    let title = clean_text(title);
    Ok(ExtractedArticle {
        direction: direction(&title),
        title,
        title_is_guess: false,
        summary: String::new(),
        original_title: None,
        image_url: None,
        image_caption: None,
        image_credit: None,
        body_html: body.html,
        inline_images: body.images,
        see_also: body.see_also,
        related: Vec::new(),
        category_label: None,
        published: None,
        canonical_url: None,
        body_origin: Origin::Fragment,
    })
}

/// Resolves a possibly relative URL against the page; only http(s) survive.
pub(crate) fn resolve(base: &Url, href: &str) -> Option<Url> {
    let url = base.join(href.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}

/// Splits "A file image of … [Name/Agency via Reuters]" into caption and
/// credit.
fn split_credit(caption: &str) -> (Option<String>, Option<String>) {
    let caption = caption.trim();
    if let Some(open) = caption.rfind('[') {
        if caption.ends_with(']') {
            let credit = caption[open + 1..caption.len() - 1].trim().to_string();
            let text = caption[..open].trim().to_string();
            return (
                (!text.is_empty()).then_some(text),
                (!credit.is_empty()).then_some(credit),
            );
        }
    }
    ((!caption.is_empty()).then(|| caption.to_string()), None)
}

#[cfg(test)]
mod tests;

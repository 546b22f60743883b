//! The "أخبار ذات صلة" block: items of English title, a Loading...
//! placeholder, Arabic title and a category label, each linking to a page.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::rules::{self, SiteRules};
use super::{cues, resolve, RelatedRef};
use crate::text::{clean_text, latin_letter_ratio};

/// Finds the block by its heading when no selector matched: the nearest
/// ancestor of the heading that holds links.
pub fn find_by_heading(doc: &Html) -> Option<ElementRef<'_>> {
    let headings = Selector::parse("h2, h3, h4, div, span").expect("constant selector");
    let heading = doc
        .select(&headings)
        .find(|h| cues::is_related_heading(&h.text().collect::<String>()))?;
    let links = Selector::parse("a[href]").expect("constant selector");
    heading
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.select(&links).count() >= 1)
}

pub fn items(root: ElementRef<'_>, page_url: &Url, rules: &SiteRules) -> Vec<RelatedRef> {
    let links = Selector::parse("a[href]").expect("constant selector");
    let candidates: Vec<ElementRef<'_>> = rules
        .related_item
        .iter()
        .map(|p| root.select(&p.selector).collect::<Vec<_>>())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| root.select(&links).collect());
    let mut out: Vec<RelatedRef> = Vec::new();
    for item in candidates {
        let Some(url) = std::iter::once(item)
            .chain(item.select(&links))
            .find_map(|a| a.value().attr("href").and_then(|h| resolve(page_url, h)))
        else {
            continue;
        };
        if url.as_str() == page_url.as_str() || out.iter().any(|r| r.url == url.as_str()) {
            continue;
        }
        let category = rules::first_value_in(item, &rules.related_category).map(|c| clean_text(&c));
        let pieces: Vec<String> = text_pieces(item)
            .into_iter()
            .filter(|p| !cues::is_loading(p) && Some(p) != category.as_ref())
            .collect();
        let original_title = pieces.iter().find(|p| latin_letter_ratio(p) > 0.6).cloned();
        let arabic: Vec<&String> = pieces
            .iter()
            .filter(|p| latin_letter_ratio(p) <= 0.6)
            .collect();
        // Without a category element, a trailing short Arabic piece is the label.
        let (title, category) = match (arabic.as_slice(), category) {
            ([], _) => continue,
            ([title, .., last], None) if last.chars().count() <= 40 => {
                ((*title).clone(), Some((*last).clone()))
            }
            ([title, ..], category) => ((*title).clone(), category),
        };
        out.push(RelatedRef {
            title,
            original_title,
            category,
            url: url.to_string(),
        });
    }
    out
}

/// Text of an item split at element boundaries, so that the titles and the
/// label come apart.
fn text_pieces(item: ElementRef<'_>) -> Vec<String> {
    let mut pieces = Vec::new();
    for node in item.descendants() {
        if let Some(text) = node.value().as_text() {
            let t = clean_text(text);
            if !t.is_empty() {
                pieces.push(t);
            }
        }
    }
    pieces
}

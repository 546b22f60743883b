//! A headline for a page that has no heading and no `og:title`: its
//! `<title>`, without the site's name that titles carry ("Story | Site",
//! "Site - Story", "خبر – الموقع").

use scraper::{Html, Selector};

use crate::text::clean_text;

/// What sites put between a story's headline and their name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " / ", " \\ ",
];

/// The document's `<title>`, the site's name removed; `None` when it has no
/// title.
pub(super) fn from_document_title(doc: &Html) -> Option<String> {
    let title = clean_text(&first_text(doc, "head title")?);
    let site = first_attr(doc, "meta[property='og:site_name']", "content")
        .or_else(|| first_attr(doc, "meta[name='application-name']", "content"))
        .map(|s| clean_text(&s));
    let cleaned = strip_site_name(&title, site.as_deref());
    (!cleaned.is_empty()).then_some(cleaned)
}

/// Removes the site's name from a title: the part that is the site's name
/// where the page says it; otherwise the last part after a separator, as
/// long as what stays holds at least three words (Readability's rule: a
/// short remainder was the headline split by its own dash).
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let Some(sep) = SEPARATORS.iter().find(|s| title.contains(**s)) else {
        return title.to_string();
    };
    let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
    if let Some(site) = site.filter(|s| !s.is_empty()) {
        let kept: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| !p.eq_ignore_ascii_case(site))
            .collect();
        if kept.len() < parts.len() && !kept.is_empty() {
            return kept.join(sep);
        }
    }
    let (rest, _) = title.rsplit_once(sep).unwrap_or((title, ""));
    if rest.split_whitespace().count() >= 3 {
        return rest.trim().to_string();
    }
    // "Site | A story": the site's name stands first.
    let (_, after) = title.split_once(sep).unwrap_or(("", title));
    if after.split_whitespace().count() >= 3 {
        return after.trim().to_string();
    }
    title.to_string()
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .next()
        .map(|e| e.text().collect::<String>())
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .find_map(|e| e.value().attr(attr).map(String::from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_of(html: &str) -> Option<String> {
        from_document_title(&Html::parse_document(html))
    }

    #[test]
    fn the_site_name_the_page_gives_is_removed_wherever_it_stands() {
        let head = |t: &str| {
            format!("<head><title>{t}</title><meta property='og:site_name' content='خبرين'></head>")
        };
        assert_eq!(
            title_of(&head("قمة المناخ تنتهي باتفاق | خبرين")).as_deref(),
            Some("قمة المناخ تنتهي باتفاق")
        );
        assert_eq!(
            title_of(&head("خبرين - قمة المناخ تنتهي باتفاق")).as_deref(),
            Some("قمة المناخ تنتهي باتفاق")
        );
    }

    #[test]
    fn without_a_site_name_the_last_part_goes_unless_too_little_is_left() {
        assert_eq!(
            title_of("<title>Storm hits the coast overnight - The Daily</title>").as_deref(),
            Some("Storm hits the coast overnight")
        );
        assert_eq!(
            title_of("<title>Daily | Storm hits the coast</title>").as_deref(),
            Some("Storm hits the coast")
        );
        assert_eq!(
            title_of("<title>Pre-war - post-war</title>").as_deref(),
            Some("Pre-war - post-war")
        );
        assert_eq!(title_of("<p>no title</p>"), None);
        assert_eq!(title_of("<title>  </title>"), None);
    }
}

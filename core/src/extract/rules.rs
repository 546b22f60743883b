//! Per-site extraction rules kept as data: each field is a list of CSS
//! selectors tried in order, `css@attr` reading an attribute instead of text.

use scraper::{ElementRef, Html, Selector};
use serde::Deserialize;

use super::ads::AdMarks;
use super::chrome::ChromeLines;
use crate::error::{Error, Result};
use crate::text::collapse_ws;

#[derive(Debug, Clone, Deserialize)]
pub struct RawRules {
    pub title: Vec<String>,
    pub summary: Vec<String>,
    pub original_title: Vec<String>,
    pub image: Vec<String>,
    pub caption: Vec<String>,
    /// Selectors that name the article's text on the sites that use them.
    pub body: Vec<String>,
    /// Selectors any page may match with something else than its article
    /// (`article`, `main`): a candidate to weigh, never taken on its own.
    #[serde(default)]
    pub body_generic: Vec<String>,
    pub remove: Vec<String>,
    pub related: Vec<String>,
    pub related_item: Vec<String>,
    pub related_category: Vec<String>,
    pub category: Vec<String>,
    pub published: Vec<String>,
    pub canonical: Vec<String>,
}

/// One selector, with the attribute to read when it names one.
#[derive(Debug, Clone)]
pub struct Probe {
    pub selector: Selector,
    pub attr: Option<String>,
}

/// Compiled rules of one site.
#[derive(Debug, Clone)]
pub struct SiteRules {
    pub title: Vec<Probe>,
    pub summary: Vec<Probe>,
    pub original_title: Vec<Probe>,
    pub image: Vec<Probe>,
    pub caption: Vec<Probe>,
    /// The specific body selectors, then the generic ones.
    pub body: Vec<Probe>,
    /// How many of `body` are specific (the rest are generic).
    pub body_specific: usize,
    pub remove: Vec<Probe>,
    pub related: Vec<Probe>,
    pub related_item: Vec<Probe>,
    pub related_category: Vec<Probe>,
    pub category: Vec<Probe>,
    pub published: Vec<Probe>,
    pub canonical: Vec<Probe>,
    /// Ad and promotion slots, the same for every site.
    pub ads: AdMarks,
    /// Furniture lines and sections (share bars, bylines, "most read"…),
    /// the same for every site.
    pub chrome: ChromeLines,
}

const KHABARAIN_RULES: &str = include_str!("rules/khabarain.json");

impl SiteRules {
    /// The rules for خبرين, compiled from the bundled JSON.
    pub fn khabarain() -> Result<Self> {
        Self::from_json(KHABARAIN_RULES)
    }

    pub fn from_json(json: &str) -> Result<Self> {
        let raw: RawRules = serde_json::from_str(json)
            .map_err(|e| Error::InvalidInput(format!("extraction rules: {e}")))?;
        let c = |list: &[String]| list.iter().map(|s| compile(s)).collect::<Result<Vec<_>>>();
        Ok(Self {
            title: c(&raw.title)?,
            summary: c(&raw.summary)?,
            original_title: c(&raw.original_title)?,
            image: c(&raw.image)?,
            caption: c(&raw.caption)?,
            body: c(&raw.body)?
                .into_iter()
                .chain(c(&raw.body_generic)?)
                .collect(),
            body_specific: raw.body.len(),
            remove: c(&raw.remove)?,
            related: c(&raw.related)?,
            related_item: c(&raw.related_item)?,
            related_category: c(&raw.related_category)?,
            category: c(&raw.category)?,
            published: c(&raw.published)?,
            canonical: c(&raw.canonical)?,
            ads: AdMarks::bundled()?,
            chrome: ChromeLines::bundled()?,
        })
    }
}

impl SiteRules {
    /// Whether body selector `index` is a generic one.
    pub fn is_generic_body(&self, index: usize) -> bool {
        index >= self.body_specific
    }
}

fn compile(spec: &str) -> Result<Probe> {
    let (css, attr) = match spec.rsplit_once('@') {
        Some((css, attr)) if !attr.contains([' ', ']', '\'']) => (css, Some(attr.to_string())),
        _ => (spec, None),
    };
    let selector = Selector::parse(css)
        .map_err(|e| Error::InvalidInput(format!("bad selector '{css}': {e}")))?;
    Ok(Probe { selector, attr })
}

/// First non-empty value that any probe finds in the document.
pub fn first_value(doc: &Html, probes: &[Probe]) -> Option<String> {
    probes.iter().find_map(|p| {
        doc.select(&p.selector).find_map(|el| {
            let v = read(el, p.attr.as_deref());
            (!v.is_empty()).then_some(v)
        })
    })
}

/// First non-empty value inside one element.
pub fn first_value_in(root: ElementRef<'_>, probes: &[Probe]) -> Option<String> {
    probes.iter().find_map(|p| {
        root.select(&p.selector).find_map(|el| {
            let v = read(el, p.attr.as_deref());
            (!v.is_empty()).then_some(v)
        })
    })
}

/// First element that any probe matches.
pub fn first_element<'a>(doc: &'a Html, probes: &[Probe]) -> Option<ElementRef<'a>> {
    probes.iter().find_map(|p| doc.select(&p.selector).next())
}

fn read(el: ElementRef<'_>, attr: Option<&str>) -> String {
    match attr {
        Some(a) => el.value().attr(a).map(collapse_ws).unwrap_or_default(),
        None => collapse_ws(&el.text().collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_compile() {
        let rules = SiteRules::khabarain().expect("bundled rules compile");
        assert!(rules
            .title
            .iter()
            .any(|p| p.attr.as_deref() == Some("content")));
    }

    #[test]
    fn bad_selector_is_an_error_not_a_panic() {
        let json = KHABARAIN_RULES.replace("article h1.entry-title", "h1[[");
        assert!(SiteRules::from_json(&json).is_err());
    }
}

//! Ad and promotion slots, known by the marks real news sites give them
//! (kept as data in `rules/ads.json`, beside the site rules): class and id
//! tokens, `data-ad*` attributes, an `aria-label` that says "إعلان", or a
//! block whose whole text is an ad label.

use std::collections::HashSet;

use scraper::ElementRef;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::{collapse_ws, fold_arabic};

const ADS: &str = include_str!("rules/ads.json");

#[derive(Deserialize)]
struct Raw {
    tokens: Vec<String>,
    prefixes: Vec<String>,
    attributes: Vec<String>,
    attribute_prefixes: Vec<String>,
    label_attributes: Vec<String>,
    labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct AdMarks {
    tokens: HashSet<String>,
    prefixes: Vec<String>,
    attributes: HashSet<String>,
    attribute_prefixes: Vec<String>,
    label_attributes: Vec<String>,
    labels: HashSet<String>,
}

impl AdMarks {
    /// The marks bundled with the app.
    pub fn bundled() -> Result<Self> {
        let raw: Raw =
            serde_json::from_str(ADS).map_err(|e| Error::InvalidInput(format!("ad marks: {e}")))?;
        fn lower<C: FromIterator<String>>(v: Vec<String>) -> C {
            v.into_iter().map(|s| s.to_lowercase()).collect()
        }
        Ok(Self {
            tokens: lower(raw.tokens),
            prefixes: lower(raw.prefixes),
            attributes: lower(raw.attributes),
            attribute_prefixes: lower(raw.attribute_prefixes),
            label_attributes: lower(raw.label_attributes),
            labels: raw.labels.iter().map(|l| label_key(l)).collect(),
        })
    }

    /// Whether the element is marked as an ad or promotion slot.
    pub fn is_slot(&self, el: ElementRef<'_>) -> bool {
        let e = el.value();
        let named = e
            .attr("class")
            .into_iter()
            .flat_map(str::split_whitespace)
            .chain(e.attr("id"))
            .any(|name| self.is_ad_name(name));
        named
            || e.attrs().any(|(name, value)| {
                let name = name.to_ascii_lowercase();
                self.attributes.contains(&name)
                    || self.attribute_prefixes.iter().any(|p| name.starts_with(p))
                    || (self.label_attributes.contains(&name) && self.is_label(value))
            })
    }

    /// Whether a whole text is an ad label («إعلان ممول», "Advertisement"…).
    pub fn is_label(&self, text: &str) -> bool {
        text.chars().count() <= 48 && self.labels.contains(&label_key(text))
    }

    fn is_ad_name(&self, name: &str) -> bool {
        let lower = name.to_ascii_lowercase();
        self.prefixes.iter().any(|p| lower.starts_with(p))
            || name_tokens(name).any(|t| self.tokens.contains(&t))
    }
}

/// `articleAdContainer` → article, ad, container; `div-gpt-ad-1` → div,
/// gpt, ad, 1.
fn name_tokens(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['-', '_', ':', '.'])
        .flat_map(|part| {
            let mut words = Vec::new();
            let mut word = String::new();
            let mut prev_lower = false;
            for c in part.chars() {
                if c.is_ascii_uppercase() && prev_lower && !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                word.push(c.to_ascii_lowercase());
            }
            words.push(word);
            words
        })
        .filter(|w| !w.is_empty())
}

/// A label as compared: Arabic folded, lower case, without the dashes,
/// bullets and brackets sites put around it.
fn label_key(text: &str) -> String {
    let folded = fold_arabic(&collapse_ws(text)).to_lowercase();
    folded
        .trim_matches(|c: char| c.is_whitespace() || "-–—|·•:()[]*_«»\"'".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    fn first(html: &str) -> (Html, Selector) {
        (
            Html::parse_fragment(html),
            Selector::parse("body > *, div, span, section, p").expect("selector"),
        )
    }

    fn slot(html: &str) -> bool {
        let marks = AdMarks::bundled().expect("bundled marks");
        let (doc, sel) = first(html);
        let el = doc.select(&sel).next().expect("an element");
        marks.is_slot(el)
    }

    #[test]
    fn slots_are_known_by_their_marks() {
        assert!(slot(r#"<div class="ad ad-inline"></div>"#));
        assert!(slot(r#"<div id="div-gpt-ad-1620000000000-3"></div>"#));
        assert!(slot(
            r#"<div class="OUTBRAIN" data-widget-id="AR_1"></div>"#
        ));
        assert!(slot(r#"<div id="taboola-below-article-thumbnails"></div>"#));
        assert!(slot(r#"<section aria-label="إعلان"></section>"#));
        assert!(slot(r#"<div data-ad-unit="/1/x"></div>"#));
        assert!(slot(r#"<div class="articleAdContainer"></div>"#));
        assert!(slot(r#"<div class="sponsored-content"></div>"#));
        assert!(slot(r#"<div class="promo-box"></div>"#));
    }

    #[test]
    fn words_that_only_contain_ad_are_not_marks() {
        for html in [
            r#"<div class="header"></div>"#,
            r#"<div class="read-more"></div>"#,
            r#"<div class="lead shadow badge"></div>"#,
            r#"<div class="add-comment"></div>"#,
            r#"<div data-address="x"></div>"#,
            r#"<div class="entry-content" id="post-body"></div>"#,
            r#"<section aria-label="المقال"></section>"#,
            r#"<div class="download-app"></div>"#,
        ] {
            assert!(!slot(html), "{html}");
        }
    }

    #[test]
    fn labels_match_whole_texts_only() {
        let marks = AdMarks::bundled().expect("bundled marks");
        for l in [
            "إعلان",
            "- إعلان -",
            "اعلان ممول",
            "محتوى ممول",
            "ADVERTISEMENT",
            " Sponsored ",
            "مساحة اعلانيه",
            "[Ad]",
        ] {
            assert!(marks.is_label(l), "{l}");
        }
        for t in [
            "وجاء إعلان الحكومة",
            "إعلان رسمي.",
            "Sponsored by nobody, paid for by the people",
            "ممول",
        ] {
            assert!(!marks.is_label(t), "{t}");
        }
    }
}

//! Which element holds the article, chosen by evidence rather than by the
//! first selector that matches. The candidates are the site rules' first
//! selector whose matches hold an article (a body split over several blocks
//! of one selector is one candidate, its blocks in order) and Readability's
//! pick (dom_smoothie, on the page as published). Each is walked as a body
//! would be and weighed on its words, its links and its paragraphs:
//!
//! - a candidate that is not an article (few words beside the page's
//!   text, mostly links, a reader's comment) never wins;
//! - a specific selector (`.entry-content`, `[itemprop=articleBody]`) that
//!   gives a convincing body wins at once: a site's own markup knows its
//!   text best, and Readability is not even run;
//! - otherwise Readability's pick is weighed against the rules': a generic
//!   selector (`article`, `main`: a first `<article>` can be a widget, or a
//!   wrapper holding the byline, author box and "most read" lists) wins
//!   only where it says what Readability's pick says; a weak specific one
//!   wins where it holds most of Readability's text;
//! - nothing convincing: no body (the sync keeps the feed's own text).

use std::collections::HashMap;

use scraper::{ElementRef, Html};
use url::Url;

use super::body::{self, Body};
use super::readability::{self, Found};
use super::rules::SiteRules;

/// Where the chosen body came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A body selector of the site rules (its index), specific or generic.
    Rules {
        index: usize,
        generic: bool,
    },
    Readability,
    /// Not a page: a text a reader server or the feed gave.
    Fragment,
}

pub(super) struct Chosen {
    pub body: Body,
    pub origin: Origin,
    /// What Readability found, when it was asked (its title, excerpt and
    /// picture serve as fallbacks).
    pub found: Option<Found>,
}

struct Candidate {
    body: Body,
    words: Vec<String>,
    link_density: f64,
    origin: Origin,
}

/// A body of fewer words than this is no article on its own.
const MIN_WORDS: usize = 25;
/// A specific selector's body this long, with few links, is taken at once.
const CONVINCING_WORDS: usize = 60;
/// More of a candidate's text in links than this: a list, not an article.
const MAX_LINK_DENSITY: f64 = 0.5;
const CONVINCING_LINK_DENSITY: f64 = 0.25;

fn words_of(html: &str) -> Vec<String> {
    crate::text::comparison_words(&crate::feed::html_to_text(html)).collect()
}

/// Share of an element's text that sits inside links.
fn link_density(el: ElementRef<'_>) -> f64 {
    let all: usize = el.text().map(|t| t.trim().chars().count()).sum();
    if all == 0 {
        return 1.0;
    }
    let linked: usize = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .flat_map(|a| a.text())
        .map(|t| t.trim().chars().count())
        .sum();
    linked as f64 / all as f64
}

/// An element or one of its ancestors is a reader's comment.
fn is_comment(el: ElementRef<'_>) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .any(|e| {
            let marks = [e.value().attr("class"), e.value().attr("id")];
            marks.into_iter().flatten().any(|m| {
                m.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
                    matches!(
                        t.to_ascii_lowercase().as_str(),
                        "comment" | "comments" | "commentlist" | "reply" | "respond" | "disqus"
                    )
                })
            })
        })
}

/// An element a reader never sees: hidden itself or inside a hidden block
/// (schema.org microdata often repeats the text, or a summary, there).
fn is_hidden(el: ElementRef<'_>) -> bool {
    std::iter::once(el)
        .chain(el.ancestors().filter_map(ElementRef::wrap))
        .any(|e| {
            let v = e.value();
            let style = v
                .attr("style")
                .map(|s| s.to_ascii_lowercase().replace(' ', ""))
                .unwrap_or_default();
            v.attr("hidden").is_some()
                || v.attr("aria-hidden") == Some("true")
                || style.contains("display:none")
                || style.contains("visibility:hidden")
        })
}

/// How much of `of` is in `inside` (a share of `of`'s words, as multisets).
fn covered(of: &[String], inside: &[String]) -> f64 {
    if of.is_empty() {
        return 0.0;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in inside {
        *counts.entry(w).or_default() += 1;
    }
    let held = of
        .iter()
        .filter(|w| match counts.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count();
    held as f64 / of.len() as f64
}

fn is_article(c: &Candidate) -> bool {
    c.words.len() >= MIN_WORDS && c.body.paragraphs > 0 && c.link_density <= MAX_LINK_DENSITY
}

/// The rules' candidate: the first selector, in the rules' order, whose
/// matches (those not inside another of its matches, and no comment) hold
/// an article; several of them, each an article's worth, make one body in
/// order.
fn rule_candidate(
    doc: &Html,
    page_url: &Url,
    rules: &SiteRules,
    headline: &str,
) -> Option<Candidate> {
    for (index, probe) in rules.body.iter().enumerate() {
        let generic = rules.is_generic_body(index);
        let matches: Vec<ElementRef<'_>> = doc.select(&probe.selector).collect();
        let outer: Vec<ElementRef<'_>> = matches
            .iter()
            .copied()
            .filter(|e| {
                !e.ancestors()
                    .any(|a| matches.iter().any(|m| m.id() == a.id()))
            })
            .filter(|e| !is_comment(*e) && !is_hidden(*e))
            .collect();
        if outer.is_empty() {
            continue;
        }
        let parts: Vec<Candidate> = outer
            .iter()
            .map(|e| {
                let body = body::walk(*e, page_url, rules, headline);
                Candidate {
                    words: words_of(&body.html),
                    link_density: link_density(*e),
                    body,
                    origin: Origin::Rules { index, generic },
                }
            })
            .filter(is_article)
            .collect();
        let candidate = if generic {
            // Several `<article>`s are several stories (teasers, comments):
            // the longest is the candidate.
            parts.into_iter().max_by_key(|c| c.words.len())
        } else {
            merge(parts)
        };
        if candidate.is_some() {
            return candidate;
        }
    }
    None
}

/// Bodies of one selector, in document order, as one.
fn merge(parts: Vec<Candidate>) -> Option<Candidate> {
    let mut parts = parts.into_iter();
    let mut first = parts.next()?;
    for p in parts {
        first.body.html.push_str(&p.body.html);
        first.body.paragraphs += p.body.paragraphs;
        first.body.images.extend(p.body.images);
        first.body.see_also.extend(p.body.see_also);
        first.words.extend(p.words);
        first.link_density = first.link_density.max(p.link_density);
    }
    Some(first)
}

/// The page as published, for Readability: taking the ads out first
/// changes which container it scores highest. Where an ad or a see-also line
/// split a paragraph (`mended`), it reads the page with that mended, made
/// only when Readability is asked.
pub(super) struct Published<'a> {
    pub html: &'a str,
    pub mended: bool,
}

fn readability_candidate(
    page: Published<'_>,
    page_url: &Url,
    rules: &SiteRules,
    headline: &str,
) -> Option<(Candidate, Found)> {
    let found = if page.mended {
        readability::find(
            &super::declutter::readability_page(page.html, rules),
            page_url,
        )?
    } else {
        readability::find(page.html, page_url)?
    };
    let mut fragment = Html::parse_fragment(&found.content_html);
    super::declutter::declutter(&mut fragment, rules, None);
    let root = fragment.root_element();
    let body = body::walk(root, page_url, rules, headline);
    let candidate = Candidate {
        words: words_of(&body.html),
        link_density: link_density(root),
        body,
        origin: Origin::Readability,
    };
    Some((candidate, found))
}

pub(super) fn choose(
    doc: &Html,
    page: Published<'_>,
    page_url: &Url,
    rules: &SiteRules,
    headline: &str,
) -> Option<Chosen> {
    let first = rule_candidate(doc, page_url, rules, headline);
    if let Some(c) = &first {
        let specific = matches!(c.origin, Origin::Rules { generic: false, .. });
        if specific
            && c.words.len() >= CONVINCING_WORDS
            && c.link_density <= CONVINCING_LINK_DENSITY
        {
            return first.map(|c| Chosen {
                body: c.body,
                origin: c.origin,
                found: None,
            });
        }
    }
    let theirs = readability_candidate(page, page_url, rules, headline);
    let (pick, found) = match (first, theirs) {
        (Some(c), Some((r, found))) => {
            let generic = matches!(c.origin, Origin::Rules { generic: true, .. });
            let r_ok = is_article(&r);
            // The rules' candidate holds most of what Readability found and
            // adds little: it is the article, in the site's own markup.
            let holds = covered(&r.words, &c.words);
            let adds = 1.0 - covered(&c.words, &r.words);
            let rules_win = !r_ok
                || if generic {
                    holds >= 0.9 && adds <= 0.02
                } else {
                    holds >= 0.7
                };
            (if rules_win { c } else { r }, Some(found))
        }
        (Some(c), None) => (c, None),
        (None, Some((r, found))) => {
            // A short text is still the page's (a brief, a notice); a list
            // of links is not.
            if r.link_density > MAX_LINK_DENSITY || r.body.paragraphs == 0 {
                return None;
            }
            (r, Some(found))
        }
        (None, None) => return None,
    };
    if pick.body.paragraphs == 0 {
        return None;
    }
    Some(Chosen {
        body: pick.body,
        origin: pick.origin,
        found,
    })
}

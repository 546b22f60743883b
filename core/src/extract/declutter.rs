//! Before the text is looked for: ad and promotion slots, blocks whose
//! whole text is an ad label, and what the site rules say to remove leave
//! the page, on the rules path and the
//! Readability path alike; a paragraph that a slot or a see-also line typed
//! inside it split in two is made whole again.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::body::BLOCKS;
use super::cues;
use super::rules::SiteRules;
use crate::text::clean_text;

/// A slot holding this much text is a wrapper a site marked, not an ad.
const MAX_SLOT_CHARS: usize = 2_000;
/// Blocks that are an ad label, a share bar or a loading placeholder when
/// that is all their text says.
const LABEL_BLOCKS: &[&str] = &[
    "p", "div", "section", "aside", "center", "figure", "header", "footer", "h4", "h5", "h6",
];

/// Takes ads and label blocks out of `doc`, and `also` (the related block,
/// which was read already), after mending the paragraphs they split.
/// Tells whether it mended any paragraph.
pub fn declutter(doc: &mut Html, rules: &SiteRules, also: Option<NodeId>) -> bool {
    clean(doc, rules, also, Scope::All)
}

/// The page as Readability should see it: as published, but with the
/// paragraphs an ad or a see-also line split made whole again (Readability
/// would keep the halves as two paragraphs). The ads themselves stay: taking
/// them out changes which container Readability scores highest, often for a
/// wrapper that also holds the "more news" lists, and the fragment it gives
/// is decluttered afterwards (it keeps the classes that mark them).
pub fn readability_page(raw: &str, rules: &SiteRules) -> String {
    let mut doc = Html::parse_document(raw);
    clean(&mut doc, rules, None, Scope::MendOnly);
    doc.html()
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Scope {
    All,
    MendOnly,
}

fn clean(doc: &mut Html, rules: &SiteRules, also: Option<NodeId>, scope: Scope) -> bool {
    let holds_text = text_holders(doc, rules);
    let mut slots = Vec::new();
    find_slots(doc.root_element(), rules, &holds_text, &mut slots);
    // What the site's rules say to remove goes before Readability sees the
    // page too (Readability drops the classes these selectors name).
    slots.extend(
        rules
            .remove
            .iter()
            .flat_map(|p| doc.select(&p.selector))
            .filter(|e| !holds_text.contains(&e.id()) && !is_wrapper(*e))
            .map(|e| e.id()),
    );
    let chrome: HashSet<NodeId> = slots.iter().copied().collect();
    let splits = split_paragraphs(doc, &chrome);
    let mended = !splits.is_empty();
    for (paragraph, run, stray) in splits {
        for id in run {
            if let Some(mut p) = doc.tree.get_mut(paragraph) {
                p.append_id(id);
            }
        }
        if let Some(mut stray) = doc.tree.get_mut(stray) {
            stray.detach();
        }
    }
    // The related block goes too, unless a loose guess took the text's own
    // container for it.
    let also = also.filter(|id| {
        !holds_text.contains(id)
            && doc
                .tree
                .get(*id)
                .and_then(ElementRef::wrap)
                .is_some_and(|e| !is_wrapper(e))
    });
    if scope == Scope::All {
        for id in slots.into_iter().chain(also) {
            if let Some(mut node) = doc.tree.get_mut(id) {
                node.detach();
            }
        }
    }
    mended
}

/// The article's container by the site rules, and every element around it:
/// a site that marks its page wrapper `has-ads` does not lose its text.
fn text_holders(doc: &Html, rules: &SiteRules) -> HashSet<NodeId> {
    let mut holders = HashSet::new();
    if let Some(body) = super::rules::first_element(doc, &rules.body) {
        holders.insert(body.id());
        holders.extend(body.ancestors().map(|a| a.id()));
    }
    holders
}

fn find_slots(
    el: ElementRef<'_>,
    rules: &SiteRules,
    holds_text: &HashSet<NodeId>,
    out: &mut Vec<NodeId>,
) {
    for child in el.children().filter_map(ElementRef::wrap) {
        let name = child.value().name();
        if matches!(name, "html" | "head" | "body" | "article" | "main" | "h1")
            || holds_text.contains(&child.id())
        {
            find_slots(child, rules, holds_text, out);
            continue;
        }
        let slot = rules.ads.is_slot(child) && !is_wrapper(child);
        let label = LABEL_BLOCKS.contains(&name)
            && short_text(child).is_some_and(|text| {
                rules.ads.is_label(&text) || cues::is_share_line(&text) || cues::is_loading(&text)
            });
        if slot || label {
            out.push(child.id());
        } else {
            find_slots(child, rules, holds_text, out);
        }
    }
}

fn is_wrapper(el: ElementRef<'_>) -> bool {
    el.descendants()
        .filter_map(ElementRef::wrap)
        .any(|d| matches!(d.value().name(), "h1" | "article" | "main"))
        || el.text().map(|t| t.chars().count()).sum::<usize>() > MAX_SLOT_CHARS
}

/// Finds paragraphs the parser split: `<p>a <div>slot</div> b</p>` parses
/// as `<p>a </p><div>slot</div> b<p></p>`, the empty `<p>` standing for the
/// stray `</p>`. Gives (the first half, the nodes of the second half, the
/// empty `<p>`) where only chrome stands between the halves.
fn split_paragraphs(doc: &Html, chrome: &HashSet<NodeId>) -> Vec<(NodeId, Vec<NodeId>, NodeId)> {
    let mut found = Vec::new();
    for node in doc.tree.root().descendants() {
        let Some(stray) = ElementRef::wrap(node) else {
            continue;
        };
        if stray.value().name() != "p" || stray.has_children() {
            continue;
        }
        let mut run = Vec::new();
        let mut crossed = false;
        let mut at = stray.prev_sibling();
        let first = loop {
            let Some(n) = at else { break None };
            match n.value() {
                Node::Text(_) if !crossed => run.push(n.id()),
                Node::Text(t) if t.trim().is_empty() => {}
                Node::Comment(_) => {}
                Node::Element(e) => {
                    let block = BLOCKS.contains(&e.name());
                    if !crossed && !block {
                        run.push(n.id());
                    } else if crossed && e.name() == "p" {
                        break Some(n.id());
                    } else if chrome.contains(&n.id())
                        || ElementRef::wrap(n).is_some_and(|el| cues::is_see_also(&text_of(el)))
                    {
                        crossed = true;
                    } else {
                        break None;
                    }
                }
                _ => break None,
            }
            at = n.prev_sibling();
        };
        let has_text = run.iter().any(|id| {
            doc.tree.get(*id).is_some_and(|n| match n.value() {
                Node::Text(t) => !t.trim().is_empty(),
                _ => ElementRef::wrap(n).is_some_and(|e| !text_of(e).is_empty()),
            })
        });
        if let (Some(first), true) = (first, has_text) {
            run.reverse();
            found.push((first, run, stray.id()));
        }
    }
    found
}

/// A label, a share line or a placeholder is short: a block's text, unless
/// it is longer than any of them (then not gathered at all, which keeps a
/// walk down nested containers linear).
fn short_text(el: ElementRef<'_>) -> Option<String> {
    const MAX_LABEL_BYTES: usize = 600;
    let mut text = String::new();
    for t in el.text() {
        if text.len() + t.len() > MAX_LABEL_BYTES {
            return None;
        }
        text.push_str(t);
    }
    Some(clean_text(&text))
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_text(&el.text().collect::<String>())
}

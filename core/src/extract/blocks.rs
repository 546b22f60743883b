//! The text of a body, block by block, as a reader meets it: each
//! paragraph, subheading, quote line, list item or caption on its own.
//! Extraction quality is measured on it, and speech reads by it.

use scraper::{ElementRef, Html, Node};

use crate::text::collapse_ws;

const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "pre",
    "dl",
    "dt",
    "dd",
];
const SKIP: &[&str] = &["script", "style", "noscript", "template"];

/// Texts of the blocks of an HTML fragment, in document order, empty ones
/// left out. Text standing loose beside blocks counts as a block of its own.
pub fn block_texts(html: &str) -> Vec<String> {
    let fragment = Html::parse_fragment(html);
    let mut out = Vec::new();
    collect(fragment.root_element(), &mut out);
    out
}

fn is_block(el: ElementRef<'_>) -> bool {
    BLOCK.contains(&el.value().name())
}

fn collect(el: ElementRef<'_>, out: &mut Vec<String>) {
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<String>| {
        let t = collapse_ws(run);
        if !t.is_empty() {
            out.push(t);
        }
        run.clear();
    };
    for child in el.children() {
        match child.value() {
            Node::Text(t) => run.push_str(t),
            Node::Element(_) => {
                let Some(c) = ElementRef::wrap(child) else {
                    continue;
                };
                if SKIP.contains(&c.value().name()) {
                    continue;
                }
                if is_block(c) {
                    flush(&mut run, out);
                    collect(c, out);
                } else {
                    text_into(c, &mut run);
                }
            }
            _ => {}
        }
    }
    flush(&mut run, out);
}

fn text_into(el: ElementRef<'_>, run: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => run.push_str(t),
            Node::Element(e) if e.name() == "br" => run.push(' '),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    if !SKIP.contains(&c.value().name()) {
                        text_into(c, run);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_block_is_one_text_and_loose_text_is_one_block() {
        let html = "<p>أول <b>فقرة</b></p><blockquote><p>«اقتباس»</p></blockquote>\
                    <div>نص سائب <a href='#'>برابط</a><p>داخلية</p>وبعدها</div>\
                    <ul><li>بند</li></ul><h2>عنوان</h2><script>x()</script><p> </p>";
        assert_eq!(
            block_texts(html),
            [
                "أول فقرة",
                "«اقتباس»",
                "نص سائب برابط",
                "داخلية",
                "وبعدها",
                "بند",
                "عنوان"
            ]
        );
    }
}

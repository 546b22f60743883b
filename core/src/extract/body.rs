//! Walks the body container in document order and keeps the article:
//! paragraphs, subheadings, quotes and lists. See-also lines become links,
//! the site's chrome (ads, share line, Loading..., the repeated headline) is
//! left behind, and the result goes through the sanitiser.

use scraper::{ElementRef, Selector};
use url::Url;

use super::rules::SiteRules;
use super::{cues, resolve, LinkRef};
use crate::sanitize::sanitize_body;
use crate::text::{clean_text, collapse_ws};

pub struct Body {
    pub html: String,
    pub see_also: Vec<LinkRef>,
    pub paragraphs: usize,
    /// Inline pictures, in order; the body refers to each by
    /// `data-image="<url>"` until sync binds it to the cached copy.
    pub images: Vec<Url>,
}

pub(super) const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "table",
    "figure",
    "aside",
    "header",
    "footer",
    "nav",
    "main",
];
const DROP: &[&str] = &[
    "script", "style", "noscript", "iframe", "ins", "form", "button", "svg", "template", "video",
    "audio", "object", "embed", "nav", "footer", "aside", "header",
];

struct Walker<'a> {
    rules: &'a SiteRules,
    page_url: &'a Url,
    out: String,
    see_also: Vec<LinkRef>,
    paragraphs: usize,
    blocks: usize,
    link_selector: Selector,
    img_selector: Selector,
    caption_selector: Selector,
    images: Vec<Url>,
}

pub fn walk(root: ElementRef<'_>, page_url: &Url, rules: &SiteRules) -> Body {
    let mut w = Walker {
        rules,
        page_url,
        out: String::new(),
        see_also: Vec::new(),
        paragraphs: 0,
        blocks: 0,
        link_selector: Selector::parse("a[href]").expect("constant selector"),
        img_selector: Selector::parse("img").expect("constant selector"),
        caption_selector: Selector::parse("figcaption").expect("constant selector"),
        images: Vec::new(),
    };
    w.visit_children(root);
    Body {
        html: sanitize_body(&w.out, page_url),
        see_also: w.see_also,
        paragraphs: w.paragraphs,
        images: w.images,
    }
}

impl Walker<'_> {
    fn visit_children(&mut self, el: ElementRef<'_>) {
        if !has_block_children(el) {
            return;
        }
        // Text and inline elements standing loose between blocks make one
        // paragraph together, as a browser shows them.
        let mut run = Run::default();
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(c) if DROP.contains(&c.value().name()) => {}
                Some(c) if BLOCKS.contains(&c.value().name()) || c.value().name() == "img" => {
                    self.run(std::mem::take(&mut run));
                    self.visit(c);
                }
                Some(c) => run.element(c),
                None => {
                    if let Some(text) = child.value().as_text() {
                        run.text(text);
                    }
                }
            }
        }
        self.run(run);
    }

    fn visit(&mut self, el: ElementRef<'_>) {
        let tag = el.value().name();
        if DROP.contains(&tag) {
            return;
        }
        match tag {
            "figure" | "img" => self.picture(el),
            "p" if el.select(&self.img_selector).next().is_some() && text_of(el).is_empty() => {
                self.picture(el)
            }
            "p" => self.paragraph(el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(el),
            "blockquote" | "ul" | "ol" | "table" => {
                let text = text_of(el);
                if !text.is_empty() && !self.cue(&[el], &text) {
                    self.out.push_str(&el.html().replace('\\', ""));
                    self.paragraphs += 1;
                    self.blocks += 1;
                }
            }
            _ if has_block_children(el) => self.visit_children(el),
            _ => self.paragraph(el),
        }
    }

    /// An inline picture (a figure, or an image alone in its paragraph),
    /// with its caption. Lazy-loading attributes are read before `src`, and
    /// placeholder data: URIs are skipped.
    fn picture(&mut self, el: ElementRef<'_>) {
        let img = if el.value().name() == "img" {
            Some(el)
        } else {
            el.select(&self.img_selector).next()
        };
        let Some(img) = img else { return };
        let src = ["data-src", "data-lazy-src", "data-original", "src"]
            .iter()
            .filter_map(|a| img.value().attr(a))
            .find(|v| !v.trim().is_empty() && !v.trim_start().starts_with("data:"));
        let Some(url) = src.and_then(|s| resolve(self.page_url, s)) else {
            return;
        };
        let alt = clean_text(img.value().attr("alt").unwrap_or_default());
        let caption = el
            .select(&self.caption_selector)
            .next()
            .map(text_of)
            .filter(|c| !c.is_empty());
        self.out.push_str(&format!(
            "<figure><img data-image=\"{}\" alt=\"{}\">",
            escape(url.as_str()).replace('"', "&quot;"),
            escape(&alt).replace('"', "&quot;")
        ));
        if let Some(c) = caption {
            self.out.push_str(&format!(
                "<figcaption dir=\"auto\">{}</figcaption>",
                escape(&c)
            ));
        }
        self.out.push_str("</figure>");
        self.images.push(url);
        self.blocks += 1;
    }

    /// Handles the site's cues; true when the block was one and is consumed.
    /// `scope` holds the block's elements, where a see-also line's link is.
    fn cue(&mut self, scope: &[ElementRef<'_>], text: &str) -> bool {
        if cues::is_loading(text) || cues::is_share_line(text) || self.rules.ads.is_label(text) {
            return true;
        }
        if cues::is_related_heading(text) {
            return true;
        }
        if cues::is_see_also(text) {
            let link = scope.iter().find_map(|e| {
                if e.value().name() == "a" && e.value().attr("href").is_some() {
                    Some(*e)
                } else {
                    e.select(&self.link_selector).next()
                }
            });
            if let Some(a) = link {
                let href = a.value().attr("href").unwrap_or_default();
                if let Some(url) = resolve(self.page_url, href) {
                    let anchor = clean_text(&a.text().collect::<String>());
                    let title = if anchor.is_empty() || cues::is_see_also(&anchor) {
                        cues::see_also_title(text)
                    } else {
                        anchor
                    };
                    if !self.see_also.iter().any(|l| l.url == url.as_str()) {
                        self.see_also.push(LinkRef {
                            title,
                            url: url.to_string(),
                        });
                    }
                }
            }
            return true;
        }
        false
    }

    fn paragraph(&mut self, el: ElementRef<'_>) {
        let text = text_of(el);
        if text.is_empty() || self.cue(&[el], &text) {
            return;
        }
        if is_bold_only(el, &text) {
            self.subheading(&text, "h2");
            return;
        }
        self.out.push_str("<p dir=\"auto\">");
        self.out.push_str(&el.inner_html().replace('\\', ""));
        self.out.push_str("</p>");
        self.paragraphs += 1;
        self.blocks += 1;
    }

    fn run(&mut self, run: Run<'_>) {
        let text = clean_text(&run.text);
        if text.is_empty() || self.cue(&run.elements, &text) {
            return;
        }
        let bold_only = run.elements.len() == 1
            && matches!(run.elements[0].value().name(), "strong" | "b")
            && collapse_ws(&run.elements[0].text().collect::<String>().replace('\\', "")) == text;
        if bold_only && is_short_line(&text) {
            self.subheading(&text, "h2");
            return;
        }
        self.out.push_str("<p dir=\"auto\">");
        self.out.push_str(&run.html.replace('\\', ""));
        self.out.push_str("</p>");
        self.paragraphs += 1;
        self.blocks += 1;
    }

    fn heading(&mut self, el: ElementRef<'_>) {
        let text = text_of(el);
        if text.is_empty() || self.cue(&[el], &text) {
            return;
        }
        // A heading that opens the body, before any text, is the page
        // repeating its headline (sometimes reworded): the app shows its own.
        if self.blocks == 0 {
            self.blocks += 1;
            return;
        }
        let level = match el.value().name() {
            "h1" | "h2" | "h3" => "h2",
            _ => "h3",
        };
        self.subheading(&text, level);
    }

    fn subheading(&mut self, text: &str, level: &str) {
        self.out
            .push_str(&format!("<{level} dir=\"auto\">{}</{level}>", escape(text)));
        self.blocks += 1;
    }
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_text(&el.text().collect::<String>())
}

fn has_block_children(el: ElementRef<'_>) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .any(|c| BLOCKS.contains(&c.value().name()))
}

/// A paragraph whose whole text is bold and short is a subheading typed
/// by an editor as `<p><strong>…</strong></p>`.
fn is_bold_only(el: ElementRef<'_>, text: &str) -> bool {
    if !is_short_line(text) {
        return false;
    }
    let bold: String = el
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|c| matches!(c.value().name(), "strong" | "b"))
        .map(|c| c.text().collect::<String>())
        .collect();
    collapse_ws(&bold.replace('\\', "")) == text
}

/// Short, and not ending a sentence: a heading's shape.
fn is_short_line(text: &str) -> bool {
    text.chars().count() <= 80 && !text.ends_with(['.', '؟', '?', '!', ':'])
}

/// Loose text and inline elements between blocks, gathered into one
/// paragraph.
#[derive(Default)]
struct Run<'a> {
    html: String,
    text: String,
    elements: Vec<ElementRef<'a>>,
}

impl<'a> Run<'a> {
    fn text(&mut self, t: &str) {
        self.html.push_str(&escape(t));
        self.text.push_str(t);
    }

    fn element(&mut self, el: ElementRef<'a>) {
        self.html.push_str(&el.html());
        self.text.push_str(&el.text().collect::<String>());
        self.elements.push(el);
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

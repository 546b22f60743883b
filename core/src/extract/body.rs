//! Walks the body container in document order and keeps the article:
//! paragraphs, subheadings, quotes and lists. See-also lines become links,
//! the site's chrome (ads, share line, Loading..., the repeated headline) is
//! left behind, and the result goes through the sanitiser.

use std::collections::{HashSet, VecDeque};

use scraper::{ElementRef, Selector};
use url::Url;

use super::chrome::Chrome;
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
    /// The page's headline, as words (empty: not known).
    headline: Vec<String>,
    page_url: &'a Url,
    out: String,
    see_also: Vec<LinkRef>,
    paragraphs: usize,
    blocks: usize,
    link_selector: Selector,
    img_selector: Selector,
    caption_selector: Selector,
    images: Vec<Url>,
    /// After a "related"/"most read"/"tags" heading: its link lists and
    /// short lines go too, up to the next real paragraph.
    in_section: bool,
    /// The last texts kept (a caption repeated as a paragraph, a gallery's
    /// second copy of its captions), and pictures already shown.
    recent_texts: VecDeque<String>,
    seen_images: HashSet<Url>,
}

/// An opening heading this long is the headline, reworded or not;
/// subheadings are shorter.
const REWORDED_MIN_WORDS: usize = 6;
/// Texts shorter than this may repeat (a refrain, a dateline).
const MIN_REPEAT_CHARS: usize = 40;
/// A text repeated within this many kept blocks is a copy (a gallery's
/// second set of captions); further apart it is the writer's (a menu
/// for each day, the same line per section).
const REPEAT_WINDOW: usize = 6;
/// A section's teaser line: at most this many words, or mostly links.
const MAX_TEASER_WORDS: usize = 15;

/// `headline` is the page's own (empty when it has none): a heading that
/// opens the body is dropped where it repeats it.
pub fn walk(root: ElementRef<'_>, page_url: &Url, rules: &SiteRules, headline: &str) -> Body {
    let mut w = Walker {
        headline: words_of_line(headline),
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
        in_section: false,
        recent_texts: VecDeque::new(),
        seen_images: HashSet::new(),
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
        // Text and inline elements standing loose between blocks make one
        // paragraph together, as a browser shows them; a blank line typed
        // as `<br><br>` (a text kept in a `div` without `<p>`) ends one.
        let mut run = Run::default();
        let mut after_br = false;
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(c) if DROP.contains(&c.value().name()) => {}
                Some(c) if BLOCKS.contains(&c.value().name()) || c.value().name() == "img" => {
                    self.run(std::mem::take(&mut run));
                    self.visit(c);
                    after_br = false;
                }
                Some(c) if c.value().name() == "br" => {
                    if after_br {
                        run.drop_trailing_break();
                        self.run(std::mem::take(&mut run));
                    } else {
                        run.element(c);
                    }
                    after_br = true;
                }
                Some(c) => {
                    run.element(c);
                    after_br = false;
                }
                None => {
                    if let Some(text) = child.value().as_text() {
                        run.text(text);
                        after_br &= text.trim().is_empty();
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
        let leaf =
            !matches!(tag, "div" | "section" | "article" | "main") || !has_block_children(el);
        if self.in_section && leaf {
            if is_teaser(el, &text_of(el)) {
                return;
            }
            self.in_section = false;
        }
        match tag {
            "figure" | "img" => self.picture(el),
            "p" if el.select(&self.img_selector).next().is_some() && text_of(el).is_empty() => {
                self.picture(el)
            }
            "p" => self.paragraph(el),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.heading(el),
            "ul" | "ol" if holds_pictures(el) => self.gallery(el),
            "ul" | "ol" if is_layout_list(el) => {
                for item in el.children().filter_map(ElementRef::wrap) {
                    self.visit_children_or_text(item);
                }
            }
            "blockquote" | "ul" | "ol" | "table" => {
                let text = text_of(el);
                if !text.is_empty() && !self.cue(&[el], &text) && !self.is_chrome_list(el) {
                    self.out.push_str(&el.html().replace('\\', ""));
                    self.paragraphs += 1;
                    self.blocks += 1;
                }
            }
            _ if has_block_children(el) || has_blank_line(el) => self.visit_children(el),
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
        if !self.seen_images.insert(url.clone()) {
            return;
        }
        let alt = clean_text(img.value().attr("alt").unwrap_or_default());
        let caption = el
            .select(&self.caption_selector)
            .next()
            .map(text_of)
            .filter(|c| !c.is_empty() && self.rules.chrome.classify(c).is_none())
            .filter(|c| self.first_time(c));
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
        let chrome = self.rules.chrome.classify(text);
        // The sections hold «أخبار ذات صلة» and its kin.
        if chrome == Some(Chrome::Section) {
            self.in_section = true;
            return true;
        }
        if chrome.is_some()
            || cues::is_loading(text)
            || cues::is_share_line(text)
            || self.rules.ads.is_label(text)
        {
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
        if text.is_empty() || self.cue(&[el], &text) || !self.first_time(&text) {
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
        if text.is_empty() {
            return;
        }
        if self.in_section {
            let linked: usize = run
                .elements
                .iter()
                .filter(|e| e.value().name() == "a")
                .map(|e| text_of(*e).chars().count())
                .sum();
            if teaser_shape(&text, linked) {
                return;
            }
            self.in_section = false;
        }
        if self.cue(&run.elements, &text) || !self.first_time(&text) {
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
        // repeating its headline (sometimes reworded): the app shows its
        // own. One that says something else is the writer's first
        // subheading.
        if self.blocks == 0 && self.repeats_headline(&text) {
            self.blocks += 1;
            return;
        }
        let level = match el.value().name() {
            "h1" | "h2" | "h3" => "h2",
            _ => "h3",
        };
        self.subheading(&text, level);
    }

    /// Whether an opening heading is the headline again: half its words
    /// are the headline's, or it is a headline's length (a site's reworded
    /// repeat, which may share none of its words); or the headline is not
    /// known. A short heading of its own ("خيارات محدودة") is the first
    /// subheading.
    fn repeats_headline(&self, text: &str) -> bool {
        if self.headline.is_empty() {
            return true;
        }
        let words = words_of_line(text);
        let shared = words.iter().filter(|w| self.headline.contains(w)).count();
        shared * 2 >= words.len() || words.len() >= REWORDED_MIN_WORDS
    }

    /// False for a long text kept just before: a caption repeated as a
    /// paragraph, a gallery's second copy.
    fn first_time(&mut self, text: &str) -> bool {
        if text.chars().count() < MIN_REPEAT_CHARS {
            return true;
        }
        let key = collapse_ws(text).to_lowercase();
        if self.recent_texts.contains(&key) {
            return false;
        }
        if self.recent_texts.len() == REPEAT_WINDOW {
            self.recent_texts.pop_front();
        }
        self.recent_texts.push_back(key);
        true
    }

    /// A list of pictures (a gallery): each picture once, without the
    /// gallery's loose captions and counters (the alt text stays).
    fn gallery(&mut self, el: ElementRef<'_>) {
        for item in el.children().filter_map(ElementRef::wrap) {
            if item.select(&self.img_selector).next().is_some() {
                self.picture(item);
            }
        }
    }

    /// A list item that holds blocks is walked like any container; one
    /// of loose text is a paragraph.
    fn visit_children_or_text(&mut self, el: ElementRef<'_>) {
        if has_block_children(el) {
            self.visit_children(el);
        } else {
            self.visit(el);
        }
    }

    /// A list whose every item is furniture (a share bar, gallery
    /// controls, a tag list).
    fn is_chrome_list(&self, el: ElementRef<'_>) -> bool {
        if !matches!(el.value().name(), "ul" | "ol") {
            return false;
        }
        let items: Vec<String> = el
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "li")
            .map(text_of)
            .filter(|t| !t.is_empty())
            .collect();
        !items.is_empty()
            && items
                .iter()
                .all(|t| self.rules.chrome.classify(t).is_some() || cues::is_share_line(t))
    }

    fn subheading(&mut self, text: &str, level: &str) {
        self.out
            .push_str(&format!("<{level} dir=\"auto\">{}</{level}>", escape(text)));
        self.blocks += 1;
    }
}

/// A line's words, folded for comparison.
fn words_of_line(text: &str) -> Vec<String> {
    crate::text::comparison_words(&crate::text::fold_arabic(text)).collect()
}

fn text_of(el: ElementRef<'_>) -> String {
    clean_text(&el.text().collect::<String>())
}

/// Inside a related section: a list, a picture, a link line or a short
/// line is one of its teasers.
fn is_teaser(el: ElementRef<'_>, text: &str) -> bool {
    if matches!(el.value().name(), "figure" | "img") || text.is_empty() {
        return true;
    }
    if matches!(el.value().name(), "ul" | "ol") {
        let mut items = el
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|li| !text_of(*li).is_empty())
            .peekable();
        if items.peek().is_some()
            && items.all(|li| {
                li.descendants()
                    .filter_map(ElementRef::wrap)
                    .any(|d| d.value().name() == "a")
            })
        {
            return true;
        }
    }
    let linked: usize = el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "a")
        .map(|a| text_of(a).chars().count())
        .sum();
    teaser_shape(text, linked)
}

fn teaser_shape(text: &str, linked_chars: usize) -> bool {
    let chars = text.chars().count().max(1);
    let short = text.split_whitespace().count() <= MAX_TEASER_WORDS
        && !text.ends_with(['.', '؟', '?', '!', '。']);
    (short && linked_chars > 0) || linked_chars * 2 >= chars
}

/// A list of pictures: a gallery.
fn holds_pictures(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|li| {
        li.descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| d.value().name() == "img")
    })
}

/// A list used for layout: its items hold divisions, forms or other
/// lists (a share panel, a card grid), not a line of text each.
fn is_layout_list(el: ElementRef<'_>) -> bool {
    el.children().filter_map(ElementRef::wrap).any(|li| {
        li.children().filter_map(ElementRef::wrap).any(|c| {
            matches!(
                c.value().name(),
                "div"
                    | "section"
                    | "ul"
                    | "ol"
                    | "figure"
                    | "form"
                    | "button"
                    | "article"
                    | "header"
                    | "footer"
            )
        })
    })
}

/// Blocks, or paragraphs typed as lines, among an element's children.
pub fn has_structure(el: ElementRef<'_>) -> bool {
    has_block_children(el) || has_blank_line(el)
}

/// Two `<br>`s in a row among an element's children: paragraphs typed
/// as lines.
fn has_blank_line(el: ElementRef<'_>) -> bool {
    let mut after_br = false;
    for child in el.children() {
        match ElementRef::wrap(child) {
            Some(c) if c.value().name() == "br" => {
                if after_br {
                    return true;
                }
                after_br = true;
            }
            Some(_) => after_br = false,
            None => {
                after_br &= child.value().as_text().is_some_and(|t| t.trim().is_empty());
            }
        }
    }
    false
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

    /// The first `<br>` of a blank line, which ends the paragraph.
    fn drop_trailing_break(&mut self) {
        if self
            .elements
            .last()
            .is_some_and(|e| e.value().name() == "br")
        {
            self.elements.pop();
            let trimmed = self.html.trim_end();
            if let Some(cut) = trimmed.strip_suffix("<br>") {
                self.html.truncate(cut.len());
            }
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

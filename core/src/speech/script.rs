//! What a listener hears of an article, passage by passage: the headline,
//! the summary, then the body's text blocks in order, without picture
//! captions or blocks that are only a link. Each passage says where it
//! stands in the reading view, so the window can highlight it: a body
//! block is the n-th element matching [`BLOCKS`] in the stored body, the
//! same selector the window runs over the same HTML.

use scraper::{ElementRef, Html, Selector};
use serde::Serialize;

use super::{segments, Lang, Segment};
use crate::text::collapse_ws;

/// The body's text blocks, as the window finds them too.
pub const BLOCKS: &str = "p, h2, h3, h4, h5, h6, li, blockquote";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "index", rename_all = "snake_case")]
pub enum Part {
    Title,
    Summary,
    /// The n-th [`BLOCKS`] element of the body.
    Block(usize),
}

/// One passage: what is said, in stretches of one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    pub part: Part,
    pub segments: Vec<Spoken>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spoken {
    /// "ar" or "en".
    pub lang: &'static str,
    pub text: String,
}

impl From<Segment> for Spoken {
    fn from(s: Segment) -> Self {
        Self {
            lang: match s.lang {
                Lang::Arabic => "ar",
                Lang::English => "en",
            },
            text: s.text,
        }
    }
}

fn passage(part: Part, text: &str) -> Option<Passage> {
    let said: Vec<Spoken> = segments(text).into_iter().map(Spoken::from).collect();
    (!said.is_empty()).then_some(Passage {
        part,
        segments: said,
    })
}

/// The article as it is read aloud.
pub fn script(title: &str, summary: &str, body_html: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    out.extend(passage(Part::Title, title));
    out.extend(passage(Part::Summary, summary));
    let Ok(blocks) = Selector::parse(BLOCKS) else {
        return out;
    };
    let doc = Html::parse_fragment(body_html);
    for (n, el) in doc.select(&blocks).enumerate() {
        // A block holding blocks (a list item's paragraphs, a quote's) is
        // said through them.
        if el.select(&blocks).next().is_some() || in_caption(el) || only_a_link(el) {
            continue;
        }
        out.extend(passage(Part::Block(n), &collapse_ws(&text_of(el))));
    }
    out
}

fn in_caption(el: ElementRef<'_>) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| matches!(a.value().name(), "figure" | "figcaption"))
}

/// Text of the element without what a figure inside it says.
fn text_of(el: ElementRef<'_>) -> String {
    el.descendants()
        .filter_map(|n| n.value().as_text().map(|t| (n, t)))
        .filter(|(n, _)| {
            !n.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| matches!(a.value().name(), "figure" | "figcaption"))
        })
        .map(|(_, t)| t.to_string())
        .collect::<Vec<_>>()
        .join("")
}

/// «اقرأ أيضاً: …» lines and lists of links: every word is a link's.
fn only_a_link(el: ElementRef<'_>) -> bool {
    let Ok(anchor) = Selector::parse("a") else {
        return false;
    };
    let linked: usize = el
        .select(&anchor)
        .map(|a| a.text().collect::<String>().trim().chars().count())
        .sum();
    let all = el.text().collect::<String>().trim().chars().count();
    linked > 0 && linked + 2 >= all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(p: &Passage) -> String {
        p.segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn headline_summary_and_blocks_in_order_without_captions_or_links() {
        let body = r#"<p>قال الوزير إن 3 سفن وصلت.</p>
<figure><img data-image="ab"><figcaption>صورة من الميناء</figcaption></figure>
<h2>ردود الفعل</h2>
<p><a href="https://k.example/x">اقرأ أيضاً: خبر آخر</a></p>
<ul><li><p>أولاً</p></li><li>ثانياً مع <a href="https://k.example/y">رابط</a> في الجملة</li></ul>
<blockquote><p>نص مقتبس</p></blockquote>
<p>   </p>"#;
        let s = script("عاجل: وصول السفن", "ملخص الخبر", body);
        let parts: Vec<Part> = s.iter().map(|p| p.part).collect();
        // p0 h2(1) p2(link) ul> li3 > p4, li5, blockquote6 > p7, p8 (empty)
        assert_eq!(
            parts,
            [
                Part::Title,
                Part::Summary,
                Part::Block(0),
                Part::Block(1),
                Part::Block(4),
                Part::Block(5),
                Part::Block(7)
            ]
        );
        assert_eq!(said(&s[2]), "قال الوزير إن ثلاثة سفن وصلت.");
        assert!(
            said(&s[5]).contains("رابط في الجملة"),
            "a link inside a sentence is said"
        );
        assert!(!s.iter().any(|p| said(p).contains("صورة من الميناء")));
        assert!(!s.iter().any(|p| said(p).contains("خبر آخر")));
    }

    #[test]
    fn english_names_are_their_own_segments_and_nothing_is_empty() {
        let s = script("", "", "<p>أعلنت شركة TSMC نتائجها.</p>");
        assert_eq!(s.len(), 1, "no empty headline or summary passage");
        let langs: Vec<&str> = s[0].segments.iter().map(|x| x.lang).collect();
        assert_eq!(langs, ["ar", "en", "ar"]);
        assert_eq!(
            serde_json::to_value(s[0].part).expect("json"),
            serde_json::json!({"kind": "block", "index": 0})
        );
    }
}

//! Page shapes: the wire's articles printed as other news CMSs print them,
//! with the chrome real sites put inside and around the text, and a
//! manifest of what each page must yield. Extraction is measured here on
//! pages its rules were not written for.
//!
//! The rules, for article n of a wire:
//! - Text: the wire's paragraphs, then traps for text cues, one or two per
//!   page by `n % 9`: a paragraph opening «شارك» (shared-line cue) or
//!   «شاهد» (see-also cue), one holding «إعلان» or «ممول» or the English
//!   "Sponsored" inside a quote, a paragraph with links and bold figures, a
//!   paragraph without a final full stop right before an ad slot, a quoted
//!   name in stray backslashes (`\وزير الخارجية\`, which the reader must
//!   see without them), a blockquote, and a subheading opening «مشاركة».
//! - Layout `n % 4`: 0 WordPress (`.entry-content`), 1 a news CMS
//!   (`[itemprop=articleBody]` inside `article`, byline and tags around it),
//!   2 a bare template no site rule knows (the Readability path), 3
//!   WordPress with the text in nested grid divs.
//! - Ads: `2 + n % 3` slots between paragraphs, of kinds cycling through
//!   `ads::slot`; when `n % 5 == 2` one slot, and when `n % 7 == 3` a
//!   see-also block, is typed inside a paragraph, which the HTML parser then
//!   splits in two: the reader must still get the paragraph whole.
//! - Chrome around the text: navigation, a "most read" sidebar, share line,
//!   newsletter box, Loading… placeholder, the headline repeated, see-also
//!   lines, a related block, tags, byline, footer.
//!
//! The manifest lists per page the paragraphs (exact text, in order), the
//! subheadings, and every chrome string with its kind.

mod ads;
mod layout;
pub mod score;

use serde::Serialize;

use super::text::*;
use super::Wire;
use crate::render::esc;

pub use ads::KINDS as AD_KINDS;

/// What a chrome string is, for reporting leaks per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Chrome {
    AdLabel,
    AdText,
    SeeAlso,
    Share,
    Newsletter,
    Loading,
    Related,
    Navigation,
    Sidebar,
    Byline,
    Tags,
    Footer,
    HeadlineRepeat,
}

impl Chrome {
    /// Every kind, in report order.
    pub const ALL: [Chrome; 13] = [
        Chrome::AdLabel,
        Chrome::AdText,
        Chrome::SeeAlso,
        Chrome::Share,
        Chrome::Newsletter,
        Chrome::Loading,
        Chrome::Related,
        Chrome::Navigation,
        Chrome::Sidebar,
        Chrome::Byline,
        Chrome::Tags,
        Chrome::Footer,
        Chrome::HeadlineRepeat,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Chrome::AdLabel => "ad label",
            Chrome::AdText => "ad text",
            Chrome::SeeAlso => "see-also",
            Chrome::Share => "share line",
            Chrome::Newsletter => "newsletter",
            Chrome::Loading => "loading",
            Chrome::Related => "related",
            Chrome::Navigation => "navigation",
            Chrome::Sidebar => "sidebar",
            Chrome::Byline => "byline",
            Chrome::Tags => "tags",
            Chrome::Footer => "footer",
            Chrome::HeadlineRepeat => "headline repeat",
        }
    }
}

pub const LAYOUTS: [&str; 4] = ["wordpress", "news-cms", "bare", "nested"];

/// One page and what it must yield.
#[derive(Debug, Clone, Serialize)]
pub struct ShapedPage {
    pub n: usize,
    pub path: String,
    pub layout: &'static str,
    pub title: String,
    /// The body's paragraphs, as the reader must see them, in order.
    pub paragraphs: Vec<String>,
    pub subheadings: Vec<String>,
    /// Strings that occur only in chrome, never in the article's text.
    pub chrome: Vec<(Chrome, String)>,
    #[serde(skip)]
    pub html: String,
}

/// A piece of the body, before a layout prints it.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// A paragraph: its HTML and the text the reader must see.
    P {
        html: String,
        text: String,
    },
    Quote(String),
    Sub {
        text: String,
        bold: bool,
    },
    /// A chrome block between paragraphs.
    Chrome(String),
    /// A paragraph with a chrome block typed inside it.
    Split {
        before: String,
        block: String,
        after: String,
        text: String,
    },
}

/// `/wire/<seed>/<feeds>/<per_feed>/shapes/`
pub fn prefix(wire: &Wire) -> String {
    format!("{}shapes/", wire.prefix())
}

pub fn page_path(wire: &Wire, n: usize) -> String {
    format!("{}{n}/", prefix(wire))
}

fn rng(wire: &Wire, n: usize) -> Rng {
    Rng::new(wire.seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5348_4150_4553)
}

/// Page n, printed by the rules above.
pub fn page(wire: &Wire, n: usize) -> ShapedPage {
    let a = wire.article(n);
    let mut r = rng(wire, n);
    let mut chrome: Vec<(Chrome, String)> = Vec::new();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut texts: Vec<(String, Option<String>)> = a
        .paragraphs
        .iter()
        .map(|p| (esc(p), Some(p.clone())))
        .collect();
    traps(n, &mut r, &mut texts);
    let ad_count = 2 + n % 3;
    let mut ad_at: Vec<usize> = (0..ad_count)
        .map(|k| 1 + (k * texts.len()) / ad_count)
        .collect();
    ad_at.dedup();
    let split_ad = n % 5 == 2;
    let split_see_also = n % 7 == 3;
    let see_also_target = (n + 17) % wire.len().max(1);
    let see_also_title = wire.title(see_also_target);
    let see_also_block = format!(
        r#"<div class="see-also"><strong>شاهد ايضاً:</strong> <a href="{}">{}</a></div>"#,
        page_path(wire, see_also_target),
        esc(&see_also_title)
    );
    chrome.push((Chrome::SeeAlso, see_also_title));
    let mut subheading_done = false;
    for (i, (html, text)) in texts.into_iter().enumerate() {
        if i == 2 && !subheading_done {
            let sub = if n % 9 == 8 {
                format!("مشاركة واسعة في {}", r.pick(CITIES))
            } else {
                a.subheading.clone()
            };
            pieces.push(Piece::Sub {
                text: sub,
                bold: n % 6 == 1,
            });
            subheading_done = true;
        }
        let Some(text) = text else {
            // A blockquote.
            pieces.push(Piece::Quote(html));
            continue;
        };
        if let Some(k) = ad_at.iter().position(|at| *at == i) {
            let (block, strings) = ads::slot(n * 5 + k * 3, n, k, &mut r);
            chrome.extend(strings);
            if split_ad && k == 0 {
                if let Some((before, after)) = halves(&html) {
                    pieces.push(Piece::Split {
                        before,
                        block,
                        after,
                        text,
                    });
                    continue;
                }
            }
            pieces.push(Piece::Chrome(block));
        }
        if split_see_also && i == 1 {
            if let Some((before, after)) = halves(&html) {
                pieces.push(Piece::Split {
                    before,
                    block: see_also_block.clone(),
                    after,
                    text,
                });
                continue;
            }
        }
        if !split_see_also && i == 3 {
            pieces.push(Piece::Chrome(see_also_block.clone()));
        }
        pieces.push(Piece::P { html, text });
    }
    let layout = LAYOUTS[n % LAYOUTS.len()];
    let html = layout::render(wire, n, &a, layout, &pieces, &mut chrome);
    let mut paragraphs = Vec::new();
    let mut subheadings = Vec::new();
    for p in &pieces {
        match p {
            Piece::P { text, .. } | Piece::Split { text, .. } => paragraphs.push(text.clone()),
            Piece::Quote(html) => paragraphs.push(unescape(html)),
            Piece::Sub { text, .. } => subheadings.push(text.clone()),
            Piece::Chrome(_) => {}
        }
    }
    ShapedPage {
        n,
        path: page_path(wire, n),
        layout,
        title: a.title,
        paragraphs,
        subheadings,
        chrome,
        html,
    }
}

/// Splits a paragraph's HTML at a space near its middle, outside tags.
fn halves(html: &str) -> Option<(String, String)> {
    let mid = html.len() / 2;
    let mut depth = 0;
    let mut best = None;
    for (i, c) in html.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ' ' if depth == 0 && i >= mid => {
                best = Some(i);
                break;
            }
            _ => {}
        }
    }
    let at = best?;
    Some((html[..at].to_string(), html[at..].to_string()))
}

/// The traps: paragraphs that look like chrome to a careless cue, added to
/// the wire's text. `None` as text marks a blockquote.
fn traps(n: usize, r: &mut Rng, texts: &mut Vec<(String, Option<String>)>) {
    let city = r.pick(CITIES);
    let country = r.pick(COUNTRIES);
    let source = r.pick(SOURCES);
    let count = number(2_000 + (n as u64 * 13) % 50_000, n % 4);
    let plain = |s: String| (esc(&s), Some(s));
    let add = |kind: usize, texts: &mut Vec<(String, Option<String>)>| {
        match kind {
        0 => texts.push(plain(format!(
            "شارك آلاف المتظاهرين في {city} في مسيرة طالبت بالإفراج عن المعتقلين، بحسب ما أفادت {source}."
        ))),
        1 => texts.push(plain(format!(
            "شاهد نحو {count} مشجع المباراة في الملعب الرئيسي، وهو رقم لم يُسجَّل منذ سنوات."
        ))),
        2 => texts.push(plain(format!(
            "وجاء إعلان الحكومة بعد اجتماع استمر ساعات في {city}، فيما وصفت {source} الخطوة بأنها «مفاجئة»."
        ))),
        3 => texts.push(plain(format!(
            "وقال متحدث باسم الشركة إن المشروع ممول بالكامل من {country}، وإن كلفته تبلغ {count} دولار."
        ))),
        4 => texts.push(plain(format!(
            "وكتب أحد المحتجين على لافتة بالإنجليزية \"Sponsored by nobody, paid for by the people\"، في إشارة إلى حملة التبرعات في {city}."
        ))),
        5 => {
            let text = format!(
                "وأعلنت {source} أن {count} شخص سجّلوا أسماءهم في الأيام الثلاثة الأولى، وفق بيان نُشر على موقعها."
            );
            let html = esc(&text)
                .replacen(
                    &esc(source),
                    &format!(r#"<a href="https://example.org/source/{n}">{}</a>"#, esc(source)),
                    1,
                )
                .replacen(&count, &format!("<strong>{count}</strong>"), 1);
            texts.push((html, Some(text)));
        }
        6 => {
            // No full stop, and an ad slot comes right after it: two
            // paragraphs, not one.
            let text = format!("وتستمر المفاوضات في {city} حتى نهاية الأسبوع");
            texts.insert(0, plain(text));
        }
        7 => {
            let who = format!("وزير خارجية {country}");
            let text = format!("ووصف {who} الاتفاق بأنه «خطوة أولى» نحو تهدئة طويلة.");
            texts.push((esc(&text).replace(&who, &format!("\\{who}\\")), Some(text)));
        }
        _ => texts.push((
            format!(
                "<p>«لن نقبل بأي اتفاق لا يضمن عودة {} إلى بيوتهم»، قال {} في {}.</p>",
                count,
                esc(source),
                esc(city)
            ),
            None,
        )),
    }
    };
    add(n % 9, texts);
    if n % 2 == 1 {
        add((n / 2 + 4) % 9, texts);
    }
}

/// Text of a blockquote's HTML as the reader sees it.
fn unescape(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// An RSS feed listing every page, newest first.
pub fn feed(wire: &Wire, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let mut items = String::new();
    for n in (0..wire.len()).rev() {
        let a = wire.article(n);
        let link = format!("{base}{}", page_path(wire, n));
        items.push_str(&format!(
            "<item><title>{}</title><link>{link}</link><guid isPermaLink=\"true\">{link}</guid><pubDate>{}</pubDate><description>{}</description></item>\n",
            esc(&a.title),
            a.published.to_rfc2822(),
            esc(&a.summary)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>خبرين » أشكال الصفحات</title><link>{base}/</link><description>صفحات بأشكال مواقع أخرى</description>\n{items}</channel></rss>\n"
    )
}

/// Every page's expectations, for tools outside this crate.
pub fn manifest(wire: &Wire, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let pages: Vec<serde_json::Value> = (0..wire.len())
        .map(|n| {
            let p = page(wire, n);
            serde_json::json!({
                "n": p.n,
                "url": format!("{base}{}", p.path),
                "layout": p.layout,
                "title": p.title,
                "paragraphs": p.paragraphs,
                "subheadings": p.subheadings,
                "chrome": p.chrome,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "seed": wire.seed, "pages": pages }))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The manifest is only worth something if its chrome never occurs in
    /// the text it calls the article's.
    #[test]
    fn chrome_and_text_are_apart_and_every_rule_occurs() {
        let wire = Wire::new(7, 1, 360);
        let mut kinds = std::collections::HashSet::new();
        let mut layouts = std::collections::HashSet::new();
        let (mut splits, mut quotes) = (0, 0);
        for n in 0..wire.len() {
            let p = page(&wire, n);
            layouts.insert(p.layout);
            for (kind, s) in &p.chrome {
                kinds.insert(*kind);
                let long = s.split_whitespace().count() >= 3;
                for para in p.paragraphs.iter().chain(&p.subheadings) {
                    assert!(
                        if long {
                            !para.contains(s.as_str())
                        } else {
                            para != s
                        },
                        "page {n}: chrome {s:?} in {para:?}"
                    );
                }
            }
            assert!(p.paragraphs.len() >= 4, "page {n}");
            for para in &p.paragraphs {
                assert!(!para.contains('\\') && !para.contains('<'), "{para}");
            }
            splits += usize::from(n % 5 == 2 || n % 7 == 3);
            quotes += p.html.matches("<blockquote").count();
        }
        assert_eq!(layouts.len(), LAYOUTS.len());
        for k in Chrome::ALL {
            assert!(kinds.contains(&k), "no {k:?}");
        }
        assert!(
            splits > 50 && quotes > 20,
            "{splits} splits, {quotes} quotes"
        );
    }
}

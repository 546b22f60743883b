//! The four templates a shaped page is printed in, and the chrome each puts
//! around the article's text.

use super::{page_path, Chrome, Piece};
use crate::render::esc;
use crate::wire::{Wire, WireArticle};

const MENU: &[&str] = &["الرئيسية", "أخبار", "سياسة", "اقتصاد", "رياضة", "اتصل بنا"];
const AUTHORS: &[&str] = &["سارة المصري", "خالد العمر", "ليلى حداد", "يوسف النجار"];

pub fn render(
    wire: &Wire,
    n: usize,
    a: &WireArticle,
    layout: &str,
    pieces: &[Piece],
    chrome: &mut Vec<(Chrome, String)>,
) -> String {
    let title = esc(&a.title);
    chrome.push((Chrome::HeadlineRepeat, a.title.clone()));
    let mut html = format!(
        r#"<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{}">
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script></head>
<body>
"#,
        a.published.to_rfc3339()
    );
    html.push_str(&nav(chrome));
    let body = body_html(n, a, layout, pieces, chrome);
    let others = |from: usize| -> Vec<(String, String)> {
        (from..from + 4)
            .map(|m| m % wire.len().max(1))
            .filter(|m| *m != n)
            .map(|m| (page_path(wire, m), wire.title(m)))
            .collect()
    };
    let related = others(n + 101);
    let most_read = others(n + 211);
    for (_, t) in &related {
        chrome.push((Chrome::Related, t.clone()));
    }
    for (_, t) in &most_read {
        chrome.push((Chrome::Sidebar, t.clone()));
    }
    let list = |items: &[(String, String)]| -> String {
        items
            .iter()
            .map(|(p, t)| format!(r#"<li><a href="{p}">{}</a></li>"#, esc(t)))
            .collect()
    };
    let tags = format!(
        "الوسوم: {} {}",
        a.section,
        wire.title(n).split(' ').next().unwrap_or("")
    );
    chrome.push((Chrome::Tags, tags.clone()));
    let sidebar = format!(
        r#"<div class="most-read"><h3>الأكثر قراءة</h3><ol>{}</ol></div>"#,
        list(&most_read)
    );
    match layout {
        "news-cms" => {
            let byline = format!(
                "بقلم: {} — {}",
                AUTHORS[n % AUTHORS.len()],
                a.published.format("%d/%m/%Y %H:%M")
            );
            chrome.push((Chrome::Byline, byline.clone()));
            html.push_str(&format!(
                r#"<main id="main"><article class="article" itemscope itemtype="https://schema.org/NewsArticle">
<h1 class="article-title" itemprop="headline">{title}</h1>
<div class="article-meta">{}</div>
<div class="article-body" itemprop="articleBody">
{body}</div>
<div class="article-tags">{}</div>
<div class="related-news"><h3>أخبار ذات صلة</h3><ul>{}</ul></div>
</article></main>
<div class="sidebar-col">{sidebar}</div>
"#,
                esc(&byline),
                esc(&tags),
                list(&related)
            ));
        }
        "bare" => {
            html.push_str(&format!(
                r#"<div id="wrap"><div class="container"><div class="col-main">
<h1 class="headline">{title}</h1>
<div class="story">
{body}</div>
<div class="tag-line">{}</div>
<div class="more-news"><h3>أخبار ذات صلة</h3><ul>{}</ul></div>
</div>
<div class="col-side">{sidebar}</div>
</div></div>
"#,
                esc(&tags),
                list(&related)
            ));
        }
        _ => {
            html.push_str(&format!(
                r#"<main id="content"><article class="post">
<header class="entry-header"><h1 class="entry-title">{title}</h1></header>
<div class="entry-content">
{body}</div>
<footer class="entry-footer"><div class="tags">{}</div></footer>
<section class="related-posts"><h3>أخبار ذات صلة</h3><ul>{}</ul></section>
</article></main>
<aside class="sidebar">{sidebar}</aside>
"#,
                esc(&tags),
                list(&related)
            ));
        }
    }
    let footer = "جميع الحقوق محفوظة لموقع خبرين © 2026";
    chrome.push((Chrome::Footer, footer.into()));
    html.push_str(&format!(
        "<footer class=\"site-footer\"><p>{footer}</p></footer>\n<script>window.dataLayer=[];</script>\n</body></html>\n"
    ));
    html
}

fn nav(chrome: &mut Vec<(Chrome, String)>) -> String {
    let items: String = MENU
        .iter()
        .map(|m| {
            chrome.push((Chrome::Navigation, m.to_string()));
            format!(r#"<li><a href="/">{m}</a></li>"#)
        })
        .collect();
    format!(
        r#"<header class="site-header"><div class="logo">خبرين</div><nav class="menu"><ul>{items}</ul></nav></header>"#
    )
}

/// The text container's inside: the pieces, with the headline repeated, a
/// loading placeholder, a share line and a newsletter box among them.
fn body_html(
    n: usize,
    a: &WireArticle,
    layout: &str,
    pieces: &[Piece],
    chrome: &mut Vec<(Chrome, String)>,
) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if layout != "bare" {
        let tag = if n.is_multiple_of(2) { "h2" } else { "h3" };
        blocks.push(format!(
            "<{tag} class=\"title-repeat\">{}</{tag}>",
            esc(&a.title)
        ));
        let loading = if layout == "news-cms" {
            "جاري التحميل..."
        } else {
            "Loading..."
        };
        chrome.push((Chrome::Loading, loading.into()));
        blocks.push(format!("<div class=\"loading\">{loading}</div>"));
    }
    let share = if n.is_multiple_of(2) {
        "شارك هذا المقال: فيسبوك تويتر واتساب تيليجرام"
    } else {
        "مشاركة: Facebook X WhatsApp Telegram"
    };
    chrome.push((Chrome::Share, share.into()));
    let newsletter = "اشترك في نشرتنا اليومية لتصلك أهم الأخبار صباح كل يوم";
    if layout != "bare" {
        chrome.push((Chrome::Newsletter, newsletter.into()));
    }
    let last = pieces.len().saturating_sub(1);
    for (i, p) in pieces.iter().enumerate() {
        blocks.push(match p {
            Piece::P { html, .. } => format!("<p>{html}</p>"),
            Piece::Quote(html) => format!("<blockquote>{html}</blockquote>"),
            Piece::Sub { text, bold: true } => format!("<p><strong>{}</strong></p>", esc(text)),
            Piece::Sub { text, .. } => format!("<h2>{}</h2>", esc(text)),
            Piece::Chrome(block) => block.clone(),
            Piece::Split {
                before,
                block,
                after,
                ..
            } => format!("<p>{before} {block}{after}</p>"),
        });
        if i == 4 && layout != "bare" {
            blocks.push(format!(
                r#"<div class="newsletter"><p>{newsletter}</p><form><input type="email" placeholder="بريدك الإلكتروني"><button>اشترك</button></form></div>"#
            ));
        }
        if i == last {
            blocks.push(format!(
                r#"<div class="share-buttons">{}</div>"#,
                share
                    .split_once(": ")
                    .map(|(label, nets)| format!(
                        "<span>{label}:</span> {}",
                        nets.split(' ')
                            .map(|s| format!("<a href=\"https://share.example/{s}\">{s}</a>"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ))
                    .unwrap_or_default()
            ));
        }
    }
    if layout == "nested" {
        // Three blocks to a grid cell, two divs deep.
        return blocks
            .chunks(3)
            .map(|c| {
                format!(
                    "<div class=\"row\"><div class=\"col-md-12\"><div class=\"text-block\">\n{}\n</div></div></div>\n",
                    c.join("\n")
                )
            })
            .collect();
    }
    blocks.join("\n") + "\n"
}

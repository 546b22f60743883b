//! The wire's documents: its feeds in three formats, its article pages (in
//! the site's own page shape) and its manifest.

use chrono::FixedOffset;

use super::{Wire, WireArticle};
use crate::corpus::{Article, Block, Corpus};
use crate::render::esc;
use crate::render::page::article_page;

/// The wire's clock is the site's: Arabia Standard Time, as the feeds say.
fn ast() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"))
}

fn body_html(a: &WireArticle) -> String {
    let mut out = String::new();
    for (i, p) in a.paragraphs.iter().enumerate() {
        out.push_str(&format!("<p>{}</p>", esc(p)));
        if i == 1 {
            out.push_str(&format!("<h2>{}</h2>", esc(&a.subheading)));
        }
    }
    out
}

/// The article's link as feed `f` gives it: the second feed of an article
/// adds tracking parameters, as newsletters and social feeds do.
fn link(base: &str, f: usize, a: &WireArticle) -> Option<String> {
    let path = a.path.as_deref()?;
    Some(if Some(f) == a.second_feed {
        format!("{base}{path}?utm_source=wire&utm_medium=feed-{f}#main")
    } else {
        format!("{base}{path}")
    })
}

/// Items without a link whose feed gives no guid either.
fn guidless(a: &WireArticle) -> bool {
    a.path.is_none() && a.n.is_multiple_of(26)
}

fn absolute(base: &str, guid: &str) -> String {
    if guid.starts_with('/') {
        format!("{base}{guid}")
    } else {
        guid.to_string()
    }
}

pub fn feed(wire: &Wire, base: &str, f: usize) -> (String, &'static str) {
    let base = base.trim_end_matches('/');
    let items = wire.feed_items(f);
    match f % 3 {
        0 => (
            rss(wire, base, f, &items),
            "application/rss+xml; charset=utf-8",
        ),
        1 => (
            atom(wire, base, f, &items),
            "application/atom+xml; charset=utf-8",
        ),
        _ => (
            json(wire, base, f, &items),
            "application/feed+json; charset=utf-8",
        ),
    }
}

fn rss(wire: &Wire, base: &str, f: usize, items: &[(String, WireArticle)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel>\n<title>وكالة الأنباء » {f}</title>\n<link>{base}{}</link>\n<description>أخبار الوكالة</description>\n<language>ar</language>\n",
        wire.prefix()
    );
    for (guid, a) in items {
        out.push_str("<item>\n");
        out.push_str(&format!("<title>{}</title>\n", esc(&a.title)));
        if let Some(l) = link(base, f, a) {
            out.push_str(&format!("<link>{}</link>\n", esc(&l)));
        }
        if !guidless(a) {
            let permalink = f % 4 == 1 && a.path.is_some();
            out.push_str(&format!(
                "<guid isPermaLink=\"{permalink}\">{}</guid>\n",
                esc(&absolute(base, guid))
            ));
        }
        out.push_str(&format!(
            "<pubDate>{}</pubDate>\n<category>{}</category>\n",
            a.published.with_timezone(&ast()).to_rfc2822(),
            a.section
        ));
        out.push_str(&format!(
            "<description><![CDATA[<p>{}</p>]]></description>\n",
            esc(&a.summary)
        ));
        if a.path.is_none() {
            out.push_str(&format!(
                "<content:encoded><![CDATA[{}]]></content:encoded>\n",
                body_html(a)
            ));
        }
        out.push_str("</item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

fn atom(wire: &Wire, base: &str, f: usize, items: &[(String, WireArticle)]) -> String {
    let updated = items
        .first()
        .map(|(_, a)| a.published.with_timezone(&ast()).to_rfc3339())
        .unwrap_or_else(|| "2026-10-01T00:00:00+03:00".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"ar\">\n<title>وكالة الأنباء » {f}</title>\n<id>{base}{prefix}feed/{f}/</id>\n<link rel=\"alternate\" href=\"{base}{prefix}\"/>\n<updated>{updated}</updated>\n",
        prefix = wire.prefix()
    );
    for (guid, a) in items {
        out.push_str("<entry>\n");
        out.push_str(&format!("<title>{}</title>\n", esc(&a.title)));
        if !guidless(a) {
            out.push_str(&format!("<id>{}</id>\n", esc(&absolute(base, guid))));
        }
        if let Some(l) = link(base, f, a) {
            out.push_str(&format!(
                "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
                esc(&l)
            ));
        }
        let date = a.published.with_timezone(&ast()).to_rfc3339();
        out.push_str(&format!(
            "<published>{date}</published>\n<updated>{date}</updated>\n<author><name>الوكالة</name></author>\n"
        ));
        out.push_str(&format!(
            "<summary type=\"html\">{}</summary>\n",
            esc(&format!("<p>{}</p>", esc(&a.summary)))
        ));
        if a.path.is_none() {
            out.push_str(&format!(
                "<content type=\"html\">{}</content>\n",
                esc(&body_html(a))
            ));
        }
        out.push_str("</entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn json(wire: &Wire, base: &str, f: usize, items: &[(String, WireArticle)]) -> String {
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|(guid, a)| {
            let mut item = serde_json::json!({
                "title": a.title,
                "summary": a.summary,
                "date_published": a.published.to_rfc3339(),
                "tags": [a.section],
            });
            if !guidless(a) {
                item["id"] = absolute(base, guid).into();
            }
            if let Some(l) = link(base, f, a) {
                item["url"] = l.into();
            }
            item["content_html"] = if a.path.is_none() {
                body_html(a)
            } else {
                format!("<p>{}</p>", esc(&a.summary))
            }
            .into();
            item
        })
        .collect();
    let doc = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": format!("وكالة الأنباء » {f}"),
        "home_page_url": format!("{base}{}", wire.prefix()),
        "feed_url": format!("{base}{}feed/{f}/", wire.prefix()),
        "language": "ar",
        "items": items,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The page of the article at `path`, in the site's page shape.
pub fn page(wire: &Wire, corpus: &Corpus, base: &str, n: usize) -> Option<String> {
    let a = wire.article(n);
    let path = a.path.clone()?;
    let mut body: Vec<Block> = Vec::new();
    for (i, p) in a.paragraphs.iter().enumerate() {
        body.push(Block::P(p.clone()));
        if i == 1 {
            body.push(Block::H2(a.subheading.clone()));
        }
    }
    let page = Article {
        slug: format!("wire-{n}"),
        category: a.section.to_string(),
        topic: a.subheading.clone(),
        published: a.published,
        title: a.title.clone(),
        title_repeat: a.title.clone(),
        original_title: a.original_title.clone(),
        summary: a.summary.clone(),
        caption: format!("صورة من موقع الحدث ({})", a.n + 1),
        credit: "Wire/Reuters".into(),
        image: Some(format!("/gen/img/{}-{}.jpg", a.feed, n)),
        updated: None,
        page_path: Some(path),
        body,
        related: Vec::new(),
        tags: Vec::new(),
    };
    Some(article_page(corpus, n, &page, base))
}

/// Every article of the wire, as tools outside this crate check a sync.
pub fn manifest(wire: &Wire, base: &str) -> String {
    let base = base.trim_end_matches('/');
    let articles: Vec<serde_json::Value> = (0..wire.len())
        .map(|n| {
            let a = wire.article(n);
            serde_json::json!({
                "n": a.n,
                "url": a.path.as_ref().map(|p| format!("{base}{p}")),
                "feed": a.feed,
                "second_feed": a.second_feed,
                "title": a.title,
                "published": a.published.to_rfc3339(),
                "paragraphs": a.paragraphs,
            })
        })
        .collect();
    let feeds: Vec<String> = (0..wire.feeds)
        .map(|f| format!("{base}{}feed/{f}/", wire.prefix()))
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "seed": wire.seed,
        "feeds": feeds,
        "articles": articles,
    }))
    .unwrap_or_default()
}

//! The three feed formats the site serves for each category. Like the real
//! site's, they carry only an excerpt: the article is on its page.

use super::{esc, CALL_TO_ACTION};
use crate::corpus::{Article, Corpus};

pub struct FeedItem<'a> {
    pub index: usize,
    pub article: &'a Article,
}

fn excerpt(a: &Article) -> String {
    format!("{} {}", a.summary, CALL_TO_ACTION)
}

pub fn rss(
    corpus: &Corpus,
    base: &str,
    title: &str,
    self_path: &str,
    items: &[FeedItem<'_>],
) -> String {
    let base = base.trim_end_matches('/');
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>{title}</title>
<atom:link href="{base}{self_path}" rel="self" type="application/rss+xml"/>
<link>{base}/</link>
<description>النسخة العربية من أخبار العالم</description>
<language>ar</language>
"#,
        title = esc(title)
    );
    for it in items {
        let a = it.article;
        let category = corpus
            .category(&a.category)
            .map(|c| c.name.as_str())
            .unwrap_or("");
        out.push_str(&format!(
            r#"<item>
<title>{title}</title>
<link>{base}{path}</link>
<guid isPermaLink="false">{guid}</guid>
<pubDate>{date}</pubDate>
<dc:creator>خبرين</dc:creator>
<category>{category}</category>{tags}
<description><![CDATA[<p>{excerpt}</p>]]></description>
</item>
"#,
            title = esc(&a.title),
            path = a.path(),
            guid = esc(&a.guid(&format!("{base}/"), it.index)),
            date = a.published.to_rfc2822(),
            category = esc(category),
            tags = a
                .tags
                .iter()
                .map(|t| format!("\n<category>{}</category>", esc(t)))
                .collect::<String>(),
            excerpt = esc(&excerpt(a)),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

pub fn atom(base: &str, title: &str, self_path: &str, items: &[FeedItem<'_>]) -> String {
    let base = base.trim_end_matches('/');
    let updated = items
        .iter()
        .map(|i| i.article.updated.unwrap_or(i.article.published))
        .max()
        .map(|d| d.to_rfc3339())
        .unwrap_or_else(|| "2026-11-25T00:00:00+00:00".into());
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
<title>{title}</title>
<id>{base}{self_path}</id>
<link rel="self" href="{base}{self_path}"/>
<link rel="alternate" href="{base}/"/>
<updated>{updated}</updated>
"#,
        title = esc(title)
    );
    for it in items {
        let a = it.article;
        out.push_str(&format!(
            r#"<entry>
<title>{title}</title>
<id>{guid}</id>
<link rel="alternate" type="text/html" href="{base}{path}"/>
<published>{date}</published>
<updated>{updated}</updated>
<author><name>خبرين</name></author>{tags}
<summary type="html">{excerpt}</summary>
</entry>
"#,
            title = esc(&a.title),
            guid = esc(&a.guid(&format!("{base}/"), it.index)),
            path = a.path(),
            date = a.published.to_rfc3339(),
            updated = a.updated.unwrap_or(a.published).to_rfc3339(),
            tags = a
                .tags
                .iter()
                .map(|t| format!("\n<category term=\"{}\"/>", esc(t)))
                .collect::<String>(),
            excerpt = esc(&format!("<p>{}</p>", esc(&excerpt(a)))),
        ));
    }
    out.push_str("</feed>\n");
    out
}

pub fn json(base: &str, title: &str, self_path: &str, items: &[FeedItem<'_>]) -> String {
    let base = base.trim_end_matches('/');
    let items: Vec<serde_json::Value> = items
        .iter()
        .map(|it| {
            let a = it.article;
            serde_json::json!({
                "id": a.guid(&format!("{base}/"), it.index),
                "url": format!("{base}{}", a.path()),
                "title": a.title,
                "summary": excerpt(a),
                "content_html": format!("<p>{}</p>", esc(&excerpt(a))),
                "date_published": a.published.to_rfc3339(),
                "tags": a.tags,
                "language": "ar",
            })
        })
        .collect();
    let doc = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": format!("{base}/"),
        "feed_url": format!("{base}{self_path}"),
        "language": "ar",
        "items": items,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

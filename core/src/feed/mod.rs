//! Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) → entries, through
//! feed-rs. Feeds carry only excerpts; the page is fetched later for the rest.

use chrono::{DateTime, Utc};
use url::Url;

use crate::error::{Error, Result};
use crate::text::{clean_text, collapse_ws};

/// One item of a feed, reduced to what sync needs.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    pub guid: String,
    pub url: Url,
    pub title: String,
    pub summary: String,
    pub published: Option<DateTime<Utc>>,
    /// When the feed says the item last changed.
    pub updated: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
}

/// Parses a feed document fetched from `feed_url`. Items without a usable
/// http(s) link are skipped: without a page there is no article to read.
pub fn parse_feed(body: &[u8], feed_url: &Url) -> Result<ParsedFeed> {
    let feed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url.as_str()))
        .build()
        .parse(body)
        .map_err(|e| Error::FeedParse {
            url: feed_url.to_string(),
            message: e.to_string(),
        })?;
    let entries = feed
        .entries
        .into_iter()
        .filter_map(|entry| {
            let link = entry
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or_else(|| entry.links.first())?;
            let url = feed_url.join(link.href.trim()).ok()?;
            if !matches!(url.scheme(), "http" | "https") {
                return None;
            }
            let title = entry
                .title
                .map(|t| clean_text(&html_to_text(&t.content)))
                .unwrap_or_default();
            let summary = entry
                .summary
                .map(|t| t.content.clone())
                .or_else(|| entry.content.and_then(|c| c.body))
                .map(|s: String| clean_text(&html_to_text(&s)))
                .unwrap_or_default();
            let guid = if entry.id.trim().is_empty() {
                url.to_string()
            } else {
                entry.id
            };
            Some(FeedEntry {
                guid,
                url,
                title,
                summary,
                published: entry.published.or(entry.updated).map(not_future),
                updated: entry.updated.map(not_future),
            })
        })
        .take(MAX_ENTRIES)
        .collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| collapse_ws(&t.content)),
        entries,
    })
}

/// The most items read from one feed (a feed lists its newest first): a
/// feed of 100,000 items must not become 100,000 page fetches. The
/// benchmarks' feeds hold 2,000.
pub const MAX_ENTRIES: usize = 2000;

/// A date later than tomorrow is a mistake (or a trick to stay on top of
/// the list forever): it becomes now.
fn not_future(d: DateTime<Utc>) -> DateTime<Utc> {
    let now = Utc::now();
    if d > now + chrono::Duration::days(1) {
        now
    } else {
        d
    }
}

/// Text of an HTML fragment (feeds often escape markup into descriptions).
/// Plain markup (tags and common entities, the usual excerpt) is stripped
/// directly; anything else (comments, CDATA, scripts, rarer entities) goes
/// through the HTML parser. Both give the same text for plain markup.
pub fn html_to_text(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return fragment.to_string();
    }
    simple_html_to_text(fragment).unwrap_or_else(|| {
        let doc = scraper::Html::parse_fragment(fragment);
        let parts: Vec<&str> = doc
            .root_element()
            .descendants()
            .filter_map(|node| {
                let text = node.value().as_text()?;
                let hidden = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| {
                        matches!(
                            e.name(),
                            "script" | "style" | "template" | "noscript" | "title" | "textarea"
                        )
                    })
                });
                (!hidden).then_some(&**text)
            })
            .collect();
        collapse_ws(&parts.join(" "))
    })
}

fn simple_html_to_text(fragment: &str) -> Option<String> {
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            let end = rest.find('>')?;
            let tag = &rest[1..end];
            // Content that is not text, or markup that is not a plain tag.
            if tag.starts_with(['!', '?']) || tag.contains('<') {
                return None;
            }
            let name = tag
                .trim_start_matches('/')
                .split([' ', '/', '\t', '\n'])
                .next()?
                .to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "script" | "style" | "template" | "noscript" | "textarea" | "title"
            ) {
                return None;
            }
            out.push(' ');
            rest = &rest[end + 1..];
        } else {
            let end = rest.find(';').filter(|e| *e <= 10)?;
            let decoded = match &rest[1..end] {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" | "#39" => '\'',
                "nbsp" => ' ',
                "laquo" => '«',
                "raquo" => '»',
                "hellip" => '…',
                "ndash" => '–',
                "mdash" => '—',
                "lsquo" => '‘',
                "rsquo" => '’',
                "ldquo" => '“',
                "rdquo" => '”',
                num if num.starts_with("#x") || num.starts_with("#X") => {
                    char::from_u32(u32::from_str_radix(&num[2..], 16).ok()?)?
                }
                num if num.starts_with('#') => char::from_u32(num[1..].parse().ok()?)?,
                _ => return None,
            };
            out.push(decoded);
            rest = &rest[end + 1..];
        }
    }
    out.push_str(rest);
    Some(collapse_ws(&out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>خبرين - العالم</title>
<item><title>عنوان &amp; خبر</title><link>/2026/11/a/</link><guid isPermaLink="false">k-1</guid>
<description><![CDATA[<p>ملخص <b>قصير</b></p>]]></description><pubDate>Tue, 24 Nov 2026 08:30:00 +0000</pubDate></item>
<item><title>بلا رابط</title><guid>k-2</guid></item>
<item><title>رابط خطر</title><link>javascript:alert(1)</link></item>
</channel></rss>"#;

    #[test]
    fn rss_items_resolve_relative_links_and_drop_unusable_ones() {
        let base = Url::parse("http://127.0.0.1:9/category/world/feed/").expect("url");
        let feed = parse_feed(RSS.as_bytes(), &base).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("خبرين - العالم"));
        assert_eq!(feed.entries.len(), 1);
        let e = &feed.entries[0];
        assert_eq!(e.url.as_str(), "http://127.0.0.1:9/2026/11/a/");
        assert_eq!(e.guid, "k-1");
        assert_eq!(e.title, "عنوان & خبر");
        assert_eq!(e.summary, "ملخص قصير");
        assert!(e.published.is_some());
    }

    #[test]
    fn rss_0_91_and_rss_1_0_are_read_too() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let rss091 = r#"<?xml version="1.0"?><rss version="0.91"><channel><title>قناة</title>
<item><title>خبر قديم الطراز</title><link>http://127.0.0.1:9/a/</link><description>وصف</description></item>
</channel></rss>"#;
        let feed = parse_feed(rss091.as_bytes(), &base).expect("0.91");
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].title, "خبر قديم الطراز");
        assert!(
            !feed.entries[0].guid.is_empty(),
            "a guid is made when there is none"
        );

        let rss10 = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://127.0.0.1:9/"><title>قناة RDF</title><link>http://127.0.0.1:9/</link></channel>
<item rdf:about="http://127.0.0.1:9/b/"><title>خبر بصيغة RDF</title><link>http://127.0.0.1:9/b/</link>
<description>ملخص</description><dc:date>2026-11-24T08:30:00Z</dc:date></item>
</rdf:RDF>"#;
        let feed = parse_feed(rss10.as_bytes(), &base).expect("1.0");
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].url.as_str(), "http://127.0.0.1:9/b/");
        assert_eq!(feed.entries[0].summary, "ملخص");
        assert!(feed.entries[0].published.is_some());
    }

    #[test]
    fn plain_markup_is_stripped_like_the_parser_would() {
        for (html, text) in [
            (
                "<p>ملخص <b>قصير</b> &amp; «مقتبس»</p>",
                "ملخص قصير & «مقتبس»",
            ),
            (
                "<p>سطر</p><p>آخر&nbsp;هنا &#1575; &#x627; &laquo;x&raquo;</p>",
                "سطر آخر هنا ا ا «x»",
            ),
            ("بلا وسوم", "بلا وسوم"),
        ] {
            assert_eq!(html_to_text(html), text);
        }
        // Anything else takes the parser's road, with the same kind of result.
        assert_eq!(html_to_text("<p>نص<script>alert(1)</script></p>"), "نص");
        assert_eq!(html_to_text("<!-- تعليق --><p>نص &eacute;</p>"), "نص é");
        assert_eq!(html_to_text("a &unknown; b"), "a &unknown; b");
    }

    #[test]
    fn malformed_feed_is_a_typed_error() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let err = parse_feed(b"<rss><channel><item>", &base).expect_err("must fail");
        assert_eq!(err.code(), "feed_parse");
    }
}

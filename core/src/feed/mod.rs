//! Feed documents (RSS 0.9x/1.0/2.0, Atom, JSON Feed) → entries. Feeds
//! carry only excerpts; the page is fetched later for the rest.
//!
//! The unit of failure is the item: a document the XML parser (feed-rs)
//! refuses as a whole is read item by item (`recover`), JSON Feed is read
//! field by field (`json`), and a document cut at a size limit keeps the
//! items before the cut. A document that is no feed at all (an HTML page,
//! nothing) says so (`Error::NotAFeed`) rather than how a parser failed.

mod dates;
mod json;
mod recover;

use chrono::{DateTime, FixedOffset, Utc};
use url::Url;

use crate::error::{Error, Result};
use crate::text::{clean_text, collapse_ws};

pub use dates::parse as parse_date;

/// One item of a feed, reduced to what sync needs.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The item's identity within its feed: its own guid/id, else its link,
    /// else a hash of what it says (see [`synthetic_guid`]).
    pub guid: String,
    /// Its http(s) link; none when it has no link, or one that is not a web
    /// address (`javascript:`): the item is kept, with the feed's text.
    pub url: Option<Url>,
    pub title: String,
    pub summary: String,
    /// The item's full text as the feed carries it (HTML, unsanitised):
    /// the body of an item that has no page to fetch.
    pub content_html: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// When the feed says the item last changed.
    pub updated: Option<DateTime<Utc>>,
    /// Its categories and tags as the feed names them (RSS `category`,
    /// Atom `category`'s label or term, JSON Feed `tags`).
    pub tags: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
    /// Items past [`MAX_ENTRIES`] were left out.
    pub cut: bool,
    /// Items that said nothing a reader could use, or could not be read
    /// even loosely.
    pub skipped: usize,
}

/// An item as a format gives it, before the app's rules apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RawEntry {
    pub id: String,
    /// HTML or text, as the feed wrote it.
    pub title: Option<String>,
    /// The link as written (relative links are resolved later).
    pub link: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawFeed {
    pub title: Option<String>,
    pub items: Vec<RawEntry>,
    /// Items in the document, read or not.
    pub total: usize,
    pub skipped: usize,
}

/// Parses a feed document fetched from `feed_url`. Every item with
/// something to read is kept, with or without a link.
pub fn parse_feed(body: &[u8], feed_url: &Url) -> Result<ParsedFeed> {
    let zone = dates::feed_zone(body).unwrap_or_else(crate::site_config::site_zone);
    let date = move |s: &str| dates::parse(s, zone);
    let not_a_feed = |found: &str| Error::NotAFeed {
        url: feed_url.to_string(),
        found: found.to_string(),
    };
    let start = body
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF));
    let raw = match start.map(|i| body[i]) {
        None => return Err(not_a_feed("an empty document")),
        Some(b'{') | Some(b'[') => json::read(body, MAX_ENTRIES, &date)
            .ok_or_else(|| not_a_feed("JSON that is not a JSON Feed"))?,
        Some(b'<') => read_xml(body, feed_url, zone)?,
        Some(_) => return Err(not_a_feed("a document that is not XML or JSON")),
    };
    let mut entries: Vec<FeedEntry> = raw
        .items
        .into_iter()
        .filter_map(|entry| entry_of(entry, feed_url))
        .collect();
    if entries.is_empty() && raw.total > 0 {
        return Err(Error::FeedParse {
            url: feed_url.to_string(),
            message: format!("none of its {} items could be read", raw.total),
        });
    }
    let skipped = raw.total.min(MAX_ENTRIES).saturating_sub(entries.len());
    distinct_guids(&mut entries);
    Ok(ParsedFeed {
        title: raw
            .title
            .map(|t| clean_text(&html_to_text(&t)))
            .filter(|t| !t.is_empty()),
        entries,
        cut: raw.total > MAX_ENTRIES,
        skipped,
    })
}

/// An XML document: whole through feed-rs, else item by item.
fn read_xml(body: &[u8], feed_url: &Url, zone: FixedOffset) -> Result<RawFeed> {
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        // A document cut inside a character is read up to it; bytes that
        // are not UTF-8 elsewhere mean an encoding nobody declared, and
        // guessing would store mojibake.
        Err(e) if e.error_len().is_none() => {
            std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default()
        }
        Err(e) => {
            return Err(Error::FeedParse {
                url: feed_url.to_string(),
                message: format!(
                    "bytes that are not UTF-8 at {} and no encoding declared",
                    e.valid_up_to()
                ),
            })
        }
    };
    let item = match recover::root(text) {
        recover::Root::Feed { item } => item,
        recover::Root::Html => {
            return Err(Error::NotAFeed {
                url: feed_url.to_string(),
                found: "an HTML page".into(),
            })
        }
        recover::Root::Other | recover::Root::Empty => {
            return Err(Error::NotAFeed {
                url: feed_url.to_string(),
                found: "XML that is not RSS, RDF or Atom".into(),
            })
        }
    };
    // Past the item limit, nothing is parsed (nor held in memory).
    let first = recover::first_items(text, item, MAX_ENTRIES);
    let over = first.is_some();
    let text = escape_bare_ampersands(first.as_deref().unwrap_or(text));
    let whole = parser(feed_url, zone)
        .parse(text.as_bytes())
        .ok()
        // A parser that stops early without an error (a stray end tag can
        // end an item, and the rest with it) has lost items: every item of
        // the document must be accounted for.
        .filter(|feed| {
            let n = feed.entries.len();
            text.matches(&format!("<{item}")).count() <= n || recover::item_count(&text, item) <= n
        });
    if let Some(feed) = whole {
        let total = feed.entries.len() + usize::from(over);
        return Ok(RawFeed {
            title: feed.title.map(|t| t.content),
            items: feed
                .entries
                .into_iter()
                .take(MAX_ENTRIES)
                .map(raw_of)
                .collect(),
            total,
            skipped: 0,
        });
    }
    let one = |doc: &str| -> Option<RawEntry> {
        parser(feed_url, zone)
            .parse(doc.as_bytes())
            .ok()?
            .entries
            .into_iter()
            .next()
            .map(raw_of)
    };
    let mut feed = recover::read(&text, item, MAX_ENTRIES, &one, &|s| dates::parse(s, zone));
    feed.total += usize::from(over);
    if feed.total == 0 {
        return Err(Error::FeedParse {
            url: feed_url.to_string(),
            message: "no item could be read".into(),
        });
    }
    Ok(feed)
}

fn parser(feed_url: &Url, zone: FixedOffset) -> feed_rs::parser::Parser {
    feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url.as_str()))
        // No made-up ids: feed-rs would give an item without guid or link a
        // random one, new on every sync. `synthetic_guid` is stable.
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(move |s| dates::parse(s, zone))
        .build()
}

fn raw_of(entry: feed_rs::model::Entry) -> RawEntry {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone());
    RawEntry {
        id: entry.id,
        title: entry.title.map(|t| t.content),
        link,
        summary: entry.summary.map(|t| t.content),
        content: entry.content.and_then(|c| c.body),
        published: entry.published,
        updated: entry.updated,
        tags: entry
            .categories
            .into_iter()
            .map(|c| c.label.unwrap_or(c.term))
            .collect(),
    }
}

/// A `&` that starts no entity (`Q&A`, `AT&T` in a headline) escaped, as
/// browsers and lenient readers take it; CDATA and comments left alone.
/// Strict XML would lose the text that holds it.
fn escape_bare_ampersands(text: &str) -> std::borrow::Cow<'_, str> {
    fn starts_entity(rest: &str) -> bool {
        let Some(end) = rest.find(';').filter(|e| (2..=12).contains(e)) else {
            return false;
        };
        let name = &rest[1..end];
        match name.strip_prefix('#') {
            Some(n) => match n.strip_prefix(['x', 'X']) {
                Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
                None => !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()),
            },
            None => {
                name.chars().all(|c| c.is_ascii_alphanumeric())
                    && name.starts_with(|c: char| c.is_ascii_alphabetic())
            }
        }
    }
    // Nearly every feed: each `&` starts an entity, nothing to do.
    if text
        .match_indices('&')
        .all(|(i, _)| starts_entity(&text[i..]))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let skip_to = if rest.starts_with("<![CDATA[") {
            Some("]]>")
        } else if rest.starts_with("<!--") {
            Some("-->")
        } else {
            None
        };
        if let Some(end) = skip_to {
            let n = rest.find(end).map_or(rest.len(), |e| e + end.len());
            out.push_str(&rest[..n]);
            rest = &rest[n..];
        } else if rest.starts_with('&') && !starts_entity(rest) {
            out.push_str("&amp;");
            rest = &rest[1..];
        } else {
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// The longest summary kept from a feed, in characters (the page gives the
/// article's own).
const MAX_SUMMARY_CHARS: usize = 2_000;

/// One item as a [`FeedEntry`]; `None` when it has nothing to read.
fn entry_of(entry: RawEntry, feed_url: &Url) -> Option<FeedEntry> {
    let url = entry
        .link
        .as_deref()
        .and_then(|href| feed_url.join(href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let summary = entry
        .summary
        .as_deref()
        .or(entry.content.as_deref())
        .map(|s| clean_text(&html_to_text(s)))
        .map(|s| cut_chars(s, MAX_SUMMARY_CHARS))
        .unwrap_or_default();
    let mut title = entry
        .title
        .map(|t| clean_text(&html_to_text(&t)))
        .unwrap_or_default();
    if title.is_empty() {
        // An item without a headline (allowed in RSS) is named by the start
        // of its text, as readers show it.
        title = first_words(&summary, 12);
    }
    if title.is_empty() && url.is_none() {
        return None;
    }
    let published = entry.published.or(entry.updated).map(not_future);
    let body = entry.content.or(entry.summary);
    let guid = match crate::text::strip_controls(entry.id.trim()).trim() {
        "" => match &url {
            Some(u) => u.to_string(),
            None => synthetic_guid(feed_url.as_str(), &title, published, body.as_deref()),
        },
        id => id.chars().take(2048).collect(),
    };
    Some(FeedEntry {
        guid,
        url,
        title,
        summary,
        content_html: body,
        published,
        updated: entry.updated.map(not_future),
        tags: entry
            .tags
            .iter()
            .map(|t| clean_text(&html_to_text(t)))
            .filter(|t| !t.is_empty())
            .take(MAX_TAGS)
            .collect(),
    })
}

/// Tags kept of one item: enough for any real feed's.
const MAX_TAGS: usize = 32;

fn cut_chars(s: String, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s,
    }
}

/// The identity of an item that has neither guid nor link: the same item
/// gets the same one on every sync, two different items two.
pub fn synthetic_guid(
    feed_url: &str,
    title: &str,
    published: Option<DateTime<Utc>>,
    content: Option<&str>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in [
        feed_url,
        title,
        &published
            .map(|d| d.timestamp().to_string())
            .unwrap_or_default(),
        content.unwrap_or_default(),
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    let hex: String = h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("urn:khabarain:{hex}")
}

/// A guid given to two different items of one document (a careless CMS):
/// the later ones are told apart by their link (or, without one, by what
/// they say); the same item listed twice is kept once.
fn distinct_guids(entries: &mut Vec<FeedEntry>) {
    let mut seen: std::collections::HashMap<String, Vec<String>> = Default::default();
    entries.retain_mut(|e| {
        let item = match &e.url {
            Some(u) => u.to_string(),
            None => synthetic_guid("", &e.title, e.published, e.content_html.as_deref()),
        };
        let items = seen.entry(e.guid.clone()).or_default();
        if items.contains(&item) {
            return false;
        }
        if !items.is_empty() {
            e.guid = format!("{} {item}", e.guid);
        }
        items.push(item);
        true
    });
}

/// The first `n` words of a text.
fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
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
    fn categories_and_tags_of_every_format_are_kept() {
        let url = Url::parse("https://k.example/feed/").expect("url");
        let rss = r#"<rss version="2.0"><channel><item><title>أ</title><link>https://k.example/a</link>
<category>سياسة</category><category>عاجل</category></item></channel></rss>"#;
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>x</id>
<title>أ</title><link href="https://k.example/a"/><category term="breaking-news"/>
<category term="w" label="العالم"/></entry></feed>"#;
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
{"id":"x","url":"https://k.example/a","title":"أ","tags":["عاجل", 3, "<b>اقتصاد</b>", ""]}]}"#;
        // A document feed-rs refuses (a stray end tag) is read item by item.
        let broken = r#"<rss version="2.0"><channel><item><title>أ</title><link>https://k.example/a</link>
<category>عاجل</category></b></item></channel></rss>"#;
        let tags = |doc: &str| {
            parse_feed(doc.as_bytes(), &url).expect("parses").entries[0]
                .tags
                .clone()
        };
        assert_eq!(tags(rss), ["سياسة", "عاجل"]);
        assert_eq!(tags(atom), ["breaking-news", "العالم"]);
        assert_eq!(tags(json), ["عاجل", "اقتصاد"]);
        assert_eq!(tags(broken), ["عاجل"]);
    }

    #[test]
    fn rss_items_resolve_relative_links_and_keep_items_without_a_usable_one() {
        let base = Url::parse("http://127.0.0.1:9/category/world/feed/").expect("url");
        let feed = parse_feed(RSS.as_bytes(), &base).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("خبرين - العالم"));
        assert_eq!(feed.entries.len(), 3);
        let e = &feed.entries[0];
        assert_eq!(
            e.url.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:9/2026/11/a/")
        );
        assert_eq!(e.guid, "k-1");
        assert_eq!(e.title, "عنوان & خبر");
        assert_eq!(e.summary, "ملخص قصير");
        assert!(e.published.is_some());
        // No link: kept, under its own guid.
        assert_eq!(
            (feed.entries[1].url.as_ref(), feed.entries[1].guid.as_str()),
            (None, "k-2")
        );
        // A link that is not a web address is dropped, not the item; with
        // neither guid nor link it is known by what it says.
        let js = &feed.entries[2];
        assert_eq!((js.url.as_ref(), js.title.as_str()), (None, "رابط خطر"));
        assert!(js.guid.starts_with("urn:khabarain:"), "{}", js.guid);
        let again = parse_feed(RSS.as_bytes(), &base).expect("parses");
        assert_eq!(
            again.entries[2].guid, js.guid,
            "the same identity on every read"
        );
    }

    #[test]
    fn one_guid_on_two_items_is_two_items_and_one_item_twice_is_one() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><guid>same</guid><link>http://127.0.0.1:9/a/</link><title>أ</title></item>
<item><guid>same</guid><link>http://127.0.0.1:9/b/</link><title>ب</title></item>
<item><guid>same</guid><link>http://127.0.0.1:9/a/</link><title>أ</title></item>
<item><guid>n</guid><title>بلا رابط</title><description>نص أول</description></item>
<item><guid>n</guid><title>بلا رابط</title><description>نص ثان</description></item>
</channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), &base).expect("parses");
        let guids: Vec<&str> = feed.entries.iter().map(|e| e.guid.as_str()).collect();
        assert_eq!(guids.len(), 4, "{guids:?}");
        assert_eq!(guids[0], "same");
        assert_eq!(guids[1], "same http://127.0.0.1:9/b/");
        assert_eq!(guids[2], "n");
        assert!(guids[3].starts_with("n urn:khabarain:"), "{guids:?}");
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
        assert_eq!(
            feed.entries[0].url.as_ref().map(Url::as_str),
            Some("http://127.0.0.1:9/b/")
        );
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
    fn a_bare_ampersand_costs_nothing() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>أ&ب</title>\
            <item><title>سؤال وجواب: Q&A مع AT&T &amp; &#1575; &nbsp;</title><link>http://k/a?x=1&y=2</link>\
            <description><![CDATA[<p>R&D</p>]]></description></item></channel></rss>";
        let feed = parse_feed(rss.as_bytes(), &base).expect("parses");
        assert_eq!(feed.title.as_deref(), Some("أ&ب"));
        let e = &feed.entries[0];
        assert_eq!(e.title, "سؤال وجواب: Q&A مع AT&T & ا");
        assert_eq!(e.url.as_ref().map(Url::as_str), Some("http://k/a?x=1&y=2"));
        assert_eq!(e.summary, "R&D");
    }

    #[test]
    fn what_is_not_a_feed_says_so() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        for (doc, found) in [
            ("", "empty"),
            ("   \n", "empty"),
            ("<!DOCTYPE html><html><body>صفحة</body></html>", "HTML"),
            ("<html><head><title>x</title></head></html>", "HTML"),
            ("<sitemap><url/></sitemap>", "not RSS"),
            ("{\"error\": 404}", "not a JSON Feed"),
            ("Not Found", "not XML or JSON"),
        ] {
            let err = parse_feed(doc.as_bytes(), &base).expect_err(doc);
            assert_eq!(err.code(), "not_a_feed", "{doc}");
            assert!(err.to_string().contains(found), "{doc}: {err}");
        }
    }

    #[test]
    fn a_document_refused_whole_is_read_item_by_item() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>قناة</title>\
            <item><title>أول</title><link>http://k/1</link><dc:date>2026-11-24T10:00:00Z</dc:date></item>\
            <item><title>ثان <b>بوسم غير مغلق</title><link>http://k/2</link><pubDate>الثلاثاء 24 نوفمبر 2026 - 08:30 ص</pubDate></item>\
            <item><title>ثالث</title><link>http://k/3</link></item>\
            <item><title>رابع مقطوع</title><link>http://k/4</link><description>نص قُطع في";
        let feed = parse_feed(rss.as_bytes(), &base).expect("parses");
        let titles: Vec<&str> = feed.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["أول", "ثان بوسم غير مغلق", "ثالث", "رابع مقطوع"]);
        assert_eq!(feed.title.as_deref(), Some("قناة"));
        assert_eq!(feed.entries[3].summary, "نص قُطع في");
        assert_eq!(
            feed.entries[1].published.map(|d| d.timestamp()),
            Some(1_795_509_000),
            "read with the Arabic date reader, in the feed's zone (UTC, as its other date says)"
        );
        assert!(feed.entries[0].published.is_some());
    }

    /// Found by the `one_item` fuzz target: a stray end tag in a headline
    /// made the XML parser stop at that item without an error, losing it
    /// and every item after it.
    #[test]
    fn a_parser_that_stops_early_loses_no_item() {
        let base = Url::parse("https://k.example/feed/").expect("url");
        let bad = String::from_utf8_lossy(b"\0\0\0/\x81tem></\xff\rxi").into_owned();
        let mut doc =
            String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title>");
        for i in 0..5 {
            let extra = if i == 3 { bad.as_str() } else { "" };
            doc.push_str(&format!(
                "<item><title>خبر {i}{extra}</title><guid>g{i}</guid><link>https://k.example/{i}/</link></item>"
            ));
        }
        doc.push_str("</channel></rss>");
        let feed = parse_feed(doc.as_bytes(), &base).expect("parses");
        let links: Vec<String> = feed
            .entries
            .iter()
            .filter_map(|e| e.url.as_ref().map(Url::to_string))
            .collect();
        let want: Vec<String> = (0..5).map(|i| format!("https://k.example/{i}/")).collect();
        assert_eq!(links, want);
    }

    #[test]
    fn malformed_feed_is_a_typed_error() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let err = parse_feed(b"<rss><channel><item>", &base).expect_err("must fail");
        assert_eq!(err.code(), "feed_parse");
    }
}

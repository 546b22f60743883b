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
mod xml;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};
use crate::text::{clean_text, collapse_ws};

pub use dates::parse as parse_date;

/// A person a feed names as an item's author (RSS `author`, `dc:creator`,
/// Atom `author`, JSON Feed `authors`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Person {
    /// What a byline shows: the name, else the address.
    pub fn shown(&self) -> &str {
        match (&self.name, &self.email) {
            (n, _) if !n.is_empty() => n,
            (_, Some(e)) => e,
            _ => "",
        }
    }
}

/// A category or tag as the feed gives it: its term, the scheme it belongs
/// to (RSS `domain`, Atom `scheme`) and the label to show (Atom `label`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tag {
    pub term: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Tag {
    /// What a reader sees: the label, else the term.
    pub fn shown(&self) -> &str {
        self.label
            .as_deref()
            .filter(|l| !l.is_empty())
            .unwrap_or(&self.term)
    }

    pub fn new(term: &str) -> Self {
        Self {
            term: term.to_string(),
            ..Self::default()
        }
    }
}

/// One item of a feed, reduced to what sync needs.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEntry {
    /// The item's identity within its feed: its own guid/id, else its link,
    /// else a hash of what it says (see [`synthetic_guid`]).
    pub guid: String,
    /// Its http(s) link; none when it has no link, or one that is not a web
    /// address (`javascript:`): the item is kept, with the feed's text.
    pub url: Option<Url>,
    /// Its headline as text; empty when the item has none and says nothing
    /// to make one of.
    pub title: String,
    pub summary: String,
    /// The item's full text as the feed carries it (HTML, unsanitised; a
    /// plain-text content is made HTML): the body of an item that has no
    /// page to fetch, and the text a page's extraction is weighed against.
    pub content_html: Option<String>,
    pub published: Option<DateTime<Utc>>,
    /// When the feed says the item last changed.
    pub updated: Option<DateTime<Utc>>,
    /// Its authors, as the feed names them.
    pub authors: Vec<Person>,
    /// Its categories and tags as the feed names them (RSS `category`,
    /// Atom `category`, `dc:subject`, JSON Feed `tags`…).
    pub tags: Vec<Tag>,
}

#[derive(Debug, Clone)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub entries: Vec<FeedEntry>,
    /// Items past [`MAX_ENTRIES`] were left out.
    pub cut: bool,
    /// Items that said nothing a reader could use.
    pub skipped: usize,
}

/// A text as a feed gives it: plain text, or HTML.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RawText {
    pub value: String,
    pub html: bool,
}

impl RawText {
    pub fn html(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            html: true,
        }
    }

    pub fn plain(value: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            html: false,
        }
    }

    /// As text, whatever it was (its whitespace is folded by `clean_text`,
    /// which every text goes through next).
    fn text(&self) -> String {
        if self.html {
            html_to_text(&self.value)
        } else {
            self.value.clone()
        }
    }

    /// As HTML, whatever it was: plain text becomes paragraphs.
    fn into_html(self) -> String {
        if self.html {
            return self.value;
        }
        let mut out = String::new();
        for para in self
            .value
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            out.push_str("<p>");
            for (i, line) in para.lines().enumerate() {
                if i > 0 {
                    out.push_str("<br>");
                }
                out.push_str(&escape_html(line));
            }
            out.push_str("</p>");
        }
        out
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub(crate) type RawPerson = Person;
pub(crate) type RawTag = Tag;

/// An item as a format gives it, before the app's rules apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RawEntry {
    pub id: String,
    pub title: Option<RawText>,
    /// The link, resolved against the document's address and `xml:base`.
    pub link: Option<String>,
    pub summary: Option<RawText>,
    pub content: Option<RawText>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub authors: Vec<RawPerson>,
    pub tags: Vec<RawTag>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct RawFeed {
    pub title: Option<RawText>,
    pub items: Vec<RawEntry>,
    /// Items in the document, read or not.
    pub total: usize,
    pub skipped: usize,
}

/// Parses a feed document fetched from `feed_url`, already decoded to
/// UTF-8 (`fetch::charset`); `utf8_bytes` says it was UTF-8 on the wire
/// (then UTF-8 that a server mangled as Latin-1 is repaired). Every item
/// with something to read is kept, with or without a link; a feed with no
/// items is a feed (a new site, every item expired), with its title.
pub fn parse_feed(body: &[u8], feed_url: &Url) -> Result<ParsedFeed> {
    parse_feed_from(body, feed_url, true)
}

pub fn parse_feed_from(body: &[u8], feed_url: &Url, utf8_bytes: bool) -> Result<ParsedFeed> {
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
        Some(b'<') => {
            // Text is UTF-8 by now; a document cut inside a character is
            // read up to it.
            let text = match std::str::from_utf8(body) {
                Ok(t) => std::borrow::Cow::Borrowed(t),
                Err(e) if e.error_len().is_none() => std::borrow::Cow::Borrowed(
                    std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default(),
                ),
                Err(_) => String::from_utf8_lossy(body),
            };
            match xml::root(&text) {
                xml::Root::Feed => xml::read(&text, Some(feed_url), utf8_bytes, MAX_ENTRIES, &date),
                xml::Root::Html => return Err(not_a_feed("an HTML page")),
                xml::Root::Other | xml::Root::Empty => {
                    return Err(not_a_feed("XML that is not RSS, RDF or Atom"))
                }
            }
        }
        Some(_) => return Err(not_a_feed("a document that is not XML or JSON")),
    };
    let mut entries: Vec<FeedEntry> = raw
        .items
        .into_iter()
        .filter_map(|entry| entry_of(entry, feed_url))
        .collect();
    let skipped = raw.skipped
        + raw
            .total
            .min(MAX_ENTRIES)
            .saturating_sub(entries.len() + raw.skipped);
    distinct_guids(&mut entries);
    Ok(ParsedFeed {
        title: raw
            .title
            .map(|t| clean_text(&t.text()))
            .filter(|t| !t.is_empty()),
        entries,
        cut: raw.total > MAX_ENTRIES,
        skipped,
    })
}

/// The longest summary kept from a feed, in characters (the body holds
/// the whole text).
const MAX_SUMMARY_CHARS: usize = 2_000;

/// One item as a [`FeedEntry`]; `None` when it has nothing to read.
fn entry_of(entry: RawEntry, feed_url: &Url) -> Option<FeedEntry> {
    let said_nothing = entry.title.is_none()
        && entry.link.is_none()
        && entry.summary.is_none()
        && entry.content.is_none()
        && entry.published.is_none()
        && entry.updated.is_none()
        && entry.id.trim().is_empty()
        && entry.authors.is_empty()
        && entry.tags.is_empty();
    let url = entry
        .link
        .as_deref()
        .and_then(|href| feed_url.join(href.trim()).ok())
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let summary = entry
        .summary
        .as_ref()
        .or(entry.content.as_ref())
        .map(|s| clean_text(&s.text()))
        .map(|s| cut_chars(s, MAX_SUMMARY_CHARS))
        .unwrap_or_default();
    let mut title = entry
        .title
        .as_ref()
        .map(|t| clean_text(&t.text()))
        .unwrap_or_default();
    if title.is_empty() {
        // An item without a headline (allowed in RSS) is named by the start
        // of its text, as readers show it.
        title = first_words(&summary, 12);
    }
    let published = entry.published.or(entry.updated).map(not_future);
    // The item's full text: its content, or a summary that is the whole
    // article rather than an excerpt (feeds that put everything in
    // `description`).
    let whole_summary = entry.summary.as_ref().is_some_and(is_whole_text);
    let has_content = entry.content.is_some();
    // What the item says, for its identity when it has neither guid nor
    // link.
    let said = entry
        .content
        .or(entry.summary)
        .map(RawText::into_html)
        .filter(|b| !b.trim().is_empty());
    // An item with no page has nothing but what its feed says.
    let body = said
        .clone()
        .filter(|_| has_content || whole_summary || url.is_none());
    let authors: Vec<Person> = entry
        .authors
        .into_iter()
        .map(|p| Person {
            name: clean_text(&collapse_ws(&p.name)),
            email: p.email.map(|e| clean_text(&e)).filter(|e| !e.is_empty()),
            url: p
                .url
                .filter(|u| u.starts_with("http://") || u.starts_with("https://")),
        })
        .filter(|p| !p.name.is_empty() || p.email.is_some() || p.url.is_some())
        .take(MAX_AUTHORS)
        .collect();
    let tags: Vec<Tag> = entry
        .tags
        .into_iter()
        .map(|t| Tag {
            term: clean_text(&html_to_text(&t.term)),
            scheme: t.scheme.map(|s| clean_text(&s)).filter(|s| !s.is_empty()),
            label: t
                .label
                .map(|l| clean_text(&html_to_text(&l)))
                .filter(|l| !l.is_empty()),
        })
        .filter(|t| !t.shown().is_empty())
        .take(MAX_TAGS)
        .collect();
    // An item the feed gave nothing at all is no article; one whose
    // headline is a picture alone (no text to show) still is one.
    if said_nothing {
        return None;
    }
    let guid = match crate::text::strip_controls(entry.id.trim()).trim() {
        "" => match &url {
            Some(u) => u.to_string(),
            None => synthetic_guid(feed_url.as_str(), &title, published, said.as_deref()),
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
        authors,
        tags,
    })
}

/// Whether a summary is the article itself, not an excerpt of it: longer
/// than a summary is kept, or three paragraphs or more.
fn is_whole_text(summary: &RawText) -> bool {
    let paragraphs = if summary.html {
        summary.value.matches("<p").count() + summary.value.matches("<br").count()
    } else {
        summary.value.matches("\n\n").count() + 1
    };
    paragraphs >= 3 || summary.value.chars().count() > MAX_SUMMARY_CHARS
}

/// Authors kept of one item.
const MAX_AUTHORS: usize = 16;

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
            None => synthetic_guid(
                "",
                &e.title,
                e.published,
                Some(e.content_html.as_deref().unwrap_or(&e.summary)),
            ),
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
        use ego_tree::iter::Edge;
        let doc = scraper::Html::parse_fragment(fragment);
        let mut out = String::with_capacity(fragment.len());
        let mut hidden = 0usize;
        for edge in doc.root_element().traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    scraper::Node::Element(e) if HIDDEN.contains(&e.name()) => hidden += 1,
                    scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => out.push(' '),
                    scraper::Node::Text(t) if hidden == 0 => out.push_str(t),
                    _ => {}
                },
                Edge::Close(node) => match node.value() {
                    scraper::Node::Element(e) if HIDDEN.contains(&e.name()) => {
                        hidden = hidden.saturating_sub(1)
                    }
                    scraper::Node::Element(e) if BLOCKS.contains(&e.name()) => out.push(' '),
                    _ => {}
                },
            }
        }
        collapse_ws(&out)
    })
}

/// A numeric character reference as HTML reads it: 128–159 are the
/// windows-1252 characters (HTML's own rule), not C1 controls.
fn html_numeric(n: u32) -> Option<char> {
    crate::text::windows_1252_high(n).or_else(|| char::from_u32(n))
}

/// Elements whose text a reader never sees.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "title", "textarea",
];

/// Elements that start a new line of text: their edges part words; an
/// inline element (`<b>`, `<a>`) does not (`ال<b>عرب</b>` is one word).
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

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
            if HIDDEN.contains(&name.as_str()) {
                return None;
            }
            if BLOCKS.contains(&name.as_str()) {
                out.push(' ');
            }
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
                    html_numeric(u32::from_str_radix(&num[2..], 16).ok()?)?
                }
                num if num.starts_with('#') => html_numeric(num[1..].parse().ok()?)?,
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
        // A stray end tag costs nothing.
        let broken = r#"<rss version="2.0"><channel><item><title>أ</title><link>https://k.example/a</link>
<category>عاجل</category></b></item></channel></rss>"#;
        let tags = |doc: &str| -> Vec<String> {
            parse_feed(doc.as_bytes(), &url).expect("parses").entries[0]
                .tags
                .iter()
                .map(|t| t.shown().to_string())
                .collect()
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
    fn a_feed_with_no_items_is_a_feed_with_its_title() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        for doc in [
            "<rss version=\"2.0\"><channel><title>موقع جديد</title></channel></rss>",
            "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>موقع جديد</title></feed>",
            "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"موقع جديد\",\"items\":[]}",
        ] {
            let feed = parse_feed(doc.as_bytes(), &base).expect(doc);
            assert_eq!(feed.title.as_deref(), Some("موقع جديد"), "{doc}");
            assert!(feed.entries.is_empty());
        }
        // Cut inside its only item, which said nothing: a feed still, the
        // item counted as skipped.
        let feed = parse_feed(b"<rss><channel><title>t</title><item>", &base).expect("a feed");
        assert_eq!((feed.entries.len(), feed.skipped), (0, 1));
    }

    #[test]
    fn an_item_with_neither_headline_nor_link_keeps_what_it_says() {
        let base = Url::parse("http://127.0.0.1:9/feed/").expect("url");
        let doc = "<rss version=\"2.0\"><channel><item><pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>\
            <description>نص الخبر كله هنا</description></item>\
            <item><dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">2003-12-31T10:14:55Z</dc:date></item></channel></rss>";
        let feed = parse_feed(doc.as_bytes(), &base).expect("parses");
        assert_eq!(feed.entries.len(), 2);
        assert_eq!(feed.entries[0].title, "نص الخبر كله هنا");
        assert_eq!(
            feed.entries[0].published.map(|d| d.timestamp()),
            Some(1_072_986_501)
        );
        assert_eq!(feed.entries[1].title, "");
        assert_eq!(
            feed.entries[1].published.map(|d| d.timestamp()),
            Some(1_072_865_695)
        );
    }
}

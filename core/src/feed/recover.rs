//! A feed document the XML parser refuses as a whole, read item by item:
//! the unit of failure is the item. The document is split into its items
//! by a scan that knows tags, CDATA and comments; each item is parsed on
//! its own inside the document's root element, and one that still breaks a
//! rule (a stray tag in a headline, a bad attribute) is read loosely, the
//! way feedparser's loose mode and libxml2's recover mode read it. A
//! document cut short (at a size limit, or by the server) keeps its
//! complete items and what its last item said before the cut.

use super::{RawEntry, RawFeed};

/// What the document is, by its root element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// An RSS or RDF feed (`item`) or an Atom feed (`entry`), with the
    /// root's name as written.
    Feed {
        item: &'static str,
    },
    Html,
    /// XML of another kind.
    Other,
    /// No element at all.
    Empty,
}

/// A tag, CDATA section or comment at `start..end` of the text.
struct Markup<'a> {
    start: usize,
    end: usize,
    /// The element's name (lower case), none for CDATA, comments, the
    /// prolog and declarations.
    name: Option<String>,
    closing: bool,
    text: &'a str,
}

/// The markup of `doc` in order; CDATA and comments are skipped whole, so
/// nothing inside them is taken for a tag.
fn markup(doc: &str) -> impl Iterator<Item = Markup<'_>> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let rest = doc.get(pos..)?;
        let at = pos + rest.find('<')?;
        let tail = &doc[at..];
        let (end, named) = if tail.starts_with("<![CDATA[") {
            (tail.find("]]>").map_or(doc.len(), |e| at + e + 3), false)
        } else if tail.starts_with("<!--") {
            (tail.find("-->").map_or(doc.len(), |e| at + e + 3), false)
        } else {
            let named = !tail.starts_with("<?") && !tail.starts_with("<!");
            (tail.find('>').map_or(doc.len(), |e| at + e + 1), named)
        };
        pos = end.max(at + 1);
        let text = &doc[at..end];
        let (closing, name) = if named {
            let inner = text.trim_start_matches('<');
            let closing = inner.starts_with('/');
            let name: String = inner
                .trim_start_matches('/')
                .chars()
                .take_while(|c| !c.is_whitespace() && !matches!(c, '>' | '/'))
                .collect::<String>()
                .to_ascii_lowercase();
            (closing, Some(name))
        } else {
            (false, None)
        };
        Some(Markup {
            start: at,
            end,
            name,
            closing,
            text,
        })
    })
}

/// The root element of a document (its first element).
pub fn root(doc: &str) -> Root {
    let first = markup(doc).find(|m| m.name.is_some() && !m.closing);
    match first.and_then(|m| m.name) {
        None => {
            if doc
                .trim_start()
                .to_ascii_lowercase()
                .starts_with("<!doctype html")
            {
                Root::Html
            } else {
                Root::Empty
            }
        }
        Some(name) => match name.rsplit(':').next().unwrap_or_default() {
            "rss" | "rdf" => Root::Feed { item: "item" },
            "feed" => Root::Feed { item: "entry" },
            "html" | "head" | "body" => Root::Html,
            _ => Root::Other,
        },
    }
}

/// How many items a document holds (its `item` elements, none inside CDATA
/// or a comment).
pub fn item_count(doc: &str, item: &str) -> usize {
    let open = format!("<{item}");
    // Most documents are told by a count that can only be too high.
    let upper = doc.matches(&open).count();
    if upper == 0 {
        return 0;
    }
    markup(doc)
        .filter(|m| !m.closing && m.name.as_deref().is_some_and(|n| local(n) == item))
        .count()
}

/// A document of more than `max` items, ended after its first `max` (the
/// newest, as feeds list them): a feed of 100,000 items is read no further
/// than its limit. `None` when it has no more than `max`.
pub fn first_items(doc: &str, item: &str, max: usize) -> Option<String> {
    // Most documents are told apart by a count that can only be too high.
    if doc.matches(&format!("<{item}")).count() <= max {
        return None;
    }
    let open = format!("<{item}");
    let mut seen = 0;
    let mut root: Option<String> = None;
    for m in markup(doc) {
        let Some(name) = m.name.as_deref() else {
            continue;
        };
        if m.closing {
            continue;
        }
        if root.is_none() {
            root = Some(
                m.text[1..]
                    .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
        if local(name) == item && m.text.starts_with(&open) {
            seen += 1;
            if seen > max {
                let root = root.unwrap_or_default();
                let channel = if item == "item" && !root.to_ascii_lowercase().ends_with("rdf") {
                    "</channel>"
                } else {
                    ""
                };
                return Some(format!("{}{channel}</{root}>", &doc[..m.start]));
            }
        }
    }
    None
}

/// Reads a document item by item. `parse_one` reads a small document that
/// holds one item; an item it cannot read is read loosely.
pub fn read(
    doc: &str,
    item: &str,
    max_items: usize,
    parse_one: &dyn Fn(&str) -> Option<RawEntry>,
    date: &dyn Fn(&str) -> Option<chrono::DateTime<chrono::Utc>>,
) -> RawFeed {
    let all: Vec<Markup<'_>> = markup(doc).collect();
    let root = all.iter().find(|m| m.name.is_some() && !m.closing);
    let (open, close) = match root {
        Some(r) => {
            let name = r.text[1..]
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap_or("rss");
            let channel = if item == "item" && !name.to_ascii_lowercase().ends_with("rdf") {
                ("<channel>", "</channel>")
            } else {
                ("", "")
            };
            (
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}{}",
                    open_tag(r.text),
                    channel.0
                ),
                format!("{}</{name}>", channel.1),
            )
        }
        None => return RawFeed::default(),
    };
    let starts: Vec<usize> = all
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.closing && m.name.as_deref().is_some_and(|n| local(n) == item))
        .map(|(i, _)| i)
        .collect();
    let mut feed = RawFeed {
        title: starts
            .first()
            .map_or(doc, |&i| &doc[..all[i].start])
            .split_once("<title")
            .and_then(|(_, t)| element_text(&format!("<title{t}"), "title")),
        ..RawFeed::default()
    };
    for (k, &i) in starts.iter().enumerate() {
        feed.total += 1;
        if feed.items.len() >= max_items {
            continue;
        }
        let start = all[i].start;
        let next = starts.get(k + 1).map_or(doc.len(), |&j| all[j].start);
        let closer = all[i..]
            .iter()
            .take_while(|m| m.start < next)
            .find(|m| m.closing && m.name.as_deref().is_some_and(|n| local(n) == item));
        let chunk = match closer {
            Some(c) => doc[start..c.end].to_string(),
            // Unclosed: the document was cut, or the item never ends.
            None => close_open(&doc[start..next], item),
        };
        let whole = format!("{open}{chunk}{close}");
        // The parser may also stop early without an error: an item it read
        // without its headline or link is read loosely instead.
        let parsed = parse_one(&whole).filter(|e| e.title.is_some() && e.link.is_some());
        match parsed.or_else(|| loose(&chunk, date)) {
            Some(e) => feed.items.push(e),
            None => feed.skipped += 1,
        }
    }
    feed
}

/// The root's start tag as written (a self-closing one opened).
fn open_tag(tag: &str) -> String {
    let t = tag.trim_end_matches('>').trim_end_matches('/');
    format!("{t}>")
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// An item cut short, closed: a tag cut in half is dropped, and every
/// element still open is closed, innermost first.
fn close_open(chunk: &str, item: &str) -> String {
    let mut text = chunk.to_string();
    if let Some(lt) = text.rfind('<') {
        if !text[lt..].contains('>') {
            text.truncate(lt);
        }
    }
    if text.rfind("<![CDATA[") > text.rfind("]]>") {
        text.push_str("]]>");
    }
    let mut open: Vec<String> = Vec::new();
    for m in markup(&text) {
        let Some(name) = m.name else { continue };
        if m.text.ends_with("/>") {
            continue;
        }
        if m.closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else {
            open.push(name);
        }
    }
    for name in open.iter().rev() {
        text.push_str(&format!("</{name}>"));
    }
    if !open.iter().any(|n| local(n) == item) {
        text.push_str(&format!("</{item}>"));
    }
    text
}

/// The text of the first `name` element of an item, CDATA unwrapped and
/// XML escapes decoded (the result is HTML or text, as the feed wrote it);
/// an element cut short gives what it holds up to the cut.
pub fn element_text(chunk: &str, name: &str) -> Option<String> {
    let lower = chunk.to_ascii_lowercase();
    let mut from = 0;
    let (start, open_end) = loop {
        let at = from + lower[from..].find(&format!("<{name}"))?;
        let after = lower[at + 1 + name.len()..].chars().next();
        if matches!(after, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            let end = at + chunk[at..].find('>')? + 1;
            break (at, end);
        }
        from = at + 1;
    };
    if chunk[start..open_end].ends_with("/>") {
        return None;
    }
    let close = format!("</{name}>");
    let end = lower[open_end..]
        .find(&close)
        .map_or(chunk.len(), |e| open_end + e);
    let inner = chunk[open_end..end].trim();
    let text = match inner.strip_prefix("<![CDATA[") {
        Some(cdata) => cdata.split("]]>").next().unwrap_or_default().to_string(),
        None => unescape_xml(inner),
    };
    Some(text)
}

/// An attribute of the first `name` start tag of a chunk.
fn attribute(chunk: &str, name: &str, attr: &str) -> Option<String> {
    for m in markup(chunk) {
        if m.closing || m.name.as_deref() != Some(name) {
            continue;
        }
        let tag = m.text;
        let at = tag.find(&format!("{attr}="))? + attr.len() + 1;
        let quote = tag[at..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')?;
        let value = tag[at + 1..].split(quote).next()?;
        let rel = tag.find("rel=").map(|r| &tag[r + 5..]);
        if rel.is_some_and(|r| !r.starts_with("alternate")) {
            continue;
        }
        return Some(unescape_xml(value));
    }
    None
}

/// The five XML escapes and numeric references; anything else (an HTML
/// entity written into XML) is left for the HTML reading that follows.
fn unescape_xml(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An item read loosely: its usual elements by name, whatever else is
/// wrong with it. None when it says nothing a reader could use.
fn loose(
    chunk: &str,
    date: &dyn Fn(&str) -> Option<chrono::DateTime<chrono::Utc>>,
) -> Option<RawEntry> {
    let first = |names: &[&str]| names.iter().find_map(|n| element_text(chunk, n));
    let link = first(&["link"])
        .filter(|l| !l.trim().is_empty())
        .or_else(|| attribute(chunk, "link", "href"));
    let entry = RawEntry {
        id: first(&["guid", "id"]).unwrap_or_default(),
        title: first(&["title"]),
        link,
        summary: first(&["description", "summary"]),
        content: first(&["content:encoded", "content"]),
        published: first(&["pubdate", "published", "dc:date", "issued"]).and_then(|d| date(&d)),
        updated: first(&["updated", "modified", "dc:modified"]).and_then(|d| date(&d)),
        tags: first(&["category"]).into_iter().collect(),
    };
    let says_something = entry.title.as_deref().is_some_and(|t| !t.trim().is_empty())
        || entry.link.is_some()
        || entry
            .summary
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty());
    says_something.then_some(entry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_say_what_a_document_is() {
        assert_eq!(
            root("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Root::Feed { item: "item" }
        );
        assert_eq!(
            root("<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Root::Feed { item: "entry" }
        );
        assert_eq!(
            root("<rdf:RDF xmlns:rdf=\"x\">"),
            Root::Feed { item: "item" }
        );
        assert_eq!(root("<!DOCTYPE html>\n<html lang=\"ar\">"), Root::Html);
        assert_eq!(root("<!-- <rss> --><html>"), Root::Html);
        assert_eq!(root("<sitemap/>"), Root::Other);
        assert_eq!(root("   "), Root::Empty);
    }

    #[test]
    fn a_loose_item_gives_its_fields() {
        let item = r#"<item><title>عنوان <b>غير مغلق</title><link>http://k/a/?x=1&amp;y=2</link>
            <guid isPermaLink="false">g-1</guid><description><![CDATA[<p>ملخص</p>]]></description></item>"#;
        let e = loose(item, &|_| None).expect("read");
        assert_eq!(e.title.as_deref(), Some("عنوان <b>غير مغلق"));
        assert_eq!(e.link.as_deref(), Some("http://k/a/?x=1&y=2"));
        assert_eq!(e.id, "g-1");
        assert_eq!(e.summary.as_deref(), Some("<p>ملخص</p>"));
        let atom = r#"<entry><title type="weird">t</title><link rel="self" href="http://k/self"/><link href="http://k/b"/></entry>"#;
        assert_eq!(
            loose(atom, &|_| None).and_then(|e| e.link).as_deref(),
            Some("http://k/b")
        );
        assert!(loose("<item><category>x</category></item>", &|_| None).is_none());
    }

    #[test]
    fn a_document_past_the_item_limit_ends_at_it() {
        let items: String = (0..5)
            .map(|i| format!("<item><title>{i}</title></item>"))
            .collect();
        let doc = format!("<rss version=\"2.0\"><channel><title><![CDATA[<item>]]></title>{items}</channel></rss>");
        assert_eq!(first_items(&doc, "item", 5), None);
        let cut = first_items(&doc, "item", 2).expect("cut");
        assert!(
            cut.ends_with("<title>1</title></item></channel></rss>"),
            "{cut}"
        );
        let atom = "<feed><entry/><entry/><entry/></feed>";
        assert_eq!(
            first_items(atom, "entry", 1).as_deref(),
            Some("<feed><entry/></feed>")
        );
    }

    #[test]
    fn an_item_cut_short_is_closed() {
        assert_eq!(
            close_open("<item><title>ت</title><description>نص مقطوع", "item"),
            "<item><title>ت</title><description>نص مقطوع</description></item>"
        );
        assert_eq!(
            close_open("<item><title>ت</title><descr", "item"),
            "<item><title>ت</title></item>"
        );
        assert_eq!(
            close_open("<item><description><![CDATA[<p>نص", "item"),
            "<item><description><![CDATA[<p>نص]]></description></item>"
        );
    }
}

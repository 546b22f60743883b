//! JSON Feed (1.0 and 1.1), read item by item. feed-rs reads JSON Feed
//! through a strict serde model, where one item with a numeric `id`, a
//! string `tags` or a number for a title refuses the whole feed; here each
//! field is taken if it has a usable type and left out if not, an item
//! that is not an object is skipped alone, and a document cut short keeps
//! its complete items. (`tests` below hold the cases feed-rs refuses.)

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{RawEntry, RawFeed, RawPerson, RawTag, RawText};

/// Reads a JSON document. `None` when it is not a JSON Feed at all.
pub fn read(
    body: &[u8],
    max_items: usize,
    date: &dyn Fn(&str) -> Option<DateTime<Utc>>,
) -> Option<RawFeed> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(doc)) => {
            let items = match doc.get("items") {
                Some(Value::Array(items)) => items.as_slice(),
                // A JSON Feed may have no items yet; anything else is not one.
                None if is_json_feed(&doc) => &[],
                _ => return None,
            };
            let mut feed = RawFeed {
                title: doc.get("title").and_then(text).map(RawText::plain),
                ..RawFeed::default()
            };
            for item in items {
                take(&mut feed, item, max_items, date);
            }
            Some(feed)
        }
        Ok(_) => None,
        // Cut short, or broken inside: its items one by one.
        Err(_) => {
            let text = String::from_utf8_lossy(body);
            let items = items_of(&text)?;
            let mut feed = RawFeed::default();
            for raw in items {
                match serde_json::from_str::<Value>(raw) {
                    Ok(item) => take(&mut feed, &item, max_items, date),
                    Err(_) => {
                        feed.total += 1;
                        feed.skipped += 1;
                    }
                }
            }
            Some(feed)
        }
    }
}

fn is_json_feed(doc: &serde_json::Map<String, Value>) -> bool {
    doc.get("version")
        .and_then(Value::as_str)
        .is_some_and(|v| v.contains("jsonfeed.org"))
}

fn take(
    feed: &mut RawFeed,
    item: &Value,
    max_items: usize,
    date: &dyn Fn(&str) -> Option<DateTime<Utc>>,
) {
    feed.total += 1;
    if feed.items.len() >= max_items {
        return;
    }
    match entry(item, date) {
        Some(e) => feed.items.push(e),
        None => feed.skipped += 1,
    }
}

/// A string field, or a number written where a string belongs.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A date as text, or as Unix seconds (a number where a string belongs).
fn when(v: Option<&Value>, date: &dyn Fn(&str) -> Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match v? {
        Value::String(s) => date(s),
        Value::Number(n) => DateTime::from_timestamp(n.as_i64()?, 0),
        _ => None,
    }
}

fn entry(item: &Value, date: &dyn Fn(&str) -> Option<DateTime<Utc>>) -> Option<RawEntry> {
    let item = item.as_object()?;
    let get = |k: &str| item.get(k).and_then(text);
    // JSON Feed 1.1's `authors`, 1.0's `author`.
    let people: Vec<&Value> = match (item.get("authors"), item.get("author")) {
        (Some(Value::Array(a)), _) => a.iter().collect(),
        (_, Some(one @ Value::Object(_))) => vec![one],
        _ => Vec::new(),
    };
    let authors = people
        .into_iter()
        .filter_map(|p| {
            let p = p.as_object()?;
            Some(RawPerson {
                name: p.get("name").and_then(text).unwrap_or_default(),
                email: None,
                url: p.get("url").and_then(text),
            })
        })
        .collect();
    Some(RawEntry {
        id: get("id").unwrap_or_default(),
        title: get("title").map(RawText::plain),
        link: get("url").or_else(|| get("external_url")),
        summary: get("summary").map(RawText::plain),
        content: get("content_html")
            .map(RawText::html)
            .or_else(|| get("content_text").map(RawText::plain)),
        published: when(item.get("date_published"), date),
        updated: when(item.get("date_modified"), date),
        authors,
        tags: item
            .get("tags")
            .and_then(|t| t.as_array())
            .map(|tags| {
                tags.iter()
                    .filter_map(|t| t.as_str().map(RawTag::new))
                    .collect()
            })
            .unwrap_or_default(),
    })
}

/// The source text of each element of the document's `items` array, for a
/// document that does not parse whole: a scan that knows strings and
/// escapes; an element cut short at the end is left out.
fn items_of(text: &str) -> Option<Vec<&str>> {
    let at = text.find("\"items\"")?;
    let open = at + text[at..].find('[')?;
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                start.get_or_insert(i);
            }
            b'{' | b'[' => {
                if depth == 0 {
                    start = Some(i);
                }
                depth += 1;
            }
            b'}' | b']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    if let Some(s) = start.take() {
                        out.push(&text[s..=i]);
                    }
                }
            }
            // The end of the items array.
            b']' => break,
            b',' if depth == 0 => {
                if let Some(s) = start.take() {
                    out.push(text[s..i].trim());
                }
            }
            b' ' | b'\n' | b'\r' | b'\t' => {}
            _ => {
                start.get_or_insert(i);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(doc: &str) -> Option<RawFeed> {
        read(doc.as_bytes(), 100, &|s| {
            DateTime::parse_from_rfc3339(s)
                .ok()
                .map(|d| d.with_timezone(&Utc))
        })
    }

    fn titles(feed: &RawFeed) -> Vec<Option<&str>> {
        feed.items
            .iter()
            .map(|e| e.title.as_ref().map(|t| t.value.as_str()))
            .collect()
    }

    #[test]
    fn one_wrongly_typed_item_costs_at_most_that_item() {
        // Every one of these refuses the whole feed in feed-rs 2.4.
        let feed = read_str(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"قناة","items":[
            {"id":"1","title":"أ"},
            {"id":2,"title":"ب"},
            {"id":"3","title":5},
            {"id":"4","title":"د","tags":"x","author":"me","attachments":[{"url":5}]},
            {"id":"5","title":"هـ","date_published":1795595400},
            7,
            {"title":"بلا معرف","url":"http://k/6"}
            ]}"#,
        )
        .expect("a feed");
        assert_eq!(feed.title.as_ref().map(|t| t.value.as_str()), Some("قناة"));
        assert_eq!(
            titles(&feed),
            [
                Some("أ"),
                Some("ب"),
                Some("5"),
                Some("د"),
                Some("هـ"),
                Some("بلا معرف")
            ]
        );
        assert_eq!(feed.items[1].id, "2");
        assert_eq!(
            feed.items[4].published.map(|d| d.timestamp()),
            Some(1_795_595_400)
        );
        assert_eq!((feed.total, feed.skipped), (7, 1));
    }

    #[test]
    fn a_feed_cut_short_keeps_its_complete_items() {
        let doc = r#"{"version":"https://jsonfeed.org/version/1.1","title":"x","items":[
            {"id":"1","title":"أ [مع] {أقواس}","content_text":"سطر \"مقتبس\" \\ مائل"},
            {"id":"2","title":"ب"},
            {"id":"3","title":"ج","content_html":"<p>نص مقطوع في"#;
        let feed = read_str(doc).expect("a feed");
        assert_eq!(titles(&feed), [Some("أ [مع] {أقواس}"), Some("ب")]);
        assert_eq!(
            feed.items[0].content,
            Some(RawText::plain("سطر \"مقتبس\" \\ مائل"))
        );
    }

    #[test]
    fn json_that_is_not_a_feed_says_so() {
        assert!(read_str(r#"{"error":"not found"}"#).is_none());
        assert!(read_str("[1,2,3]").is_none());
        assert!(
            read_str(r#"{"version":"https://jsonfeed.org/version/1","title":"t"}"#)
                .is_some_and(|f| f.items.is_empty())
        );
    }
}

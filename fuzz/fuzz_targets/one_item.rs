//! The unit of failure is the item: a feed read whole, then the same feed
//! with one item corrupted by the fuzzer's bytes, keeps every other item,
//! with its link and headline. RSS and Atom items get arbitrary text inside
//! (markup that breaks the XML rules included; only what would end the
//! item or the document, which no reader could see past, is taken out);
//! JSON Feed items get a field of any type and value.
#![no_main]

use khabarain_core::feed::parse_feed;
use libfuzzer_sys::fuzz_target;

const ITEMS: usize = 5;

fn link(i: usize) -> String {
    format!("https://k.example/2026/11/story-{i}/")
}

fn title(i: usize) -> String {
    format!("الخبر رقم {i}")
}

/// Text that cannot end an item or the document: no item, entry, channel
/// or root tags, no comment, CDATA or processing instruction openers.
fn inside_only(bytes: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(bytes).into_owned();
    loop {
        let lower = text.to_ascii_lowercase();
        let bad = ["item", "entry", "channel", "rss", "feed", "rdf", "<!", "<?", "]]>"]
            .iter()
            .find_map(|b| lower.find(b).map(|at| (at, b.len())));
        match bad {
            Some((at, len)) => text.replace_range(at..at + len, ""),
            None => return text,
        }
    }
}

fn xml(atom: bool, corrupt: Option<(usize, usize, &str)>) -> String {
    let mut out = if atom {
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>قناة</title><id>x</id><updated>2026-11-24T10:00:00Z</updated>")
    } else {
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>قناة</title>")
    };
    for i in 0..ITEMS {
        let (t, l) = (title(i), link(i));
        let mut parts = if atom {
            vec![
                "<entry>".to_string(),
                format!("<title>{t}</title>"),
                format!("<id>urn:k:{i}</id>"),
                format!("<link href=\"{l}\"/>"),
                "<summary>ملخص الخبر</summary>".to_string(),
                "</entry>".to_string(),
            ]
        } else {
            vec![
                "<item>".to_string(),
                format!("<title>{t}</title>"),
                format!("<guid>urn:k:{i}</guid>"),
                format!("<link>{l}</link>"),
                "<description>ملخص الخبر</description>".to_string(),
                "</item>".to_string(),
            ]
        };
        if let Some((k, at, text)) = corrupt {
            if k == i {
                // Between elements, or inside the headline or the summary.
                match at % 3 {
                    0 => parts.insert(2, text.to_string()),
                    1 => parts[1] = parts[1].replace("</title>", &format!("{text}</title>")),
                    _ => parts[4] = parts[4].replace("ملخص", &format!("ملخص{text}")),
                }
            }
        }
        out.push_str(&parts.concat());
    }
    out.push_str(if atom { "</feed>" } else { "</channel></rss>" });
    out
}

fn json(corrupt: Option<(usize, usize, serde_json::Value)>) -> String {
    let items: Vec<serde_json::Value> = (0..ITEMS)
        .map(|i| {
            let mut item = serde_json::json!({
                "id": format!("urn:k:{i}"),
                "url": link(i),
                "title": title(i),
                "content_html": "<p>نص</p>",
                "date_published": "2026-11-24T10:00:00Z",
            });
            if let Some((k, field, value)) = &corrupt {
                if *k == i {
                    let f = ["id", "title", "url", "date_published", "content_html", "tags", "authors", "summary"]
                        [field % 8];
                    item[f] = value.clone();
                }
            }
            item
        })
        .collect();
    serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "قناة", "items": items})
        .to_string()
}

/// A JSON value of any type, made from bytes.
fn value(bytes: &[u8]) -> serde_json::Value {
    match bytes.first().map(|b| b % 6) {
        None | Some(0) => serde_json::Value::Null,
        Some(1) => serde_json::Value::Bool(bytes.len() % 2 == 0),
        Some(2) => serde_json::json!(i64::from_le_bytes(
            bytes.iter().copied().chain([0; 8]).skip(1).take(8).collect::<Vec<u8>>().try_into().unwrap_or([0; 8])
        )),
        Some(3) => serde_json::Value::String(String::from_utf8_lossy(&bytes[1..]).into_owned()),
        Some(4) => serde_json::Value::Array(bytes[1..].chunks(3).map(value).collect()),
        _ => serde_json::json!({"x": String::from_utf8_lossy(&bytes[1..])}),
    }
}

fuzz_target!(|data: &[u8]| {
    let [format, k, at, rest @ ..] = data else { return };
    let k = *k as usize % ITEMS;
    let url = url::Url::parse("https://k.example/feed/").expect("url");
    let (whole, broken) = match format % 3 {
        0 | 1 => {
            let atom = format % 3 == 1;
            let text = inside_only(rest);
            (xml(atom, None), xml(atom, Some((k, *at as usize, &text))))
        }
        _ => (json(None), json(Some((k, *at as usize, value(rest))))),
    };
    let whole = parse_feed(whole.as_bytes(), &url).expect("the feed as written");
    assert_eq!(whole.entries.len(), ITEMS);
    let broken = parse_feed(broken.as_bytes(), &url).unwrap_or_else(|e| panic!("one bad item lost the feed: {e}"));
    for i in (0..ITEMS).filter(|i| *i != k) {
        assert!(
            broken
                .entries
                .iter()
                .any(|e| e.url.as_ref().map(url::Url::as_str) == Some(link(i).as_str()) && e.title == title(i)),
            "item {i} lost when item {k} was corrupted: {:?}",
            broken.entries.iter().map(|e| (&e.title, e.url.as_ref().map(|u| u.to_string()))).collect::<Vec<_>>()
        );
    }
});

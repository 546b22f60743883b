use super::*;

/// As NetNewsWire, Feedly and Inoreader write them: folders as outlines,
/// `text` and `title`, entities in addresses, a byte-order mark.
const READER_EXPORT: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>
<opml version=\"2.0\" xmlns:nnw=\"http://netnewswire.com/\">
<head><title>Subscriptions</title><expansionState>0,1</expansionState></head>
<body>
  <outline text=\"سياسة\" title=\"سياسة\">
    <outline type=\"rss\" text=\"خبرين » سياسة\" xmlUrl=\"https://khabarain.example/category/politics/feed/?a=1&amp;b=2\" htmlUrl=\"https://khabarain.example/\"/>
    <outline type=\"rss\" title=\"Only a title\" xmlUrl=\"https://other.example/rss\" nnw:extra=\"1\"/>
  </outline>
  <outline text=\"Tech\"><outline text=\"Sub\"><outline type=\"rss\" text=\"Deep\" xmlUrl=\"http://deep.example/feed\"/></outline></outline>
  <outline type=\"rss\" text=\"Top level\" xmlUrl=\"http://top.example/atom.xml\"/>
</body></opml>";

#[test]
fn a_readers_export_gives_every_feed_with_its_folder() {
    let feeds = parse(READER_EXPORT).expect("parses");
    let got: Vec<(&str, Option<&str>, Option<&str>)> = feeds
        .iter()
        .map(|f| (f.url.as_str(), f.title.as_deref(), f.section.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "https://khabarain.example/category/politics/feed/?a=1&b=2",
                Some("خبرين » سياسة"),
                Some("سياسة")
            ),
            (
                "https://other.example/rss",
                Some("Only a title"),
                Some("سياسة")
            ),
            ("http://deep.example/feed", Some("Deep"), Some("Sub")),
            ("http://top.example/atom.xml", Some("Top level"), None),
        ]
    );
}

#[test]
fn opml_1_0_is_read() {
    let feeds = parse(
        r#"<opml version="1.0"><head/><body><outline title="Tech"><outline type="rss" title="F" xmlUrl="http://b.example/rss"/></outline></body></opml>"#,
    )
    .expect("parses");
    assert_eq!(feeds.len(), 1);
    assert_eq!(feeds[0].section.as_deref(), Some("Tech"));
}

#[test]
fn a_bad_file_is_refused_whole_with_the_reason() {
    let cases = [
        ("<html><body>a page</body></html>", "not well-formed OPML"),
        ("", "not well-formed OPML"),
        (
            r#"<opml version="3.0"><body><outline text="F" xmlUrl="http://a/"/></body></opml>"#,
            "version",
        ),
        (
            r#"<opml version="2.0"><body><outline text="F" xmlUrl="http://a/"></body></opml>"#,
            "not well-formed OPML",
        ),
        (
            r#"<opml version="2.0"><body><outline text="Empty folder"/></body></opml>"#,
            "names no feed",
        ),
        (
            r#"<opml version="2.0"><body><outline text="Good" xmlUrl="http://a.example/"/><outline text="Evil" xmlUrl="javascript:alert(1)"/></body></opml>"#,
            "no web address",
        ),
        (
            r#"<opml version="2.0"><body><outline text="File" xmlUrl="file:///etc/passwd"/></body></opml>"#,
            "no web address",
        ),
    ];
    for (text, why) in cases {
        match parse(text) {
            Err(Error::BadOpml(m)) => assert!(m.contains(why), "{text}: {m}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    let many: String = (0..=MAX_FEEDS)
        .map(|i| format!(r#"<outline text="F{i}" xmlUrl="http://a.example/{i}"/>"#))
        .collect();
    let text = format!(r#"<opml version="2.0"><body>{many}</body></opml>"#);
    assert!(matches!(parse(&text), Err(Error::BadOpml(m)) if m.contains("more than")));
}

fn source(id: i64, url: &str, title: Option<&str>, section: Option<&str>) -> Source {
    Source {
        id,
        url: url.into(),
        title: title.map(str::to_string),
        category_slug: section.map(str::to_string),
        enabled: true,
        etag: None,
        last_modified: None,
        last_success_at: None,
        last_error: None,
        last_error_code: None,
        last_cut: false,
        encoding: None,
        pending_pages: 0,
    }
}

fn category(slug: &str, name: &str) -> Category {
    Category {
        slug: slug.into(),
        name: name.into(),
        url: None,
        unread: 0,
    }
}

#[test]
fn an_export_reads_back_as_the_same_sources_and_sections() {
    let categories = [category("politics", "سياسة"), category("world", "العالم")];
    let sources = [
        source(
            1,
            "http://k.example/category/politics/feed/",
            Some("خبرين » سياسة"),
            Some("politics"),
        ),
        source(
            2,
            "http://k.example/category/world/feed/?x=1&y=<2>",
            None,
            Some("world"),
        ),
        source(
            3,
            "http://other.example/feed",
            Some("Other & \"quoted\""),
            None,
        ),
        source(4, "http://gone.example/feed", None, Some("no-such-section")),
    ];
    let xml = export(&sources, &categories, "Wed, 02 Dec 2026 19:00:00 GMT").expect("writes");
    let back = parse(&xml).expect("reads back");
    let got: Vec<(&str, Option<&str>)> = back
        .iter()
        .map(|f| (f.url.as_str(), f.section.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("http://k.example/category/politics/feed/", Some("سياسة")),
            (
                "http://k.example/category/world/feed/?x=1&y=%3C2%3E",
                Some("العالم")
            ),
            ("http://other.example/feed", None),
            ("http://gone.example/feed", None),
        ]
    );
    assert_eq!(back[2].title.as_deref(), Some("Other & \"quoted\""));
    // Folder names map back to the app's sections.
    assert_eq!(
        section_slug(&categories, "سياسة").as_deref(),
        Some("politics")
    );
    assert_eq!(section_slug(&categories, "World").as_deref(), Some("world"));
    assert_eq!(section_slug(&categories, "Tech"), None);
}

//! What a sanitised body may hold, checked on the parsed markup (text that
//! only reads like markup, `&lt;script&gt;`, is text).

use scraper::Html;

const TAGS: &[&str] = &[
    "html", "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "strong", "b", "em", "i", "br", "q",
    "cite", "sub", "sup", "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img",
];

/// `pictures_by_address`: a body straight from extraction names its
/// pictures by their web address (they are bound to cached copies later).
pub fn assert_safe(body: &str, pictures_by_address: bool) {
    let doc = Html::parse_fragment(body);
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let e = el.value();
        assert!(TAGS.contains(&e.name()), "<{}> in {body}", e.name());
        for (name, value) in e.attrs() {
            match (e.name(), name) {
                (_, "dir") | ("a", "rel") | ("img", "alt") => {}
                ("img", "data-image") => assert!(
                    if pictures_by_address {
                        value.starts_with("http://") || value.starts_with("https://")
                    } else {
                        value.bytes().all(|b| b.is_ascii_hexdigit())
                    },
                    "data-image {value}"
                ),
                ("a", "href") => {
                    // As a browser reads it: the URL standard drops leading
                    // and trailing C0 controls and spaces before the scheme.
                    let lower = value.trim_matches(|c: char| c <= ' ').to_ascii_lowercase();
                    assert!(
                        ["http:", "https:", "mailto:"].iter().any(|s| lower.starts_with(s)),
                        "href {value} in {body}"
                    );
                }
                _ => panic!("attribute {name} on <{}> in {body}", e.name()),
            }
        }
    }
}

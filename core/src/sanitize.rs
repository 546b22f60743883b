//! The HTML allow-list. Every body stored, and so every byte the webview
//! renders from an article, passes through here: structure and links survive,
//! scripts, styles, event handlers, frames, forms and remote images do not.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use url::Url;

/// Sanitises article body HTML. Relative links are made absolute against the
/// page URL; only http(s) and mailto links are kept. Images keep no `src`:
/// the webview must never load anything from the network. An inline picture
/// is an `img` whose `data-image` names its URL until [`bind_images`] swaps
/// that for the hash of the cached copy.
pub fn sanitize_body(html: &str, page_url: &Url) -> String {
    builder()
        .url_relative(ammonia::UrlRelative::RewriteWithBase(page_url.clone()))
        .attribute_filter(links)
        .clean(html)
        .to_string()
}

/// Points every inline picture at its cached copy: `data-image` becomes the
/// image's SHA-256 (served by the app's image scheme). Pictures that were
/// not cached lose the attribute, and the UI drops them.
pub fn bind_images(html: &str, cached: &HashMap<String, String>) -> String {
    // The filter must own what it reads.
    let cached = cached.clone();
    builder()
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "data-image" {
                if is_sha256(value) {
                    return Some(value.into());
                }
                return cached.get(value).map(|h| h.clone().into());
            }
            links(element, attribute, value)
        })
        .clean(html)
        .to_string()
}

/// Sanitises a body that was stored before, coming back from outside (an
/// imported bookmarks file): the same allow-list, relative links dropped,
/// and a picture kept only if it names one of `pictures` (SHA-256 hashes of
/// the pictures that come with it).
pub fn sanitize_stored(html: &str, pictures: &HashSet<String>) -> String {
    let pictures = pictures.clone();
    builder()
        .url_relative(ammonia::UrlRelative::Deny)
        .attribute_filter(move |element, attribute, value| {
            if element == "img" && attribute == "data-image" {
                return pictures.contains(value).then(|| value.into());
            }
            links(element, attribute, value)
        })
        .clean(html)
        .to_string()
}

/// A `mailto:` link keeps only its addresses, subject and body
/// ([`crate::mailto`]); every other attribute value passes as it is.
fn links<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    let is_mailto = value
        .trim_start()
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
    if element == "a" && attribute == "href" && is_mailto {
        return crate::mailto::tidy(value).map(Cow::Owned);
    }
    Some(value.into())
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn builder() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = [
        "p",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "strong",
        "b",
        "em",
        "i",
        "br",
        "q",
        "cite",
        "sub",
        "sup",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "img",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    // Builder::empty() empties only the tags: the attribute lists are set
    // here in full, so no default (img src, among others) slips through.
    let attributes: HashMap<&str, HashSet<&str>> = HashMap::from([
        ("a", HashSet::from(["href"])),
        ("img", HashSet::from(["data-image", "alt"])),
    ]);
    let mut b = ammonia::Builder::empty();
    b.tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::from(["dir"]))
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer nofollow"))
        // An object's children are what a page shows where the object
        // cannot be (its fallback): the object goes, they stay.
        .clean_content_tags(
            [
                "script", "style", "iframe", "embed", "template", "noscript", "svg", "math",
                "form", "textarea", "select",
            ]
            .into_iter()
            .collect(),
        );
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://example.org/2026/11/a/").expect("url")
    }

    #[test]
    fn mail_links_keep_only_addresses_subject_and_body() {
        let dirty = r#"<p><a href="MAILTO:desk@example.com?subject=s&amp;attach=/etc/passwd&amp;bcc=spy@evil.example">بريد</a></p>"#;
        let stored = sanitize_body(dirty, &page());
        assert!(
            stored.contains(r#"href="mailto:desk@example.com?subject=s""#),
            "{stored}"
        );
        for bad in ["attach", "passwd", "bcc", "spy"] {
            assert!(!stored.contains(bad), "{bad} in {stored}");
        }
        // The same for a body coming back in an imported bookmarks file.
        let imported = sanitize_stored(dirty, &HashSet::new());
        assert!(!imported.contains("attach") && imported.contains("mailto:desk@example.com"));
    }

    #[test]
    fn scripts_handlers_and_dangerous_urls_are_removed() {
        let dirty = r#"<p onclick="x()">نص<script>alert(1)</script></p>
<a href="javascript:alert(1)">رابط</a><iframe src="https://evil"></iframe>
<img src="https://tracker/x.gif"><form><input></form><style>p{}</style>
<a href="data:text/html,hi">d</a>"#;
        let clean = sanitize_body(dirty, &page());
        for bad in [
            "script",
            "onclick",
            "javascript",
            "iframe",
            "src=",
            "tracker",
            "<form",
            "<input",
            "<style",
            "data:",
        ] {
            assert!(!clean.contains(bad), "{bad} leaked into {clean}");
        }
        assert!(clean.contains("<p>نص</p>"));
    }

    #[test]
    fn relative_links_become_absolute_and_get_rel() {
        let clean = sanitize_body(r#"<p><a href="/2026/11/b/">خبر</a></p>"#, &page());
        assert!(
            clean.contains(r#"href="https://example.org/2026/11/b/""#),
            "{clean}"
        );
        assert!(clean.contains("noopener"), "{clean}");
    }

    #[test]
    fn inline_pictures_are_bound_to_cached_copies_or_lose_their_address() {
        let html = sanitize_body(
            r#"<figure><img data-image="https://example.org/a.jpg" src="https://example.org/a.jpg" alt="صورة"><figcaption>شرح</figcaption></figure><img data-image="https://example.org/missing.jpg">"#,
            &page(),
        );
        assert!(!html.contains("src="), "{html}");
        let hash = "ab".repeat(32);
        let cached = HashMap::from([("https://example.org/a.jpg".to_string(), hash.clone())]);
        let bound = bind_images(&html, &cached);
        assert!(
            bound.contains(&format!(r#"<img data-image="{hash}" alt="صورة">"#)),
            "{bound}"
        );
        assert!(bound.contains("<figcaption>شرح</figcaption>"));
        assert!(!bound.contains("missing.jpg"), "{bound}");
        assert_eq!(
            bind_images(&bound, &HashMap::new()),
            bound,
            "binding is idempotent"
        );
    }

    #[test]
    fn structure_and_direction_survive() {
        let clean = sanitize_body(
            r#"<h2 dir="auto" class="x">عنوان</h2><blockquote>«قول»</blockquote>"#,
            &page(),
        );
        assert_eq!(
            clean,
            r#"<h2 dir="auto">عنوان</h2><blockquote>«قول»</blockquote>"#
        );
    }
}

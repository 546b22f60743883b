//! The HTML allow-list. Every body stored, and so every byte the webview
//! renders from an article, passes through here: structure and links survive,
//! scripts, styles, event handlers, frames, forms and remote images do not.

use std::collections::HashSet;

use url::Url;

/// Sanitises article body HTML. Relative links are made absolute against the
/// page URL; only http(s) and mailto links are kept. Images are dropped:
/// the webview must not load anything from the network, and inline images
/// are not cached yet (the lead image is, separately).
pub fn sanitize_body(html: &str, page_url: &Url) -> String {
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
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::empty()
        .tags(tags)
        .add_tag_attributes("a", ["href"])
        .add_generic_attributes(["dir"])
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::RewriteWithBase(page_url.clone()))
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean_content_tags(
            [
                "script", "style", "iframe", "object", "embed", "template", "noscript", "svg",
                "math", "form", "textarea", "select",
            ]
            .into_iter()
            .collect(),
        )
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Url {
        Url::parse("https://example.org/2026/11/a/").expect("url")
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
            "<img",
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

//! What a site's HTML pages tell about the site: the categories in its
//! navigation (the app's own navigation follows the seed page) and the feeds
//! it advertises with `<link rel="alternate">`.

use scraper::{Html, Selector};
use serde::Serialize;
use url::Url;

use crate::site_config::category_slug_from_path;
use crate::text::clean_text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NavCategory {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedLink {
    pub url: String,
    pub title: Option<String>,
    pub kind: &'static str,
}

/// Categories linked from the page's main navigation, in order. Links that
/// do not point at a category page of the same host are ignored.
pub fn nav_categories(html: &str, page_url: &Url) -> Vec<NavCategory> {
    let doc = Html::parse_document(html);
    let navs = Selector::parse("header nav a[href], nav a[href], .main-nav a[href], .menu a[href]")
        .expect("constant selector");
    let mut out: Vec<NavCategory> = Vec::new();
    for a in doc.select(&navs) {
        let Some(url) = a.value().attr("href").and_then(|h| page_url.join(h).ok()) else {
            continue;
        };
        if url.host_str() != page_url.host_str() {
            continue;
        }
        let Some(slug) = category_slug_from_path(url.path()) else {
            continue;
        };
        let name = clean_text(&a.text().collect::<String>());
        if name.is_empty() || out.iter().any(|c| c.slug == slug) {
            continue;
        }
        out.push(NavCategory {
            slug: slug.to_string(),
            name,
            url: url.to_string(),
        });
    }
    out
}

/// Feeds the page advertises, in document order.
pub fn feed_links(html: &str, page_url: &Url) -> Vec<FeedLink> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("link[rel~='alternate'][href]").expect("constant selector");
    doc.select(&sel)
        .filter_map(|l| {
            let kind = match l.value().attr("type")?.trim().to_ascii_lowercase().as_str() {
                "application/rss+xml" => "rss",
                "application/atom+xml" => "atom",
                "application/feed+json" | "application/json" => "json",
                _ => return None,
            };
            let url = page_url.join(l.value().attr("href")?.trim()).ok()?;
            matches!(url.scheme(), "http" | "https").then(|| FeedLink {
                url: url.to_string(),
                title: l.value().attr("title").map(clean_text),
                kind,
            })
        })
        .collect()
}

/// The feed to follow for an address a user typed: the address itself when
/// it is a feed, else the page's advertised feeds (RSS first, then Atom,
/// then JSON Feed).
pub async fn find_feed(fetcher: &crate::fetch::Fetcher, address: &str) -> crate::Result<FeedLink> {
    use crate::error::Error;
    use crate::fetch::{charset, FetchOutcome, Validators};

    let url = Url::parse(address.trim())
        .or_else(|_| Url::parse(&format!("https://{}", address.trim())))
        .map_err(|e| Error::InvalidInput(format!("not a web address '{address}': {e}")))?;
    // Read as a feed would be (a large feed is kept up to its limits); a
    // page is only searched for its feed links.
    let page = match fetcher.get_feed(&url, &Validators::default()).await? {
        FetchOutcome::Fetched(p) => p,
        FetchOutcome::NotModified => return Err(Error::NotFound(format!("no feed at {url}"))),
    };
    let body = charset::feed_to_utf8(&page.body, page.content_type.as_deref());
    if let Ok(feed) = crate::feed::parse_feed(&body, &page.final_url) {
        return Ok(FeedLink {
            url: page.final_url.to_string(),
            title: feed.title,
            kind: "feed",
        });
    }
    let html = charset::html_to_string(&page.body, page.content_type.as_deref());
    let mut links = feed_links(&html, &page.final_url);
    // The page's own feed before the site-wide one, then RSS, Atom, JSON.
    let page_path = page.final_url.path().to_string();
    links.sort_by_key(|l| {
        let own =
            page_path != "/" && Url::parse(&l.url).is_ok_and(|u| u.path().starts_with(&page_path));
        let format = match l.kind {
            "rss" => 0,
            "atom" => 1,
            _ => 2,
        };
        (!own, format)
    });
    links
        .into_iter()
        .next()
        .ok_or_else(|| Error::NotFound(format!("the page at {url} names no feed")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><head>
<link rel="alternate" type="application/rss+xml" title="خبرين » العالم" href="/category/world/feed/">
<link rel="alternate" type="application/atom+xml" href="/category/world/feed/atom/">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="stylesheet" href="/s.css">
</head><body><header><nav class="main-nav"><ul>
<li><a href="/">الرئيسية</a></li><li><a href="/category/news/">أخبار</a></li>
<li><a href="https://other.example/category/x/">خارجي</a></li><li><a href="/category/world/">العالم</a></li>
<li><a href="/category/news/">أخبار</a></li></ul></nav></header></body></html>"#;

    #[test]
    fn nav_gives_categories_in_order_without_duplicates_or_other_hosts() {
        let base = Url::parse("http://127.0.0.1:8/").expect("url");
        let cats = nav_categories(PAGE, &base);
        let names: Vec<_> = cats
            .iter()
            .map(|c| (c.slug.as_str(), c.name.as_str()))
            .collect();
        assert_eq!(names, vec![("news", "أخبار"), ("world", "العالم")]);
    }

    #[test]
    fn alternate_links_are_discovered() {
        let base = Url::parse("http://127.0.0.1:8/category/world/").expect("url");
        let feeds = feed_links(PAGE, &base);
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "http://127.0.0.1:8/category/world/feed/");
        assert_eq!(feeds[0].kind, "rss");
        assert_eq!(feeds[0].title.as_deref(), Some("خبرين » العالم"));
        assert_eq!(feeds[1].kind, "atom");
    }
}

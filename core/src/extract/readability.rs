//! The generic fallback for pages the site's rules do not fit: Mozilla's
//! Readability algorithm (the dom_smoothie port) finds the main text, which
//! then goes through the same body walk as a rules-found body, so both paths
//! yield the same fields in the same shape.

use url::Url;

/// What Readability found.
pub struct Found {
    pub content_html: String,
    pub excerpt: Option<String>,
    pub image: Option<String>,
    pub published: Option<String>,
}

pub fn find(html: &str, page_url: &Url) -> Option<Found> {
    // The classes stay on what it keeps, so the ad marks and the site's
    // rules still know its parts afterwards.
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..Default::default()
    };
    let mut reader =
        dom_smoothie::Readability::new(html, Some(page_url.as_str()), Some(config)).ok()?;
    let article = reader.parse().ok()?;
    Some(Found {
        content_html: article.content.to_string(),
        excerpt: article.excerpt,
        image: article.image,
        published: article.published_time,
    })
}

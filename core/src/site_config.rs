//! The one place that knows the خبرين site: its address, its categories and
//! where their feeds live. Everything else derives from a base URL, so
//! pointing the app at another copy of the site (the local fixture site, a
//! mirror) is a matter of changing `base_url`.
//!
//! The real site's address and feed paths could not be checked from the
//! machines this was written on (no internet); they follow the common
//! WordPress layout (`/category/<slug>/feed/`). Confirm them against the live
//! site and change them here only.

use url::Url;

use crate::error::{Error, Result};

/// Default address of the site. Overridden by `--base-url` or
/// `KHABARAIN_BASE_URL`.
pub const DEFAULT_BASE_URL: &str = "https://www.khabarain.com/";

/// The site's clock: a feed date that names no zone is read in the feed's
/// own zone (from another of its dates), else in this one. Arabic news
/// sites mostly publish on Arabia Standard Time (UTC+3).
pub const SITE_UTC_OFFSET_HOURS: i32 = 3;

pub fn site_zone() -> chrono::FixedOffset {
    use chrono::Offset;
    chrono::FixedOffset::east_opt(SITE_UTC_OFFSET_HOURS * 3600).unwrap_or(chrono::Utc.fix())
}

/// Environment variable that overrides the site address.
pub const BASE_URL_ENV: &str = "KHABARAIN_BASE_URL";

/// Environment variable that overrides the database file.
pub const DB_ENV: &str = "KHABARAIN_DB";

/// A category of the site, in navigation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CategoryDef {
    pub slug: &'static str,
    pub name: &'static str,
}

/// The site's categories as its navigation lists them (الرئيسية is the home
/// page and has no feed of its own). Used until the seed page has been read.
pub const CATEGORIES: &[CategoryDef] = &[
    CategoryDef {
        slug: "news",
        name: "أخبار",
    },
    CategoryDef {
        slug: "politics",
        name: "سياسة",
    },
    CategoryDef {
        slug: "business",
        name: "أعمال",
    },
    CategoryDef {
        slug: "sports",
        name: "رياضة",
    },
    CategoryDef {
        slug: "world",
        name: "العالم",
    },
    CategoryDef {
        slug: "technology",
        name: "تكنولوجيا",
    },
    CategoryDef {
        slug: "economy",
        name: "اقتصاد",
    },
    CategoryDef {
        slug: "health",
        name: "صحة",
    },
    CategoryDef {
        slug: "entertainment",
        name: "تسلية",
    },
];

/// Feed path of a category, relative to the base URL.
pub fn category_feed_path(slug: &str) -> String {
    format!("category/{slug}/feed/")
}

/// Page path of a category, relative to the base URL.
pub fn category_page_path(slug: &str) -> String {
    format!("category/{slug}/")
}

/// Which category a URL path such as `/category/world/` names.
pub fn category_slug_from_path(path: &str) -> Option<&str> {
    let rest = path.trim_matches('/').strip_prefix("category/")?;
    let slug = rest.split('/').next()?;
    (!slug.is_empty()).then_some(slug)
}

/// The site the app reads: a parsed, normalised base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub base_url: Url,
}

impl Site {
    /// Parses a base URL given by a user, a flag or the environment. Only
    /// http and https are accepted; a missing trailing slash is added so that
    /// relative paths resolve beneath it.
    pub fn parse(base: &str) -> Result<Self> {
        let mut url = Url::parse(base.trim())
            .map_err(|e| Error::InvalidInput(format!("not a valid address '{base}': {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!(
                "address must start with http:// or https://, got '{base}'"
            )));
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        url.set_query(None);
        url.set_fragment(None);
        Ok(Self { base_url: url })
    }

    /// The site from the environment, else the default.
    pub fn from_env_or_default() -> Result<Self> {
        match std::env::var(BASE_URL_ENV) {
            Ok(v) if !v.trim().is_empty() => Self::parse(&v),
            _ => Self::parse(DEFAULT_BASE_URL),
        }
    }

    pub fn join(&self, path: &str) -> Result<Url> {
        self.base_url
            .join(path)
            .map_err(|e| Error::InvalidInput(format!("bad path '{path}': {e}")))
    }

    /// The default sources: one feed per category.
    pub fn default_feeds(&self) -> Result<Vec<(CategoryDef, Url)>> {
        CATEGORIES
            .iter()
            .map(|c| Ok((*c, self.join(&category_feed_path(c.slug))?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_gets_trailing_slash_and_feeds_resolve_beneath_it() {
        let site = Site::parse("http://127.0.0.1:8080/mirror").expect("valid url");
        assert_eq!(site.base_url.as_str(), "http://127.0.0.1:8080/mirror/");
        let feeds = site.default_feeds().expect("feeds");
        assert_eq!(feeds.len(), CATEGORIES.len());
        assert_eq!(
            feeds[0].1.as_str(),
            "http://127.0.0.1:8080/mirror/category/news/feed/"
        );
    }

    #[test]
    fn rejects_non_http_addresses() {
        assert!(Site::parse("file:///etc/passwd").is_err());
        assert!(Site::parse("not a url").is_err());
    }

    #[test]
    fn category_slug_is_read_from_paths() {
        assert_eq!(category_slug_from_path("/category/world/"), Some("world"));
        assert_eq!(
            category_slug_from_path("/category/world/feed/"),
            Some("world")
        );
        assert_eq!(category_slug_from_path("/2026/11/x/"), None);
    }
}

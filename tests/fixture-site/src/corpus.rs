//! The site's articles, written for this project (data/articles.json).

use chrono::{DateTime, Utc};
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    P(String),
    H2(String),
    SeeAlso(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub slug: String,
    pub category: String,
    pub topic: String,
    pub published: DateTime<Utc>,
    pub title: String,
    pub title_repeat: String,
    pub original_title: String,
    pub summary: String,
    pub caption: String,
    pub credit: String,
    /// Lead image path, when not one of the shared static images.
    #[serde(default)]
    pub image: Option<String>,
    /// When the article was last changed, if after it was published.
    #[serde(default)]
    pub updated: Option<DateTime<Utc>>,
    /// Page path, when not the WordPress-style one.
    #[serde(default)]
    pub page_path: Option<String>,
    pub body: Vec<Block>,
    pub related: Vec<String>,
    /// Tags the feeds carry beside the section (an editor's «عاجل»).
    #[serde(default)]
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Corpus {
    pub categories: Vec<Category>,
    pub articles: Vec<Article>,
}

/// Number of distinct lead images in static/images; articles share them so
/// that the app's content-addressed image cache has duplicates to merge.
pub const IMAGE_COUNT: usize = 12;

impl Corpus {
    /// The bundled corpus. It is part of this crate, so a parse failure is a
    /// bug in the data, caught by this crate's tests.
    pub fn bundled() -> Self {
        serde_json::from_str(include_str!("../data/articles.json"))
            .expect("data/articles.json is valid (checked by the crate's tests)")
    }

    pub fn article(&self, slug: &str) -> Option<(usize, &Article)> {
        self.articles
            .iter()
            .enumerate()
            .find(|(_, a)| a.slug == slug)
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// Articles of a category, newest first.
    pub fn in_category(&self, slug: &str) -> Vec<(usize, &Article)> {
        let mut v: Vec<_> = self
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.category == slug)
            .collect();
        v.sort_by_key(|(_, a)| std::cmp::Reverse(a.published));
        v
    }

    /// All articles, newest first.
    pub fn newest(&self) -> Vec<(usize, &Article)> {
        let mut v: Vec<_> = self.articles.iter().enumerate().collect();
        v.sort_by_key(|(_, a)| std::cmp::Reverse(a.published));
        v
    }
}

impl Article {
    /// The page path, WordPress style.
    pub fn path(&self) -> String {
        self.page_path
            .clone()
            .unwrap_or_else(|| format!("/{}/{}/", self.published.format("%Y/%m"), self.slug))
    }

    /// WordPress-style guid: the same in every feed format.
    pub fn guid(&self, base: &str, index: usize) -> String {
        format!("{base}?p={}", 1000 + index)
    }

    pub fn image_file(index: usize) -> String {
        format!("img-{:02}.jpg", index % IMAGE_COUNT + 1)
    }
}

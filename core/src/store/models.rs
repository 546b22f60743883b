//! Rows as the rest of the app sees them. They serialise to the JSON the UI
//! receives, so field names here are part of the IPC contract.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Source {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub category_slug: Option<String>,
    pub enabled: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_success_at: Option<i64>,
    pub last_error: Option<String>,
    /// The last error's stable code (`core::Error::code`).
    pub last_error_code: Option<String>,
    /// The last read stopped at a limit (size or number of items); what
    /// came before it was kept.
    pub last_cut: bool,
    /// The encoding its feed was last read in.
    pub encoding: Option<String>,
    /// Its articles whose page is still to be read (they hold the feed's
    /// text until then).
    pub pending_pages: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub url: Option<String>,
    pub unread: i64,
}

/// A row of the article list.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub category_slug: Option<String>,
    pub category_label: Option<String>,
    pub published_at: Option<i64>,
    pub image: Option<String>,
    pub read: bool,
    pub bookmarked: bool,
    pub direction: String,
    /// The bookmark's note and tags (none when not bookmarked).
    pub note: Option<String>,
    pub tags: Vec<String>,
    /// The site marks it urgent.
    pub urgent: bool,
    /// In search results: what the query matched, in the original text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlight: Option<Highlight>,
    /// In the hidden view: the words of the rule that hid it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_by: Option<String>,
}

/// A search result's matches: the headline with its matching words marked,
/// and the best part of the summary, body or original headline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Highlight {
    pub title: Option<Vec<crate::search::Segment>>,
    pub snippet: Option<Vec<crate::search::Segment>>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoredLink {
    pub title: String,
    pub original_title: Option<String>,
    pub category: Option<String>,
    pub url: String,
    /// The stored article the link points at, when it is stored too.
    pub article_id: Option<i64>,
}

/// Everything the reading view shows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ArticleDetail {
    pub id: i64,
    /// None for an article whose feed item had no link.
    pub url: Option<String>,
    pub title: String,
    pub original_title: Option<String>,
    pub summary: String,
    pub body_html: String,
    pub direction: String,
    /// Content hash of the cached lead image; the UI asks the app's image
    /// scheme for it.
    pub image: Option<String>,
    pub image_caption: Option<String>,
    pub image_credit: Option<String>,
    pub category_slug: Option<String>,
    pub category_label: Option<String>,
    pub published_at: Option<i64>,
    pub read: bool,
    pub bookmarked: bool,
    /// Where the reader stopped, as a share of the article (0 to 1).
    pub position: f64,
    pub bookmark: Option<super::Bookmark>,
    pub see_also: Vec<StoredLink>,
    pub related: Vec<StoredLink>,
    /// Its authors and the feed's tags for it.
    pub authors: Vec<crate::feed::Person>,
    pub feed_tags: Vec<crate::feed::Tag>,
    /// Where the body came from (`page` or `feed`), if it has one.
    pub body_source: Option<super::BodySource>,
    /// The page is still to be read (it could not be at the last sync): the
    /// body is the feed's own text until then.
    pub page_pending: bool,
    /// The item's identity within its source, its source, and when the feed
    /// last said it changed (for the export).
    pub guid: String,
    pub source_id: Option<i64>,
    pub updated_at: Option<i64>,
}

/// The order of a list: newest published first, or (bookmarks) most
/// recently saved first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListSort {
    #[default]
    Published,
    Saved,
}

/// Which articles a list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub category: Option<String>,
    pub bookmarked_only: bool,
    pub unread_only: bool,
    /// Bookmarks carrying this tag.
    pub tag: Option<String>,
    /// Articles by this author (as the feed names them).
    pub author: Option<String>,
    /// Articles the feed filed under this category or tag.
    pub feed_tag: Option<String>,
    /// Published at or after this time (Unix seconds).
    pub since: Option<i64>,
    /// Published before this time.
    pub until: Option<i64>,
    /// The articles the reader's rules hide (and only them); every other
    /// list leaves them out.
    pub hidden: bool,
    /// Every article, hidden or not (the export, the tests' reading of the
    /// whole store).
    pub with_hidden: bool,
    pub sort: ListSort,
    /// A search: words (normalised and stemmed, all required), "phrases",
    /// the last word also as a prefix. Results come best match first.
    pub query: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

impl ListFilter {
    /// The one label a list is narrowed to: a bookmark tag, an author or a
    /// feed tag (a list is narrowed to one of them at most).
    pub fn narrowed_to(&self) -> Option<&str> {
        self.tag
            .as_deref()
            .or(self.author.as_deref())
            .or(self.feed_tag.as_deref())
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StoredImage {
    pub mime: String,
    pub bytes: Vec<u8>,
}

//! The two APIs an account can be on, behind what one sync needs of them:
//! the feeds, the items changed since the last sync, and setting read and
//! starred states and subscriptions (each a state set, safe to send twice).

use std::collections::{HashMap, HashSet};

use url::Url;

use super::{greader, miniflux};
use crate::error::Result;
use crate::feed::FeedEntry;

/// A feed as the server lists it.
pub struct RemoteFeed {
    /// The server's id of it (Miniflux's number, a Google Reader stream id).
    pub id: String,
    pub url: String,
    pub title: String,
    pub folder: Option<String>,
    /// The server keeps each entry's full text, scraped from its page
    /// (Miniflux's "fetch original content"), so the page need not be read.
    pub full_text: bool,
}

/// An item the server holds, with its state there.
pub struct RemoteItem {
    pub id: i64,
    pub feed_id: String,
    pub entry: FeedEntry,
    pub read: bool,
    pub starred: bool,
    /// When the server last changed it (Unix seconds), where it says.
    pub changed_at: Option<i64>,
}

pub struct Changes {
    pub items: Vec<RemoteItem>,
    /// Where the next sync starts.
    pub cursor: Option<i64>,
}

#[allow(async_fn_in_trait)]
pub trait Server {
    async fn feeds(&self) -> Result<Vec<RemoteFeed>>;
    async fn subscribe(&self, url: &str, folder: Option<&str>) -> Result<()>;
    async fn unsubscribe(&self, url: &str) -> Result<()>;
    /// Items new or changed since `cursor`; `known` are the items already
    /// stored here (server id → article).
    async fn changes(&self, cursor: Option<i64>, known: &HashMap<i64, i64>) -> Result<Changes>;
    async fn set_read(&self, id: i64, read: bool) -> Result<()>;
    async fn set_starred(&self, id: i64, starred: bool) -> Result<()>;
    /// Requests made so far.
    fn requests(&self) -> usize;
    /// Bytes of answers read so far.
    fn bytes_read(&self) -> u64;
}

/// A server item as a feed entry: its link is the page the app reads, its
/// text the body where it has no page.
fn entry(
    url: &str,
    fallback_guid: String,
    title: &str,
    content: &str,
    published: Option<chrono::DateTime<chrono::Utc>>,
) -> FeedEntry {
    let url = Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    FeedEntry {
        guid: url.as_ref().map(|u| u.to_string()).unwrap_or(fallback_guid),
        url,
        title: crate::text::clean_text(title),
        summary: String::new(),
        content_html: (!content.is_empty()).then(|| content.to_string()),
        published,
        updated: None,
        authors: Vec::new(),
        tags: Vec::new(),
    }
}

impl Server for miniflux::Client {
    async fn feeds(&self) -> Result<Vec<RemoteFeed>> {
        Ok(miniflux::Client::feeds(self)
            .await?
            .into_iter()
            .map(|f| RemoteFeed {
                id: f.id.to_string(),
                url: f.feed_url,
                title: f.title,
                folder: f.category.map(|c| c.title),
                full_text: f.crawler,
            })
            .collect())
    }

    async fn subscribe(&self, url: &str, folder: Option<&str>) -> Result<()> {
        let category = self.category(folder.unwrap_or("All")).await?;
        miniflux::Client::subscribe(self, url, category.id, false)
            .await
            .map(|_| ())
    }

    async fn unsubscribe(&self, url: &str) -> Result<()> {
        for f in miniflux::Client::feeds(self).await? {
            if f.feed_url == url {
                miniflux::Client::unsubscribe(self, f.id).await?;
            }
        }
        Ok(())
    }

    async fn changes(&self, cursor: Option<i64>, _known: &HashMap<i64, i64>) -> Result<Changes> {
        let mut entries: Vec<miniflux::Entry> = Vec::new();
        let mut server_time = None;
        loop {
            let page = self
                .entries(&miniflux::EntryQuery {
                    changed_after: cursor,
                    after_entry_id: entries.last().map(|e| e.id),
                    limit: miniflux::MAX_PAGE,
                    ..Default::default()
                })
                .await?;
            server_time = server_time.or(page.server_time);
            let got = page.entries.len();
            entries.extend(page.entries);
            if got < miniflux::MAX_PAGE as usize {
                break;
            }
        }
        // The next sync asks for what changed after the server's clock when
        // this one asked, less two seconds for changes still being written
        // then (the server dates a change when its transaction began).
        // Anchored at the time of asking, not at the last change seen, so
        // a warm sync does not read again the last burst of a refresh.
        let cursor = server_time.map(|t| t - 2).or_else(|| {
            entries
                .iter()
                .filter_map(|e| e.changed_at.map(|t| t.timestamp() - 1))
                .max()
                .or(cursor)
        });
        let items = entries
            .into_iter()
            .filter(|e| e.status != "removed")
            .map(|e| RemoteItem {
                id: e.id,
                feed_id: e.feed_id.to_string(),
                entry: entry(
                    &e.url,
                    format!("miniflux:{}", e.hash),
                    &e.title,
                    &e.content,
                    e.published_at,
                ),
                read: e.status == "read",
                starred: e.starred,
                changed_at: e.changed_at.map(|t| t.timestamp()),
            })
            .collect();
        Ok(Changes { items, cursor })
    }

    async fn set_read(&self, id: i64, read: bool) -> Result<()> {
        miniflux::Client::set_read(self, &[id], read).await
    }

    async fn set_starred(&self, id: i64, starred: bool) -> Result<()> {
        miniflux::Client::set_starred(self, id, starred).await
    }

    fn requests(&self) -> usize {
        miniflux::Client::requests(self)
    }

    fn bytes_read(&self) -> u64 {
        miniflux::Client::bytes_read(self)
    }
}

impl Server for greader::Client {
    async fn feeds(&self) -> Result<Vec<RemoteFeed>> {
        Ok(self
            .subscriptions()
            .await?
            .into_iter()
            .map(|s| RemoteFeed {
                id: s.id,
                url: s.url,
                title: s.title,
                folder: s
                    .categories
                    .into_iter()
                    .map(|c| c.label)
                    .find(|l| !l.is_empty()),
                // The protocol does not say whether the content is whole.
                full_text: false,
            })
            .collect())
    }

    async fn subscribe(&self, url: &str, folder: Option<&str>) -> Result<()> {
        greader::Client::subscribe(self, url, folder).await
    }

    async fn unsubscribe(&self, url: &str) -> Result<()> {
        for s in self.subscriptions().await? {
            if s.url == url {
                greader::Client::unsubscribe(self, &s.id).await?;
            }
        }
        Ok(())
    }

    /// Items not stored here yet, and the state of every item stored here,
    /// from id lists: all items, unread, starred (ids only, a thousand to a
    /// request: the only way this API tells changes). `ot` is no help: the
    /// servers read it as a publication date, and a feed subscribed today
    /// brings items published last month. Only new items' contents are
    /// asked for.
    async fn changes(&self, _cursor: Option<i64>, known: &HashMap<i64, i64>) -> Result<Changes> {
        let started = chrono::Utc::now().timestamp();
        let new_ids: Vec<i64> = self
            .item_ids(greader::READING_LIST, None, None)
            .await?
            .into_iter()
            .filter(|id| !known.contains_key(id))
            .collect();
        let unread: HashSet<i64> = self
            .item_ids(greader::READING_LIST, None, Some(greader::READ))
            .await?
            .into_iter()
            .collect();
        let starred: HashSet<i64> = self
            .item_ids(greader::STARRED, None, None)
            .await?
            .into_iter()
            .collect();
        let mut items: Vec<RemoteItem> = self
            .items(&new_ids)
            .await?
            .into_iter()
            .filter_map(|i| {
                let id = i.number()?;
                let content = i
                    .content
                    .as_ref()
                    .map(|c| c.content.as_str())
                    .unwrap_or(&i.summary.content);
                Some(RemoteItem {
                    id,
                    feed_id: i
                        .origin
                        .as_ref()
                        .map(|o| o.stream_id.clone())
                        .unwrap_or_default(),
                    entry: entry(
                        i.link().unwrap_or_default(),
                        format!("greader:{id}"),
                        &i.title,
                        content,
                        chrono::DateTime::from_timestamp(i.published, 0),
                    ),
                    read: !unread.contains(&id),
                    starred: starred.contains(&id),
                    changed_at: None,
                })
            })
            .collect();
        // Items stored here already: their state now.
        items.extend(known.keys().map(|&id| RemoteItem {
            id,
            feed_id: String::new(),
            entry: entry("", String::new(), "", "", None),
            read: !unread.contains(&id),
            starred: starred.contains(&id),
            changed_at: None,
        }));
        Ok(Changes {
            items,
            cursor: Some(started),
        })
    }

    async fn set_read(&self, id: i64, read: bool) -> Result<()> {
        self.edit_tag(&[id], greader::READ, read).await
    }

    async fn set_starred(&self, id: i64, starred: bool) -> Result<()> {
        self.edit_tag(&[id], greader::STARRED, starred).await
    }

    fn requests(&self) -> usize {
        greader::Client::requests(self)
    }

    fn bytes_read(&self) -> u64 {
        greader::Client::bytes_read(self)
    }
}

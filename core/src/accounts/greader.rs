//! The Google Reader API, as FreshRSS, Miniflux, Inoreader, The Old Reader
//! and BazQux serve it: ClientLogin, then item ids by stream (with `ot`
//! for "changed since" and continuation tokens), item contents by id, and
//! `edit-tag` for read and starred. No maintained Rust crate speaks it, so
//! the calls are here, over the shared HTTP rules of `http.rs`.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde::Deserialize;
use url::Url;

use super::http::{self, NOT_A_READER_SERVER};
use crate::error::{Error, Result};

pub const READING_LIST: &str = "user/-/state/com.google/reading-list";
pub const READ: &str = "user/-/state/com.google/read";
pub const STARRED: &str = "user/-/state/com.google/starred";
/// Ids asked for per request; servers cap `n` around 1,000 to 10,000.
const IDS_PER_PAGE: u32 = 1000;
/// Items per contents request (kept under URL and form limits).
const ITEMS_PER_REQUEST: usize = 250;

#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    auth: String,
    requests: Arc<AtomicUsize>,
    /// Bytes of this server's answers read so far.
    read: Arc<AtomicU64>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "greader::Client({})", self.base)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct Subscription {
    /// `feed/…`: the stream id the server gives the feed.
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// The feed's address.
    #[serde(default)]
    pub url: String,
    #[serde(default, rename = "htmlUrl")]
    pub html_url: String,
    #[serde(default)]
    pub categories: Vec<Label>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    pub id: String,
    #[serde(default)]
    pub label: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Link {
    pub href: String,
}

#[derive(Debug, Clone, Deserialize, Default)]
pub struct Text {
    #[serde(default)]
    pub content: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Origin {
    #[serde(default, rename = "streamId")]
    pub stream_id: String,
    #[serde(default)]
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    #[serde(default)]
    pub title: String,
    /// Unix seconds.
    #[serde(default)]
    pub published: i64,
    #[serde(default)]
    pub canonical: Vec<Link>,
    #[serde(default)]
    pub alternate: Vec<Link>,
    #[serde(default)]
    pub summary: Text,
    #[serde(default)]
    pub content: Option<Text>,
    /// Labels and states (`user/-/state/com.google/read`…), as the server
    /// writes them (`user/<id>/…` or `user/-/…`).
    #[serde(default)]
    pub categories: Vec<String>,
    pub origin: Option<Origin>,
}

impl Item {
    pub fn number(&self) -> Option<i64> {
        item_number(&self.id)
    }

    pub fn link(&self) -> Option<&str> {
        self.canonical
            .first()
            .or(self.alternate.first())
            .map(|l| l.href.as_str())
    }

    fn has_state(&self, state: &str) -> bool {
        let tail = state.trim_start_matches("user/-/");
        self.categories
            .iter()
            .any(|c| c.ends_with(tail) && c.starts_with("user/"))
    }

    pub fn is_read(&self) -> bool {
        self.has_state(READ)
    }

    pub fn is_starred(&self) -> bool {
        self.has_state(STARRED)
    }
}

/// An item id in either form the API uses: `tag:google.com,2005:reader/
/// item/<16 hex digits>` or the decimal number.
pub fn item_number(id: &str) -> Option<i64> {
    match id.rsplit_once("/item/") {
        Some((_, hex)) => u64::from_str_radix(hex, 16).ok().map(|n| n as i64),
        None => id.parse().ok(),
    }
}

#[derive(Deserialize)]
struct Subscriptions {
    subscriptions: Vec<Subscription>,
}

#[derive(Deserialize)]
struct ItemRef {
    id: String,
}

#[derive(Deserialize)]
struct IdPage {
    #[serde(default, rename = "itemRefs")]
    item_refs: Option<Vec<ItemRef>>,
    continuation: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ItemPage {
    #[serde(default)]
    items: Vec<Item>,
}

impl Client {
    /// Logs in with the API's user name and password (ClientLogin).
    pub async fn login(
        address: &str,
        user: &str,
        password: &str,
        timeout: Duration,
    ) -> Result<Self> {
        let http = http::client(timeout)?;
        let base = http::server_url(address)?;
        let url = base
            .join("accounts/ClientLogin")
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let resp = http
            .post(url.clone())
            .form(&[("Email", user), ("Passwd", password)])
            .send()
            .await
            .map_err(|e| http::unanswered(&url, e))?;
        let read = Arc::new(AtomicU64::new(0));
        let body = http::body(&url, resp, &read).await?;
        let text = String::from_utf8_lossy(&body);
        let auth = text
            .lines()
            .find_map(|l| l.strip_prefix("Auth="))
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .ok_or_else(|| Error::Server {
                code: NOT_A_READER_SERVER,
                message: format!("{url} did not answer as a Google Reader API"),
            })?;
        Ok(Self {
            http,
            base,
            auth,
            requests: Arc::new(AtomicUsize::new(1)),
            read,
        })
    }

    /// Requests sent so far (the login included).
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Bytes of answers read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    fn url(&self, path: &str) -> Result<Url> {
        self.requests.fetch_add(1, Ordering::Relaxed);
        self.base
            .join(path)
            .map_err(|e| Error::InvalidInput(e.to_string()))
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        let url = self.url(path)?;
        let resp = self
            .http
            .get(url.clone())
            .header("Authorization", format!("GoogleLogin auth={}", self.auth))
            .send()
            .await
            .map_err(|e| http::unanswered(&url, e))?;
        http::json(&url, resp, &self.read).await
    }

    /// The write token (`T`), asked for before each batch of changes.
    async fn token(&self) -> Result<String> {
        let url = self.url("reader/api/0/token")?;
        let resp = self
            .http
            .get(url.clone())
            .header("Authorization", format!("GoogleLogin auth={}", self.auth))
            .send()
            .await
            .map_err(|e| http::unanswered(&url, e))?;
        let body = http::body(&url, resp, &self.read).await?;
        Ok(String::from_utf8_lossy(&body).trim().to_string())
    }

    async fn post(&self, path: &str, form: &[(&str, String)]) -> Result<Vec<u8>> {
        let url = self.url(path)?;
        let mut fields: Vec<(&str, String)> = vec![("T", self.token().await?)];
        fields.extend(form.iter().cloned());
        let resp = self
            .http
            .request(Method::POST, url.clone())
            .header("Authorization", format!("GoogleLogin auth={}", self.auth))
            .form(&fields)
            .send()
            .await
            .map_err(|e| http::unanswered(&url, e))?;
        http::body(&url, resp, &self.read).await
    }

    pub async fn subscriptions(&self) -> Result<Vec<Subscription>> {
        Ok(self
            .get::<Subscriptions>("reader/api/0/subscription/list?output=json")
            .await?
            .subscriptions)
    }

    /// Ids of a stream's items, newest first: only those changed since
    /// `since` (Unix seconds) when given, without those in `exclude`.
    pub async fn item_ids(
        &self,
        stream: &str,
        since: Option<i64>,
        exclude: Option<&str>,
    ) -> Result<Vec<i64>> {
        let enc = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let mut ids = Vec::new();
        let mut continuation: Option<String> = None;
        loop {
            let mut path = format!(
                "reader/api/0/stream/items/ids?output=json&s={}&n={IDS_PER_PAGE}",
                enc(stream)
            );
            if let Some(t) = since {
                path.push_str(&format!("&ot={t}"));
            }
            if let Some(x) = exclude {
                path.push_str(&format!("&xt={}", enc(x)));
            }
            if let Some(c) = &continuation {
                path.push_str(&format!("&c={}", enc(c)));
            }
            let page: IdPage = self.get(&path).await?;
            let refs = page.item_refs.unwrap_or_default();
            let got = refs.len();
            ids.extend(refs.iter().filter_map(|r| item_number(&r.id)));
            continuation = page
                .continuation
                .map(|c| match c {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                })
                .filter(|c| !c.is_empty() && c != "null");
            if continuation.is_none() || got == 0 {
                break;
            }
        }
        Ok(ids)
    }

    /// The items of these ids, in batches.
    pub async fn items(&self, ids: &[i64]) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(ids.len());
        for batch in ids.chunks(ITEMS_PER_REQUEST) {
            let form: Vec<(&str, String)> = batch.iter().map(|id| ("i", id.to_string())).collect();
            let body = self
                .post("reader/api/0/stream/items/contents?output=json", &form)
                .await?;
            let page: ItemPage = serde_json::from_slice(&body).map_err(|e| Error::Server {
                code: NOT_A_READER_SERVER,
                message: format!("{} did not answer as a Google Reader API: {e}", self.base),
            })?;
            out.extend(page.items);
        }
        Ok(out)
    }

    /// Adds or removes a state (read, starred) on items: setting it, so
    /// sending it twice is the same as once.
    pub async fn edit_tag(&self, ids: &[i64], state: &str, on: bool) -> Result<()> {
        for batch in ids.chunks(ITEMS_PER_REQUEST) {
            let mut form: Vec<(&str, String)> =
                batch.iter().map(|id| ("i", id.to_string())).collect();
            form.push((if on { "a" } else { "r" }, state.to_string()));
            self.post("reader/api/0/edit-tag", &form).await?;
        }
        Ok(())
    }

    /// Subscribes to a feed, into a folder.
    pub async fn subscribe(&self, feed_url: &str, folder: Option<&str>) -> Result<()> {
        let mut form = vec![
            ("ac", "subscribe".to_string()),
            ("s", format!("feed/{feed_url}")),
        ];
        if let Some(f) = folder {
            form.push(("a", format!("user/-/label/{f}")));
        }
        self.post("reader/api/0/subscription/edit", &form)
            .await
            .map(|_| ())
    }

    /// Unsubscribes from a feed, by its stream id (`feed/…`).
    pub async fn unsubscribe(&self, stream_id: &str) -> Result<()> {
        let form = vec![
            ("ac", "unsubscribe".to_string()),
            ("s", stream_id.to_string()),
        ];
        self.post("reader/api/0/subscription/edit", &form)
            .await
            .map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_are_read_in_both_forms() {
        assert_eq!(
            item_number("tag:google.com,2005:reader/item/000000000000001f"),
            Some(31)
        );
        assert_eq!(item_number("31"), Some(31));
        assert_eq!(item_number("tag:google.com,2005:reader/item/zz"), None);
    }
}

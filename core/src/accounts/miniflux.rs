//! Miniflux's own REST API (`/v1/`): the thin client the account sync uses.
//! No maintained Rust crate for it exists on crates.io that fits (the one
//! published is a few calls deep and untouched for years), so the calls are
//! written here over reqwest, with the shared limits and error words of
//! `http.rs`.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::{Deserialize, Serialize};
use url::Url;

use super::http;
use crate::error::{Error, Result};

/// How the client proves who it is.
#[derive(Clone)]
pub enum Auth {
    /// An API key made in Miniflux's settings (sent as `X-Auth-Token`).
    Token(String),
    Password {
        user: String,
        password: String,
    },
}

impl std::fmt::Debug for Auth {
    // Never a secret in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::Token(_) => f.write_str("Token(…)"),
            Auth::Password { user, .. } => write!(f, "Password({user}, …)"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    base: Url,
    auth: Auth,
    requests: Arc<AtomicUsize>,
    /// Bytes of this server's answers read so far.
    read: Arc<AtomicU64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Me {
    pub id: i64,
    pub username: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
pub struct Category {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Feed {
    pub id: i64,
    pub feed_url: String,
    #[serde(default)]
    pub site_url: String,
    #[serde(default)]
    pub title: String,
    pub category: Option<Category>,
    #[serde(default)]
    pub crawler: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Entry {
    pub id: i64,
    pub feed_id: i64,
    /// "read", "unread" or "removed".
    pub status: String,
    #[serde(default)]
    pub hash: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub author: String,
    pub published_at: Option<DateTime<Utc>>,
    pub changed_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub starred: bool,
    pub feed: Option<Feed>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct EntryPage {
    pub total: i64,
    pub entries: Vec<Entry>,
    /// The server's clock when it answered (its `Date` header, Unix
    /// seconds).
    #[serde(skip)]
    pub server_time: Option<i64>,
}

/// Which entries to list, in the order of their ids: pages follow one
/// another by the last id seen (`after_entry_id`), which, unlike an offset
/// over a sort with ties (a whole refresh shares one change time), neither
/// skips nor repeats an entry.
#[derive(Debug, Clone, Default)]
pub struct EntryQuery {
    /// Only those changed (created, read, starred…) after this time.
    pub changed_after: Option<i64>,
    /// Only those with a larger id.
    pub after_entry_id: Option<i64>,
    pub starred: Option<bool>,
    pub status: Option<&'static str>,
    pub limit: u32,
}

#[derive(Deserialize)]
struct Created {
    feed_id: i64,
}

/// The most entries Miniflux gives in one answer.
pub const MAX_PAGE: u32 = 1000;

impl Client {
    pub fn new(address: &str, auth: Auth, timeout: Duration) -> Result<Self> {
        Ok(Self {
            http: http::client(timeout)?,
            base: http::server_url(address)?,
            auth,
            requests: Arc::default(),
            read: Arc::default(),
        })
    }

    /// Requests sent so far.
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// Bytes of answers read so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    pub fn base(&self) -> &Url {
        &self.base
    }

    fn url(&self, path: &str) -> Result<Url> {
        self.base
            .join(path)
            .map_err(|e| Error::InvalidInput(e.to_string()))
    }

    fn request(&self, method: Method, url: &Url) -> RequestBuilder {
        let r = self.http.request(method, url.clone());
        match &self.auth {
            Auth::Token(t) => r.header("X-Auth-Token", t),
            Auth::Password { user, password } => r.basic_auth(user, Some(password)),
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<(Url, reqwest::Response)> {
        let url = self.url(path)?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        let mut r = self.request(method, &url);
        if let Some(b) = body {
            r = r
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(b.to_string());
        }
        let resp = r.send().await.map_err(|e| http::unanswered(&url, e))?;
        Ok((url, resp))
    }

    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str) -> Result<T> {
        let (url, resp) = self.send(Method::GET, path, None).await?;
        http::json(&url, resp, &self.read).await
    }

    /// Who the server says we are: the connection test.
    pub async fn me(&self) -> Result<Me> {
        self.get("v1/me").await
    }

    pub async fn categories(&self) -> Result<Vec<Category>> {
        self.get("v1/categories").await
    }

    /// The category of this title, made when the server has none.
    pub async fn category(&self, title: &str) -> Result<Category> {
        if let Some(c) = self
            .categories()
            .await?
            .into_iter()
            .find(|c| c.title == title)
        {
            return Ok(c);
        }
        let (url, resp) = self
            .send(
                Method::POST,
                "v1/categories",
                Some(&serde_json::json!({ "title": title })),
            )
            .await?;
        http::json(&url, resp, &self.read).await
    }

    pub async fn feeds(&self) -> Result<Vec<Feed>> {
        self.get("v1/feeds").await
    }

    /// Subscribes; a feed the server has already is found, not an error
    /// (so sending the same subscription twice changes nothing).
    pub async fn subscribe(&self, feed_url: &str, category_id: i64, crawler: bool) -> Result<i64> {
        let body = serde_json::json!({ "feed_url": feed_url, "category_id": category_id, "crawler": crawler });
        let (url, resp) = self.send(Method::POST, "v1/feeds", Some(&body)).await?;
        if resp.status() == StatusCode::BAD_REQUEST {
            // "This feed already exists", or a feed it cannot read.
            let said = http::body(&url, resp, &self.read)
                .await
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            if let Some(f) = self
                .feeds()
                .await?
                .into_iter()
                .find(|f| f.feed_url == feed_url)
            {
                return Ok(f.id);
            }
            return Err(Error::Server {
                code: http::SERVER_ERROR,
                message: format!("{url} would not subscribe to {feed_url}: {said}"),
            });
        }
        Ok(http::json::<Created>(&url, resp, &self.read).await?.feed_id)
    }

    /// Unsubscribes; a feed already gone is no error.
    pub async fn unsubscribe(&self, feed_id: i64) -> Result<()> {
        let (url, resp) = self
            .send(Method::DELETE, &format!("v1/feeds/{feed_id}"), None)
            .await?;
        if resp.status() == StatusCode::NOT_FOUND {
            return Ok(());
        }
        http::body(&url, resp, &self.read).await.map(|_| ())
    }

    /// Asks the server to fetch a feed now.
    pub async fn refresh(&self, feed_id: i64) -> Result<()> {
        let (url, resp) = self
            .send(Method::PUT, &format!("v1/feeds/{feed_id}/refresh"), None)
            .await?;
        http::body(&url, resp, &self.read).await.map(|_| ())
    }

    pub async fn entries(&self, q: &EntryQuery) -> Result<EntryPage> {
        let mut path = format!(
            "v1/entries?order=id&direction=asc&limit={}",
            q.limit.clamp(1, MAX_PAGE)
        );
        if let Some(t) = q.changed_after {
            path.push_str(&format!("&changed_after={t}"));
        }
        if let Some(id) = q.after_entry_id {
            path.push_str(&format!("&after_entry_id={id}"));
        }
        if let Some(s) = q.starred {
            path.push_str(&format!("&starred={s}"));
        }
        if let Some(s) = q.status {
            path.push_str(&format!("&status={s}"));
        }
        let (url, resp) = self.send(Method::GET, &path, None).await?;
        let server_time = resp
            .headers()
            .get(reqwest::header::DATE)
            .and_then(|d| d.to_str().ok())
            .and_then(|d| chrono::DateTime::parse_from_rfc2822(d).ok())
            .map(|d| d.timestamp());
        let mut page: EntryPage = http::json(&url, resp, &self.read).await?;
        page.server_time = server_time;
        Ok(page)
    }

    pub async fn entry(&self, id: i64) -> Result<Entry> {
        self.get(&format!("v1/entries/{id}")).await
    }

    /// Marks entries read or unread: setting a state, so sending it twice
    /// is the same as once.
    pub async fn set_read(&self, ids: &[i64], read: bool) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let body =
            serde_json::json!({ "entry_ids": ids, "status": if read { "read" } else { "unread" } });
        let (url, resp) = self.send(Method::PUT, "v1/entries", Some(&body)).await?;
        http::body(&url, resp, &self.read).await.map(|_| ())
    }

    /// Stars or unstars an entry. Miniflux only toggles, so the entry's
    /// state is read first: asking twice for a star stars once.
    pub async fn set_starred(&self, id: i64, starred: bool) -> Result<()> {
        if self.entry(id).await?.starred == starred {
            return Ok(());
        }
        let (url, resp) = self
            .send(Method::PUT, &format!("v1/entries/{id}/bookmark"), None)
            .await?;
        http::body(&url, resp, &self.read).await.map(|_| ())
    }
}

//! HTTP client policy: timeouts and an overall time budget per document,
//! size caps on every body (measured after decompression, so a gzip bomb is
//! cut off), and conditional GET. A page or a picture over its cap is
//! refused; a feed over its cap is kept up to it (the items read so far),
//! with any one text cut at a stated size as it streams in (`cutter`).

pub mod charset;
mod codepages;
mod cutter;
pub mod own_network;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use url::Url;

use crate::error::{Error, Result};

/// Redirects followed for one request.
const MAX_REDIRECTS: usize = 5;

/// Limits that every request obeys.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// A feed is kept up to this many bytes (after long texts are cut)…
    pub max_feed_bytes: u64,
    /// …and read up to this many (a feed past it is kept as far as it got).
    pub max_feed_read_bytes: u64,
    /// Any one text of a feed (a description, a content) is cut at this
    /// many bytes, with a mark where it was cut.
    pub max_feed_text_bytes: usize,
    pub max_page_bytes: u64,
    pub max_image_bytes: u64,
    pub user_agent: String,
    /// Requests in flight at once, in all.
    pub max_connections: usize,
    /// Requests in flight at once to one host: politeness to the site.
    pub max_per_host: usize,
    /// Further attempts after a timeout or a 5xx/429 answer.
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// The longest one document may take, retries and waits included: a
    /// hanging server costs this once, not timeout × attempts.
    pub budget: Duration,
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_feed_bytes: 8 * 1024 * 1024,
            max_feed_read_bytes: 64 * 1024 * 1024,
            max_feed_text_bytes: 256 * 1024,
            max_page_bytes: 4 * 1024 * 1024,
            max_image_bytes: 10 * 1024 * 1024,
            user_agent: format!("KhabarainReader/{}", env!("CARGO_PKG_VERSION")),
            max_connections: 16,
            max_per_host: 6,
            retries: 2,
            backoff: Duration::from_millis(500),
            budget: Duration::from_secs(60),
        }
    }
}

/// Validators remembered from the last response, sent back so an unchanged
/// document costs a 304 and no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Not sent: the SHA-256 of the last body that was fully processed, for
    /// servers that send no validators.
    pub content_hash: Option<String>,
}

#[derive(Debug)]
pub struct Fetched {
    pub body: Bytes,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub final_url: Url,
    /// The address the server says the body is at (`Content-Location`),
    /// resolved: what relative links in it are relative to.
    pub content_location: Option<Url>,
    /// The body was kept only up to a limit, or a text in it was cut.
    pub cut: bool,
    /// The body was kept only up to a limit: what came after it is lost.
    pub truncated: bool,
}

/// What becomes of a body larger than allowed.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// Refused (`TooLarge`): a page or a picture is whole or useless.
    Refuse(u64),
    /// Kept up to `kept` bytes, read up to `read`, any one text cut at
    /// `text` bytes: a feed's items before a limit are worth having.
    Cut { kept: u64, read: u64, text: usize },
}

#[derive(Debug)]
pub enum FetchOutcome {
    NotModified,
    Fetched(Box<Fetched>),
}

#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    /// The same, connecting to public addresses only (`own_network`).
    public: reqwest::Client,
    /// Requests go through `public`: this fetcher works for a source on
    /// the public internet.
    public_only: bool,
    pub policy: FetchPolicy,
    limits: Arc<Limits>,
}

#[derive(Debug)]
struct Limits {
    total: Arc<Semaphore>,
    per_host: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Limits {
    fn host(&self, url: &Url, permits: usize) -> Arc<Semaphore> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or(0)
        );
        let mut map = self.per_host.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(permits.max(1))))
            .clone()
    }
}

impl Fetcher {
    pub fn new(policy: FetchPolicy) -> Result<Self> {
        let builder = || {
            reqwest::Client::builder()
                .connect_timeout(policy.connect_timeout)
                .timeout(policy.timeout)
                .user_agent(policy.user_agent.clone())
        };
        let built = |b: reqwest::ClientBuilder| {
            b.build().map_err(|e| Error::Network {
                url: String::new(),
                message: e.to_string(),
            })
        };
        let client = built(builder().redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS)))?;
        let public = built(
            builder()
                .redirect(own_network::redirects(MAX_REDIRECTS))
                .dns_resolver(Arc::new(own_network::PublicOnly)),
        )?;
        let limits = Arc::new(Limits {
            total: Arc::new(Semaphore::new(policy.max_connections.max(1))),
            per_host: Mutex::new(HashMap::new()),
        });
        Ok(Self {
            client,
            public,
            public_only: false,
            policy,
            limits,
        })
    }

    /// This fetcher for a source on the public internet: it never connects
    /// to an address on the reader's own network (`own_network`). Shares
    /// the connection limits.
    pub fn public_only(&self) -> Self {
        Self {
            public_only: true,
            ..self.clone()
        }
    }

    /// GET with validators; bodies over `limit` bytes are refused.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
        limit: u64,
    ) -> Result<FetchOutcome> {
        self.get_with(url, validators, Limit::Refuse(limit)).await
    }

    /// GET of a feed: a body over the policy's feed limits is kept up to
    /// them (`Fetched::cut`), not refused.
    pub async fn get_feed(&self, url: &Url, validators: &Validators) -> Result<FetchOutcome> {
        let limit = Limit::Cut {
            kept: self.policy.max_feed_bytes,
            read: self.policy.max_feed_read_bytes,
            text: self.policy.max_feed_text_bytes,
        };
        self.get_with(url, validators, limit).await
    }

    /// Timeouts and 5xx/429 answers are retried with exponential backoff,
    /// within the policy's budget for the whole; the connection limits are
    /// held only while a request is in flight.
    async fn get_with(
        &self,
        url: &Url,
        validators: &Validators,
        limit: Limit,
    ) -> Result<FetchOutcome> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!("refusing to fetch {url}")));
        }
        // A literal address is connected to without a lookup, so the
        // public resolver never sees it.
        if self.public_only && own_network::literal_is_own(url) {
            return Err(Error::OwnNetwork {
                url: url.to_string(),
            });
        }
        let host = self.limits.host(url, self.policy.max_per_host);
        let mut attempt = 0;
        let mut deadline: Option<Instant> = None;
        loop {
            let result = {
                let _total = self
                    .limits
                    .total
                    .acquire()
                    .await
                    .map_err(|_| Error::Cancelled)?;
                let _host = host.acquire().await.map_err(|_| Error::Cancelled)?;
                // The budget runs from the first attempt (waiting for a free
                // connection is not the server's time).
                let end = *deadline.get_or_insert_with(|| Instant::now() + self.policy.budget);
                let left = end.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    Err(Error::Timeout {
                        url: url.to_string(),
                    })
                } else {
                    self.get_once(url, validators, limit, left.min(self.policy.timeout))
                        .await
                }
            };
            match result {
                Err(e) if attempt < self.policy.retries && is_transient(&e) => {
                    let wait = self.policy.backoff * 2u32.pow(attempt);
                    if deadline.is_some_and(|d| Instant::now() + wait >= d) {
                        return Err(e);
                    }
                    tracing::debug!(%url, error = %e, ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    async fn get_once(
        &self,
        url: &Url,
        validators: &Validators,
        limit: Limit,
        timeout: Duration,
    ) -> Result<FetchOutcome> {
        let client = if self.public_only {
            &self.public
        } else {
            &self.client
        };
        let mut request = client.get(url.clone()).timeout(timeout);
        if let Some(etag) = &validators.etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &validators.last_modified {
            request = request.header(IF_MODIFIED_SINCE, lm);
        }
        let mut response = request.send().await.map_err(|e| map_reqwest(url, e))?;
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(FetchOutcome::NotModified);
        }
        if !status.is_success() {
            return Err(Error::HttpStatus {
                url: url.to_string(),
                status: status.as_u16(),
            });
        }
        let too_large = |limit| Error::TooLarge {
            url: url.to_string(),
            limit,
        };
        if let Limit::Refuse(limit) = limit {
            if response.content_length().is_some_and(|len| len > limit) {
                return Err(too_large(limit));
            }
        }
        let headers = response.headers().clone();
        let final_url = response.url().clone();
        let (body, cut, truncated) = match limit {
            Limit::Refuse(limit) => {
                let mut body = BytesMut::new();
                while let Some(chunk) = response.chunk().await.map_err(|e| map_reqwest(url, e))? {
                    if (body.len() + chunk.len()) as u64 > limit {
                        return Err(too_large(limit));
                    }
                    body.extend_from_slice(&chunk);
                }
                (body.freeze(), false, false)
            }
            Limit::Cut { kept, read, text } => {
                let mut cutter = cutter::Cutter::new(text);
                let mut body = Vec::new();
                let mut seen = 0u64;
                let mut stopped = false;
                while let Some(chunk) = response.chunk().await.map_err(|e| map_reqwest(url, e))? {
                    seen += chunk.len() as u64;
                    cutter.push(&chunk, &mut body);
                    if body.len() as u64 > kept || seen > read {
                        body.truncate(kept as usize);
                        stopped = true;
                        break;
                    }
                }
                (Bytes::from(body), stopped || cutter.cut, stopped)
            }
        };
        Ok(FetchOutcome::Fetched(Box::new(Fetched {
            body,
            cut,
            truncated,
            content_type: header_str(&headers, CONTENT_TYPE.as_str()),
            content_location: header_str(&headers, "content-location")
                .and_then(|l| final_url.join(l.trim()).ok())
                .filter(|u| matches!(u.scheme(), "http" | "https")),
            validators: Validators {
                etag: header_str(&headers, ETAG.as_str()),
                last_modified: header_str(&headers, LAST_MODIFIED.as_str()),
                content_hash: None,
            },
            final_url,
        })))
    }
}

/// Worth another try: the server was slow, or said itself to try later.
fn is_transient(e: &Error) -> bool {
    match e {
        Error::Timeout { .. } => true,
        Error::HttpStatus { status, .. } => {
            *status == 429 || ((500..600).contains(status) && *status != 501)
        }
        _ => false,
    }
}

fn header_str(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn map_reqwest(url: &Url, e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout {
            url: url.to_string(),
        }
    } else {
        // The source chain says why (refused, DNS, reset); keep it for the log.
        let mut message = e.to_string();
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            if s.downcast_ref::<own_network::Refused>().is_some() {
                return Error::OwnNetwork {
                    url: e.url().map_or_else(|| url.to_string(), Url::to_string),
                };
            }
            message.push_str(": ");
            message.push_str(&s.to_string());
            source = s.source();
        }
        Error::Network {
            url: url.to_string(),
            message,
        }
    }
}

//! HTTP client policy: timeouts, size caps on every body (measured after
//! decompression, so a gzip bomb is cut off), and conditional GET.

pub mod charset;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use url::Url;

use crate::error::{Error, Result};

/// Limits that every request obeys.
#[derive(Debug, Clone)]
pub struct FetchPolicy {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub max_feed_bytes: u64,
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
}

impl Default for FetchPolicy {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_feed_bytes: 8 * 1024 * 1024,
            max_page_bytes: 4 * 1024 * 1024,
            max_image_bytes: 10 * 1024 * 1024,
            user_agent: format!("KhabarainReader/{}", env!("CARGO_PKG_VERSION")),
            max_connections: 16,
            max_per_host: 6,
            retries: 2,
            backoff: Duration::from_millis(500),
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
}

#[derive(Debug)]
pub enum FetchOutcome {
    NotModified,
    Fetched(Box<Fetched>),
}

#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
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
        let client = reqwest::Client::builder()
            .connect_timeout(policy.connect_timeout)
            .timeout(policy.timeout)
            .user_agent(policy.user_agent.clone())
            .redirect(reqwest::redirect::Policy::limited(5))
            .build()
            .map_err(|e| Error::Network {
                url: String::new(),
                message: e.to_string(),
            })?;
        let limits = Arc::new(Limits {
            total: Arc::new(Semaphore::new(policy.max_connections.max(1))),
            per_host: Mutex::new(HashMap::new()),
        });
        Ok(Self {
            client,
            policy,
            limits,
        })
    }

    /// GET with validators; bodies over `limit` bytes are refused. Timeouts
    /// and 5xx/429 answers are retried with exponential backoff; the
    /// connection limits are held only while a request is in flight.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
        limit: u64,
    ) -> Result<FetchOutcome> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!("refusing to fetch {url}")));
        }
        let host = self.limits.host(url, self.policy.max_per_host);
        let mut attempt = 0;
        loop {
            let result = {
                let _total = self
                    .limits
                    .total
                    .acquire()
                    .await
                    .map_err(|_| Error::Cancelled)?;
                let _host = host.acquire().await.map_err(|_| Error::Cancelled)?;
                self.get_once(url, validators, limit).await
            };
            match result {
                Err(e) if attempt < self.policy.retries && is_transient(&e) => {
                    let wait = self.policy.backoff * 2u32.pow(attempt);
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
        limit: u64,
    ) -> Result<FetchOutcome> {
        let mut request = self.client.get(url.clone());
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
        if response.content_length().is_some_and(|len| len > limit) {
            return Err(Error::TooLarge {
                url: url.to_string(),
                limit,
            });
        }
        let headers = response.headers().clone();
        let final_url = response.url().clone();
        let mut body = BytesMut::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| map_reqwest(url, e))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(Error::TooLarge {
                    url: url.to_string(),
                    limit,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(FetchOutcome::Fetched(Box::new(Fetched {
            body: body.freeze(),
            content_type: header_str(&headers, CONTENT_TYPE.as_str()),
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

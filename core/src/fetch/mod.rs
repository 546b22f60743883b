//! HTTP client policy: timeouts, size caps on every body (measured after
//! decompression, so a gzip bomb is cut off), and conditional GET.

pub mod charset;

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use reqwest::StatusCode;
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
        }
    }
}

/// Validators remembered from the last response, sent back so an unchanged
/// document costs a 304 and no body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
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
    Fetched(Fetched),
}

#[derive(Debug, Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    pub policy: FetchPolicy,
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
        Ok(Self { client, policy })
    }

    /// GET with validators; bodies over `limit` bytes are refused.
    pub async fn get(
        &self,
        url: &Url,
        validators: &Validators,
        limit: u64,
    ) -> Result<FetchOutcome> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::InvalidInput(format!("refusing to fetch {url}")));
        }
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
        Ok(FetchOutcome::Fetched(Fetched {
            body: body.freeze(),
            content_type: header_str(&headers, CONTENT_TYPE.as_str()),
            validators: Validators {
                etag: header_str(&headers, ETAG.as_str()),
                last_modified: header_str(&headers, LAST_MODIFIED.as_str()),
            },
            final_url,
        }))
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

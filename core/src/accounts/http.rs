//! What the sync-server clients share: one HTTP client with the app's
//! timeouts, answers read up to a limit, and failures said in the words a
//! reader setting up an account needs (wrong address, not a reader server,
//! wrong password, certificate), with the detail kept for the log.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, Result};

/// No answer of a sync server is read past this (a page of items is far
/// smaller).
pub const MAX_ANSWER_BYTES: usize = 32 * 1024 * 1024;

pub const WRONG_ADDRESS: &str = "wrong_address";
pub const NOT_A_READER_SERVER: &str = "not_reader_server";
pub const WRONG_PASSWORD: &str = "wrong_password";
pub const TLS: &str = "tls";
pub const SERVER_ERROR: &str = "server_error";

pub fn client(timeout: Duration) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .timeout(timeout)
        .user_agent(format!("KhabarainReader/{}", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .map_err(|e| Error::Network {
            url: String::new(),
            message: e.to_string(),
        })
}

/// A server's address as typed: scheme added when missing, one trailing
/// slash, http(s) only.
pub fn server_url(address: &str) -> Result<Url> {
    let t = address.trim();
    let with_scheme = if t.contains("://") {
        t.to_string()
    } else {
        format!("https://{t}")
    };
    let mut url = Url::parse(&with_scheme).map_err(|e| Error::Server {
        code: WRONG_ADDRESS,
        message: format!("not a web address '{t}': {e}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Server {
            code: WRONG_ADDRESS,
            message: format!("not a web address '{t}'"),
        });
    }
    url.set_query(None);
    url.set_fragment(None);
    if !url.path().ends_with('/') {
        let p = format!("{}/", url.path());
        url.set_path(&p);
    }
    Ok(url)
}

/// A request that did not get an answer, in the reader's words.
pub fn unanswered(url: &Url, e: reqwest::Error) -> Error {
    let mut chain = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    let lower = chain.to_lowercase();
    if e.is_timeout() {
        Error::Timeout {
            url: url.to_string(),
        }
    } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake")
    {
        Error::Server {
            code: TLS,
            message: format!("the secure connection to {url} failed: {chain}"),
        }
    } else if e.is_connect() || lower.contains("dns") {
        Error::Server {
            code: WRONG_ADDRESS,
            message: format!("no server answers at {url}: {chain}"),
        }
    } else {
        Error::Network {
            url: url.to_string(),
            message: chain,
        }
    }
}

/// The body of an answer, up to `MAX_ANSWER_BYTES`, or the error its status
/// means: 401/403 a wrong password, 404 or 405 not this kind of server, 5xx
/// the server's own trouble.
/// The bytes read are added to `read`: each client counts its own, so an
/// account's report never holds another sync's answers.
pub async fn body(url: &Url, resp: reqwest::Response, read: &AtomicU64) -> Result<Vec<u8>> {
    let status = resp.status();
    let mut bytes = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| unanswered(url, e))?;
        if bytes.len() + chunk.len() > MAX_ANSWER_BYTES {
            return Err(Error::TooLarge {
                url: url.to_string(),
                limit: MAX_ANSWER_BYTES as u64,
            });
        }
        bytes.extend_from_slice(&chunk);
        read.fetch_add(chunk.len() as u64, Ordering::Relaxed);
    }
    if status.is_success() {
        return Ok(bytes);
    }
    let said: String = String::from_utf8_lossy(&bytes).chars().take(200).collect();
    Err(match status.as_u16() {
        401 | 403 => Error::Server {
            code: WRONG_PASSWORD,
            message: format!("{url} refused the user name or password (HTTP {status}): {said}"),
        },
        404 | 405 => Error::Server {
            code: NOT_A_READER_SERVER,
            message: format!("{url} is not a reader server (HTTP {status})"),
        },
        s if s >= 500 => Error::Server {
            code: SERVER_ERROR,
            message: format!("{url} failed (HTTP {status}): {said}"),
        },
        _ => Error::HttpStatus {
            url: url.to_string(),
            status: status.as_u16(),
        },
    })
}

/// An answer's JSON; a body that is not the JSON expected means the address
/// is not this kind of server (a web page, another API).
pub async fn json<T: DeserializeOwned>(
    url: &Url,
    resp: reqwest::Response,
    read: &AtomicU64,
) -> Result<T> {
    let bytes = body(url, resp, read).await?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Server {
        code: NOT_A_READER_SERVER,
        message: format!("{url} did not answer as a reader server: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_typed() {
        assert_eq!(
            server_url("reader.example.com").expect("ok").as_str(),
            "https://reader.example.com/"
        );
        assert_eq!(
            server_url(" http://127.0.0.1:8080/miniflux?x=1 ")
                .expect("ok")
                .as_str(),
            "http://127.0.0.1:8080/miniflux/"
        );
        for bad in ["", "ftp://x.example/", "http://", "javascript:alert(1)"] {
            assert!(
                matches!(
                    server_url(bad),
                    Err(Error::Server {
                        code: WRONG_ADDRESS,
                        ..
                    })
                ),
                "{bad}"
            );
        }
    }
}

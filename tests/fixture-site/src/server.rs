//! The HTTP side: routing, ETag/Last-Modified with 304s, a request log for
//! tests, and the misbehaving endpoints (slow, failing, hanging).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::corpus::Corpus;
use crate::generated;
use crate::render::feeds::{self, FeedItem};
use crate::render::{listing, page};
use crate::wire::{self, Wire};

/// One request as the site saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    pub path: String,
    /// The request carried If-None-Match or If-Modified-Since.
    pub conditional: bool,
    pub status: u16,
}

pub struct SiteState {
    /// Behind a lock so a test can publish an update to an article.
    pub corpus: RwLock<Corpus>,
    pub log: Mutex<Vec<LoggedRequest>>,
    /// Requests seen per path by the flaky endpoint.
    pub attempts: Mutex<HashMap<String, u32>>,
    pub in_flight: AtomicUsize,
    /// Added to every answer, to make a loopback site behave like a remote one.
    pub latency_ms: AtomicU64,
    pub max_in_flight: AtomicUsize,
    /// Pages of `feed_items` that are there by now.
    pub healed: Mutex<std::collections::HashSet<String>>,
}

struct Doc {
    body: Vec<u8>,
    content_type: &'static str,
    modified: DateTime<Utc>,
}

const IMAGES: [&[u8]; 12] = [
    include_bytes!("../static/images/img-01.jpg"),
    include_bytes!("../static/images/img-02.jpg"),
    include_bytes!("../static/images/img-03.jpg"),
    include_bytes!("../static/images/img-04.jpg"),
    include_bytes!("../static/images/img-05.jpg"),
    include_bytes!("../static/images/img-06.jpg"),
    include_bytes!("../static/images/img-07.jpg"),
    include_bytes!("../static/images/img-08.jpg"),
    include_bytes!("../static/images/img-09.jpg"),
    include_bytes!("../static/images/img-10.jpg"),
    include_bytes!("../static/images/img-11.jpg"),
    include_bytes!("../static/images/img-12.jpg"),
];
const LOGO: &[u8] = include_bytes!("../static/logo.png");

pub async fn handle(State(state): State<Arc<SiteState>>, req: Request) -> Response {
    let path = req.uri().path().to_string();
    let headers = req.headers().clone();
    let conditional = headers.contains_key(header::IF_NONE_MATCH)
        || headers.contains_key(header::IF_MODIFIED_SINCE);
    let now = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(now, Ordering::SeqCst);
    let latency = state.latency_ms.load(Ordering::SeqCst);
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let response = route(&state, &path, &headers).await;
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
    if let Ok(mut log) = state.log.lock() {
        log.push(LoggedRequest {
            path,
            conditional,
            status: response.status().as_u16(),
        });
    }
    response
}

async fn route(state: &SiteState, path: &str, headers: &HeaderMap) -> Response {
    // Misbehaving endpoints for the sync's failure paths.
    if let Some(rest) = path.strip_prefix("/slow/") {
        let (secs, inner) = rest.split_once('/').unwrap_or((rest, ""));
        let secs: u64 = secs.parse().unwrap_or(1);
        tokio::time::sleep(Duration::from_secs(secs)).await;
        return Box::pin(route(state, &format!("/{inner}"), headers)).await;
    }
    // `/flaky/<n>/<path>`: 503 for the first n requests of that path, then the page.
    if let Some(rest) = path.strip_prefix("/flaky/") {
        let (n, inner) = rest.split_once('/').unwrap_or((rest, ""));
        let n: u32 = n.parse().unwrap_or(1);
        let seen = {
            let mut attempts = state.attempts.lock().unwrap_or_else(|p| p.into_inner());
            let count = attempts.entry(path.to_string()).or_insert(0);
            *count += 1;
            *count
        };
        if seen <= n {
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
        return Box::pin(route(state, &format!("/{inner}"), headers)).await;
    }
    if let Some(code) = path.strip_prefix("/status/") {
        let code = code.trim_matches('/').parse().unwrap_or(500);
        return StatusCode::from_u16(code)
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response();
    }
    if path.starts_with("/hang/") {
        tokio::time::sleep(Duration::from_secs(3600)).await;
    }
    // The site compressed with gzip, as most servers send it.
    if let Some(inner) = path.strip_prefix("/gzip/") {
        let mut response = Box::pin(route(state, &format!("/{inner}"), headers)).await;
        let body = std::mem::take(response.body_mut());
        let bytes = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        *response.body_mut() = Body::from(gzip(&bytes));
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        response.headers_mut().remove(header::CONTENT_LENGTH);
        return response;
    }
    // A gzip bomb: 100 KB on the wire, 100 MB once inflated.
    if path.starts_with("/gzipbomb/") {
        let zeros = vec![b' '; 100 * 1024 * 1024];
        return Response::builder()
            .header(header::CONTENT_TYPE, "application/rss+xml")
            .header(header::CONTENT_ENCODING, "gzip")
            .body(Body::from(gzip(&zeros)))
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    // The site as a server that sends no ETag or Last-Modified.
    if let Some(inner) = path.strip_prefix("/novalidators/") {
        // Without validators there is nothing to be conditional on.
        let mut plain = headers.clone();
        plain.remove(header::IF_NONE_MATCH);
        plain.remove(header::IF_MODIFIED_SINCE);
        let mut response = Box::pin(route(state, &format!("/{inner}"), &plain)).await;
        response.headers_mut().remove(header::ETAG);
        response.headers_mut().remove(header::LAST_MODIFIED);
        return response;
    }
    // A feed whose links carry tracking parameters and whose guids differ
    // from the plain feed's: the same articles, as a newsletter might link them.
    if let Some(inner) = path.strip_prefix("/tracked/") {
        let base = base_url(headers);
        return match document(
            &state.corpus.read().unwrap_or_else(|p| p.into_inner()),
            &format!("/{inner}"),
            &base,
        ) {
            Some(mut doc) if doc.content_type.starts_with("application/rss+xml") => {
                let text = String::from_utf8_lossy(&doc.body)
                    .replace("/</link>\n<guid", "/?utm_source=rss&amp;utm_medium=feed&amp;fbclid=abc#comments</link>\n<guid")
                    .replace("<guid isPermaLink=\"false\">", "<guid isPermaLink=\"false\">tracked-");
                doc.body = text.into_bytes();
                conditional_response(doc, headers)
            }
            _ => (StatusCode::NOT_FOUND, "الصفحة غير موجودة").into_response(),
        };
    }
    // The same site served in windows-1256, as older Arabic sites are: the
    // charset only in the HTTP header for feeds, in a meta tag for pages.
    // Its pages name the site's own address of the article as canonical,
    // as a mirror does.
    if let Some(inner) = path.strip_prefix("/w1256/") {
        let site = base_url(headers);
        let base = format!("{site}w1256/");
        return match document(
            &state.corpus.read().unwrap_or_else(|p| p.into_inner()),
            &format!("/{inner}"),
            &base,
        ) {
            Some(mut doc) => {
                if doc.content_type.starts_with("text/html") {
                    let text = String::from_utf8_lossy(&doc.body).replace(
                        &format!("<link rel=\"canonical\" href=\"{base}"),
                        &format!("<link rel=\"canonical\" href=\"{site}"),
                    );
                    doc.body = text.into_bytes();
                }
                conditional_response(to_windows_1256(doc), headers)
            }
            None => (StatusCode::NOT_FOUND, "الصفحة غير موجودة").into_response(),
        };
    }
    // Hostile and broken documents, and the beacon that tells whether
    // anything they carry reached out.
    if let Some(name) = path.strip_prefix("/hostile/") {
        return crate::hostile::respond(name, &base_url(headers))
            .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response());
    }
    if let Some(name) = path.strip_prefix("/items/") {
        let healed = |n: &str| {
            state
                .healed
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .contains(n)
        };
        return crate::feed_items::respond_to(name, &base_url(headers), &healed)
            .unwrap_or_else(|| StatusCode::NOT_FOUND.into_response());
    }
    if path.starts_with("/beacon/") {
        return StatusCode::NO_CONTENT.into_response();
    }
    let base = base_url(headers);
    match document(
        &state.corpus.read().unwrap_or_else(|p| p.into_inner()),
        path,
        &base,
    ) {
        Some(doc) => conditional_response(doc, headers),
        None => (StatusCode::NOT_FOUND, "الصفحة غير موجودة").into_response(),
    }
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    format!("http://{host}/")
}

fn document(corpus: &Corpus, path: &str, base: &str) -> Option<Doc> {
    let segments: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    let newest = corpus
        .articles
        .iter()
        .map(|a| a.updated.unwrap_or(a.published))
        .max()
        .unwrap_or_default();
    let html = |body: String, modified| Doc {
        body: body.into_bytes(),
        content_type: "text/html; charset=utf-8",
        modified,
    };
    match segments.as_slice() {
        [] => Some(html(listing::home(corpus), newest)),
        ["feed"] => {
            let items: Vec<_> = corpus
                .newest()
                .into_iter()
                .map(|(index, article)| FeedItem { index, article })
                .collect();
            Some(Doc {
                body: feeds::rss(corpus, base, "خبرين", "/feed/", &items).into_bytes(),
                content_type: "application/rss+xml; charset=utf-8",
                modified: newest,
            })
        }
        ["category", slug] => listing::category(corpus, slug).map(|b| html(b, newest)),
        ["category", slug, "feed", rest @ ..] => {
            let cat = corpus.category(slug)?;
            let items: Vec<_> = corpus
                .in_category(slug)
                .into_iter()
                .map(|(index, article)| FeedItem { index, article })
                .collect();
            let modified = items
                .iter()
                .map(|i| i.article.updated.unwrap_or(i.article.published))
                .max()
                .unwrap_or(newest);
            let title = format!("خبرين » {}", cat.name);
            let self_path = format!("/{}/", segments.join("/"));
            let (body, content_type) = match rest {
                [] => (
                    feeds::rss(corpus, base, &title, &self_path, &items),
                    "application/rss+xml; charset=utf-8",
                ),
                ["atom"] => (
                    feeds::atom(base, &title, &self_path, &items),
                    "application/atom+xml; charset=utf-8",
                ),
                ["json"] => (
                    feeds::json(base, &title, &self_path, &items),
                    "application/feed+json; charset=utf-8",
                ),
                _ => return None,
            };
            Some(Doc {
                body: body.into_bytes(),
                content_type,
                modified,
            })
        }
        [year, month, slug] if year.len() == 4 && month.len() == 2 => {
            let (index, article) = corpus.article(slug)?;
            (article.path() == format!("/{}/", segments.join("/"))).then(|| {
                html(
                    page::article_page(corpus, index, article, base),
                    article.updated.unwrap_or(article.published),
                )
            })
        }
        ["gen", "img", file] => {
            let (f, i) = file.strip_suffix(".jpg")?.split_once('-')?;
            let n = f.parse::<usize>().ok()? * 7 + i.parse::<usize>().ok()?;
            Some(Doc {
                body: IMAGES[n % IMAGES.len()].to_vec(),
                content_type: "image/jpeg",
                modified: newest,
            })
        }
        ["gen", items, "feed", f] => {
            let items: usize = items.parse().ok().filter(|n| *n <= generated::MAX_ITEMS)?;
            Some(Doc {
                body: generated::feed(corpus, base, items, f.parse().ok()?).into_bytes(),
                content_type: "application/rss+xml; charset=utf-8",
                modified: newest,
            })
        }
        ["gen", items, "a", f, i] => {
            let items: usize = items.parse().ok().filter(|n| *n <= generated::MAX_ITEMS)?;
            let (f, i): (usize, usize) = (f.parse().ok()?, i.parse().ok()?);
            (i < items).then(|| html(generated::page(corpus, base, items, f, i), newest))
        }
        ["wire", seed, feeds, per_feed, rest @ ..] => {
            let wire = Wire::new(
                seed.parse().ok()?,
                feeds.parse().ok()?,
                per_feed.parse().ok()?,
            );
            if wire.len() > wire::MAX_ARTICLES {
                return None;
            }
            let newest = wire.published(wire.len().saturating_sub(1));
            match rest {
                ["feed", f] => {
                    let f: usize = f.parse().ok().filter(|f| *f < wire.feeds)?;
                    let (body, content_type) = wire::render::feed(&wire, base, f);
                    Some(Doc {
                        body: body.into_bytes(),
                        content_type,
                        modified: newest,
                    })
                }
                ["shapes", "feed"] => Some(Doc {
                    body: wire::shapes::feed(&wire, base).into_bytes(),
                    content_type: "application/rss+xml; charset=utf-8",
                    modified: newest,
                }),
                ["shapes", "manifest.json"] => Some(Doc {
                    body: wire::shapes::manifest(&wire, base).into_bytes(),
                    content_type: "application/json",
                    modified: newest,
                }),
                ["shapes", n] => {
                    let n: usize = n.parse().ok().filter(|n| *n < wire.len())?;
                    Some(html(wire::shapes::page(&wire, n).html, wire.published(n)))
                }
                ["manifest.json"] => Some(Doc {
                    body: wire::render::manifest(&wire, base).into_bytes(),
                    content_type: "application/json",
                    modified: newest,
                }),
                [_, _, _, slug] => {
                    let n: usize = slug.rsplit('-').next()?.parse().ok()?;
                    let a = (n < wire.len()).then(|| wire.article(n))?;
                    (a.path.as_deref()? == format!("/{}/", segments.join("/"))).then_some(())?;
                    Some(html(
                        wire::render::page(&wire, corpus, base, n)?,
                        a.published,
                    ))
                }
                _ => None,
            }
        }
        ["images", file] => {
            let n: usize = file
                .strip_prefix("img-")?
                .strip_suffix(".jpg")?
                .parse()
                .ok()?;
            let bytes = IMAGES.get(n.checked_sub(1)?)?;
            Some(Doc {
                body: bytes.to_vec(),
                content_type: "image/jpeg",
                modified: newest,
            })
        }
        ["static", "logo.png"] => Some(Doc {
            body: LOGO.to_vec(),
            content_type: "image/png",
            modified: newest,
        }),
        ["static", "site.css"] => Some(Doc {
            body: b"body{font-family:sans-serif}.ad-slot{min-height:90px}".to_vec(),
            content_type: "text/css",
            modified: newest,
        }),
        ["static", "ads.js"] => Some(Doc {
            body: b"window.adsbygoogle=window.adsbygoogle||[];".to_vec(),
            content_type: "application/javascript",
            modified: newest,
        }),
        _ => None,
    }
}

fn to_windows_1256(doc: Doc) -> Doc {
    let Some(kind) = doc
        .content_type
        .split(';')
        .next()
        .filter(|t| t.starts_with("text/html") || t.contains("xml"))
    else {
        return doc;
    };
    let text = String::from_utf8_lossy(&doc.body)
        .replace(
            "<meta charset=\"utf-8\">",
            "<meta charset=\"windows-1256\">",
        )
        .replace(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<?xml version=\"1.0\"?>",
        );
    let content_type = if kind.starts_with("text/html") {
        "text/html; charset=windows-1256"
    } else if kind.contains("atom") {
        "application/atom+xml; charset=windows-1256"
    } else {
        "application/rss+xml; charset=windows-1256"
    };
    Doc {
        body: encoding_rs::WINDOWS_1256.encode(&text).0.into_owned(),
        content_type,
        modified: doc.modified,
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(bytes);
    encoder.finish().unwrap_or_default()
}

fn http_date(d: DateTime<Utc>) -> String {
    d.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

fn conditional_response(doc: Doc, headers: &HeaderMap) -> Response {
    let digest = Sha256::digest(&doc.body);
    let etag = format!(
        "\"{}\"",
        digest
            .iter()
            .take(10)
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let last_modified = http_date(doc.modified);
    let etag_matches = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"));
    // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110).
    let not_modified = match etag_matches {
        Some(m) => m,
        None => headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .is_some_and(|since| doc.modified.timestamp() <= since.timestamp()),
    };
    let mut builder = Response::builder()
        .header(header::ETAG, &etag)
        .header(header::LAST_MODIFIED, &last_modified)
        .header(header::CACHE_CONTROL, "max-age=60");
    if not_modified {
        builder = builder.status(StatusCode::NOT_MODIFIED);
        return builder
            .body(Body::empty())
            .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    }
    builder
        .status(StatusCode::OK)
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_static(doc.content_type),
        )
        .body(Body::from(doc.body))
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

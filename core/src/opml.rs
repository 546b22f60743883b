//! Sources in and out as OPML (1.0, 1.1 and 2.0), the file every feed
//! reader reads and writes. A file is read whole before anything changes:
//! one that is not OPML, or names a feed by something that is not a web
//! address, is refused with nothing added. Each feed then goes through the
//! same discovery as an address typed in the window (a page's feed is
//! found; a page with none is refused), and sections become the app's
//! sections where their names match.

use futures_util::stream::{self, StreamExt};
use serde::Serialize;
use url::Url;

use crate::discover::find_feed;
use crate::error::{Error, Result};
use crate::fetch::Fetcher;
use crate::store::{Category, Source, Store};
use crate::text::{clean_text, fold_arabic};

/// Larger files are refused before they are parsed.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;
/// More feeds than this in one file are refused.
pub const MAX_FEEDS: usize = 2_000;
/// Feeds checked at once.
const CONCURRENCY: usize = 4;

/// One feed named in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
    /// The outline it sits in (another reader's folder or category).
    pub section: Option<String>,
}

/// Reads a file; refuses it whole when it is not OPML, names no feed, too
/// many, or a feed address that is not http(s).
pub fn parse(text: &str) -> Result<Vec<OpmlFeed>> {
    if text.len() > MAX_BYTES {
        return Err(Error::BadOpml(format!(
            "the file is larger than {} MiB",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let doc = opml::OPML::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::BadOpml(describe(&e)))?;
    let mut feeds = Vec::new();
    collect(&doc.body.outlines, None, &mut feeds)?;
    if feeds.is_empty() {
        return Err(Error::BadOpml("it names no feed".into()));
    }
    if feeds.len() > MAX_FEEDS {
        return Err(Error::BadOpml(format!(
            "it names {} feeds, more than {MAX_FEEDS}",
            feeds.len()
        )));
    }
    Ok(feeds)
}

fn describe(e: &opml::Error) -> String {
    match e {
        opml::Error::UnsupportedVersion(v) => {
            format!("OPML version {v:?} (1.0, 1.1 and 2.0 are read)")
        }
        opml::Error::BodyHasNoOutlines => "its body has no outlines".into(),
        other => format!("not well-formed OPML ({other})"),
    }
}

fn collect(
    outlines: &[opml::Outline],
    section: Option<&str>,
    out: &mut Vec<OpmlFeed>,
) -> Result<()> {
    for o in outlines {
        let name = [Some(&o.text), o.title.as_ref()]
            .into_iter()
            .flatten()
            .map(|t| clean_text(t))
            .find(|t| !t.is_empty());
        match o
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            Some(address) => {
                let url = Url::parse(address)
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| {
                        Error::BadOpml(format!(
                            "the feed {:?} has no web address: {address:?}",
                            name.clone().unwrap_or_default()
                        ))
                    })?;
                out.push(OpmlFeed {
                    url: url.to_string(),
                    title: name,
                    section: section.map(str::to_string),
                });
                // A feed's own children (some readers nest) share its section.
                collect(&o.outlines, section, out)?;
            }
            None => collect(&o.outlines, name.as_deref().or(section), out)?,
        }
    }
    Ok(())
}

/// What an import did, feed by feed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OpmlReport {
    /// Feeds added as sources.
    pub added: usize,
    /// Feeds that were sources already.
    pub known: usize,
    /// Of the added, those whose address was a page naming its feed.
    pub found_feed: usize,
    /// Added as written, though they could not be reached to be checked:
    /// the next sync says how they are.
    pub unchecked: Vec<FeedProblem>,
    /// Not added: the address answered, but with no feed.
    pub refused: Vec<FeedProblem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FeedProblem {
    pub url: String,
    pub code: &'static str,
    pub message: String,
}

/// Imports a file's feeds as sources (see the module's rules).
pub async fn import(fetcher: &Fetcher, store: &Store, text: &str) -> Result<OpmlReport> {
    let feeds = parse(text)?;
    let categories = store.categories()?;
    let known: std::collections::HashSet<String> =
        store.sources()?.into_iter().map(|s| s.url).collect();
    let checked: Vec<(OpmlFeed, Result<String>)> = stream::iter(feeds)
        .map(|f| async move {
            let found = find_feed(fetcher, &f.url).await.map(|link| link.url);
            (f, found)
        })
        .buffered(CONCURRENCY)
        .collect()
        .await;
    let mut report = OpmlReport::default();
    for (feed, found) in checked {
        let url = match found {
            Ok(url) => url,
            Err(e)
                if e.is_unreachable()
                    || matches!(e, Error::HttpStatus { status, .. } if status >= 500) =>
            {
                report.unchecked.push(problem(&feed.url, &e));
                feed.url.clone()
            }
            Err(e) => {
                report.refused.push(problem(&feed.url, &e));
                continue;
            }
        };
        if known.contains(&url) || known.contains(&feed.url) {
            report.known += 1;
            continue;
        }
        let section = feed
            .section
            .as_deref()
            .and_then(|s| section_slug(&categories, s));
        let id = store.ensure_source(&url, section.as_deref())?;
        if let Some(title) = feed.title.as_deref() {
            store.name_untitled_source(id, title)?;
        }
        report.added += 1;
        if url != feed.url {
            report.found_feed += 1;
        }
    }
    Ok(report)
}

fn problem(url: &str, e: &Error) -> FeedProblem {
    FeedProblem {
        url: url.to_string(),
        code: e.code(),
        message: e.to_string(),
    }
}

/// The app's section a folder name stands for: by name (Arabic folded,
/// case ignored) or by slug.
pub(crate) fn section_slug(categories: &[Category], name: &str) -> Option<String> {
    let key = |s: &str| fold_arabic(&clean_text(s)).to_lowercase();
    let wanted = key(name);
    categories
        .iter()
        .find(|c| key(&c.name) == wanted || c.slug.eq_ignore_ascii_case(&wanted))
        .map(|c| c.slug.clone())
}

/// The sources as an OPML 2.0 file, each section an outline holding its
/// feeds; feeds without a section stand at the top.
pub fn export(sources: &[Source], categories: &[Category], created: &str) -> Result<String> {
    let mut doc = opml::OPML {
        head: Some(opml::Head {
            title: Some("قارئ خبرين — المصادر".into()),
            date_created: Some(created.to_string()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let feed = |s: &Source| opml::Outline {
        text: s.title.clone().unwrap_or_else(|| s.url.clone()),
        title: s.title.clone(),
        r#type: Some("rss".into()),
        xml_url: Some(s.url.clone()),
        ..Default::default()
    };
    for c in categories {
        let inside: Vec<opml::Outline> = sources
            .iter()
            .filter(|s| s.category_slug.as_deref() == Some(c.slug.as_str()))
            .map(feed)
            .collect();
        if !inside.is_empty() {
            doc.body.outlines.push(opml::Outline {
                text: c.name.clone(),
                title: Some(c.name.clone()),
                outlines: inside,
                ..Default::default()
            });
        }
    }
    let filed = |s: &&Source| {
        s.category_slug
            .as_deref()
            .is_some_and(|slug| categories.iter().any(|c| c.slug == slug))
    };
    doc.body
        .outlines
        .extend(sources.iter().filter(|s| !filed(s)).map(feed));
    let xml = doc
        .to_string()
        .map_err(|e| Error::BadOpml(format!("could not write OPML: {e}")))?;
    Ok(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"
    ))
}

#[cfg(test)]
mod tests;

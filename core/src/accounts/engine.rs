//! One sync of a Miniflux account, in this order:
//! 1. subscriptions made or dropped here go to the server (outbox);
//! 2. the server's feeds become sources here (and feeds it dropped go);
//! 3. the entries the server changed since the last sync are read: new ones
//!    are stored through the app's own pipeline (page, pictures, full text
//!    fetched here, as for any feed), and their read and starred states are
//!    applied — except where a change made here is newer (newest change wins
//!    per article per flag, the server's entry change time against the time
//!    the change here was made);
//! 4. read marks and stars made here go to the server (outbox), each a state
//!    set, so a crash between sending and recording sends nothing that
//!    counts twice.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use serde::Serialize;
use url::Url;

use super::miniflux::{Auth, Client, Entry, EntryQuery};
use crate::error::{Error, Result};
use crate::feed::FeedEntry;
use crate::store::accounts::{Account, Outgoing, RemoteFlags};
use crate::store::Source;
use crate::sync::Syncer;
use crate::sync::{SourceReport, SourceStatus};

/// Entries asked for per page.
const PAGE: u32 = 250;

#[derive(Debug, Clone, Default, Serialize)]
pub struct AccountReport {
    pub sent: usize,
    pub subscriptions: usize,
    pub new_articles: usize,
    pub failed_pages: usize,
    pub flags_applied: usize,
    pub entries_read: usize,
    /// Requests made to the server.
    pub requests: usize,
}

/// Runs one sync of `account` (a Miniflux account) with its secret.
pub async fn sync_miniflux(
    syncer: &Syncer,
    account: &Account,
    auth: Auth,
) -> Result<AccountReport> {
    let store = syncer.store();
    let client = Client::new(&account.server_url, auth, Duration::from_secs(30))?;
    let mut report = AccountReport::default();
    let result = run(syncer, account, &client, &mut report).await;
    store.record_account_sync(
        account.id,
        result.as_ref().ok().copied().flatten(),
        result.as_ref().err(),
    )?;
    result.map(|_| report)
}

async fn run(
    syncer: &Syncer,
    account: &Account,
    client: &Client,
    report: &mut AccountReport,
) -> Result<Option<i64>> {
    let store = syncer.store();
    client.me().await?;
    report.requests += 1;
    let outbox = store.outbox(account.id)?;
    let (subscriptions, flags): (Vec<Outgoing>, Vec<Outgoing>) = outbox
        .into_iter()
        .partition(|o| matches!(o.action.as_str(), "subscribe" | "unsubscribe"));
    push_subscriptions(syncer, account, client, &subscriptions, report).await?;
    pull_subscriptions(syncer, account, client, report).await?;

    // The server's changes since the last sync (a second's overlap: the
    // server compares strictly, and reading an entry twice changes nothing).
    let since = account.cursor.map(|c| c - 1);
    let mut entries: Vec<Entry> = Vec::new();
    loop {
        let page = client
            .entries(&EntryQuery {
                changed_after: since,
                limit: PAGE,
                offset: entries.len() as u32,
                ..Default::default()
            })
            .await?;
        report.requests += 1;
        let got = page.entries.len();
        entries.extend(page.entries);
        if got == 0 || entries.len() as i64 >= page.total {
            break;
        }
    }
    report.entries_read = entries.len();
    let cursor = entries
        .iter()
        .filter_map(|e| e.changed_at.map(|t| t.timestamp()))
        .max()
        .or(account.cursor);
    store_new_entries(syncer, account, &entries, report).await?;

    // Newest change wins, flag by flag.
    let pending: HashMap<(i64, &str), &Outgoing> = flags
        .iter()
        .filter_map(|o| Some(((o.remote_id?, flag_of(&o.action)), o)))
        .collect();
    let mut overruled: HashSet<i64> = HashSet::new();
    let mapped = store.remote_items(account.id)?;
    let ids: Vec<i64> = entries
        .iter()
        .filter_map(|e| mapped.get(&e.id).copied())
        .collect();
    let local = store.local_flags(&ids)?;
    let mut apply = Vec::new();
    for e in &entries {
        let Some(&article_id) = mapped.get(&e.id) else {
            continue;
        };
        let Some(&(read_here, starred_here)) = local.get(&article_id) else {
            continue;
        };
        let server_time = e.changed_at.map(|t| t.timestamp()).unwrap_or(0);
        let mut decide = |flag: &'static str, server: bool, here: bool| -> Option<bool> {
            match pending.get(&(e.id, flag)) {
                Some(o) if server_time > o.queued_at && server != wants(&o.action) => {
                    overruled.insert(o.seq);
                    (server != here).then_some(server)
                }
                Some(_) => None,
                None => (server != here).then_some(server),
            }
        };
        let read = decide("read", e.status == "read", read_here);
        let starred = decide("starred", e.starred, starred_here);
        if read.is_some() || starred.is_some() {
            apply.push(RemoteFlags {
                article_id,
                read,
                starred,
            });
        }
    }
    report.flags_applied = apply.len();
    store.apply_remote_flags(&apply)?;
    for seq in &overruled {
        store.outbox_sent(*seq)?;
    }
    let left: Vec<&Outgoing> = flags
        .iter()
        .filter(|o| !overruled.contains(&o.seq))
        .collect();
    push_flags(syncer, client, &left, report).await?;
    Ok(cursor)
}

fn flag_of(action: &str) -> &'static str {
    match action {
        "read" | "unread" => "read",
        _ => "starred",
    }
}

fn wants(action: &str) -> bool {
    matches!(action, "read" | "star")
}

async fn push_subscriptions(
    syncer: &Syncer,
    account: &Account,
    client: &Client,
    outbox: &[Outgoing],
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    if outbox.is_empty() {
        return Ok(());
    }
    let categories = store.categories()?;
    let mut feeds = client.feeds().await?;
    report.requests += 1;
    for o in outbox {
        let Some(url) = o.feed_url.as_deref() else {
            store.outbox_sent(o.seq)?;
            continue;
        };
        if o.action == "subscribe" {
            let folder = o
                .folder
                .as_deref()
                .and_then(|slug| categories.iter().find(|c| c.slug == slug))
                .map(|c| c.name.as_str())
                .unwrap_or("All");
            let category = client.category(folder).await?;
            let id = client.subscribe(url, category.id, false).await?;
            report.requests += 2;
            if let Some(source) = store.sources()?.into_iter().find(|s| s.url == url) {
                store.ensure_remote_source(
                    account.id,
                    &id.to_string(),
                    url,
                    source.category_slug.as_deref(),
                    None,
                )?;
            }
        } else if let Some(f) = feeds.iter().find(|f| f.feed_url == url) {
            client.unsubscribe(f.id).await?;
            report.requests += 1;
        }
        store.outbox_sent(o.seq)?;
        report.sent += 1;
        if o.action == "unsubscribe" {
            feeds.retain(|f| f.feed_url != url);
        }
    }
    Ok(())
}

async fn pull_subscriptions(
    syncer: &Syncer,
    account: &Account,
    client: &Client,
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    let feeds = client.feeds().await?;
    report.requests += 1;
    let categories = store.categories()?;
    let on_server: HashSet<String> = feeds.iter().map(|f| f.id.to_string()).collect();
    for f in &feeds {
        let slug = f
            .category
            .as_ref()
            .and_then(|c| crate::opml::section_slug(&categories, &c.title));
        let title = (!f.title.is_empty()).then_some(f.title.as_str());
        store.ensure_remote_source(
            account.id,
            &f.id.to_string(),
            &f.feed_url,
            slug.as_deref(),
            title,
        )?;
    }
    report.subscriptions = feeds.len();
    for (remote, source_id, _) in store.remote_sources(account.id)? {
        if !on_server.contains(&remote) {
            store.remove_remote_source(source_id)?;
        }
    }
    Ok(())
}

/// New server entries stored through the app's pipeline, each mapped to
/// its article.
async fn store_new_entries(
    syncer: &Syncer,
    account: &Account,
    entries: &[Entry],
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    let mapped = store.remote_items(account.id)?;
    let sources: HashMap<String, i64> = store
        .remote_sources(account.id)?
        .into_iter()
        .map(|(remote, id, _)| (remote, id))
        .collect();
    let all_sources: HashMap<i64, Source> =
        store.sources()?.into_iter().map(|s| (s.id, s)).collect();
    let mut by_source: HashMap<i64, Vec<(i64, FeedEntry)>> = HashMap::new();
    for e in entries {
        if mapped.contains_key(&e.id) || e.status == "removed" {
            continue;
        }
        let Some(&source_id) = sources.get(&e.feed_id.to_string()) else {
            continue;
        };
        by_source
            .entry(source_id)
            .or_default()
            .push((e.id, feed_entry(e)));
    }
    for (source_id, list) in by_source {
        let Some(source) = all_sources.get(&source_id) else {
            continue;
        };
        let mut sr = SourceReport {
            source_id,
            url: source.url.clone(),
            category: source.category_slug.clone(),
            status: SourceStatus::Updated,
            items: list.len(),
            new: 0,
            updated: 0,
            failed_pages: 0,
            cut: false,
            error: None,
        };
        let (remote_ids, feed_entries): (Vec<i64>, Vec<FeedEntry>) = list.into_iter().unzip();
        syncer.ingest(source, feed_entries.clone(), &mut sr).await?;
        report.new_articles += sr.new;
        report.failed_pages += sr.failed_pages;
        for (remote_id, entry) in remote_ids.into_iter().zip(&feed_entries) {
            if let Some(article_id) = syncer.article_for(source, entry)? {
                store.map_remote_item(account.id, remote_id, article_id)?;
            }
        }
    }
    Ok(())
}

/// A server entry as a feed entry: its link is the page the app reads.
fn feed_entry(e: &Entry) -> FeedEntry {
    let url = Url::parse(&e.url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    FeedEntry {
        guid: url
            .as_ref()
            .map(|u| u.to_string())
            .unwrap_or_else(|| format!("miniflux:{}", e.hash)),
        url,
        title: crate::text::clean_text(&e.title),
        summary: String::new(),
        content_html: (!e.content.is_empty()).then(|| e.content.clone()),
        published: e.published_at,
        updated: None,
    }
}

async fn push_flags(
    syncer: &Syncer,
    client: &Client,
    outbox: &[&Outgoing],
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    for o in outbox {
        let Some(id) = o.remote_id else {
            store.outbox_sent(o.seq)?;
            continue;
        };
        let sent = match o.action.as_str() {
            "read" => client.set_read(&[id], true).await,
            "unread" => client.set_read(&[id], false).await,
            "star" => client.set_starred(id, true).await,
            "unstar" => client.set_starred(id, false).await,
            other => Err(Error::InvalidInput(format!("outbox action {other}"))),
        };
        report.requests += 1;
        match sent {
            Ok(()) => {
                store.outbox_sent(o.seq)?;
                report.sent += 1;
            }
            // The entry is gone from the server: nothing left to tell it.
            Err(Error::Server {
                code: "not_reader_server",
                ..
            }) => store.outbox_sent(o.seq)?,
            Err(e) => {
                store.outbox_failed(o.seq, &e)?;
                return Err(e);
            }
        }
    }
    Ok(())
}

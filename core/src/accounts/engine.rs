//! One sync of an account, on Miniflux's REST API or a Google Reader API
//! (`server.rs` puts both behind one trait), in this order:
//! 1. subscriptions made or dropped here go to the server (outbox);
//! 2. the server's feeds become sources here (and feeds it dropped go);
//! 3. the entries the server changed since the last sync are read: new ones
//!    are stored through the app's own pipeline (page, pictures, full text
//!    fetched here, as for any feed; where the server scraped the full text
//!    itself, that text stands for the page), and their read and starred states are
//!    applied — except where a change made here is newer (newest change wins
//!    per article per flag, the server's entry change time against the time
//!    the change here was made; a Google Reader API gives no change times,
//!    so there a change made here and not yet sent wins);
//! 4. read marks and stars made here go to the server (outbox), each a state
//!    set, so a crash between sending and recording sends nothing that
//!    counts twice.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::server::{RemoteItem, Server};
use super::{greader, miniflux};
use crate::error::{Error, Result};
use crate::feed::FeedEntry;
use crate::store::accounts::{Account, Outgoing, RemoteFlags};
use crate::store::Source;
use crate::sync::{SourceReport, SourceStatus, Syncer, TextFrom};

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct AccountReport {
    pub sent: usize,
    pub subscriptions: usize,
    pub new_articles: usize,
    pub failed_pages: usize,
    pub flags_applied: usize,
    /// Items the server said changed (or, for a Google Reader API, are new).
    pub entries_read: usize,
    /// Requests made to the server.
    pub requests: usize,
    /// Bytes of the server's answers (counted for the whole process: one
    /// account at a time).
    pub bytes: u64,
}

/// Runs one sync of a Miniflux account.
pub async fn sync_miniflux(
    syncer: &Syncer,
    account: &Account,
    auth: miniflux::Auth,
) -> Result<AccountReport> {
    let client = miniflux::Client::new(
        &account.server_url,
        auth,
        std::time::Duration::from_secs(30),
    );
    match client {
        Ok(c) => sync_with(syncer, account, &c).await,
        Err(e) => {
            syncer
                .store()
                .record_account_sync(account.id, None, Some(&e))?;
            Err(e)
        }
    }
}

/// Runs one sync of a Google Reader API account (its API password).
pub async fn sync_greader(
    syncer: &Syncer,
    account: &Account,
    password: &str,
) -> Result<AccountReport> {
    let client = greader::Client::login(
        &account.server_url,
        &account.username,
        password,
        std::time::Duration::from_secs(30),
    )
    .await;
    match client {
        Ok(c) => sync_with(syncer, account, &c).await,
        Err(e) => {
            syncer
                .store()
                .record_account_sync(account.id, None, Some(&e))?;
            Err(e)
        }
    }
}

async fn sync_with<S: Server>(
    syncer: &Syncer,
    account: &Account,
    server: &S,
) -> Result<AccountReport> {
    let mut report = AccountReport::default();
    let bytes_before = server.bytes_read();
    let result = run(syncer, account, server, &mut report).await;
    report.requests = server.requests();
    report.bytes = server.bytes_read() - bytes_before;
    syncer.store().record_account_sync(
        account.id,
        result.as_ref().ok().copied().flatten(),
        result.as_ref().err(),
    )?;
    result.map(|_| report)
}

async fn run<S: Server>(
    syncer: &Syncer,
    account: &Account,
    server: &S,
    report: &mut AccountReport,
) -> Result<Option<i64>> {
    let store = syncer.store();
    let outbox = store.outbox(account.id)?;
    let (subscriptions, flags): (Vec<Outgoing>, Vec<Outgoing>) = outbox
        .into_iter()
        .partition(|o| matches!(o.action.as_str(), "subscribe" | "unsubscribe"));
    push_subscriptions(syncer, server, &subscriptions, report).await?;
    let full_text = pull_subscriptions(syncer, account, server, report).await?;

    let mapped = store.remote_items(account.id)?;
    let changes = server.changes(account.cursor, &mapped).await?;
    report.entries_read = changes.items.len();
    store_new_items(syncer, account, &changes.items, &full_text, report).await?;

    // Newest change wins, flag by flag.
    let pending: HashMap<(i64, &str), &Outgoing> = flags
        .iter()
        .filter_map(|o| Some(((o.remote_id?, flag_of(&o.action)), o)))
        .collect();
    let mut overruled: HashSet<i64> = HashSet::new();
    let mapped = store.remote_items(account.id)?;
    let sent = store.sent_times(account.id)?;
    let ids: Vec<i64> = changes
        .items
        .iter()
        .filter_map(|e| mapped.get(&e.id).copied())
        .collect();
    let local = store.local_flags(&ids)?;
    let mut apply = Vec::new();
    for e in &changes.items {
        let Some(&article_id) = mapped.get(&e.id) else {
            continue;
        };
        let Some(&(read_here, starred_here)) = local.get(&article_id) else {
            continue;
        };
        // A server change is another computer's only when it is later than
        // the change waiting here and than anything of ours sent for the
        // item (our own sending moves the server's change time; a second
        // of slack for the clocks' rounding).
        let ours = sent.get(&e.id).map_or(i64::MIN, |t| t + 1);
        let mut decide = |flag: &'static str, server: bool, here: bool| -> Option<bool> {
            match pending.get(&(e.id, flag)) {
                // Only a server that dates its change can be newer.
                Some(o)
                    if e.changed_at.is_some_and(|t| t > o.queued_at && t > ours)
                        && server != wants(&o.action) =>
                {
                    overruled.insert(o.seq);
                    (server != here).then_some(server)
                }
                Some(_) => None,
                None => (server != here).then_some(server),
            }
        };
        let read = decide("read", e.read, read_here);
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
    push_flags(syncer, server, &left, report).await?;
    Ok(changes.cursor.or(account.cursor))
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

async fn push_subscriptions<S: Server>(
    syncer: &Syncer,
    server: &S,
    outbox: &[Outgoing],
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    if outbox.is_empty() {
        return Ok(());
    }
    let categories = store.categories()?;
    for o in outbox {
        if let Some(url) = o.feed_url.as_deref() {
            if o.action == "subscribe" {
                let folder = o
                    .folder
                    .as_deref()
                    .and_then(|slug| categories.iter().find(|c| c.slug == slug))
                    .map(|c| c.name.as_str());
                server.subscribe(url, folder).await?;
            } else {
                server.unsubscribe(url).await?;
            }
            report.sent += 1;
        }
        store.outbox_sent(o.seq)?;
    }
    Ok(())
}

async fn pull_subscriptions<S: Server>(
    syncer: &Syncer,
    account: &Account,
    server: &S,
    report: &mut AccountReport,
) -> Result<HashSet<String>> {
    let store = syncer.store();
    let feeds = server.feeds().await?;
    let categories = store.categories()?;
    let on_server: HashSet<&str> = feeds.iter().map(|f| f.id.as_str()).collect();
    for f in &feeds {
        let slug = f
            .folder
            .as_deref()
            .and_then(|name| crate::opml::section_slug(&categories, name));
        let title = (!f.title.is_empty()).then_some(f.title.as_str());
        store.ensure_remote_source(account.id, &f.id, &f.url, slug.as_deref(), title)?;
    }
    report.subscriptions = feeds.len();
    for (remote, source_id, _) in store.remote_sources(account.id)? {
        if !on_server.contains(remote.as_str()) {
            store.remove_remote_source(source_id)?;
        }
    }
    Ok(feeds
        .into_iter()
        .filter(|f| f.full_text)
        .map(|f| f.id)
        .collect())
}

/// New server items stored through the app's pipeline, each mapped to its
/// article; items of `full_text` feeds keep the server's text instead of
/// their pages.
async fn store_new_items(
    syncer: &Syncer,
    account: &Account,
    items: &[RemoteItem],
    full_text: &HashSet<String>,
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    let mapped = store.remote_items(account.id)?;
    let sources: HashMap<String, i64> = store
        .remote_sources(account.id)?
        .into_iter()
        .map(|(remote, id, _)| (remote, id))
        .collect();
    let server_text: HashSet<i64> = full_text
        .iter()
        .filter_map(|f| sources.get(f).copied())
        .collect();
    let all_sources: HashMap<i64, Source> =
        store.sources()?.into_iter().map(|s| (s.id, s)).collect();
    let mut by_source: HashMap<i64, Vec<(i64, FeedEntry)>> = HashMap::new();
    for e in items {
        if mapped.contains_key(&e.id) {
            continue;
        }
        let Some(&source_id) = sources.get(&e.feed_id) else {
            continue;
        };
        by_source
            .entry(source_id)
            .or_default()
            .push((e.id, e.entry.clone()));
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
            pending_pages: 0,
            cut: false,
            error: None,
        };
        let (remote_ids, entries): (Vec<i64>, Vec<FeedEntry>) = list.into_iter().unzip();
        let text = if server_text.contains(&source_id) {
            TextFrom::Entry
        } else {
            TextFrom::Page
        };
        syncer
            .ingest(source, entries.clone(), text, &mut sr)
            .await?;
        report.new_articles += sr.new;
        report.failed_pages += sr.failed_pages;
        for (remote_id, entry) in remote_ids.into_iter().zip(&entries) {
            if let Some(article_id) = syncer.article_for(source, entry)? {
                store.map_remote_item(account.id, remote_id, article_id)?;
            }
        }
    }
    Ok(())
}

async fn push_flags<S: Server>(
    syncer: &Syncer,
    server: &S,
    outbox: &[&Outgoing],
    report: &mut AccountReport,
) -> Result<()> {
    let store = syncer.store();
    for o in outbox {
        let Some(id) = o.remote_id else {
            store.outbox_sent(o.seq)?;
            continue;
        };
        store.sending(o.account_id, id)?;
        let sent = match o.action.as_str() {
            "read" => server.set_read(id, true).await,
            "unread" => server.set_read(id, false).await,
            "star" => server.set_starred(id, true).await,
            "unstar" => server.set_starred(id, false).await,
            other => Err(Error::InvalidInput(format!("outbox action {other}"))),
        };
        match sent {
            Ok(()) => {
                store.outbox_sent(o.seq)?;
                report.sent += 1;
            }
            // The item is gone from the server: nothing left to tell it.
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

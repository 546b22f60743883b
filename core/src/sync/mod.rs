//! The sync: seed page → categories; each enabled feed (conditional GET) →
//! new entries → article page → extract → lead image → one transaction per
//! article. A failing source or page is reported and skipped; the others go
//! on.

mod article;
mod body;
pub mod dedupe;
mod report;
mod retry;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use futures_util::stream::{self, StreamExt};
use url::Url;

use crate::accounts::secrets::Secrets;
use crate::discover::nav_categories;
use crate::error::{Error, Result};
use crate::extract::SiteRules;
use crate::feed::{parse_feed_from, FeedEntry};
use crate::fetch::{charset, own_network, FetchOutcome, Fetcher, Validators};
use crate::site_config::{Site, CATEGORIES};
use crate::store::{EntryKey, EntryState, Source, Store};
pub use report::{AccountOutcome, ErrorInfo, SourceReport, SourceStatus, SyncEvent, SyncReport};
pub use retry::RetryReport;

/// How many feeds and pages are fetched at once.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    pub feed_concurrency: usize,
    pub page_concurrency: usize,
    /// Sync only these sources (and skip the seed page); all enabled ones
    /// when `None`.
    pub only_sources: Option<Vec<i64>>,
    /// Fetch each new article's page and pictures (the default); without
    /// it, only what the feed carries is stored (headlines and excerpts).
    pub full_text: bool,
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self {
            feed_concurrency: 4,
            page_concurrency: 6,
            only_sources: None,
            full_text: true,
        }
    }
}

fn content_hash(body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub type EventSink = Arc<dyn Fn(SyncEvent) + Send + Sync>;

struct RunningGuard<'a>(&'a AtomicBool);

impl Drop for RunningGuard<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Where an entry's full text is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFrom {
    /// Its page, fetched and extracted here.
    Page,
    /// The entry's own content, which the server already extracted from
    /// the page (Miniflux's scraper); the page is read only where that
    /// content holds no paragraphs.
    Entry,
}

pub struct Syncer {
    store: Arc<Store>,
    fetcher: Fetcher,
    rules: Arc<SiteRules>,
    site: Site,
    options: SyncOptions,
    running: AtomicBool,
    cancel: AtomicBool,
    /// Where sync accounts' secrets are; without it, accounts are not
    /// synced.
    secrets: Option<Arc<Secrets>>,
    /// Sources' hosts found on the reader's own network (or not), looked
    /// up once (`fetcher_for`).
    own_hosts: Mutex<HashMap<String, bool>>,
}

impl Syncer {
    pub fn new(
        store: Arc<Store>,
        fetcher: Fetcher,
        site: Site,
        options: SyncOptions,
    ) -> Result<Self> {
        Ok(Self {
            store,
            fetcher,
            rules: Arc::new(SiteRules::khabarain()?),
            site,
            options,
            running: AtomicBool::new(false),
            cancel: AtomicBool::new(false),
            secrets: None,
            own_hosts: Mutex::default(),
        })
    }

    /// Syncs the accounts too, with the secrets kept here.
    pub fn with_secrets(mut self, secrets: Arc<Secrets>) -> Self {
        self.secrets = Some(secrets);
        self
    }

    pub fn secrets(&self) -> Option<&Arc<Secrets>> {
        self.secrets.as_ref()
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.store
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Makes sure the site's default feeds and categories are known, so the
    /// app has a navigation and something to sync before the first sync.
    pub fn seed_defaults(&self) -> Result<()> {
        for (cat, url) in self.site.default_feeds()? {
            self.store.ensure_source(url.as_str(), Some(cat.slug))?;
        }
        if self.store.categories()?.is_empty() {
            let cats: Vec<_> = CATEGORIES
                .iter()
                .map(|c| (c.slug.to_string(), c.name.to_string(), None))
                .collect();
            self.store.set_categories(&cats)?;
        }
        Ok(())
    }

    /// Asks a running sync to stop after the pages in flight.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    pub fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }

    /// Runs one sync. Only one runs at a time; a second call while one is
    /// running gets `SyncBusy`.
    pub async fn sync(&self, events: EventSink) -> Result<SyncReport> {
        if self.running.swap(true, Ordering::SeqCst) {
            return Err(Error::SyncBusy);
        }
        // Cleared on drop, so a sync whose future is dropped half-way (the
        // app closing, a caller's timeout) does not block every later one.
        let _running = RunningGuard(&self.running);
        self.cancel.store(false, Ordering::SeqCst);
        self.run(events).await
    }

    /// Applies the reader's rules to what was stored since they last ran.
    /// A failure costs the rules' pass, not the sync: the articles stay
    /// above the mark and the next pass takes them.
    fn apply_rules(&self) {
        match self.store.apply_rules_to_new() {
            Ok(0) => {}
            Ok(n) => tracing::info!(hits = n, "rules applied"),
            Err(e) => tracing::warn!(error = %e, "rules not applied"),
        }
    }

    async fn run(&self, events: EventSink) -> Result<SyncReport> {
        let accounts = self.sync_accounts().await?;
        // A server's feeds come through its account, not fetched here too.
        let served = self.store.account_source_ids()?;
        let all = self.store.sources()?;
        let sources: Vec<Source> = match &self.options.only_sources {
            Some(ids) => all.into_iter().filter(|s| ids.contains(&s.id)).collect(),
            None => all
                .into_iter()
                .filter(|s| s.enabled && !served.contains(&s.id))
                .collect(),
        };
        // A restricted sync does not read the seed page; its sources alone
        // say whether the site can be reached.
        let seed_ok = self.options.only_sources.is_none() && self.refresh_categories().await;
        let total = sources.len();
        events(SyncEvent::Started {
            total_sources: total,
        });
        let mut reports = Vec::with_capacity(total);
        let mut done_stream = stream::iter(sources.clone())
            .map(|s| self.sync_source(s))
            .buffer_unordered(self.options.feed_concurrency.max(1));
        while let Some(report) = done_stream.next().await {
            // The reader's rules, on what this source (and any other
            // finished meanwhile) brought, before the window draws it.
            self.apply_rules();
            reports.push(report.clone());
            events(SyncEvent::SourceDone {
                done: reports.len(),
                total_sources: total,
                report,
            });
        }
        reports.sort_by_key(|r| r.source_id);
        // Pages an earlier sync could not read, tried again.
        let retried = if self.options.full_text && !self.cancel.load(Ordering::SeqCst) {
            self.retry_pages(&sources).await.unwrap_or_else(|e| {
                tracing::warn!(error = %e, "page retries failed");
                RetryReport::default()
            })
        } else {
            RetryReport::default()
        };
        // What the accounts and the page retries brought.
        self.apply_rules();
        let failed_sources = reports
            .iter()
            .filter(|r| r.status == SourceStatus::Failed)
            .count();
        let unreachable = !seed_ok
            && !reports.is_empty()
            && reports.iter().all(|r| {
                r.error
                    .as_ref()
                    .is_some_and(|e| matches!(e.code, "network" | "timeout"))
            });
        let removed_articles = match self
            .store
            .retention()
            .and_then(|r| self.store.apply_retention(r))
        {
            Ok(r) => r.articles_removed,
            Err(e) => {
                tracing::warn!(error = %e, "retention failed");
                0
            }
        };
        let report = SyncReport {
            removed_articles,
            new_articles: reports.iter().map(|r| r.new).sum::<usize>()
                + accounts
                    .iter()
                    .filter_map(|a| a.report.as_ref())
                    .map(|r| r.new_articles)
                    .sum::<usize>(),
            accounts,
            failed_sources,
            unreachable,
            cancelled: self.cancel.load(Ordering::SeqCst),
            sources: reports,
            retried,
        };
        events(SyncEvent::Finished {
            report: report.clone(),
        });
        Ok(report)
    }

    /// Reads the seed page's navigation into the categories. False when the
    /// page could not be fetched.
    /// Each account in turn; one that fails says why and the others, and
    /// the sources, go on.
    async fn sync_accounts(&self) -> Result<Vec<AccountOutcome>> {
        let Some(secrets) = &self.secrets else {
            return Ok(Vec::new());
        };
        if self.options.only_sources.is_some() {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        for account in self.store.accounts()? {
            let result = crate::accounts::sync(self, secrets, &account).await;
            if let Err(e) = &result {
                tracing::warn!(account = account.id, error = %e, "account sync failed");
            }
            out.push(AccountOutcome {
                account_id: account.id,
                error: result.as_ref().err().map(ErrorInfo::from),
                report: result.ok(),
            });
        }
        Ok(out)
    }

    /// The fetcher for a source's pages and pictures: one on the public
    /// internet reaches only the public internet (`fetch::own_network`
    /// says why); one the reader added on their own network, anywhere.
    pub(crate) async fn fetcher_for(&self, source: &Source) -> Fetcher {
        let Ok(url) = Url::parse(&source.url) else {
            return self.fetcher.public_only();
        };
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or_default(),
            url.port_or_known_default().unwrap_or(0)
        );
        let known = self
            .own_hosts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            .copied();
        let own = match known {
            Some(own) => own,
            None => {
                let own = own_network::source_is_own(&url).await;
                self.own_hosts
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(key, own);
                own
            }
        };
        if own {
            self.fetcher.clone()
        } else {
            self.fetcher.public_only()
        }
    }

    async fn refresh_categories(&self) -> bool {
        let url = self.site.base_url.clone();
        let limit = self.fetcher.policy.max_page_bytes;
        match self.fetcher.get(&url, &Validators::default(), limit).await {
            Ok(FetchOutcome::Fetched(page)) => {
                let html = charset::html_to_string(&page.body, page.content_type.as_deref());
                let nav = nav_categories(&html, &page.final_url);
                if !nav.is_empty() {
                    let cats: Vec<_> = nav
                        .into_iter()
                        .map(|c| (c.slug, c.name, Some(c.url)))
                        .collect();
                    if let Err(e) = self.store.set_categories(&cats) {
                        tracing::warn!(error = %e, "could not store categories");
                    }
                }
                true
            }
            Ok(FetchOutcome::NotModified) => true,
            Err(e) => {
                tracing::warn!(error = %e, "seed page unavailable");
                false
            }
        }
    }

    async fn sync_source(&self, source: Source) -> SourceReport {
        let mut report = SourceReport {
            source_id: source.id,
            url: source.url.clone(),
            category: source.category_slug.clone(),
            status: SourceStatus::Updated,
            items: 0,
            new: 0,
            updated: 0,
            failed_pages: 0,
            pending_pages: 0,
            cut: false,
            error: None,
        };
        if self.cancel.load(Ordering::SeqCst) {
            report.status = SourceStatus::Skipped;
            return report;
        }
        match self.fetch_source(&source, &mut report).await {
            Ok(()) => {}
            Err(e) => {
                tracing::warn!(source = %source.url, error = %e, "source failed");
                if let Err(db) = self
                    .store
                    .record_source_error(source.id, e.code(), &e.to_string())
                {
                    tracing::error!(error = %db, "could not record source error");
                }
                report.status = SourceStatus::Failed;
                report.error = Some(ErrorInfo::from(&e));
            }
        }
        report
    }

    async fn fetch_source(&self, source: &Source, report: &mut SourceReport) -> Result<()> {
        let url = Url::parse(&source.url)
            .map_err(|e| Error::InvalidInput(format!("source URL {}: {e}", source.url)))?;
        let validators = self.store.source_validators(source.id)?;
        let fetched = match self.fetcher.get_feed(&url, &validators).await? {
            FetchOutcome::NotModified => {
                self.store.record_source_success(source.id, None, None)?;
                report.status = SourceStatus::NotModified;
                return Ok(());
            }
            FetchOutcome::Fetched(f) => f,
        };
        let hash = content_hash(&fetched.body);
        if validators.content_hash.as_deref() == Some(hash.as_str()) {
            // The same bytes as last time, every item of which was stored.
            let mut same = fetched.validators.clone();
            same.content_hash = Some(hash);
            self.store
                .record_source_success(source.id, Some(&same), None)?;
            report.status = SourceStatus::NotModified;
            return Ok(());
        }
        // Decoding and parsing are CPU work: off the async threads, so that
        // several feeds are parsed at once on several cores.
        let (raw, content_type) = (fetched.body.clone(), fetched.content_type.clone());
        // Relative links are relative to where the server says the
        // document is, else to where it was fetched from.
        let base = fetched
            .content_location
            .clone()
            .unwrap_or_else(|| fetched.final_url.clone());
        let (feed, encoding) = tokio::task::spawn_blocking(move || {
            let text = charset::decode_feed(&raw, content_type.as_deref());
            (
                parse_feed_from(&text.bytes, &base, text.utf8),
                text.encoding,
            )
        })
        .await
        .map_err(|e| Error::FeedParse {
            url: url.to_string(),
            message: e.to_string(),
        })?;
        self.store.set_source_encoding(source.id, encoding)?;
        let feed = feed
            // Cut at the size limit with nothing readable before it (a gzip
            // bomb, a feed of one enormous header): the limit is the news.
            .map_err(|e| match e {
                Error::FeedParse { .. } | Error::NotAFeed { .. } if fetched.truncated => {
                    Error::TooLarge {
                        url: url.to_string(),
                        limit: self.fetcher.policy.max_feed_bytes,
                    }
                }
                other => other,
            })?;
        report.items = feed.entries.len();
        // Read up to a limit: what came before it is kept, and said.
        report.cut = feed.cut || fetched.cut;
        // A source read for the first time is known by its feed's title
        // from now on (bylines are told from the publication by it).
        let mut source = source.clone();
        if source.title.is_none() {
            source.title.clone_from(&feed.title);
        }
        self.ingest(&source, feed.entries, TextFrom::Page, report)
            .await?;
        self.finish_source(
            &source,
            report,
            fetched.validators,
            hash,
            feed.title.as_deref(),
        )
    }

    /// Stores a source's entries, wherever they came from (its feed, or a
    /// sync server): those not stored yet with their text (`text`), and
    /// those the source says changed read again.
    pub async fn ingest(
        &self,
        source: &Source,
        entries: Vec<FeedEntry>,
        text: TextFrom,
        report: &mut SourceReport,
    ) -> Result<()> {
        let keys: Vec<(Option<Url>, Option<String>)> = entries
            .iter()
            .map(|e| {
                (
                    e.url.as_ref().map(dedupe::canonical_url),
                    dedupe::fingerprint(&e.title, e.published),
                )
            })
            .collect();
        let states = self.store.classify_entries(
            &keys
                .iter()
                .zip(&entries)
                .map(|((url, fp), e)| EntryKey {
                    source_id: Some(source.id),
                    guid: &e.guid,
                    url: url.as_ref().map(Url::as_str),
                    alias_url: None,
                    fingerprint: fp.as_deref(),
                    summary: &e.summary,
                    updated: e.updated.map(|d| d.timestamp()),
                })
                .collect::<Vec<_>>(),
            source.category_slug.as_deref(),
        )?;
        // New entries, and stored ones the feed says changed (with their id).
        let fresh: Vec<article::Fresh> = entries
            .into_iter()
            .zip(keys)
            .zip(states)
            .filter_map(|((entry, (url, fingerprint)), state)| {
                let replace = match state {
                    EntryState::New => None,
                    EntryState::Changed(id) if self.options.full_text => Some(id),
                    _ => return None,
                };
                Some(article::Fresh {
                    entry,
                    url,
                    fingerprint,
                    replace,
                    text,
                })
            })
            .collect();
        self.store_entries(source, fresh, report).await
    }

    /// The article an entry of this source is, once stored.
    pub fn article_for(&self, source: &Source, entry: &FeedEntry) -> Result<Option<i64>> {
        let url = entry.url.as_ref().map(dedupe::canonical_url);
        let fingerprint = dedupe::fingerprint(&entry.title, entry.published);
        self.store.stored_article(&EntryKey {
            source_id: Some(source.id),
            guid: &entry.guid,
            url: url.as_ref().map(Url::as_str),
            alias_url: None,
            fingerprint: fingerprint.as_deref(),
            summary: &entry.summary,
            updated: entry.updated.map(|d| d.timestamp()),
        })
    }

    /// Stores a feed's new (and changed) entries: with their pages, or only
    /// what the feed says when only headlines are synced or when an entry
    /// has no page.
    async fn store_entries(
        &self,
        source: &Source,
        fresh: Vec<article::Fresh>,
        report: &mut SourceReport,
    ) -> Result<()> {
        let (pages, feed_only): (Vec<_>, Vec<_>) = fresh
            .into_iter()
            .partition(|f| self.options.full_text && f.url.is_some());
        let articles: Vec<_> = feed_only
            .iter()
            .filter(|f| f.replace.is_none())
            .map(|f| article::entry_article(source, f))
            .collect();
        report.new += self.store.insert_entries(&articles)?;
        // A server that stops answering costs one time budget for this
        // source, not one per page: after a page has timed out, the rest
        // wait for the next sync.
        let hung = AtomicBool::new(false);
        let results: Vec<Result<article::Stored>> = stream::iter(pages)
            .map(|f| article::fetch_and_store(self, source, f, &hung))
            .buffer_unordered(self.options.page_concurrency.max(1))
            .collect()
            .await;
        for r in results {
            match r {
                Ok(article::Stored::New) => report.new += 1,
                Ok(article::Stored::Updated) => report.updated += 1,
                Ok(article::Stored::Pending(stored)) => {
                    report.pending_pages += 1;
                    match *stored {
                        article::Stored::Updated => report.updated += 1,
                        _ => report.new += 1,
                    }
                }
                Ok(article::Stored::Known) | Err(Error::Cancelled) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "article skipped");
                    report.failed_pages += 1;
                }
            }
        }
        Ok(())
    }

    /// Records a fetched source. Validators and the body hash are saved only
    /// when every page made it, so that a partial sync is retried in full
    /// next time instead of being hidden behind a 304.
    fn finish_source(
        &self,
        source: &Source,
        report: &SourceReport,
        validators: Validators,
        hash: String,
        title: Option<&str>,
    ) -> Result<()> {
        let complete = report.failed_pages == 0 && !self.cancel.load(Ordering::SeqCst);
        let keep = if complete {
            Validators {
                content_hash: Some(hash),
                ..validators
            }
        } else {
            Validators::default()
        };
        self.store
            .record_source_success(source.id, Some(&keep), title)?;
        self.store.record_source_cut(source.id, report.cut)
    }
}

//! The commands the UI calls. Thin: check arguments, call the core, map
//! errors. No SQL and no HTML here.

use std::sync::{Arc, Mutex};

use khabarain_core::share::{share_targets, share_text, ShareTarget};
use khabarain_core::store::{
    ArticleDetail, ArticleSummary, Category, ListFilter, ListSort, Retention, RetentionReport,
    Source,
};
use khabarain_core::sync::{SyncEvent, SyncReport};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

pub const SYNC_EVENT: &str = "sync://event";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListArgs {
    pub category: Option<String>,
    #[serde(default)]
    pub bookmarked: bool,
    #[serde(default)]
    pub unread: bool,
    /// Words to look for; blank means none.
    #[serde(default)]
    pub query: Option<String>,
    /// Bookmarks with this tag.
    #[serde(default)]
    pub tag: Option<String>,
    /// Articles by this author.
    #[serde(default)]
    pub author: Option<String>,
    /// Articles the feed tagged so.
    #[serde(default)]
    pub feed_tag: Option<String>,
    #[serde(default)]
    pub sort: ListSort,
    /// Published from (Unix seconds).
    #[serde(default)]
    pub since: Option<i64>,
    /// Published before.
    #[serde(default)]
    pub until: Option<i64>,
    /// The articles the reader's rules hide.
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub offset: u32,
    #[serde(default)]
    pub limit: u32,
}

#[derive(Debug, Serialize)]
pub struct AppInfo {
    pub site: String,
    pub db_path: String,
    pub version: &'static str,
    pub syncing: bool,
    pub last_sync: Option<SyncReport>,
    /// Articles the window opens by itself (start-up benchmark); 0 normally.
    pub bench_open: u32,
    /// What was done about a damaged database at start, to tell the reader.
    pub recovery: Option<khabarain_core::store::recovery::Recovery>,
}

pub fn check_id(id: i64) -> CmdResult<i64> {
    if id > 0 {
        Ok(id)
    } else {
        Err(CommandError::invalid(format!("bad article id {id}")))
    }
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        site: state.syncer.site().base_url.to_string(),
        db_path: state.db_path.display().to_string(),
        version: env!("CARGO_PKG_VERSION"),
        syncing: state.syncer.is_running(),
        last_sync: state.last_report.lock().ok().and_then(|r| r.clone()),
        bench_open: state.bench_open,
        recovery: state.recovery.clone(),
    }
}

/// The window reports how far start-up got ("first_list": the first rows
/// are on screen); logged with the time since the process started, for
/// bug reports and the start-up benchmark.
#[tauri::command]
pub fn milestone(
    state: State<'_, AppState>,
    name: String,
    count: u32,
    page_ms: f64,
) -> CmdResult<()> {
    if !matches!(name.as_str(), "first_list" | "articles_opened") {
        return Err(CommandError::invalid(format!("unknown milestone {name}")));
    }
    let ms = state.started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        target: "khabarain::milestone",
        "{name} count={count} after {ms:.1} ms (page {page_ms:.0} ms)"
    );
    Ok(())
}

#[tauri::command]
pub fn categories(state: State<'_, AppState>) -> CmdResult<Vec<Category>> {
    Ok(state.store.categories()?)
}

#[tauri::command]
pub fn sources(state: State<'_, AppState>) -> CmdResult<Vec<Source>> {
    Ok(state.store.sources()?)
}

impl ListArgs {
    fn filter(self) -> CmdResult<ListFilter> {
        check_category(&self.category)?;
        let query = match self.query {
            Some(q) if q.chars().count() > MAX_QUERY_CHARS => {
                return Err(CommandError::invalid("search query too long"))
            }
            Some(q) if !q.trim().is_empty() => Some(q),
            _ => None,
        };
        if self.tag.as_ref().is_some_and(|t| t.chars().count() > 64) {
            return Err(CommandError::invalid("tag too long"));
        }
        let label = |v: Option<String>| -> CmdResult<Option<String>> {
            match v {
                Some(v) if v.chars().count() > MAX_LABEL_CHARS => {
                    Err(CommandError::invalid("author or tag too long"))
                }
                v => Ok(v.filter(|v| !v.trim().is_empty())),
            }
        };
        let (author, feed_tag) = (label(self.author)?, label(self.feed_tag)?);
        let tag = self.tag.filter(|t| !t.trim().is_empty());
        if [tag.is_some(), author.is_some(), feed_tag.is_some()]
            .iter()
            .filter(|x| **x)
            .count()
            > 1
        {
            return Err(CommandError::invalid(
                "a list is narrowed to one tag or author at a time",
            ));
        }
        Ok(ListFilter {
            category: self.category,
            bookmarked_only: self.bookmarked,
            unread_only: self.unread,
            query,
            tag,
            author,
            feed_tag,
            sort: self.sort,
            since: self.since,
            until: self.until,
            limit: self.limit.clamp(1, 500),
            offset: self.offset,
            hidden: self.hidden,
            with_hidden: false,
        })
    }
}

const MAX_QUERY_CHARS: usize = 200;
/// The longest author name or feed tag a list is narrowed to (the store
/// keeps what feeds give; a name longer than this is no one's).
const MAX_LABEL_CHARS: usize = 200;

#[tauri::command]
pub fn list_articles(state: State<'_, AppState>, args: ListArgs) -> CmdResult<Vec<ArticleSummary>> {
    Ok(state.store.list_articles(&args.filter()?)?)
}

#[tauri::command]
pub fn count_articles(state: State<'_, AppState>, args: ListArgs) -> CmdResult<i64> {
    Ok(state.store.count_articles(&args.filter()?)?)
}

/// Where an article stands in a list, so the list keeps the reader's place
/// when it is drawn again.
#[tauri::command]
pub fn list_position(
    state: State<'_, AppState>,
    args: ListArgs,
    id: i64,
) -> CmdResult<Option<i64>> {
    Ok(state.store.list_position(&args.filter()?, check_id(id)?)?)
}

#[tauri::command]
pub fn get_article(state: State<'_, AppState>, id: i64) -> CmdResult<ArticleDetail> {
    Ok(state.store.article(check_id(id)?)?)
}

#[tauri::command]
pub fn set_read(app: AppHandle, state: State<'_, AppState>, id: i64, read: bool) -> CmdResult<()> {
    state.store.set_read(check_id(id)?, read)?;
    crate::tray::refresh(&app);
    Ok(())
}

pub fn check_category(category: &Option<String>) -> CmdResult<()> {
    match category {
        Some(c)
            if c.len() > 64
                || !c
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_') =>
        {
            Err(CommandError::invalid("bad category"))
        }
        _ => Ok(()),
    }
}

/// Marks everything unread in the list shown (a section, an author's or a
/// tag's stories, a search's results, or everything) read; returns the ids
/// for undo.
#[tauri::command]
pub fn mark_all_read(
    app: AppHandle,
    state: State<'_, AppState>,
    args: ListArgs,
) -> CmdResult<Vec<i64>> {
    let ids = state.store.mark_list_read(&args.filter()?)?;
    crate::tray::refresh(&app);
    Ok(ids)
}

#[tauri::command]
pub fn mark_unread(app: AppHandle, state: State<'_, AppState>, ids: Vec<i64>) -> CmdResult<()> {
    if ids.len() > 1_000_000 || ids.iter().any(|id| *id <= 0) {
        return Err(CommandError::invalid("bad article ids"));
    }
    state.store.mark_unread(&ids)?;
    crate::tray::refresh(&app);
    Ok(())
}

#[tauri::command]
pub fn set_reading_position(state: State<'_, AppState>, id: i64, position: f64) -> CmdResult<()> {
    if !position.is_finite() {
        return Err(CommandError::invalid("bad position"));
    }
    Ok(state
        .store
        .set_reading_position(check_id(id)?, position.clamp(0.0, 1.0))?)
}

/// Adds the feed of an address the user typed (a feed, or a page that
/// names one); returns the new source.
#[tauri::command]
pub async fn add_source(state: State<'_, AppState>, address: String) -> CmdResult<Source> {
    if address.trim().is_empty() || address.len() > 2048 {
        return Err(CommandError::invalid("bad address"));
    }
    let feed = khabarain_core::discover::find_feed(&state.fetcher, &address).await?;
    let id = state.store.ensure_source(&feed.url, None)?;
    state
        .store
        .sources()?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| CommandError::invalid("source vanished"))
}

#[tauri::command]
pub fn set_source_enabled(state: State<'_, AppState>, id: i64, enabled: bool) -> CmdResult<()> {
    Ok(state.store.set_source_enabled(check_id(id)?, enabled)?)
}

#[tauri::command]
pub fn remove_source(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.store.remove_source(check_id(id)?)?)
}

/// Runs a sync, streaming its progress as `sync://event` events.
#[tauri::command]
pub async fn sync_now(app: AppHandle, state: State<'_, AppState>) -> CmdResult<SyncReport> {
    run_sync(app, state.syncer.clone(), state.last_report.clone()).await
}

pub async fn run_sync(
    app: AppHandle,
    syncer: Arc<khabarain_core::sync::Syncer>,
    last: Arc<Mutex<Option<SyncReport>>>,
) -> CmdResult<SyncReport> {
    let emitter = app.clone();
    let sink = Arc::new(move |event: SyncEvent| {
        if let Err(e) = emitter.emit(SYNC_EVENT, &event) {
            tracing::warn!(error = %e, "could not emit sync event");
        }
    });
    let report = syncer.sync(sink).await?;
    if let Ok(mut l) = last.lock() {
        *l = Some(report.clone());
    }
    crate::alerts::after_sync(&app);
    crate::tray::refresh(&app);
    Ok(report)
}

/// Asks the running sync to stop after the pages in flight.
#[tauri::command]
pub fn cancel_sync(state: State<'_, AppState>) {
    state.syncer.cancel();
}

#[tauri::command]
pub fn sync_interval(state: State<'_, AppState>) -> CmdResult<u32> {
    Ok(state.store.sync_interval_minutes()?)
}

/// Minutes between automatic syncs: 0 (off) or 5 to 1440.
#[tauri::command]
pub fn set_sync_interval(state: State<'_, AppState>, minutes: u32) -> CmdResult<()> {
    if minutes != 0 && !(5..=1440).contains(&minutes) {
        return Err(CommandError::invalid(format!(
            "sync interval {minutes} minutes"
        )));
    }
    Ok(state.store.set_sync_interval_minutes(minutes)?)
}

#[derive(Debug, Serialize)]
pub struct RetentionChoice {
    /// Days an article is kept after it was synced; `None`: always.
    pub max_age_days: Option<u32>,
    /// The most articles kept; `None`: no limit.
    pub max_articles: Option<u32>,
}

#[tauri::command]
pub fn retention(state: State<'_, AppState>) -> CmdResult<RetentionChoice> {
    let r = state.store.retention()?;
    Ok(RetentionChoice {
        max_age_days: r.max_age_days,
        max_articles: r.max_articles,
    })
}

/// Saves what the reader keeps (0 means no limit) and applies it at once;
/// returns what was removed. Bookmarks are never removed.
#[tauri::command]
pub fn set_retention(
    state: State<'_, AppState>,
    max_age_days: u32,
    max_articles: u32,
) -> CmdResult<RetentionReport> {
    if max_age_days > 36_500 || (max_articles != 0 && !(100..=10_000_000).contains(&max_articles)) {
        return Err(CommandError::invalid("bad retention"));
    }
    let policy = Retention {
        max_age_days: (max_age_days > 0).then_some(max_age_days),
        max_articles: (max_articles > 0).then_some(max_articles),
    };
    state.store.set_retention(policy)?;
    Ok(state.store.apply_retention(policy)?)
}

/// The reader's preferences (theme, font size, …) as the UI saved them.
#[tauri::command]
pub fn get_prefs(
    state: State<'_, AppState>,
) -> CmdResult<std::collections::HashMap<String, String>> {
    Ok(state
        .store
        .settings_with_prefix("ui.")?
        .into_iter()
        .collect())
}

/// Saves one preference. Only known keys with valid values are accepted.
#[tauri::command]
pub fn set_pref(state: State<'_, AppState>, key: String, value: String) -> CmdResult<()> {
    let valid = match key.as_str() {
        "theme" => matches!(value.as_str(), "system" | "light" | "dark" | "sepia"),
        "font_size" => value.parse::<u8>().is_ok_and(|n| (14..=30).contains(&n)),
        "mark_read_on_open" => matches!(value.as_str(), "true" | "false"),
        "language" => matches!(value.as_str(), "ar" | "en"),
        "numerals" => matches!(value.as_str(), "latn" | "arab"),
        "calendar" => matches!(value.as_str(), "gregory" | "islamic"),
        "speech_rate" => value.parse::<f32>().is_ok_and(|r| (0.5..=2.0).contains(&r)),
        "nav_width" => value.parse::<u16>().is_ok_and(|n| (160..=420).contains(&n)),
        "list_width" => value.parse::<u16>().is_ok_and(|n| (240..=800).contains(&n)),
        _ => return Err(CommandError::invalid(format!("unknown preference {key}"))),
    };
    if !valid {
        return Err(CommandError::invalid(format!("bad value for {key}")));
    }
    Ok(state.store.set_setting(&format!("ui.{key}"), &value)?)
}

/// The share targets of an article, with the quote the reader selected
/// (if any).
#[tauri::command]
pub fn share_links(
    state: State<'_, AppState>,
    id: i64,
    quote: Option<String>,
) -> CmdResult<Vec<ShareTarget>> {
    let a = state.store.article(check_id(id)?)?;
    Ok(share_targets(
        &a.title,
        public_link(&a.url)?,
        checked_quote(&quote)?,
    )?)
}

/// An article's public link; an article whose feed item had none cannot be
/// shared or opened at the site.
fn public_link(url: &Option<String>) -> CmdResult<&str> {
    url.as_deref().ok_or_else(|| CommandError {
        code: "no_link",
        message: "this article has no link".into(),
    })
}

fn checked_quote(quote: &Option<String>) -> CmdResult<Option<&str>> {
    match quote {
        Some(q) if q.len() > 64 << 10 => Err(CommandError::invalid("quote too long")),
        Some(q) => Ok(Some(q.as_str())),
        None => Ok(None),
    }
}

/// Copies an article's public link, with its headline, or with the quote
/// the reader selected and the headline.
#[tauri::command]
pub fn copy_link(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    with_title: bool,
    quote: Option<String>,
) -> CmdResult<String> {
    let a = state.store.article(check_id(id)?)?;
    let url = public_link(&a.url)?;
    let text = match checked_quote(&quote)? {
        Some(q) => share_text(&a.title, url, Some(q)),
        None if with_title => share_text(&a.title, url, None),
        None => url.to_string(),
    };
    app.clipboard()
        .write_text(text.clone())
        .map_err(|e| CommandError {
            code: "clipboard",
            message: e.to_string(),
        })?;
    Ok(text)
}

/// Opens a link in the system browser or mail client. Only http(s) and
/// mailto are accepted: the webview must never hand the OS a file path or a
/// custom scheme.
#[tauri::command]
pub fn open_external(app: AppHandle, url: String) -> CmdResult<()> {
    crate::main_window::open(&app, &url)
}

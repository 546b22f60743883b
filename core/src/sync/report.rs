//! What a sync reports while it runs and when it ends. Serialised as-is to
//! the UI (progress bar, per-source status) and the CLI.

use serde::Serialize;

use crate::error::Error;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message: String,
}

impl From<&Error> for ErrorInfo {
    fn from(e: &Error) -> Self {
        Self {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceStatus {
    Updated,
    NotModified,
    Failed,
    /// Not looked at: the sync was cancelled first.
    Skipped,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SourceReport {
    pub source_id: i64,
    pub url: String,
    pub category: Option<String>,
    pub status: SourceStatus,
    /// Items in the feed.
    pub items: usize,
    /// Articles stored by this sync.
    pub new: usize,
    /// Stored articles read again because the feed said they changed.
    pub updated: usize,
    /// Articles that could not be stored (their items wait for the next
    /// sync).
    pub failed_pages: usize,
    /// Articles stored with the feed's text because their page could not be
    /// read: the page is tried again at later syncs.
    pub pending_pages: usize,
    /// The feed was read only up to a limit (its size, or the number of
    /// items): what came before it is kept.
    pub cut: bool,
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub sources: Vec<SourceReport>,
    pub new_articles: usize,
    pub failed_sources: usize,
    /// No source could be reached at all: the site or the network is down.
    pub unreachable: bool,
    pub cancelled: bool,
    /// Articles removed by retention after this sync.
    pub removed_articles: usize,
    /// Each sync account's part, before the sources of its own.
    pub accounts: Vec<AccountOutcome>,
    /// Pages earlier syncs could not read, tried again.
    pub retried: super::RetryReport,
}

/// What one account's sync did, or why it could not.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AccountOutcome {
    pub account_id: i64,
    pub report: Option<crate::accounts::engine::AccountReport>,
    pub error: Option<ErrorInfo>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SyncEvent {
    Started {
        total_sources: usize,
    },
    SourceDone {
        done: usize,
        total_sources: usize,
        report: SourceReport,
    },
    Finished {
        report: SyncReport,
    },
}

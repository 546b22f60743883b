//! Typed errors of the core. Each has a stable `code()` that crosses the IPC
//! boundary so the UI can show a translated message instead of a raw string.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("network error for {url}: {message}")]
    Network { url: String, message: String },
    #[error(
        "{url} is on this computer's own network, where a link from a public feed may not lead"
    )]
    OwnNetwork { url: String },
    #[error("request to {url} timed out")]
    Timeout { url: String },
    #[error("{url} answered HTTP {status}")]
    HttpStatus { url: String, status: u16 },
    #[error("body of {url} is larger than the limit of {limit} bytes")]
    TooLarge { url: String, limit: u64 },
    #[error("could not parse the feed at {url}: {message}")]
    FeedParse { url: String, message: String },
    #[error("{url} is not a feed: {found}")]
    NotAFeed { url: String, found: String },
    #[error("could not extract an article from {url}: {message}")]
    Extract { url: String, message: String },
    #[error("invalid input: {0}")]
    InvalidInput(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("file system error: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a bookmarks file this app can read: {0}")]
    BadFile(String),
    #[error("not an OPML file this app can read: {0}")]
    BadOpml(String),
    /// A sync server (Miniflux, a Google Reader API) said no, or is not
    /// one: `code` says which in words the window can translate.
    #[error("{message}")]
    Server { code: &'static str, message: String },
    #[error("a sync is already running")]
    SyncBusy,
    #[error("sync was cancelled")]
    Cancelled,
}

impl Error {
    /// Stable machine-readable code; the UI maps it to an Arabic message.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Network { .. } => "network",
            Error::OwnNetwork { .. } => "own_network",
            Error::Timeout { .. } => "timeout",
            Error::HttpStatus { .. } => "http_status",
            Error::TooLarge { .. } => "too_large",
            Error::FeedParse { .. } => "feed_parse",
            Error::NotAFeed { .. } => "not_a_feed",
            Error::Extract { .. } => "extract",
            Error::InvalidInput(_) => "invalid_input",
            Error::NotFound(_) => "not_found",
            Error::Database(_) | Error::Migration(_) => "database",
            Error::Io(_) => "io",
            Error::BadFile(_) => "bad_file",
            Error::BadOpml(_) => "bad_opml",
            Error::Server { code, .. } => code,
            Error::SyncBusy => "sync_busy",
            Error::Cancelled => "cancelled",
        }
    }

    /// True when the error means the server could not be reached at all
    /// (as opposed to answering badly).
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Network { .. } | Error::Timeout { .. })
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

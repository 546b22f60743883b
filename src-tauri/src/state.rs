//! What the commands share: the store and the one syncer.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use khabarain_core::store::Store;
use khabarain_core::sync::{SyncReport, Syncer};

pub struct AppState {
    pub store: Arc<Store>,
    pub syncer: Arc<Syncer>,
    /// Sync accounts' passwords (the keyring, a file, or this run only).
    pub secrets: Arc<khabarain_core::accounts::secrets::Secrets>,
    pub db_path: PathBuf,
    /// For the app's own requests outside a sync (finding a site's feed).
    pub fetcher: khabarain_core::fetch::Fetcher,
    /// The last finished sync, for a window that opens after it ended.
    pub last_report: Arc<Mutex<Option<SyncReport>>>,
    /// When the process started, for the start-up milestones in the log.
    pub started: std::time::Instant,
    pub backups: crate::bookmarks::Backups,
    /// Set when the database was damaged at start and made again.
    pub recovery: Option<khabarain_core::store::recovery::Recovery>,
    pub bench_open: u32,
    /// Started at login with the tray on: the window is not shown until
    /// the reader opens it from the tray.
    pub start_hidden: bool,
}

//! What the commands share: the store and the one syncer.

use std::path::PathBuf;
use std::sync::Arc;

use khabarain_core::store::Store;
use khabarain_core::sync::Syncer;

pub struct AppState {
    pub store: Arc<Store>,
    pub syncer: Arc<Syncer>,
    pub db_path: PathBuf,
}

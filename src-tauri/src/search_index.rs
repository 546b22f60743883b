//! Builds the search index again when the normaliser or stemmer changed
//! (or the database predates search), on a blocking thread while the window
//! is in use: search finds more as it goes, and articles synced meanwhile
//! index themselves.

use tauri::{AppHandle, Manager};

use crate::state::AppState;

pub fn spawn(app: AppHandle) {
    let store = app.state::<AppState>().store.clone();
    tauri::async_runtime::spawn_blocking(move || {
        match store.search_index_current() {
            Ok(true) => return,
            Ok(false) => {}
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the search index version");
                return;
            }
        }
        let started = std::time::Instant::now();
        match store.rebuild_search_index(100, |p| {
            tracing::debug!(done = p.done, total = p.total, "search index");
        }) {
            Ok(n) => tracing::info!(
                articles = n,
                seconds = started.elapsed().as_secs_f64(),
                "search index built"
            ),
            Err(e) => tracing::warn!(error = %e, "search index not built"),
        }
    });
}

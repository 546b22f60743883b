//! Sync every N minutes (the user's setting, read again each time so a
//! change applies without a restart). A sync already running is left alone.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::commands::run_sync;
use crate::state::AppState;

/// How often the loop looks at the clock and the setting.
const TICK: Duration = Duration::from_secs(30);

pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut waited = Duration::ZERO;
        loop {
            tokio::time::sleep(TICK).await;
            waited += TICK;
            let state = app.state::<AppState>();
            let minutes = match state.store.sync_interval_minutes() {
                Ok(m) => m,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot read the sync interval");
                    continue;
                }
            };
            if minutes == 0 || waited < Duration::from_secs(u64::from(minutes) * 60) {
                continue;
            }
            waited = Duration::ZERO;
            if state.syncer.is_running() {
                continue;
            }
            let (syncer, last) = (state.syncer.clone(), state.last_report.clone());
            if let Err(e) = run_sync(app.clone(), syncer, last).await {
                tracing::warn!(?e, "automatic sync failed");
            }
        }
    });
}

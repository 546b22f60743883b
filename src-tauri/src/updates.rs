//! Update checks, compiled in only with the `updater` feature, which stays
//! off until the project has an update signing key (README, "Updates"): the
//! plugin refuses any update it cannot verify against `plugins.updater.pubkey`
//! in tauri.conf.json, and that key is empty until then. With the feature on,
//! the app asks the configured endpoint once at start and logs the answer; it
//! never installs anything by itself.

use tauri::AppHandle;
use tauri_plugin_updater::UpdaterExt;

pub fn check_in_background(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let updater = match app.updater() {
            Ok(u) => u,
            Err(e) => {
                tracing::warn!(error = %e, "the updater is not configured");
                return;
            }
        };
        match updater.check().await {
            Ok(Some(update)) => tracing::info!(version = %update.version, "an update is available"),
            Ok(None) => tracing::info!("no update"),
            Err(e) => tracing::warn!(error = %e, "update check failed"),
        }
    });
}

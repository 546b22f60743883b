//! Sources in and out as OPML: the window reads the file the reader picked
//! and passes its text; an export goes to the same folder as bookmark
//! exports. The core does the work (`khabarain_core::opml`).

use khabarain_core::opml::{self, OpmlReport};
use tauri::{AppHandle, State};

use crate::bookmarks::{chrono_now, write_export};
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// Adds the feeds an OPML file names, each checked as an address typed in
/// the window would be; a bad file changes nothing.
#[tauri::command]
pub async fn import_opml(state: State<'_, AppState>, text: String) -> CmdResult<OpmlReport> {
    if text.len() > opml::MAX_BYTES {
        return Err(CommandError {
            code: "bad_opml",
            message: "the file is too large".into(),
        });
    }
    Ok(opml::import(&state.fetcher, &state.store, &text).await?)
}

/// Writes the sources as an OPML file; returns its path.
#[tauri::command]
pub fn export_opml(app: AppHandle, state: State<'_, AppState>) -> CmdResult<String> {
    let now = chrono_now();
    let created = chrono::DateTime::from_timestamp(now, 0)
        .map(|d| d.to_rfc2822())
        .unwrap_or_default();
    let xml = opml::export(
        &state.store.sources()?,
        &state.store.categories()?,
        &created,
    )?;
    let path = write_export(&app, "khabarain-sources", "opml", &xml, now)?;
    tracing::info!(path = %path.display(), "sources exported");
    Ok(path.display().to_string())
}

//! Bookmark commands: save and remove (with undo), notes and tags, export
//! and import, and the automatic backups. Thin: the core does the work.

use std::path::PathBuf;
use std::time::Duration;

use khabarain_core::bookmark_io::{self, backup, json, netscape};
use khabarain_core::export_file;
use khabarain_core::store::{Bookmark, ImportReport};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_opener::OpenerExt;

use crate::commands::check_id;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

/// Where exported files go unless the user's system says otherwise.
pub const EXPORT_DIR_ENV: &str = "KHABARAIN_EXPORT_DIR";

/// Saves or removes a bookmark; removing returns it, so the UI can offer
/// to put it back.
#[tauri::command]
pub fn set_bookmark(
    state: State<'_, AppState>,
    id: i64,
    bookmarked: bool,
) -> CmdResult<Option<Bookmark>> {
    let removed = state.store.set_bookmark(check_id(id)?, bookmarked)?;
    state.backups.changed();
    Ok(removed)
}

/// Puts a removed bookmark back as it was (undo).
#[tauri::command]
pub fn restore_bookmark(state: State<'_, AppState>, bookmark: Bookmark) -> CmdResult<()> {
    check_id(bookmark.article_id)?;
    state.store.restore_bookmark(&bookmark)?;
    state.backups.changed();
    Ok(())
}

/// Sets a bookmark's note and tags; returns them as stored (tidied).
#[tauri::command]
pub fn annotate_bookmark(
    state: State<'_, AppState>,
    id: i64,
    note: Option<String>,
    tags: Vec<String>,
) -> CmdResult<Bookmark> {
    let b = state
        .store
        .annotate_bookmark(check_id(id)?, note.as_deref(), &tags)?;
    state.backups.changed();
    Ok(b)
}

#[derive(Debug, Serialize)]
pub struct TagCount {
    pub tag: String,
    pub count: i64,
}

#[tauri::command]
pub fn bookmark_tags(state: State<'_, AppState>) -> CmdResult<Vec<TagCount>> {
    Ok(state
        .store
        .bookmark_tags()?
        .into_iter()
        .map(|(tag, count)| TagCount { tag, count })
        .collect())
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Json,
    Html,
}

fn export_dir(app: &AppHandle) -> CmdResult<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    app.path()
        .download_dir()
        .or_else(|_| app.path().home_dir())
        .map_err(|e| CommandError {
            code: "io",
            message: format!("no folder to export to: {e}"),
        })
}

/// Writes every bookmark to a new file in the Downloads folder; returns its
/// path.
#[tauri::command]
pub fn export_bookmarks(
    app: AppHandle,
    state: State<'_, AppState>,
    format: ExportFormat,
) -> CmdResult<String> {
    let saved = state.store.saved_bookmarks()?;
    let now = chrono_now();
    let (text, ext) = match format {
        ExportFormat::Json => (json::write(&saved, now)?, "json"),
        ExportFormat::Html => (netscape::write(&saved, now), "html"),
    };
    let path = write_export(&app, "khabarain-bookmarks", ext, &text, now)?;
    tracing::info!(path = %path.display(), bookmarks = saved.len(), "bookmarks exported");
    Ok(path.display().to_string())
}

/// Writes an export as a new file, `<stem>-<day>[-n].<ext>`, in the folder
/// exports go to; never over an earlier one, never through a link.
pub(crate) fn write_export(
    app: &AppHandle,
    stem: &str,
    ext: &str,
    text: &str,
    now: i64,
) -> CmdResult<PathBuf> {
    let dir = export_dir(app)?;
    Ok(export_file::write_new(
        &dir,
        stem,
        &chrono_day(now),
        ext,
        text,
    )?)
}

/// Opens the folder exports go to, in the system's file manager.
#[tauri::command]
pub fn show_export_folder(app: AppHandle) -> CmdResult<()> {
    let dir = export_dir(&app)?;
    app.opener()
        .open_path(dir.display().to_string(), None::<&str>)
        .map_err(|e| CommandError {
            code: "open",
            message: e.to_string(),
        })
}

/// Merges a bookmarks file (the app's JSON or a browser's HTML) the reader
/// picked; the window reads the file and passes its text.
#[tauri::command]
pub fn import_bookmarks(state: State<'_, AppState>, text: String) -> CmdResult<ImportReport> {
    let report = bookmark_io::import(&state.store, &text)?;
    state.backups.changed();
    Ok(report)
}

#[tauri::command]
pub fn backups(state: State<'_, AppState>) -> CmdResult<Vec<backup::Backup>> {
    Ok(backup::list(&state.backups.dir)?)
}

#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, name: String) -> CmdResult<ImportReport> {
    let report = backup::restore(&state.store, &state.backups.dir, &name)?;
    state.backups.changed();
    Ok(report)
}

pub(crate) fn chrono_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// "2026-11-26" for a Unix time (UTC).
fn chrono_day(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "export".into())
}

/// The automatic backups: a change to the bookmarks asks for one, written a
/// few seconds after the last change (a burst of edits makes one file).
pub struct Backups {
    pub dir: PathBuf,
    wake: tokio::sync::Notify,
}

const SETTLE: Duration = Duration::from_secs(5);

impl Backups {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            wake: tokio::sync::Notify::new(),
        }
    }

    pub fn changed(&self) {
        self.wake.notify_one();
    }

    /// Writes one backup now (at start: the bookmarks as they were left),
    /// then one after each settled burst of changes.
    pub fn spawn(app: AppHandle) {
        tauri::async_runtime::spawn(async move {
            let mut first = true;
            loop {
                let state = app.state::<AppState>();
                if !first {
                    state.backups.wake.notified().await;
                    // More changes within the settling time restart it.
                    while tokio::time::timeout(SETTLE, state.backups.wake.notified())
                        .await
                        .is_ok()
                    {}
                }
                first = false;
                let (store, dir) = (state.store.clone(), state.backups.dir.clone());
                let written = tauri::async_runtime::spawn_blocking(move || {
                    backup::write(&store, &dir, chrono_now())
                })
                .await;
                match written {
                    Ok(Ok(Some(path))) => {
                        tracing::info!(path = %path.display(), "bookmarks backed up")
                    }
                    Ok(Ok(None)) => {}
                    Ok(Err(e)) => tracing::warn!(error = %e, "bookmarks backup failed"),
                    Err(e) => tracing::warn!(error = %e, "bookmarks backup task failed"),
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::chrono_day;

    #[test]
    fn days_are_civil_dates() {
        assert_eq!(chrono_day(0), "1970-01-01");
        assert_eq!(chrono_day(1_795_704_300), "2026-11-26");
        assert_eq!(chrono_day(951_782_400), "2000-02-29");
    }
}

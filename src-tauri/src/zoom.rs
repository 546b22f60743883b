//! The whole window's zoom (Ctrl+= / Ctrl+- / Ctrl+0, as in a browser):
//! every text and control scales, for readers who need it larger than the
//! article's own text size; the narrow layout takes over when the zoomed
//! window is too small for three panes. Kept as a preference.

use tauri::{State, WebviewWindow};

use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

pub const MIN: f64 = 0.5;
pub const MAX: f64 = 3.0;

/// Sets and keeps the window's zoom (1 is 100 %).
#[tauri::command]
pub fn set_zoom(window: WebviewWindow, state: State<'_, AppState>, level: f64) -> CmdResult<()> {
    if !(MIN..=MAX).contains(&level) {
        return Err(CommandError::invalid(format!(
            "zoom {level} out of {MIN}–{MAX}"
        )));
    }
    window.set_zoom(level).map_err(|e| CommandError {
        code: "zoom",
        message: e.to_string(),
    })?;
    Ok(state.store.set_setting("ui.zoom", &level.to_string())?)
}

//! The reader's rules and saved searches as the window's commands: thin over the store
//! (`khabarain_core::store::rules`), which checks every rule it is given.
//! A command that changes what is hidden or read refreshes the tray's
//! unread count.

use khabarain_core::rules::file::RulesImport;
use khabarain_core::rules::{Rule, RuleSpec};
use khabarain_core::store::rules::{Applied, HiddenBy, RulePreview};
use khabarain_core::store::saved_searches::{SavedSearch, SearchSpec};
use khabarain_core::store::BylineNames;
use tauri::{AppHandle, State};

use crate::error::CmdResult;
use crate::state::AppState;

/// Headlines the rule's editor shows under its count.
const PREVIEW_HEADLINES: usize = 5;
/// Authors and feed tags the editor offers as the reader types.
const OFFERED_NAMES: usize = 300;

#[tauri::command]
pub fn rules(state: State<'_, AppState>) -> CmdResult<Vec<Rule>> {
    Ok(state.store.rules()?)
}

#[tauri::command]
pub fn preview_rule(state: State<'_, AppState>, rule: RuleSpec) -> CmdResult<RulePreview> {
    Ok(state.store.preview_rule(&rule, PREVIEW_HEADLINES)?)
}

#[tauri::command]
pub fn byline_names(state: State<'_, AppState>) -> CmdResult<BylineNames> {
    Ok(state.store.byline_names(OFFERED_NAMES)?)
}

#[tauri::command]
pub fn add_rule(app: AppHandle, state: State<'_, AppState>, rule: RuleSpec) -> CmdResult<Applied> {
    let applied = state.store.add_rule(&rule)?;
    crate::tray::refresh(&app);
    Ok(applied)
}

#[tauri::command]
pub fn update_rule(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    rule: RuleSpec,
) -> CmdResult<Applied> {
    let applied = state.store.update_rule(id, &rule)?;
    crate::tray::refresh(&app);
    Ok(applied)
}

#[tauri::command]
pub fn undo_rule(
    app: AppHandle,
    state: State<'_, AppState>,
    batch: i64,
    previous: Option<RuleSpec>,
) -> CmdResult<usize> {
    let n = state.store.undo_rule(batch, previous.as_ref())?;
    crate::tray::refresh(&app);
    Ok(n)
}

#[tauri::command]
pub fn remove_rule(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<Rule> {
    let rule = state.store.remove_rule(id)?;
    crate::tray::refresh(&app);
    Ok(rule)
}

#[tauri::command]
pub fn hidden_by(state: State<'_, AppState>, id: i64) -> CmdResult<Option<HiddenBy>> {
    Ok(state.store.hidden_by(&[id])?.into_iter().next())
}

#[tauri::command]
pub fn show_again(app: AppHandle, state: State<'_, AppState>, id: i64) -> CmdResult<Vec<i64>> {
    let rules = state.store.show_again(id)?;
    crate::tray::refresh(&app);
    Ok(rules)
}

#[tauri::command]
pub fn hide_again(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    rules: Vec<i64>,
) -> CmdResult<()> {
    state.store.hide_again(id, &rules)?;
    crate::tray::refresh(&app);
    Ok(())
}

#[tauri::command]
pub fn saved_searches(state: State<'_, AppState>) -> CmdResult<Vec<SavedSearch>> {
    Ok(state.store.saved_searches()?)
}

#[tauri::command]
pub fn save_search(state: State<'_, AppState>, search: SearchSpec) -> CmdResult<SavedSearch> {
    Ok(state.store.save_search(&search)?)
}

#[tauri::command]
pub fn remove_saved_search(state: State<'_, AppState>, id: i64) -> CmdResult<SearchSpec> {
    Ok(state.store.remove_saved_search(id)?)
}

/// Writes the rules and saved searches to a new file in the exports folder;
/// returns its path.
#[tauri::command]
pub fn export_rules(app: AppHandle, state: State<'_, AppState>) -> CmdResult<String> {
    let text = khabarain_core::rules::file::export(&state.store)?;
    let now = crate::bookmarks::chrono_now();
    let path = crate::bookmarks::write_export(&app, "khabarain-rules", "json", &text, now)?;
    Ok(path.display().to_string())
}

/// Adds the rules and saved searches of a file; a bad file changes nothing.
#[tauri::command]
pub fn import_rules(
    app: AppHandle,
    state: State<'_, AppState>,
    text: String,
) -> CmdResult<RulesImport> {
    let report = khabarain_core::rules::file::import(&state.store, &text)?;
    crate::tray::refresh(&app);
    Ok(report)
}

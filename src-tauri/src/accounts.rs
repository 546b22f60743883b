//! Sync account commands: the settings list the accounts, test a
//! connection, add one (its password where the reader chose), give a
//! password again (one kept for a run only), and remove one. Thin: the core
//! does the work (`khabarain_core::accounts`).

use khabarain_core::accounts::{self, secrets};
use khabarain_core::store::accounts::{Account, RemovedBookmark};
use serde::Serialize;
use tauri::State;

use crate::commands::check_id;
use crate::error::{CmdResult, CommandError};
use crate::state::AppState;

#[derive(Serialize)]
pub struct AccountsView {
    pub accounts: Vec<Account>,
    /// Why the system keyring cannot be used, when it cannot.
    pub no_keyring: Option<String>,
    /// Bookmarks a server's unstar took, with the reader's notes.
    pub history: Vec<RemovedBookmark>,
}

fn check(kind: &str, server: &str, user: &str, secret: &str) -> CmdResult<()> {
    if !accounts::KINDS.contains(&kind) {
        return Err(CommandError::invalid(format!("kind {kind}")));
    }
    if server.trim().is_empty()
        || server.len() > 2048
        || user.len() > 256
        || secret.is_empty()
        || secret.len() > 4096
    {
        return Err(CommandError::invalid("bad account fields"));
    }
    Ok(())
}

#[tauri::command]
pub async fn accounts(state: State<'_, AppState>) -> CmdResult<AccountsView> {
    // The keyring answers over D-Bus: off the async threads.
    let no_keyring = tokio::task::spawn_blocking(|| secrets::keyring_status().err())
        .await
        .unwrap_or_else(|e| Some(e.to_string()));
    Ok(AccountsView {
        accounts: state.store.accounts()?,
        no_keyring,
        history: state.store.bookmark_history()?,
    })
}

/// Says whether the server answers to these credentials; its address as
/// the app will use it.
#[tauri::command]
pub async fn test_account(
    kind: String,
    server: String,
    user: String,
    secret: String,
) -> CmdResult<String> {
    check(&kind, &server, &user, &secret)?;
    Ok(accounts::test_connection(&kind, &server, &user, &secret).await?)
}

#[tauri::command]
pub async fn add_account(
    state: State<'_, AppState>,
    kind: String,
    server: String,
    user: String,
    secret: String,
    place: String,
) -> CmdResult<Account> {
    check(&kind, &server, &user, &secret)?;
    let place = secrets::Place::parse(&place).ok_or_else(|| CommandError::invalid("place"))?;
    Ok(accounts::add(
        &state.store,
        &state.secrets,
        &kind,
        &server,
        &user,
        &secret,
        place,
    )
    .await?)
}

/// A password typed again (one kept for a run only, after a restart).
#[tauri::command]
pub fn set_account_secret(state: State<'_, AppState>, id: i64, secret: String) -> CmdResult<()> {
    let id = check_id(id)?;
    let account = state
        .store
        .accounts()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| CommandError::invalid("no such account"))?;
    let place = secrets::Place::parse(&account.secret_place).unwrap_or(secrets::Place::Session);
    Ok(state.secrets.keep(id, place, &secret)?)
}

/// Saves again a bookmark a server's unstar took, with its note and tags.
#[tauri::command]
pub fn restore_removed_bookmark(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    state.store.restore_removed_bookmark(check_id(id)?)?;
    Ok(())
}

#[tauri::command]
pub fn remove_account(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(accounts::remove(
        &state.store,
        &state.secrets,
        check_id(id)?,
    )?)
}

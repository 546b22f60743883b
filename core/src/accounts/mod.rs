//! Sync accounts: besides the local account (the app fetching the site's
//! feeds itself), a reader can sync through a server readers already run,
//! so that several computers share sources, read marks and bookmarks.
//! `miniflux.rs` speaks Miniflux's REST API, `greader.rs` the Google Reader
//! API of FreshRSS, Miniflux, Inoreader and others, `http.rs` holds what the
//! clients share.

pub mod engine;
pub mod greader;
pub mod http;
pub mod miniflux;
pub mod secrets;
pub mod server;

use std::time::Duration;

use crate::error::{Error, Result};
use crate::store::accounts::Account;
use crate::store::Store;
use crate::sync::Syncer;
use engine::AccountReport;
use secrets::{Place, Secrets};

/// The kinds of server an account can be on.
pub const KINDS: [&str; 2] = ["miniflux", "greader"];

/// Checks that the server answers to these credentials, as the "test
/// connection" of the settings does: the error says what is wrong.
pub async fn test_connection(
    kind: &str,
    address: &str,
    user: &str,
    secret: &str,
) -> Result<String> {
    let t = Duration::from_secs(20);
    match kind {
        "miniflux" => {
            let c = miniflux::Client::new(address, auth(user, secret), t)?;
            c.me().await?;
            Ok(c.base().to_string())
        }
        "greader" => {
            let url = http::server_url(address)?;
            greader::Client::login(url.as_str(), user, secret, t).await?;
            Ok(url.to_string())
        }
        other => Err(Error::InvalidInput(format!(
            "no such kind of account: {other}"
        ))),
    }
}

/// Miniflux takes an API key in place of a user name and password: an
/// empty user name means the secret is a key.
fn auth(user: &str, secret: &str) -> miniflux::Auth {
    if user.is_empty() {
        miniflux::Auth::Token(secret.to_string())
    } else {
        miniflux::Auth::Password {
            user: user.to_string(),
            password: secret.to_string(),
        }
    }
}

/// Adds an account after its connection test passed, its secret kept in
/// `place`; nothing is added when either fails.
pub async fn add(
    store: &Store,
    secrets: &Secrets,
    kind: &str,
    address: &str,
    user: &str,
    secret: &str,
    place: Place,
) -> Result<Account> {
    let server_url = test_connection(kind, address, user, secret).await?;
    let id = store.add_account(kind, &server_url, user, place.as_str())?;
    if let Err(e) = secrets.keep(id, place, secret) {
        store.remove_account(id)?;
        return Err(e);
    }
    store
        .accounts()?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::NotFound(format!("account {id}")))
}

/// Removes an account and forgets its secret.
pub fn remove(store: &Store, secrets: &Secrets, id: i64) -> Result<()> {
    if let Some(a) = store.accounts()?.into_iter().find(|a| a.id == id) {
        secrets.forget(&a);
    }
    store.remove_account(id)
}

/// One sync of an account.
pub async fn sync(syncer: &Syncer, secrets: &Secrets, account: &Account) -> Result<AccountReport> {
    let secret = secrets.get(account)?;
    match account.kind.as_str() {
        "miniflux" => {
            engine::sync_miniflux(syncer, account, auth(&account.username, &secret)).await
        }
        "greader" => engine::sync_greader(syncer, account, &secret).await,
        other => Err(Error::InvalidInput(format!(
            "no such kind of account: {other}"
        ))),
    }
}

//! Where an account's password or API key lives: the system's keyring
//! (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows); where none runs, this run of the app only, unless the reader
//! chooses a file only they can read (0600, beside the database). Never in
//! the database, never in a log line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::store::accounts::Account;

const SERVICE: &str = "khabarain-reader";
pub const NO_SECRET: &str = "no_secret";
pub const NO_KEYRING: &str = "no_keyring";

/// Where a secret is kept (the account's `secret_place`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Keyring,
    File,
    Session,
}

impl Place {
    pub fn as_str(self) -> &'static str {
        match self {
            Place::Keyring => "keyring",
            Place::File => "file",
            Place::Session => "session",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "keyring" => Some(Place::Keyring),
            "file" => Some(Place::File),
            "session" => Some(Place::Session),
            _ => None,
        }
    }
}

pub struct Secrets {
    dir: PathBuf,
    session: Mutex<HashMap<i64, String>>,
}

/// Whether the system's keyring can be used; the reason when not.
pub fn keyring_status() -> std::result::Result<(), String> {
    keyring::Entry::store_status()
        .as_ref()
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn entry(account_id: i64) -> Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("account-{account_id}")).map_err(no_keyring)
}

fn no_keyring(e: keyring::Error) -> Error {
    Error::Server {
        code: NO_KEYRING,
        message: format!("the system keyring cannot be used: {e}"),
    }
}

impl Secrets {
    /// Secrets of the database at `db`; files go in `secrets/` beside it.
    pub fn beside(db: &Path) -> Self {
        Self {
            dir: db
                .parent()
                .map(|p| p.join("secrets"))
                .unwrap_or_else(|| PathBuf::from("secrets")),
            session: Mutex::new(HashMap::new()),
        }
    }

    fn file(&self, account_id: i64) -> PathBuf {
        self.dir.join(format!("account-{account_id}"))
    }

    pub fn keep(&self, account_id: i64, place: Place, secret: &str) -> Result<()> {
        match place {
            Place::Keyring => entry(account_id)?.set_password(secret).map_err(no_keyring),
            Place::File => write_private(&self.dir, &self.file(account_id), secret),
            Place::Session => {
                if let Ok(mut s) = self.session.lock() {
                    s.insert(account_id, secret.to_string());
                }
                Ok(())
            }
        }
    }

    pub fn get(&self, account: &Account) -> Result<String> {
        let missing = || Error::Server {
            code: NO_SECRET,
            message: format!(
                "the password of {} at {} is not kept here: type it again",
                account.username, account.server_url
            ),
        };
        match Place::parse(&account.secret_place) {
            Some(Place::Keyring) => match entry(account.id)?.get_password() {
                Ok(s) => Ok(s),
                Err(keyring::Error::NoEntry) => Err(missing()),
                Err(e) => Err(no_keyring(e)),
            },
            Some(Place::File) => match std::fs::read_to_string(self.file(account.id)) {
                Ok(s) => Ok(s),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(missing()),
                Err(e) => Err(e.into()),
            },
            _ => self
                .session
                .lock()
                .ok()
                .and_then(|s| s.get(&account.id).cloned())
                .ok_or_else(missing),
        }
    }

    /// Forgets an account's secret wherever it is.
    pub fn forget(&self, account: &Account) {
        match Place::parse(&account.secret_place) {
            Some(Place::Keyring) => {
                if let Ok(e) = entry(account.id) {
                    let _ = e.delete_credential();
                }
            }
            Some(Place::File) => {
                let _ = std::fs::remove_file(self.file(account.id));
            }
            _ => {
                if let Ok(mut s) = self.session.lock() {
                    s.remove(&account.id);
                }
            }
        }
    }
}

/// Writes a file only its owner can read (0600 in a 0700 folder; on
/// Windows the user's profile folder already keeps others out).
fn write_private(dir: &Path, path: &Path, secret: &str) -> Result<()> {
    use std::io::Write;
    let mut folder = std::fs::DirBuilder::new();
    folder.recursive(true);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
        folder.mode(0o700);
        options.mode(0o600);
    }
    folder.create(dir)?;
    options.open(path)?.write_all(secret.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: i64, place: Place) -> Account {
        Account {
            id,
            kind: "miniflux".into(),
            server_url: "http://mf.example/".into(),
            username: "me".into(),
            secret_place: place.as_str().into(),
            cursor: None,
            last_sync_at: None,
            last_error: None,
            last_error_code: None,
        }
    }

    #[test]
    fn a_file_secret_is_the_readers_alone_and_a_session_secret_goes_with_the_run() {
        let dir = tempfile::tempdir().expect("dir");
        let secrets = Secrets::beside(&dir.path().join("khabarain.sqlite3"));
        secrets.keep(1, Place::File, "s3cret").expect("keep");
        assert_eq!(
            secrets.get(&account(1, Place::File)).expect("get"),
            "s3cret"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("secrets/account-1"))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        secrets.forget(&account(1, Place::File));
        assert_eq!(
            secrets
                .get(&account(1, Place::File))
                .expect_err("gone")
                .code(),
            NO_SECRET
        );

        secrets.keep(2, Place::Session, "only-now").expect("keep");
        assert_eq!(
            secrets.get(&account(2, Place::Session)).expect("get"),
            "only-now"
        );
        let next_run = Secrets::beside(&dir.path().join("khabarain.sqlite3"));
        assert_eq!(
            next_run
                .get(&account(2, Place::Session))
                .expect_err("gone")
                .code(),
            NO_SECRET
        );
    }

    /// Windows' Credential Manager, where the tests run as Windows programs
    /// (under Wine, whose advapi32 keeps credentials as Windows does): a
    /// secret kept, read back by another run, forgotten.
    #[cfg(windows)]
    #[test]
    fn the_credential_manager_keeps_reads_and_forgets_a_secret() {
        assert_eq!(keyring_status(), Ok(()));
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("khabarain.sqlite3");
        let id = 1_000_000 + i64::from(std::process::id());
        let secret = "كلمة سر ٢٠٢٦ & \"quotes\"";
        Secrets::beside(&db)
            .keep(id, Place::Keyring, secret)
            .expect("kept in the Credential Manager");
        let next_run = Secrets::beside(&db);
        let kept = next_run
            .get(&account(id, Place::Keyring))
            .expect("read back");
        assert_eq!(kept, secret);
        assert!(!dir.path().join("secrets").exists(), "nothing on disk");
        next_run.forget(&account(id, Place::Keyring));
        let gone = next_run
            .get(&account(id, Place::Keyring))
            .expect_err("gone");
        assert_eq!(gone.code(), NO_SECRET);
    }
}

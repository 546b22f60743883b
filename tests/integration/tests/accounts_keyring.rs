//! The password in the system keyring, for real: a private session bus
//! with an unlocked gnome-keyring (Secret Service), `khabarain account add`
//! keeps the password there — not in the database, not in a file — and
//! `khabarain account sync` reads it back to sync with a real Miniflux.
//! Without a session bus, adding says there is no keyring and keeps
//! nothing.

// A real Miniflux on PostgreSQL, both Linux programs: not in the tests run
// as Windows programs under Wine.
#![cfg(unix)]

use std::path::PathBuf;
use std::process::{Command, Stdio};

use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;

fn cli() -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/khabarain");
    assert!(
        p.exists(),
        "{} missing: cargo build --workspace --bins",
        p.display()
    );
    p
}

#[tokio::test(flavor = "multi_thread")]
async fn the_password_lives_in_the_keyring_and_nowhere_else() {
    let site = FixtureSite::start(0).await.expect("site");
    let server = Miniflux::start().expect("miniflux starts");
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("khabarain.sqlite3");
    let script = format!(
        r#"set -e
export HOME={home}
eval "$(printf unlock | gnome-keyring-daemon --unlock --components=secrets)"
printf '%s\n' '{password}' | {cli} --db {db} --base-url {base} account add --kind miniflux --server {server} --user {user}
secret-tool search --all service khabarain-reader 2>&1 | grep -c 'khabarain-reader'
{cli} --db {db} --base-url {base} account sync
"#,
        home = dir.path().display(),
        password = miniflux::ADMIN_PASSWORD,
        cli = cli().display(),
        db = db.display(),
        base = site.base_url(),
        server = server.url,
        user = miniflux::ADMIN,
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "bash", "-c", &script])
        .stdin(Stdio::null())
        .output()
        .expect("dbus-run-session runs (apt install dbus gnome-keyring libsecret-tools)");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{said}");
    assert!(said.contains("password in the keyring"), "{said}");
    assert!(said.contains("account 1:"), "synced: {said}");
    // Nowhere on disk beside the database.
    for entry in walk(dir.path()) {
        if entry.to_string_lossy().contains("keyrings") {
            continue; // the keyring's own (encrypted) file
        }
        let bytes = std::fs::read(&entry).unwrap_or_default();
        let needle = miniflux::ADMIN_PASSWORD.as_bytes();
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "the password is in {}",
            entry.display()
        );
    }
    assert!(!dir.path().join("secrets").exists());

    // No session bus: no keyring, and nothing added.
    let out = Command::new(cli())
        .args(["--db"])
        .arg(dir.path().join("other.sqlite3"))
        .args([
            "account",
            "add",
            "--kind",
            "miniflux",
            "--server",
            &server.url,
            "--user",
            miniflux::ADMIN,
        ])
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", dir.path().join("no-runtime"))
        .stdin(Stdio::null())
        .output()
        .expect("khabarain runs");
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("no system keyring") && said.contains("--secret-file"),
        "{said}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

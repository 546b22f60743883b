//! Start-up options: `--db PATH` / `KHABARAIN_DB` and `--base-url URL` /
//! `KHABARAIN_BASE_URL`. Flags win over the environment, which wins over
//! the defaults (the OS app-data folder and the real site).

use std::path::{Path, PathBuf};

use khabarain_core::site_config::{Site, BASE_URL_ENV, DB_ENV};
use khabarain_core::store::default_db_path;

pub const BENCH_OPEN_ENV: &str = "KHABARAIN_BENCH_OPEN";
/// What the login item passes (tauri-plugin-autostart).
pub const BACKGROUND_FLAG: &str = "--background";

#[derive(Debug)]
pub struct Options {
    pub db_path: PathBuf,
    pub site: Site,
    pub sync_on_start: bool,
    /// For the start-up benchmark (`KHABARAIN_BENCH_OPEN=N`): the window
    /// opens the first N articles of the list by itself, one after another.
    pub bench_open: u32,
    /// Started at login (`--background`): the window stays hidden when the
    /// tray icon is on.
    pub background: bool,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut db: Option<PathBuf> = std::env::var_os(DB_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let mut base: Option<String> = std::env::var(BASE_URL_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty());
    let mut sync_on_start = true;
    let mut background = false;
    let mut it = args.into_iter().skip(1);
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_string(), Some(v.to_string())),
            None => (arg.clone(), None),
        };
        match name.as_str() {
            "--db" => {
                db = Some(PathBuf::from(
                    inline.or_else(|| it.next()).ok_or("--db needs a path")?,
                ))
            }
            "--base-url" => {
                base = Some(
                    inline
                        .or_else(|| it.next())
                        .ok_or("--base-url needs an address")?,
                )
            }
            "--no-sync-on-start" => sync_on_start = false,
            BACKGROUND_FLAG => background = true,
            // Arguments added by the platform or a WebDriver are not ours to refuse.
            _ => {}
        }
    }
    let db_path = match db {
        Some(p) => p,
        None => default_db_path().map_err(|e| e.to_string())?,
    };
    let site = match base {
        Some(b) => Site::parse(&b).map_err(|e| e.to_string())?,
        None => Site::from_env_or_default().map_err(|e| e.to_string())?,
    };
    let bench_open = std::env::var(BENCH_OPEN_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(0)
        .min(10_000);
    Ok(Options {
        db_path,
        site,
        sync_on_start,
        bench_open,
        background,
    })
}

/// What the login item starts the app with: in the tray, on this database
/// when it is not the default one. A path with spaces is quoted for the
/// command lines of Linux's desktop entries and Windows' Run key; macOS
/// passes arguments one by one.
pub fn login_args(db_path: &Path) -> Vec<String> {
    let mut args = vec![BACKGROUND_FLAG.to_string()];
    if default_db_path().ok().as_deref() != Some(db_path) {
        let path = db_path.display().to_string();
        let quote = cfg!(not(target_os = "macos")) && path.contains(char::is_whitespace);
        args.push("--db".into());
        args.push(if quote { format!("\"{path}\"") } else { path });
    }
    args
}

/// The name one instance holds (a D-Bus name on Linux): the app's
/// identifier and the database it opened, so a second launch on the same
/// database goes to the window already open, while one on another database
/// (the demo's, a test's) runs beside it.
pub fn instance_id(db_path: &Path) -> String {
    let absolute = match (db_path.parent(), db_path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
        .map(|d| d.join(name))
        .unwrap_or_else(|_| db_path.to_path_buf()),
        _ => db_path.to_path_buf(),
    };
    // FNV-1a: stable from one build to the next, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in absolute.to_string_lossy().as_bytes() {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("com.khabarain.reader.db{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_login_item_names_a_database_that_is_not_the_default() {
        let args = login_args(Path::new("/tmp/my news/k.sqlite3"));
        assert_eq!(args[0], "--background");
        assert_eq!(args[1], "--db");
        #[cfg(not(target_os = "macos"))]
        assert_eq!(args[2], "\"/tmp/my news/k.sqlite3\"");
        if let Ok(default) = default_db_path() {
            assert_eq!(login_args(&default), ["--background"]);
        }
        let parsed = parse(["app".to_string(), "--background".to_string()]).expect("parses");
        assert!(parsed.background);
    }

    #[test]
    fn one_instance_name_per_database() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.sqlite3");
        let b = dir.path().join("b.sqlite3");
        assert_eq!(
            instance_id(&a),
            instance_id(&dir.path().join(".").join("a.sqlite3"))
        );
        assert_ne!(instance_id(&a), instance_id(&b));
        // A D-Bus name element: letters, digits and underscores, no leading digit.
        let id = instance_id(&a);
        assert!(id
            .split('.')
            .all(|e| !e.is_empty() && !e.starts_with(|c: char| c.is_ascii_digit())));
    }
}

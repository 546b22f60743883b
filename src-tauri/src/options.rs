//! Start-up options: `--db PATH` / `KHABARAIN_DB` and `--base-url URL` /
//! `KHABARAIN_BASE_URL`. Flags win over the environment, which wins over
//! the defaults (the OS app-data folder and the real site).

use std::path::PathBuf;

use khabarain_core::site_config::{Site, BASE_URL_ENV, DB_ENV};
use khabarain_core::store::default_db_path;

#[derive(Debug)]
pub struct Options {
    pub db_path: PathBuf,
    pub site: Site,
    pub sync_on_start: bool,
}

pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut db: Option<PathBuf> = std::env::var_os(DB_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let mut base: Option<String> = std::env::var(BASE_URL_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty());
    let mut sync_on_start = true;
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
    Ok(Options {
        db_path,
        site,
        sync_on_start,
    })
}

//! Shared by the benchmarks: the database of generated articles they
//! measure against, and the processes they watch.

pub mod procs;

/// The value after `--name` on the command line.
pub fn arg_value(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// The number after `--name` on the command line, or `default`.
pub fn arg_number(name: &str, default: usize) -> usize {
    arg_value(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use khabarain_core::store::Store;
use khabarain_fixture_site::generated::MAX_ITEMS;
use khabarain_fixture_site::FixtureSite;

/// A database of `n` articles, made as a user's is: a sync of the site
/// (its navigation and category feeds), then full-text syncs of the
/// generated corpus's feeds, each group filed under one of the categories.
/// Kept in target/bench/ between runs.
pub fn database(cli: &Path, n: usize, rt: &tokio::runtime::Runtime) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench");
    let db = dir.join(format!("ui-{n}.sqlite3"));
    let stored = |db: &Path| Store::open(db).and_then(|s| s.article_count()).unwrap_or(0);
    if db.exists() && stored(&db) >= n as i64 {
        return db;
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(dir.join(format!("ui-{n}.sqlite3{suffix}")));
    }
    let items = MAX_ITEMS.min(n);
    let feeds = n.div_ceil(items);
    println!(
        "making the database: the site, then a full-text sync of {feeds} feeds × {items} items (once; kept in {})",
        db.display()
    );
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let started = Instant::now();
    let sync = |extra: &[String]| {
        let status = Command::new(cli)
            .arg("--db")
            .arg(&db)
            .args(["--base-url", &base, "sync"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("khabarain sync");
        assert!(status.success(), "khabarain sync {extra:?}: {status}");
    };
    sync(&[]);
    let categories = khabarain_core::site_config::CATEGORIES;
    for (c, category) in categories.iter().enumerate() {
        let mut args = vec!["--category".to_string(), category.slug.to_string()];
        for f in (c..feeds).step_by(categories.len()) {
            args.push("--source".into());
            args.push(format!("{base}gen/{items}/feed/{f}/"));
        }
        if args.len() > 2 {
            sync(&args);
        }
    }
    rt.block_on(site.stop());
    let count = stored(&db);
    println!(
        "  {count} articles in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        count >= n as i64,
        "the syncs stored {count} of {n} articles"
    );
    db
}

/// A process's wall time and peak memory.
pub struct Measure {
    pub wall: f64,
    pub rss_mib: f64,
}

/// Runs a command under GNU time: its wall time and peak RSS; its output
/// goes to `<label>.log` in `out_dir`.
pub fn timed(cmd: Command, out_dir: &Path, label: &str) -> Measure {
    let time_file = out_dir.join(format!("{label}.time"));
    let log = out_dir.join(format!("{label}.log"));
    let log_file = std::fs::File::create(&log).expect("log file");
    let start = Instant::now();
    let status = Command::new("/usr/bin/time")
        .args(["-f", "%e %M", "-o"])
        .arg(&time_file)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdout(log_file.try_clone().expect("log"))
        .stderr(log_file)
        .status()
        .expect("/usr/bin/time runs (apt-get install time)");
    // GNU time reports wall time in hundredths; this clock is finer.
    let wall = start.elapsed().as_secs_f64();
    let text = std::fs::read_to_string(&time_file).unwrap_or_default();
    let line = text.lines().last().unwrap_or_default();
    let mut parts = line.split_whitespace();
    let _coarse_wall = parts.next();
    let rss_kib: f64 = parts
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN);
    if !status.success() {
        eprintln!("{label}: exit {status}; see {}", log.display());
    }
    Measure {
        wall,
        rss_mib: rss_kib / 1024.0,
    }
}

/// Articles khabarain stored in a database.
pub fn kept_by_khabarain(db: &Path) -> usize {
    khabarain_core::store::Store::open(db)
        .and_then(|s| s.article_count())
        .map_or(0, |n| n as usize)
}

/// Items newsboat kept in its cache.
pub fn kept_by_newsboat(cache: &Path) -> usize {
    rusqlite::Connection::open(cache)
        .and_then(|c| c.query_row("SELECT COUNT(*) FROM rss_item", [], |r| r.get::<_, i64>(0)))
        .map_or(0, |n| n as usize)
}

/// A milestone the app logs (`RUST_LOG=info`):
/// "... first_list count=14 after 231.5 ms (page 98 ms)" → (14, 231.5, 98)
pub fn milestone(line: &str, name: &str) -> Option<(u32, f64, f64)> {
    let rest = &line[line.find(&format!("{name} count="))? + name.len() + 7..];
    let (count, rest) = rest.split_once(" after ")?;
    let (ms, rest) = rest.split_once(" ms (page ")?;
    let page = rest.strip_suffix(" ms)")?;
    Some((count.parse().ok()?, ms.parse().ok()?, page.parse().ok()?))
}

#[cfg(test)]
mod milestone_tests {
    use super::milestone;

    #[test]
    fn reads_the_milestone_lines() {
        let line = "2026-11-26T14:07:12.2Z  INFO khabarain::milestone: first_list count=14 after 231.5 ms (page 98 ms)";
        assert_eq!(milestone(line, "first_list"), Some((14, 231.5, 98.0)));
        assert_eq!(milestone(line, "articles_opened"), None);
        assert_eq!(
            milestone("first_list count=x after 1 ms (page 1 ms)", "first_list"),
            None
        );
    }
}

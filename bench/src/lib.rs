//! Shared by the benchmarks: the database of generated articles they
//! measure against.

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

//! `scripts/bench-ui.sh` runs this, under Xvfb. It measures the release
//! build of the app itself:
//!
//! - start-up: from spawning the process to the first rows of the article
//!   list on screen (the window reports the `first_list` milestone after the
//!   frame that drew them), with a database of N stored articles;
//! - memory: the resident memory of the app and of the WebKit processes it
//!   started (RSS and PSS, summed), after the first list and after the
//!   window opened the first K articles of the list one after another
//!   (`KHABARAIN_BENCH_OPEN=K`, the same path as the j key, pictures and all).
//!
//! The database is made once by a full-text sync of the fixture site's
//! generated corpus (pages and pictures, as a user's would be) and kept in
//! target/bench/ for the next run.
//!
//! Usage: khabarain-ui-bench [--articles 100000] [--open 50] [--runs 5]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use khabarain_bench::arg_number as arg;
use khabarain_bench::procs::{memory, Memory};
use khabarain_bench::{database, milestone};
use khabarain_core::store::Store;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

struct Run {
    first_list_ms: f64,
    first_list_own_ms: f64,
    /// Of which in the page (since its navigation began).
    page_ms: f64,
    opened_ms: f64,
    rows: u32,
    opened: u32,
    after_list: Memory,
    after_open: Memory,
}

struct App(Child);
impl Drop for App {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run_once(app: &Path, db: &Path, home: &Path, cache: &Path, open: usize) -> Run {
    let start = Instant::now();
    let mut child = App(Command::new(app)
        .args(["--no-sync-on-start", "--base-url", "http://127.0.0.1:9/"])
        .arg("--db")
        .arg(db)
        .env("KHABARAIN_BENCH_OPEN", open.to_string())
        .env("RUST_LOG", "info,html5ever=off,selectors=off")
        .env("NO_COLOR", "1")
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the app starts"));
    let pid = child.0.id();
    let stderr = child.0.stderr.take().expect("stderr");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((start.elapsed(), line)).is_err() {
                break;
            }
        }
    });
    let wait_for = |name: &str| -> (Duration, u32, f64, f64) {
        loop {
            match rx.recv_timeout(Duration::from_secs(120)) {
                Ok((at, line)) => {
                    if let Some((count, own, page)) = milestone(&line, name) {
                        return (at, count, own, page);
                    }
                }
                Err(e) => panic!("no {name} milestone from the app: {e}"),
            }
        }
    };
    let (list_at, rows, own, page) = wait_for("first_list");
    std::thread::sleep(Duration::from_millis(500));
    let after_list = memory(pid);
    let (open_at, opened, _, _) = wait_for("articles_opened");
    // Let the web process settle (decoded pictures, collected garbage).
    std::thread::sleep(Duration::from_secs(2));
    let after_open = memory(pid);
    drop(child);
    Run {
        first_list_ms: list_at.as_secs_f64() * 1000.0,
        first_list_own_ms: own,
        page_ms: page,
        opened_ms: (open_at - list_at).as_secs_f64() * 1000.0,
        rows,
        opened,
        after_list,
        after_open,
    }
}

fn main() {
    let n = arg("--articles", 100_000);
    let open = arg("--open", 50);
    let runs = arg("--runs", 5).max(1);
    let exe = std::env::current_exe().expect("own path");
    // Another build of the app can be measured with KHABARAIN_APP_BINARY.
    let app = std::env::var_os("KHABARAIN_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| exe.with_file_name("khabarain-reader"));
    let cli = exe.with_file_name("khabarain");
    for p in [&app, &cli] {
        assert!(
            p.exists(),
            "{} missing: cargo build --release -p khabarain-reader -p khabarain-cli",
            p.display()
        );
    }
    assert!(
        std::env::var_os("DISPLAY").is_some(),
        "needs a display: run under xvfb-run (scripts/bench-ui.sh does)"
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let source = database(&cli, n, &rt);
    // A user's database has a current search index (the app builds it once,
    // in the background); a database made by older builds may not, and the
    // runs should not measure that one-off work.
    {
        let store = Store::open(&source).expect("open the database");
        if !store.search_index_current().expect("index version") {
            let started = Instant::now();
            let n = store.rebuild_search_index(1000, |_| {}).expect("index");
            println!(
                "search index built once: {n} articles in {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
    }

    // Runs read a copy, with reading marks off, so every run sees the same
    // database.
    let work = tempfile::tempdir().expect("tempdir");
    let db = work.path().join("bench.sqlite3");
    std::fs::copy(&source, &db).expect("copy the database");
    {
        let store = Store::open(&db).expect("open the copy");
        store
            .set_setting("ui.mark_read_on_open", "false")
            .expect("setting");
        println!(
            "database: {} articles, {:.0} MiB",
            store.article_count().unwrap_or(0),
            std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0
        );
    }
    println!("app: {} (release), {runs} runs, medians\n", app.display());

    // The first launch finds no cache of its own (fontconfig's, WebKit's);
    // the runs after it share the cache it left, as a user's launches do.
    let cache = work.path().join("cache");
    let show = |label: &str, run: &Run| {
        println!(
            "  {label}: first list {:.0} ms ({} rows; app's clock {:.0} ms, of which page {:.0} ms), {} articles opened in {:.0} ms, memory {:.0} → {:.0} MiB PSS",
            run.first_list_ms,
            run.rows,
            run.first_list_own_ms,
            run.page_ms,
            run.opened,
            run.opened_ms,
            run.after_list.pss,
            run.after_open.pss
        );
    };
    let first = run_once(&app, &db, &work.path().join("home-first"), &cache, open);
    show("first launch", &first);
    let mut all = Vec::new();
    for r in 0..runs {
        let home = work.path().join(format!("home-{r}"));
        let run = run_once(&app, &db, &home, &cache, open);
        show(&format!("run {}", r + 1), &run);
        all.push(run);
    }
    let med = |f: fn(&Run) -> f64| median(all.iter().map(f).collect());
    println!();
    println!(
        "start-up to first list painted   {:>7.0} ms   (goal < 400 ms; min {:.0}, max {:.0}; page's part {:.0} ms; first launch {:.0} ms)",
        med(|r| r.first_list_ms),
        all.iter().map(|r| r.first_list_ms).fold(f64::INFINITY, f64::min),
        all.iter().map(|r| r.first_list_ms).fold(0.0, f64::max),
        med(|r| r.page_ms),
        first.first_list_ms
    );
    println!(
        "memory after the first list      {:>7.1} MiB PSS, {:.1} MiB RSS (app {:.1}, web process {:.1} PSS)",
        med(|r| r.after_list.pss),
        med(|r| r.after_list.rss),
        med(|r| r.after_list.app_pss),
        med(|r| r.after_list.web_pss)
    );
    println!(
        "memory after opening {open:>3} articles {:>5.1} MiB PSS, {:.1} MiB RSS (app {:.1}, web process {:.1} PSS)   (goal < 120 MB)",
        med(|r| r.after_open.pss),
        med(|r| r.after_open.rss),
        med(|r| r.after_open.app_pss),
        med(|r| r.after_open.web_pss)
    );
    println!(
        "opening {open} articles one after another: {:.0} ms, {:.1} ms each",
        med(|r| r.opened_ms),
        med(|r| r.opened_ms) / open.max(1) as f64
    );
}

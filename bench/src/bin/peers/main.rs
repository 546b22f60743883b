//! `scripts/bench-ui.sh --peers` runs this, under Xvfb with a window manager
//! and a session bus: the app's start-up and memory side by side with the
//! desktop readers Debian ships, Liferea (GTK 3 on the same WebKitGTK) and
//! RSS Guard (Qt, with Qt WebEngine), on the same corpus, in one run.
//!
//! Each reader gets the same feeds (the fixture site's section feeds and the
//! generated corpus's feeds, served on loopback) and stores them its own way,
//! once, in a home directory kept in target/bench/peers-N/. Every run starts
//! on a fresh copy of that home, and the readers take turns in each round.
//! Per run:
//!
//! - window mapped: from spawning the process to the X server's MapNotify
//!   of its main window;
//! - first list (the app only: its `first_list` milestone) and first quiet:
//!   the first 300 ms after the window is mapped in which all the reader's
//!   processes used less than 30 ms of CPU — what can be observed of a
//!   peer's "ready";
//! - PSS of the reader and every process under it, once quiet, and after it
//!   has opened `--open` articles one after another the way a user would
//!   (the app's j key, Liferea's "next unread item", RSS Guard's Down key in
//!   its list), one every `--interval` ms; the articles each marked read are
//!   counted in its own store, so a run that opened nothing shows it.
//!
//! Then a soak: each reader once, opening `--soak` articles (bounded by
//! `--soak-limit` seconds), memory sampled along the way.
//!
//! Usage: khabarain-peer-bench [--articles 10000] [--open 50] [--rounds 3]
//!        [--interval 200] [--soak 500] [--soak-interval 100]
//!        [--soak-limit 180] [--port 18602] [--readers app,liferea,rssguard]

mod display;
mod readers;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use khabarain_bench::procs::{memory, process_tree, Memory};
use khabarain_bench::{arg_number as arg, arg_value as text_arg, database, milestone};
use khabarain_core::site_config::Site;
use khabarain_fixture_site::generated::MAX_ITEMS;
use khabarain_fixture_site::FixtureSite;

use display::Display;
use readers::{Kind, Reader, Running};

type Error = Box<dyn std::error::Error>;

struct Run {
    mapped_ms: f64,
    first_list_ms: Option<f64>,
    quiet_ms: f64,
    at_quiet: Memory,
    after_open: Memory,
    opened: usize,
}

/// The app's milestones, read from its log as it goes (the pipe must be
/// drained or the app would block on it).
fn watch_log(run: &mut Running) -> Option<mpsc::Receiver<(Duration, String)>> {
    let stderr = run.child.stderr.take()?;
    let started = run.started;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send((started.elapsed(), line)).is_err() {
                break;
            }
        }
    });
    Some(rx)
}

fn first_list(rx: &Option<mpsc::Receiver<(Duration, String)>>) -> Option<f64> {
    let rx = rx.as_ref()?;
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        let (at, line) = rx.recv_timeout(Duration::from_secs(60)).ok()?;
        if let Some((_, own, page)) = milestone(&line, "first_list") {
            if std::env::var_os("KHABARAIN_PEER_BENCH_DEBUG").is_some() {
                eprintln!("first_list: app's clock {own:.0} ms, page {page:.0} ms");
            }
            return Some(at.as_secs_f64() * 1000.0);
        }
    }
    None
}

fn ms(from: Instant, to: Instant) -> f64 {
    to.duration_since(from).as_secs_f64() * 1000.0
}

/// Launches the reader and waits for its window and for it to be quiet.
fn start(
    reader: &Reader,
    work: &Path,
    label: &str,
    display: &Display,
) -> Result<(Running, u32, f64, Option<f64>, f64), Error> {
    let mut run = reader.launch(work, label, display)?;
    let log = watch_log(&mut run);
    let root = run.pid();
    let mapped = display
        .wait_mapped(
            |pid| process_tree(root).iter().any(|(p, _)| *p == pid),
            Duration::from_secs(90),
        )
        .ok_or_else(|| format!("{}: no window within 90 s", reader.kind.name()))?;
    let mapped_ms = ms(run.started, mapped.at);
    let list_ms = first_list(&log);
    let quiet = run
        .wait_quiet(Duration::from_secs(90))
        .ok_or_else(|| format!("{}: never quiet within 90 s", reader.kind.name()))?;
    // Keep draining the app's log for the rest of the run.
    if let Some(rx) = log {
        std::thread::spawn(move || while rx.recv().is_ok() {});
    }
    let quiet_ms = ms(run.started, quiet);
    Ok((run, mapped.window, mapped_ms, list_ms, quiet_ms))
}

fn run_once(
    reader: &Reader,
    work: &Path,
    label: &str,
    display: &Display,
    open: usize,
    interval: Duration,
    shot: Option<&Path>,
) -> Result<Run, Error> {
    let (run, window, mapped_ms, first_list_ms, quiet_ms) = start(reader, work, label, display)?;
    std::thread::sleep(Duration::from_millis(500));
    let at_quiet = memory(run.pid());
    run.focus(window);
    std::thread::sleep(Duration::from_millis(300));
    for i in 0..open {
        run.open_next(display, window, i == 0);
        std::thread::sleep(interval);
    }
    // Let the processes settle (decoded pictures, collected garbage).
    std::thread::sleep(Duration::from_secs(2));
    let after_open = memory(run.pid());
    if let Some(path) = shot {
        if let Err(e) = display.screenshot(path) {
            eprintln!("screenshot {}: {e}", path.display());
        }
    }
    let opened = reader
        .read_count(&run.home)
        .saturating_sub(reader.read_before());
    drop(run);
    Ok(Run {
        mapped_ms,
        first_list_ms,
        quiet_ms,
        at_quiet,
        after_open,
        opened,
    })
}

/// One long run: `soak` articles opened one after another (or as many as
/// `limit` allows), memory at points along the way.
fn soak(
    reader: &Reader,
    work: &Path,
    display: &Display,
    soak: usize,
    interval: Duration,
    limit: Duration,
) -> Result<(Vec<(usize, Memory)>, usize), Error> {
    let (run, window, ..) = start(reader, work, "soak", display)?;
    std::thread::sleep(Duration::from_millis(500));
    let mut points = vec![(0, memory(run.pid()))];
    run.focus(window);
    std::thread::sleep(Duration::from_millis(300));
    let marks: Vec<usize> = [50, 100, 250, 500, 1000, 2000]
        .into_iter()
        .filter(|m| *m < soak)
        .chain([soak])
        .collect();
    let started = Instant::now();
    let mut opened = 0;
    while opened < soak && started.elapsed() < limit {
        run.open_next(display, window, opened == 0);
        opened += 1;
        std::thread::sleep(interval);
        if marks.contains(&opened) {
            std::thread::sleep(Duration::from_secs(2));
            points.push((opened, memory(run.pid())));
        }
    }
    if points.last().is_some_and(|(n, _)| *n != opened) {
        std::thread::sleep(Duration::from_secs(2));
        points.push((opened, memory(run.pid())));
    }
    let read = reader
        .read_count(&run.home)
        .saturating_sub(reader.read_before());
    Ok((points, read))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// "median (min–max)" of a figure over the runs.
fn spread(v: &[f64], digits: usize) -> String {
    let min = v.iter().copied().fold(f64::INFINITY, f64::min);
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    format!(
        "{:.*} ({:.*}–{:.*})",
        digits,
        median(v.to_vec()),
        digits,
        min,
        digits,
        max
    )
}

fn ratio(app: &[f64], peer: &[f64]) -> String {
    if app.is_empty() || peer.is_empty() {
        return "—".into();
    }
    format!("{:.2}×", median(app.to_vec()) / median(peer.to_vec()))
}

fn main() -> Result<(), Error> {
    let n = arg("--articles", 10_000);
    let open = arg("--open", 50);
    let rounds = arg("--rounds", 3).max(1);
    let interval = Duration::from_millis(arg("--interval", 200) as u64);
    let soak_n = arg("--soak", 500);
    let soak_interval = Duration::from_millis(arg("--soak-interval", 100) as u64);
    let soak_limit = Duration::from_secs(arg("--soak-limit", 180) as u64);
    let port = arg("--port", 18602) as u16;
    let wanted = text_arg("--readers").unwrap_or_else(|| "app,liferea,rssguard".into());
    let exe = std::env::current_exe()?;
    let app_binary = std::env::var_os("KHABARAIN_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| exe.with_file_name("khabarain-reader"));
    let cli = exe.with_file_name("khabarain");
    let display = Display::open()
        .map_err(|e| format!("needs an X display (scripts/bench-ui.sh --peers runs one): {e}"))?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;

    // The site stays up for the whole bench, on a fixed port, so the items
    // the peers stored keep pointing at a live site.
    let site = rt
        .block_on(FixtureSite::start(port))
        .map_err(|e| format!("the fixture site cannot listen on port {port} (--port): {e}"))?;
    let base = site.base_url();
    let items = MAX_ITEMS.min(n);
    let mut feeds: Vec<String> = Site::parse(&base)?
        .default_feeds()?
        .into_iter()
        .map(|(_, url)| url.to_string())
        .collect();
    feeds.extend((0..n.div_ceil(items)).map(|f| format!("{base}gen/{items}/feed/{f}/")));

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../target/bench/peers-{n}"));
    let shots = dir.join("shots");
    std::fs::create_dir_all(&shots)?;
    println!(
        "corpus: {} feeds ({} generated items and the site's sections); readers kept in {}",
        feeds.len(),
        n,
        dir.display()
    );
    let mut readers = Vec::new();
    for name in wanted.split(',') {
        let reader = match name.trim() {
            "app" => Reader::app(&dir, &app_binary, &database(&cli, n, &rt), &display)?,
            "liferea" => Reader::liferea(&dir, &feeds, n, &display)?,
            "rssguard" => Reader::rssguard(&dir, &feeds, n, &display)?,
            other => return Err(format!("unknown reader {other} (app, liferea, rssguard)").into()),
        };
        println!(
            "  {} {}: {} items stored",
            reader.kind.name(),
            reader.version,
            reader.stored
        );
        readers.push(reader);
    }

    let work = tempfile::tempdir()?;
    let mut results: Vec<Vec<Run>> = readers.iter().map(|_| Vec::new()).collect();
    for r in 0..rounds {
        // Each round starts with another reader, so none always goes first.
        for k in 0..readers.len() {
            let i = (k + r) % readers.len();
            let reader = &readers[i];
            let shot = (r == 0).then(|| shots.join(format!("{}-{open}.png", reader.kind.slug())));
            match run_once(
                reader,
                work.path(),
                &format!("{r}"),
                &display,
                open,
                interval,
                shot.as_deref(),
            ) {
                Ok(run) => {
                    println!(
                        "  round {} {}: mapped {:.0} ms{}, quiet {:.0} ms, {:.1} MiB PSS; {} opened → {:.1} MiB PSS ({} processes)",
                        r + 1,
                        reader.kind.name(),
                        run.mapped_ms,
                        run.first_list_ms.map(|v| format!(", first list {v:.0} ms")).unwrap_or_default(),
                        run.quiet_ms,
                        run.at_quiet.pss,
                        run.opened,
                        run.after_open.pss,
                        run.after_open.processes
                    );
                    results[i].push(run);
                }
                Err(e) => println!("  round {} {}: failed: {e}", r + 1, reader.kind.name()),
            }
        }
    }

    let mut soaks = Vec::new();
    if soak_n > 0 {
        for reader in &readers {
            match soak(
                reader,
                work.path(),
                &display,
                soak_n,
                soak_interval,
                soak_limit,
            ) {
                Ok((points, read)) => {
                    let line: Vec<String> = points
                        .iter()
                        .map(|(k, m)| format!("{k}: {:.0}", m.pss))
                        .collect();
                    println!(
                        "  soak {}: {} (MiB PSS after k articles); {read} marked read",
                        reader.kind.name(),
                        line.join(", ")
                    );
                    soaks.push((reader.kind, points, read));
                }
                Err(e) => println!("  soak {}: failed: {e}", reader.kind.name()),
            }
        }
    }
    rt.block_on(site.stop());

    let report = table(&readers, &results, &soaks, n, open);
    println!("\n{report}");
    std::fs::write(dir.join("report.md"), &report)?;
    println!(
        "report in {}; screenshots in {}",
        dir.join("report.md").display(),
        shots.display()
    );
    Ok(())
}

type Soak = (Kind, Vec<(usize, Memory)>, usize);

fn table(
    readers: &[Reader],
    results: &[Vec<Run>],
    soaks: &[Soak],
    n: usize,
    open: usize,
) -> String {
    let app = readers.iter().position(|r| r.kind == Kind::App);
    let peers: Vec<usize> = (0..readers.len()).filter(|i| Some(*i) != app).collect();
    let mut s = format!(
        "{n} generated items and the site's sections; medians of the runs, (min–max)\n\n| |"
    );
    for r in readers {
        s.push_str(&format!(" {} {} |", r.kind.name(), r.version));
    }
    for &p in &peers {
        if app.is_some() {
            s.push_str(&format!(" app ÷ {} |", readers[p].kind.name()));
        }
    }
    s.push_str("\n|---|");
    s.push_str(&"---|".repeat(readers.len() + if app.is_some() { peers.len() } else { 0 }));
    s.push('\n');
    let mut row = |label: &str, f: &dyn Fn(&Run) -> Option<f64>, digits: usize, ratios: bool| {
        let values: Vec<Vec<f64>> = results
            .iter()
            .map(|runs| runs.iter().filter_map(f).collect())
            .collect();
        s.push_str(&format!("| {label} |"));
        for v in &values {
            s.push_str(&if v.is_empty() {
                " — |".to_string()
            } else {
                format!(" {} |", spread(v, digits))
            });
        }
        if let Some(a) = app {
            for &p in &peers {
                s.push_str(&format!(
                    " {} |",
                    if ratios {
                        ratio(&values[a], &values[p])
                    } else {
                        "".into()
                    }
                ));
            }
        }
        s.push('\n');
    };
    row("window mapped, ms", &|r| Some(r.mapped_ms), 0, true);
    row(
        "first list painted, ms (the app's milestone)",
        &|r| r.first_list_ms,
        0,
        false,
    );
    row(
        "first quiet (300 ms under 10 % CPU), ms",
        &|r| Some(r.quiet_ms),
        0,
        true,
    );
    row("PSS once quiet, MiB", &|r| Some(r.at_quiet.pss), 1, true);
    row(
        &format!("PSS after opening {open} articles, MiB"),
        &|r| Some(r.after_open.pss),
        1,
        true,
    );
    row(
        "  of which the reader's own process",
        &|r| Some(r.after_open.app_pss),
        1,
        true,
    );
    row(
        "  processes",
        &|r| Some(r.after_open.processes as f64),
        0,
        false,
    );
    row(
        &format!("articles marked read (of {open})"),
        &|r| Some(r.opened as f64),
        0,
        false,
    );
    s.push_str("\n| stored items |");
    for r in readers {
        s.push_str(&format!(" {} |", r.stored));
    }
    s.push('\n');
    if !soaks.is_empty() {
        s.push_str("\nSoak, one run each: MiB PSS after k articles opened\n\n");
        for (kind, points, read) in soaks {
            let line: Vec<String> = points
                .iter()
                .map(|(k, m)| format!("{k}: {:.0}", m.pss))
                .collect();
            let grew = match (points.iter().find(|(k, _)| *k >= 50), points.last()) {
                (Some((_, a)), Some((k, b))) => {
                    format!("; {:+.0} MiB from 50 to {k}", b.pss - a.pss)
                }
                _ => String::new(),
            };
            s.push_str(&format!(
                "- {}: {}{grew} ({read} marked read)\n",
                kind.name(),
                line.join(", ")
            ));
        }
    }
    s
}

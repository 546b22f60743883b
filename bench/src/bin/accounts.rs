//! `scripts/bench-accounts.sh` runs this: a first sync and a warm sync of
//! the same generated corpus (feeds × 2,000 items of the fixture site's
//! `/gen/`, default 10,000 items), read four ways, each a whole process
//! under GNU time, side by side in one run:
//! - this app through a real Miniflux's own API (`khabarain account sync`);
//! - this app through the same server's Google Reader API;
//! - this app reading the feeds itself (`khabarain sync --source …`);
//! - Newsboat (Debian's 2.21) with `urls-source "miniflux"`.
//!
//! Headlines and the server's text only (`--feeds-only`), so that all four
//! keep the same; then the app's full-text syncs (pages and pictures
//! fetched), through Miniflux and from the feeds. For each: wall time,
//! requests to the server, bytes of its answers, peak memory, and articles
//! kept ÷ distinct items.
//!
//! Usage: khabarain-accounts-bench [--feeds N] [--rounds N] [--skip-full-text]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use khabarain_bench::arg_value as arg;
use khabarain_bench::{kept_by_khabarain, kept_by_newsboat, timed, Measure};
use khabarain_core::accounts::miniflux::{Auth, Client, EntryQuery};
use khabarain_fixture_site::generated::MAX_ITEMS;
use khabarain_fixture_site::miniflux::{self, Miniflux};
use khabarain_fixture_site::FixtureSite;

/// One tool's first and warm sync.
struct Row {
    name: String,
    runs: Vec<(Measure, Option<u64>, Option<u64>)>,
    kept: usize,
}

/// Requests and bytes from `khabarain account sync --json`'s line.
fn account_numbers(log: &Path) -> (Option<u64>, Option<u64>) {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let v: Option<serde_json::Value> = text.lines().find_map(|l| serde_json::from_str(l).ok());
    (
        v.as_ref().and_then(|v| v["requests"].as_u64()),
        v.as_ref().and_then(|v| v["bytes"].as_u64()),
    )
}

fn main() {
    let feeds: usize = arg("--feeds").and_then(|v| v.parse().ok()).unwrap_or(5);
    let rounds: usize = arg("--rounds")
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let full_text = !std::env::args().any(|a| a == "--skip-full-text");
    let khabarain = PathBuf::from(
        std::env::var("KHABARAIN_CLI").unwrap_or_else(|_| "target/release/khabarain".into()),
    );
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let server = Miniflux::start().expect("miniflux");
    let urls: Vec<String> = (0..feeds)
        .map(|f| format!("{base}gen/{MAX_ITEMS}/feed/{f}/"))
        .collect();
    let distinct = feeds * MAX_ITEMS;
    let rest = Client::new(
        &server.url,
        Auth::Password {
            user: miniflux::ADMIN.into(),
            password: miniflux::ADMIN_PASSWORD.into(),
        },
        Duration::from_secs(600),
    )
    .expect("client");
    rt.block_on(async {
        let all = rest.category("All").await.expect("category");
        for u in &urls {
            rest.subscribe(u, all.id, false).await.expect("subscribe");
        }
        let total = rest
            .entries(&EntryQuery {
                limit: 1,
                ..Default::default()
            })
            .await
            .expect("entries")
            .total;
        assert_eq!(total as usize, distinct, "Miniflux holds every item");
    });
    eprintln!("Miniflux holds {distinct} items of {feeds} feeds");
    // A server's refresh is over well before a reader syncs: the first sync
    // starts past the two seconds of changes a sync reads again next time.
    std::thread::sleep(Duration::from_secs(3));

    let work = tempfile::tempdir().expect("tempdir");
    let dir = work.path();
    let mut rounds_rows: Vec<Vec<Row>> = Vec::new();
    for round in 0..rounds {
        let mut rows: Vec<Row> = Vec::new();

        let account = |name: &str,
                       kind: &str,
                       user: &str,
                       password: &str,
                       feeds_only: bool,
                       rows: &mut Vec<Row>| {
            let home = dir.join(format!("{}-{round}", name.replace(' ', "-")));
            std::fs::create_dir_all(&home).expect("dir");
            let db = home.join("db.sqlite3");
            let mut add = Command::new(&khabarain)
                .arg("--db")
                .arg(&db)
                .args([
                    "account",
                    "add",
                    "--kind",
                    kind,
                    "--server",
                    &server.url,
                    "--user",
                    user,
                    "--secret-file",
                ])
                .stdin(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("khabarain runs");
            if let Some(stdin) = add.stdin.as_mut() {
                use std::io::Write;
                let _ = writeln!(stdin, "{password}");
            }
            assert!(add.wait().expect("add").success(), "{name}: account added");
            let mut runs = Vec::new();
            for label in ["first", "warm"] {
                let mut c = Command::new(&khabarain);
                c.arg("--db")
                    .arg(&db)
                    .args(["--base-url", &base, "account", "sync", "--json"]);
                if feeds_only {
                    c.arg("--feeds-only");
                }
                let tag = format!("{}-{label}-{round}", name.replace(' ', "-"));
                let m = timed(c, dir, &tag);
                let (req, bytes) = account_numbers(&dir.join(format!("{tag}.log")));
                runs.push((m, req, bytes));
            }
            rows.push(Row {
                name: name.into(),
                runs,
                kept: kept_by_khabarain(&db),
            });
        };
        let direct = |name: &str, feeds_only: bool, rows: &mut Vec<Row>| {
            let db = dir.join(format!("{}-{round}.sqlite3", name.replace(' ', "-")));
            let mut runs = Vec::new();
            for label in ["first", "warm"] {
                let mut c = Command::new(&khabarain);
                c.arg("--db").arg(&db).args(["--base-url", &base, "sync"]);
                for u in &urls {
                    c.args(["--source", u]);
                }
                if feeds_only {
                    c.arg("--feeds-only");
                }
                site.clear_requests();
                let m = timed(
                    c,
                    dir,
                    &format!("{}-{label}-{round}", name.replace(' ', "-")),
                );
                let requests = site.requests().len() as u64;
                runs.push((m, Some(requests), None));
            }
            rows.push(Row {
                name: name.into(),
                runs,
                kept: kept_by_khabarain(&db),
            });
        };

        account(
            "app, Miniflux API",
            "miniflux",
            miniflux::ADMIN,
            miniflux::ADMIN_PASSWORD,
            true,
            &mut rows,
        );
        account(
            "app, Google Reader API",
            "greader",
            miniflux::READER_USER,
            miniflux::READER_PASSWORD,
            true,
            &mut rows,
        );
        direct("app, its own feed sync", true, &mut rows);

        // Newsboat's Miniflux source.
        let nb = dir.join(format!("newsboat-{round}"));
        std::fs::create_dir_all(&nb).expect("dir");
        std::fs::write(
        nb.join("config"),
        format!(
            "urls-source \"miniflux\"\nminiflux-url \"{}/\"\nminiflux-login \"{}\"\nminiflux-password \"{}\"\n",
            server.url,
            miniflux::ADMIN,
            miniflux::ADMIN_PASSWORD
        ),
    )
    .expect("config");
        std::fs::write(nb.join("urls"), "").expect("urls");
        let mut runs = Vec::new();
        for label in ["first", "warm"] {
            let mut c = Command::new("newsboat");
            c.arg("-C")
                .arg(nb.join("config"))
                .arg("-u")
                .arg(nb.join("urls"))
                .arg("-c")
                .arg(nb.join("cache.db"))
                .args(["-x", "reload"])
                .env("HOME", &nb);
            runs.push((
                timed(c, dir, &format!("newsboat-{label}-{round}")),
                None,
                None,
            ));
        }
        rows.push(Row {
            name: "Newsboat 2.21, urls-source miniflux".into(),
            runs,
            kept: kept_by_newsboat(&nb.join("cache.db")),
        });

        if full_text {
            account(
                "app, Miniflux API, full text",
                "miniflux",
                miniflux::ADMIN,
                miniflux::ADMIN_PASSWORD,
                false,
                &mut rows,
            );
            direct("app, its own feed sync, full text", false, &mut rows);
        }
        rounds_rows.push(rows);
    }
    let rows = medians(rounds_rows);

    let show = |v: Option<u64>| v.map_or("—".to_string(), |n| n.to_string());
    let mib = |v: Option<u64>| {
        v.map_or("—".to_string(), |n| {
            format!("{:.1}", n as f64 / 1_048_576.0)
        })
    };
    println!("{distinct} distinct items in {feeds} feeds; medians of {rounds} rounds, tools interleaved in each (seconds, requests to the server, MiB of its answers, peak MiB; kept: the fewest of any round)\n");
    println!("| reader | kept ÷ distinct | first: s | requests | answer MiB | peak MiB | warm: s | requests | answer MiB | peak MiB |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        print!(
            "| {} | {} ÷ {distinct} = {:.3} |",
            r.name,
            r.kept,
            r.kept as f64 / distinct as f64
        );
        for (m, req, bytes) in &r.runs {
            print!(
                " {:.2} | {} | {} | {:.0} |",
                m.wall,
                show(*req),
                mib(*bytes),
                m.rss_mib
            );
        }
        println!();
    }
    println!("\n(for the app's own feed sync, requests are those the fixture site served: feeds, and pages in full text; logs in {})", dir.display());
    // Keep the logs when asked.
    if std::env::var_os("KEEP").is_some() {
        let _ = work.keep();
    }
}

/// Each cell the median over the rounds (each round ran the tools in the
/// same order); kept is the fewest any round kept.
fn medians(rounds: Vec<Vec<Row>>) -> Vec<Row> {
    let first = &rounds[0];
    (0..first.len())
        .map(|i| {
            let runs = (0..first[i].runs.len())
                .map(|j| {
                    let cells: Vec<&(Measure, Option<u64>, Option<u64>)> =
                        rounds.iter().map(|r| &r[i].runs[j]).collect();
                    let mid = |mut v: Vec<f64>| {
                        v.sort_by(f64::total_cmp);
                        v[v.len() / 2]
                    };
                    let mid_u = |mut v: Vec<u64>| {
                        v.sort_unstable();
                        v.get(v.len() / 2).copied()
                    };
                    (
                        Measure {
                            wall: mid(cells.iter().map(|c| c.0.wall).collect()),
                            rss_mib: mid(cells.iter().map(|c| c.0.rss_mib).collect()),
                        },
                        mid_u(cells.iter().filter_map(|c| c.1).collect()),
                        mid_u(cells.iter().filter_map(|c| c.2).collect()),
                    )
                })
                .collect();
            Row {
                name: first[i].name.clone(),
                runs,
                kept: rounds.iter().map(|r| r[i].kept).min().unwrap_or(0),
            }
        })
        .collect()
}

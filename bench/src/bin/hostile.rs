//! `scripts/bench-hostile.sh` runs this: every hostile feed of the fixture
//! site (`/hostile/`) read by this app, by Newsboat (Debian's) and by
//! feedparser (Python, from PyPI), each as a whole process under
//! /usr/bin/time, one feed at a time. For each: the items kept (stored in
//! the app's database or Newsboat's cache; returned by feedparser), the
//! characters of headline and summary text kept and how many of them are
//! control characters (ESC, BEL, NUL… which could act on a terminal), the
//! wall time and the peak memory. Prints a Markdown table.
//!
//! Usage: khabarain-hostile-bench --feedparser PYTHON [--before KHABARAIN]
//! (`--before` adds a column for another build of the CLI, such as the one
//! before a change.)

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use khabarain_bench::arg_value as arg;
use khabarain_fixture_site::{hostile, FixtureSite};

/// What one tool made of one feed.
#[derive(Debug, Default, Clone)]
struct Outcome {
    kept: usize,
    chars: usize,
    controls: usize,
    wall: f64,
    mib: f64,
    failed: bool,
}

/// Runs `cmd` under /usr/bin/time (and a 90 s limit); wall time, peak MiB
/// and whether it exited well.
fn timed(cmd: &mut Command, dir: &Path) -> (f64, f64, bool, String) {
    let time_file = dir.join("time");
    let start = Instant::now();
    let out = Command::new("timeout")
        .arg("90")
        .arg("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&time_file)
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .envs(cmd.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdin(Stdio::null())
        .output()
        .expect("timeout and /usr/bin/time run");
    let wall = start.elapsed().as_secs_f64();
    let kib: f64 = std::fs::read_to_string(&time_file)
        .unwrap_or_default()
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(f64::NAN);
    (
        wall,
        kib / 1024.0,
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The texts an SQLite file holds, one per row of `sql` (none when the
/// tool made no file).
fn texts(db: &Path, sql: &str) -> Vec<String> {
    let Ok(conn) = rusqlite::Connection::open(db) else {
        return Vec::new();
    };
    let Ok(mut stmt) = conn.prepare(sql) else {
        return Vec::new();
    };
    stmt.query_map([], |r| r.get::<_, String>(0))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

fn count_text(texts: impl Iterator<Item = String>) -> (usize, usize) {
    let (mut chars, mut controls) = (0, 0);
    for t in texts {
        for c in t.chars() {
            chars += 1;
            if khabarain_core::text::is_control(c) {
                controls += 1;
            }
        }
    }
    (chars, controls)
}

fn khabarain(cli: &Path, base: &str, url: &str, dir: &Path, tag: &str) -> Outcome {
    let db = dir.join(format!("{tag}.sqlite3"));
    let (wall, mib, ok, _) = timed(
        Command::new(cli).arg("--db").arg(&db).args([
            "--base-url",
            base,
            "sync",
            "--feeds-only",
            "--source",
            url,
        ]),
        dir,
    );
    let rows = texts(&db, "SELECT title || ' ' || summary FROM articles");
    let (chars, controls) = count_text(rows.iter().cloned());
    Outcome {
        kept: rows.len(),
        chars,
        controls,
        wall,
        mib,
        failed: !ok,
    }
}

fn newsboat(url: &str, dir: &Path) -> Outcome {
    let urls = dir.join("urls");
    let cache = dir.join("newsboat.db");
    let _ = std::fs::remove_file(&cache);
    std::fs::write(&urls, format!("{url}\n")).expect("urls");
    std::fs::write(dir.join("newsboat.conf"), "download-timeout 60\n").expect("config");
    let (wall, mib, ok, _) = timed(
        Command::new("newsboat")
            .args(["-x", "reload", "-u"])
            .arg(&urls)
            .arg("-c")
            .arg(&cache)
            .arg("-C")
            .arg(dir.join("newsboat.conf"))
            .env("HOME", dir),
        dir,
    );
    let rows = texts(&cache, "SELECT title || ' ' || content FROM rss_item");
    let (chars, controls) = count_text(rows.iter().cloned());
    Outcome {
        kept: rows.len(),
        chars,
        controls,
        wall,
        mib,
        failed: !ok,
    }
}

const FEEDPARSER: &str = r#"
import json, socket, sys
import feedparser
socket.setdefaulttimeout(60)
d = feedparser.parse(sys.argv[1])
texts = []
for e in d.entries:
    texts.append((e.get("title") or "") + " " + (e.get("summary") or ""))
print(json.dumps({"kept": len(d.entries), "texts": texts}))
"#;

fn feedparser(python: &str, url: &str, dir: &Path) -> Outcome {
    let script = dir.join("fp.py");
    std::fs::write(&script, FEEDPARSER).expect("script");
    let (wall, mib, ok, out) = timed(Command::new(python).arg(&script).arg(url), dir);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_default();
    let texts: Vec<String> = v["texts"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let (chars, controls) = count_text(texts.into_iter());
    Outcome {
        kept: v["kept"].as_u64().unwrap_or(0) as usize,
        chars,
        controls,
        wall,
        mib,
        failed: !ok,
    }
}

fn cell(o: &Outcome) -> String {
    let mut s = format!("{} · {}", o.kept, o.chars);
    if o.controls > 0 {
        s.push_str(&format!(" · **{} ctl**", o.controls));
    }
    s.push_str(&format!(" · {:.2} s · {:.0} MiB", o.wall, o.mib));
    if o.failed {
        s.push_str(" · exit≠0");
    }
    s
}

fn main() {
    let python = arg("--feedparser").unwrap_or_else(|| "python3".into());
    let before = arg("--before").map(PathBuf::from);
    let exe = std::env::current_exe().expect("own path");
    let cli = exe.with_file_name("khabarain");
    assert!(cli.exists(), "{} missing", cli.display());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let work = tempfile::tempdir().expect("tempdir");

    println!("Each cell: items kept · characters of headline and summary kept · control characters among them (when any) · wall time · peak memory.\n");
    let mut header = "| feed | khabarain |".to_string();
    if before.is_some() {
        header.push_str(" khabarain before |");
    }
    header.push_str(" newsboat | feedparser |");
    println!("{header}");
    println!("{}", "|---".repeat(header.matches('|').count() - 1) + "|");
    // The hostile feeds, and a server that never answers.
    let mut urls: Vec<(String, String)> = hostile::feeds()
        .map(|n| (n.to_string(), format!("{base}hostile/{n}")))
        .collect();
    urls.push((
        "hang/feed/ (never answers)".into(),
        format!("{base}hang/feed/"),
    ));
    for (i, (name, url)) in urls.into_iter().enumerate() {
        // Each feed in a folder of its own: nothing carried over.
        let dir = &work.path().join(i.to_string());
        std::fs::create_dir_all(dir).expect("folder");
        let mut row = format!(
            "| `{name}` | {} |",
            cell(&khabarain(&cli, &base, &url, dir, "k"))
        );
        if let Some(b) = &before {
            row.push_str(&format!(
                " {} |",
                cell(&khabarain(b, &base, &url, dir, "b"))
            ));
        }
        row.push_str(&format!(
            " {} | {} |",
            cell(&newsboat(&url, dir)),
            cell(&feedparser(&python, &url, dir))
        ));
        println!("{row}");
    }
    rt.block_on(site.stop());
}

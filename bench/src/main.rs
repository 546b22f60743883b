//! `scripts/bench.sh` runs this. It serves a generated corpus (F feeds × N
//! items, each item with its page and picture) from the fixture site on
//! loopback, and measures, each as a whole process under /usr/bin/time:
//!
//! - feed-only sync, cold and warm: `khabarain sync --feeds-only` against
//!   Debian's `newsboat -x reload` on the same feeds (ratios of wall time and
//!   of peak memory);
//! - feed parsing alone, in items per second (in this process);
//! - full-text sync (pages and pictures), in articles per second, and its
//!   peak memory.
//!
//! Every figure is beside what was kept: articles stored ÷ distinct
//! articles in the corpus (khabarain's database, newsboat's cache), which
//! must be 1 for a speed to mean anything; speeds are per article kept.
//!
//! Usage: khabarain-bench [--feeds 50] [--items 200] [--runs 3]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use khabarain_bench::arg_number as arg;
use khabarain_core::feed::parse_feed;
use khabarain_core::fetch::{FetchOutcome, FetchPolicy, Fetcher, Validators};
use khabarain_fixture_site::FixtureSite;
use url::Url;

use khabarain_bench::{kept_by_khabarain, kept_by_newsboat, timed, Measure};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let feeds = arg("--feeds", 50);
    let items = arg("--items", 200);
    let runs = arg("--runs", 3).max(1);
    let exe = std::env::current_exe().expect("own path");
    let khabarain: PathBuf = exe.with_file_name("khabarain");
    assert!(
        khabarain.exists(),
        "{} missing: cargo build --release -p khabarain-cli",
        khabarain.display()
    );

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let urls: Vec<String> = (0..feeds)
        .map(|f| format!("{base}gen/{items}/feed/{f}/"))
        .collect();
    let total = feeds * items;
    println!("corpus: {feeds} feeds × {items} items = {total} items, served on loopback at {base}");
    println!("runs: {runs} of each, medians reported\n");

    let work = tempfile::tempdir().expect("tempdir");
    let dir = work.path();
    std::fs::write(dir.join("urls"), urls.join("\n") + "\n").expect("urls");
    std::fs::write(dir.join("newsboat.conf"), "").expect("config");

    let newsboat = |cache: &Path| {
        let mut c = Command::new("newsboat");
        c.args(["-x", "reload", "-u"])
            .arg(dir.join("urls"))
            .arg("-c")
            .arg(cache)
            .arg("-C")
            .arg(dir.join("newsboat.conf"))
            .env("HOME", dir);
        c
    };
    let ours = |db: &Path, feeds_only: bool| {
        let mut c = Command::new(&khabarain);
        c.arg("--db").arg(db).args(["--base-url", &base, "sync"]);
        if feeds_only {
            c.arg("--feeds-only");
        }
        for u in &urls {
            c.args(["--source", u]);
        }
        c
    };

    // Feed-only: cold (new database) and warm (second and third sync).
    let (mut nb_cold, mut nb_warm, mut nb_warm3) = (Vec::new(), Vec::new(), Vec::new());
    let (mut k_cold, mut k_warm, mut k_warm3) = (Vec::new(), Vec::new(), Vec::new());
    let mut conditional_share = 0.0;
    for r in 0..runs {
        let cache = dir.join(format!("newsboat-{r}.db"));
        site.clear_requests();
        nb_cold.push(timed(newsboat(&cache), dir, &format!("newsboat-cold-{r}")));
        let fetched = site.requests().iter().filter(|q| q.status == 200).count();
        assert_eq!(
            fetched, feeds,
            "newsboat fetched every feed (see newsboat-cold-{r}.log)"
        );
        nb_warm.push(timed(newsboat(&cache), dir, &format!("newsboat-warm-{r}")));
        nb_warm3.push(timed(newsboat(&cache), dir, &format!("newsboat-warm3-{r}")));
        let db = dir.join(format!("feeds-{r}.sqlite3"));
        k_cold.push(timed(ours(&db, true), dir, &format!("khabarain-cold-{r}")));
        site.clear_requests();
        k_warm.push(timed(ours(&db, true), dir, &format!("khabarain-warm-{r}")));
        let reqs = site.requests();
        let cond = reqs
            .iter()
            .filter(|q| q.conditional && q.status == 304)
            .count();
        conditional_share = cond as f64 / reqs.len().max(1) as f64;
        k_warm3.push(timed(ours(&db, true), dir, &format!("khabarain-warm3-{r}")));
    }
    let kept_k = kept_by_khabarain(&dir.join("feeds-0.sqlite3"));
    let kept_n = kept_by_newsboat(&dir.join("newsboat-0.db"));
    println!(
        "kept (feed-only): khabarain {kept_k} of {total} distinct articles ({:.3}), newsboat {kept_n} ({:.3})",
        kept_k as f64 / total as f64,
        kept_n as f64 / total as f64
    );
    if kept_k != total || kept_n != total {
        println!(
            "  WARNING: a tool did not keep every distinct article; its speed is not comparable"
        );
    }
    let med = |v: &[Measure], f: fn(&Measure) -> f64| median(v.iter().map(f).collect());
    let wall = |m: &Measure| m.wall;
    let rss = |m: &Measure| m.rss_mib;
    println!("feed-only sync            khabarain        newsboat         ratio (k/n)");
    for (name, k, n) in [
        ("cold", &k_cold, &nb_cold),
        ("warm (2nd sync)", &k_warm, &nb_warm),
        ("warm (3rd sync)", &k_warm3, &nb_warm3),
    ] {
        println!(
            "  {name:<22}  {:>6.3} s {:>6.1} MiB  {:>6.3} s {:>6.1} MiB  time {:.2}×  memory {:.2}×",
            med(k, wall),
            med(k, rss),
            med(n, wall),
            med(n, rss),
            med(k, wall) / med(n, wall),
            med(k, rss) / med(n, rss)
        );
    }
    println!(
        "  khabarain's 2nd sync: {:.0}% of its requests were conditional and answered 304\n",
        conditional_share * 100.0
    );

    // Feed parsing alone, in this process.
    let fetcher = Fetcher::new(FetchPolicy::default()).expect("client");
    let bodies: Vec<(Url, Vec<u8>)> = rt.block_on(async {
        let mut out = Vec::new();
        for u in &urls {
            let url = Url::parse(u).expect("url");
            if let Ok(FetchOutcome::Fetched(f)) =
                fetcher.get(&url, &Validators::default(), 64 << 20).await
            {
                out.push((url, f.body.to_vec()));
            }
        }
        out
    });
    let mut rates = Vec::new();
    for _ in 0..runs.max(3) {
        let start = Instant::now();
        let mut parsed = 0usize;
        for (url, body) in &bodies {
            parsed += parse_feed(body, url).map(|f| f.entries.len()).unwrap_or(0);
        }
        rates.push(parsed as f64 / start.elapsed().as_secs_f64());
    }
    println!(
        "feed parsing alone        {:>9.0} items/s (median of {} passes over {total} items)\n",
        median(rates),
        runs.max(3)
    );

    // Full text: pages and pictures.
    let mut full = Vec::new();
    for r in 0..runs {
        let db = dir.join(format!("full-{r}.sqlite3"));
        full.push(timed(ours(&db, false), dir, &format!("khabarain-full-{r}")));
    }
    let w = med(&full, wall);
    let kept = kept_by_khabarain(&dir.join("full-0.sqlite3"));
    println!(
        "full-text sync            {:>6.3} s, {kept} of {total} distinct articles kept ({:.3}) = {:.0} articles kept/s, peak {:.1} MiB",
        w,
        kept as f64 / total as f64,
        kept as f64 / w,
        med(&full, rss)
    );
    rt.block_on(site.stop());
}

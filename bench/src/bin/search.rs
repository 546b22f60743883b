//! `scripts/bench-search.sh` runs this. Over the generated corpus (100,000
//! articles by default, the database khabarain-ui-bench makes and keeps):
//!
//! - index build: the whole FTS index made again from the stored articles,
//!   in articles per second (normalising, stemming and writing);
//! - the normaliser alone (normalise + stem of every text, and its words as
//!   written), per article;
//! - its share of ingest: a full-text sync of 10,000 articles (pages and
//!   pictures, as a user's sync) timed, against the indexing work those
//!   articles take;
//! - query latency: a mix of queries (words in several spellings, prefixes
//!   being typed, phrases, English names, filters), each as the window asks
//!   it (the first 30 results with their marked passages, and the count),
//!   p50 and p95 over every run.
//!
//! Usage: khabarain-search-bench [--articles 100000] [--runs 20] [--queries-only] [--db PATH]
//! (KHABARAIN_BENCH_DETAIL=1 adds each query's own time.)

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use khabarain_bench::arg_number as arg;
use khabarain_bench::database;
use khabarain_core::feed::html_to_text;
use khabarain_core::search::forms::index_terms;
use khabarain_core::store::search::STEMMER;
use khabarain_core::store::{ListFilter, Store};
use khabarain_fixture_site::FixtureSite;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Queries as readers type them: finished words (a trailing space) and
/// words still being typed (none).
const QUERIES: &[&str] = &[
    "أوكرانيا ",
    "أُوكْرَانِيَا ",
    "اوكر",
    "الاقتصاد ",
    "والمستشفيات ",
    "المستشفى ",
    "القاهره ",
    "إسبانيا ",
    "الإنفلونزا ",
    "ارتفاع الأسعار ",
    "\"دوري أبطال أوروبا\" ",
    "\"الذكاء الاصطناعي\" ",
    "Nvidia ",
    "OPEC ",
    "٢٠٢٧ ",
    "الاتحاد الأوروبي ",
    "تغير المناخ ",
    "المهاجرين ",
    "رقائق",
    "زلزال ",
    // Issue 15's classes: attached letters, numbers, tanween, plurals, two
    // words that belong together.
    "بأوكرانيا ",
    "12,000 ",
    "١٢٠٠٠ ",
    "صاروخاً ",
    "الجنود ",
    "المدارس ",
    "كوريا الشمالية ",
    "وزير الخارجية ",
];

fn filter(q: &str, i: usize) -> ListFilter {
    // Every fourth query narrowed, as the search bar does.
    ListFilter {
        query: Some(q.to_string()),
        category: (i % 4 == 3).then(|| "world".to_string()),
        unread_only: i % 4 == 2,
        // The window's first page of results.
        limit: 30,
        ..ListFilter::default()
    }
}

/// Index build, the normaliser alone, and the indexing's share of a real
/// full-text sync.
fn build_and_ingest(
    store: &Store,
    cli: &std::path::Path,
    count: usize,
    work: &tempfile::TempDir,
    rt: &tokio::runtime::Runtime,
) {
    let started = Instant::now();
    let built = store.rebuild_search_index(1000, |_| {}).expect("rebuild");
    let build = started.elapsed().as_secs_f64();
    println!(
        "index build            {built} articles in {build:.1} s = {:.0} articles/s",
        built as f64 / build
    );

    // The normaliser alone, over the same texts.
    let texts: Vec<String> = (1..=count as i64)
        .filter_map(|id| store.article(id).ok())
        .map(|a| {
            format!(
                "{} {} {} {}",
                a.title,
                a.summary,
                html_to_text(&a.body_html),
                a.original_title.unwrap_or_default()
            )
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = Instant::now();
    let mut terms = 0usize;
    for t in &texts {
        // The stems and the words as written, in the one pass ingest makes.
        let (stems, forms) = index_terms(t, STEMMER);
        terms += stems.len() + forms.len();
    }
    let norm = started.elapsed().as_secs_f64();
    println!(
        "normaliser alone       {} articles ({:.0} MiB of text) in {norm:.2} s = {:.0} articles/s, {:.1} µs each ({terms} bytes of terms)",
        texts.len(),
        bytes as f64 / 1048576.0,
        texts.len() as f64 / norm,
        norm / texts.len() as f64 * 1e6
    );

    // Its share of ingest: a real full-text sync of 10,000 articles.
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let sync_db = work.path().join("sync.sqlite3");
    let mut cmd = Command::new(cli);
    cmd.arg("--db")
        .arg(&sync_db)
        .args(["--base-url", &base, "sync"]);
    for f in 0..5 {
        cmd.args(["--source", &format!("{base}gen/2000/feed/{f}/")]);
    }
    let started = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("sync");
    let sync = started.elapsed().as_secs_f64();
    rt.block_on(site.stop());
    assert!(status.success(), "sync: {status}");
    let synced_n = Store::open(&sync_db)
        .and_then(|s| s.article_count())
        .expect("count") as usize;
    println!(
        "ingest                 full-text sync of {synced_n} articles in {sync:.2} s ({:.0} articles/s), search index included",
        synced_n as f64 / sync
    );
    let normaliser_share = norm / texts.len() as f64 * synced_n as f64 / sync * 100.0;
    println!(
        "                       of which the normaliser: {normaliser_share:.1}% of the sync (goal < 10%)\n"
    );
}

fn main() {
    let n = arg("--articles", 100_000);
    let runs = arg("--runs", 20).max(1);
    let exe = std::env::current_exe().expect("own path");
    let cli = exe.with_file_name("khabarain");
    assert!(
        cli.exists(),
        "{} missing: cargo build --release -p khabarain-cli",
        cli.display()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let work = tempfile::tempdir().expect("tempdir");
    // --db: measure the queries on a database of your own (used in place).
    let args: Vec<String> = std::env::args().collect();
    let db = match args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
    {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let source = database(&cli, n, &rt);
            let db = work.path().join("search.sqlite3");
            std::fs::copy(&source, &db).expect("copy");
            db
        }
    };
    let store = Store::open(&db).expect("open");
    let count = store.article_count().expect("count") as usize;
    println!("database: {count} articles\n");

    let queries_only = std::env::args().any(|a| a == "--queries-only");
    if queries_only {
        if !store.search_index_current().expect("index") {
            store.rebuild_search_index(1000, |_| {}).expect("rebuild");
        }
    } else {
        build_and_ingest(&store, &cli, count, &work, &rt);
    }
    // Query latency, as the window asks: a page of results and the count.
    let mut times = Vec::new();
    let mut hits = Vec::new();
    for _ in 0..runs {
        for (i, q) in QUERIES.iter().enumerate() {
            let f = filter(q, i);
            let started = Instant::now();
            let rows = store.list_articles(&f).expect("search");
            let total = store.count_articles(&f).expect("count");
            times.push(started.elapsed());
            hits.push((rows.len(), total));
        }
    }
    times.sort();
    // Where the time goes: the count alone, and a page of 10 results
    // against one of 100 (the marked passages are made per result).
    let mut count_t = Vec::new();
    let mut page10 = Vec::new();
    for (i, q) in QUERIES.iter().enumerate() {
        let f = filter(q, i);
        let started = Instant::now();
        store.count_articles(&f).expect("count");
        count_t.push(started.elapsed());
        let started = Instant::now();
        store
            .list_articles(&ListFilter { limit: 10, ..f })
            .expect("search");
        page10.push(started.elapsed());
    }
    if std::env::var_os("KHABARAIN_BENCH_DETAIL").is_some() {
        for (i, q) in QUERIES.iter().enumerate() {
            let f = filter(q, i);
            let mut t: Vec<Duration> = (0..5)
                .map(|_| {
                    let s = Instant::now();
                    store.list_articles(&f).expect("search");
                    store.count_articles(&f).expect("count");
                    s.elapsed()
                })
                .collect();
            t.sort();
            println!(
                "    {:<28} {:>7.2} ms  (filter {})",
                q,
                percentile(&t, 0.5),
                i % 4
            );
        }
    }
    count_t.sort();
    page10.sort();
    println!(
        "  breakdown, p50: count {:.2} ms; 10 results {:.2} ms",
        percentile(&count_t, 0.5),
        percentile(&page10, 0.5)
    );
    let avg_hits = hits.iter().map(|h| h.1).sum::<i64>() as f64 / hits.len() as f64;
    println!(
        "query latency          {} queries × {runs} runs: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms (goal p95 < 10 ms); {avg_hits:.0} matches on average",
        QUERIES.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        percentile(&times, 1.0)
    );
}

//! `scripts/bench-rules.sh` runs this: what the reader's rules cost.
//!
//! - a new rule applied to everything stored: each of ten rules (common and
//!   rare words, phrases, a section's keep-list; every action) added to a
//!   copy of the 100,000-article database the other benches use, timed, with
//!   how many articles it caught;
//! - their cost at sync: a full-text sync of 10,000 articles (the generated
//!   corpus's five feeds, pages and pictures) into a database holding the
//!   ten rules, beside the same sync into one without rules, in the same run,
//!   alternated (A B A B) so that the machine's drift falls on both; and the
//!   rules' own pass over those 10,000 new articles, timed alone.
//!
//! Usage: khabarain-rules-bench [--articles 100000] [--runs 2]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use khabarain_bench::arg_number as arg;
use khabarain_bench::database;
use khabarain_core::rules::{Action, Field, RuleSpec};
use khabarain_core::store::Store;
use khabarain_fixture_site::FixtureSite;

/// Ten rules as readers make them, over words the generated corpus uses.
fn rules() -> Vec<RuleSpec> {
    let rule = |words: &str, action: Action| RuleSpec {
        tag: (action == Action::Bookmark).then(|| "متابعة".to_string()),
        ..RuleSpec::new(words, action)
    };
    vec![
        rule("أوكرانيا", Action::Hide),
        rule("«دوري أبطال أوروبا»", Action::Hide),
        rule("الاقتصاد", Action::Read),
        rule("رقائق", Action::Bookmark),
        rule("المهاجرين", Action::Notify),
        RuleSpec {
            field: Field::Title,
            ..rule("تغير المناخ", Action::Hide)
        },
        rule("Nvidia", Action::Hide),
        rule("ارتفاع الأسعار", Action::Read),
        rule("الإنفلونزا", Action::Hide),
        RuleSpec {
            category: Some("world".into()),
            ..rule("الاتحاد الأوروبي", Action::Only)
        },
    ]
}

/// A full-text sync of the generated corpus's 10,000 articles into `db`;
/// its time in seconds.
fn sync(cli: &Path, base: &str, db: &Path) -> f64 {
    let mut cmd = Command::new(cli);
    cmd.arg("--db").arg(db).args(["--base-url", base, "sync"]);
    for f in 0..5 {
        cmd.args(["--source", &format!("{base}gen/2000/feed/{f}/")]);
    }
    let started = Instant::now();
    let status = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("sync");
    assert!(status.success(), "sync: {status}");
    started.elapsed().as_secs_f64()
}

fn main() {
    let n = arg("--articles", 100_000);
    let runs = arg("--runs", 2).max(1);
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

    // A new rule over everything stored.
    let source = database(&cli, n, &rt);
    let db = work.path().join("rules.sqlite3");
    std::fs::copy(&source, &db).expect("copy");
    let store = Store::open(&db).expect("open");
    if !store.search_index_current().expect("index") {
        store.rebuild_search_index(1000, |_| {}).expect("rebuild");
    }
    let count = store.article_count().expect("count");
    println!("a new rule applied to {count} stored articles (goal < 1 s each)");
    let mut worst = 0f64;
    for spec in rules() {
        let started = Instant::now();
        let applied = store.add_rule(&spec).expect("rule");
        let t = started.elapsed().as_secs_f64();
        worst = worst.max(t);
        println!(
            "  {:<8} {:<28} {:>6} caught in {:>7.1} ms",
            spec.action.as_str(),
            spec.words,
            applied.count,
            t * 1000.0
        );
    }
    println!("  slowest: {:.1} ms\n", worst * 1000.0);
    drop(store);

    // Their cost at sync, beside the same sync without them.
    let site = rt.block_on(FixtureSite::start(0)).expect("fixture site");
    let base = site.base_url();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    let mut last_with = None;
    for run in 0..runs {
        for ruled in [false, true] {
            let db = work.path().join(format!("sync-{run}-{ruled}.sqlite3"));
            if ruled {
                let store = Store::open(&db).expect("open");
                for spec in rules() {
                    store.add_rule(&spec).expect("rule");
                }
            }
            let t = sync(&cli, &base, &db);
            if ruled {
                with.push(t);
                last_with = Some(db);
            } else {
                without.push(t);
            }
        }
    }
    rt.block_on(site.stop());
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let db = last_with.expect("a run");
    let store = Store::open(&db).expect("open");
    let synced = store.article_count().expect("count");
    let hits: i64 = store.rules().expect("rules").iter().map(|r| r.hits).sum();
    println!(
        "full-text sync of {synced} articles, {runs} runs each, alternated:\n  without rules {:.2} s\n  with ten rules {:.2} s ({hits} hits kept): {:+.1}% (goal < 10%)",
        mean(&without),
        mean(&with),
        (mean(&with) / mean(&without) - 1.0) * 100.0
    );
    // The rules' own pass over those articles, alone: the hits taken
    // away and the mark put back, then one pass.
    {
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(
            "DELETE FROM rule_hits; DELETE FROM settings WHERE key = 'rules.applied_id';",
        )
        .expect("reset");
    }
    let started = Instant::now();
    let hit = store.apply_rules_to_new().expect("pass");
    let pass = started.elapsed().as_secs_f64();
    println!(
        "  the rules' pass over the {synced} new articles alone: {:.1} ms ({hit} hits) = {:.2}% of the sync without rules",
        pass * 1000.0,
        pass / mean(&without) * 100.0
    );
}

//! `scripts/bench-extract.sh` runs this: article text extraction measured
//! on page shapes nobody here wrote the rules for
//! (`khabarain_fixture_site::wire::shapes`: the wire's articles in four
//! CMS templates, with ad slots of fourteen kinds, see-also lines, share
//! bars and related blocks in and around the text). Three readers of the
//! same pages: the app as it extracts (site rules, then Readability where
//! no rule finds the text), the app forced onto its Readability path, and
//! dom_smoothie alone (the Readability port the app uses, its output taken
//! as it is). For each: paragraph recall, subheading recall, token
//! precision, chrome leaked by kind, and time per page. Prints Markdown.
//!
//! Usage: khabarain-extract-bench [--pages N] [--seed S]

use std::time::Instant;

use khabarain_bench::arg_value as arg;
use khabarain_core::extract::{block_texts, extract, SiteRules};
use khabarain_fixture_site::wire::shapes::{self, score::Score, Chrome, LAYOUTS};
use khabarain_fixture_site::wire::Wire;
use url::Url;

fn main() {
    let pages: usize = arg("--pages").and_then(|v| v.parse().ok()).unwrap_or(2_000);
    let seed: u64 = arg("--seed").and_then(|v| v.parse().ok()).unwrap_or(2026);
    let wire = Wire::new(seed, 1, pages);
    let base = Url::parse("http://127.0.0.1:8080/").expect("constant URL");
    let rules = SiteRules::khabarain().expect("bundled rules");
    let mut readability_only = rules.clone();
    readability_only.body.clear();

    let shaped: Vec<_> = (0..wire.len()).map(|n| shapes::page(&wire, n)).collect();
    let mut rows: Vec<(&str, Score, f64)> = Vec::new();
    let mut by_layout = vec![Score::default(); LAYOUTS.len()];
    for (name, which) in [
        ("app (site rules, then Readability)", 0),
        ("app, Readability path only", 1),
        ("dom_smoothie alone", 2),
    ] {
        let mut score = Score::default();
        let start = Instant::now();
        for p in &shaped {
            let url = base.join(&p.path).expect("page path");
            let blocks = match which {
                0 | 1 => {
                    let r = if which == 0 {
                        &rules
                    } else {
                        &readability_only
                    };
                    extract(&p.html, &url, r)
                        .map(|a| block_texts(&a.body_html))
                        .unwrap_or_default()
                }
                _ => dom_smoothie::Readability::new(p.html.as_str(), Some(url.as_str()), None)
                    .ok()
                    .and_then(|mut r| r.parse().ok())
                    .map(|a| block_texts(&a.content))
                    .unwrap_or_default(),
            };
            if which == 0 {
                let l = LAYOUTS.iter().position(|l| *l == p.layout).unwrap_or(0);
                by_layout[l].add(p, &blocks);
            }
            score.add(p, &blocks);
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0 / shaped.len().max(1) as f64;
        rows.push((name, score, ms));
    }

    println!(
        "{} pages (seed {seed}), {} paragraphs, {} chrome strings\n",
        shaped.len(),
        rows[0].1.paragraphs,
        shaped.iter().map(|p| p.chrome.len()).sum::<usize>()
    );
    println!("| reader | paragraph recall | subheading recall | token precision | chrome leaked | ms/page |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s, ms) in &rows {
        println!(
            "| {name} | {:.4} | {:.4} | {:.4} | {} | {ms:.2} |",
            s.paragraph_recall(),
            s.subheading_recall(),
            s.token_precision(),
            s.leaked()
        );
    }
    println!("\nChrome leaked, by kind (strings that reached a body):\n");
    print!("| kind |");
    for (name, _, _) in &rows {
        print!(" {name} |");
    }
    println!("\n|---|{}", "---:|".repeat(rows.len()));
    for kind in Chrome::ALL {
        print!("| {} |", kind.name());
        for (_, s, _) in &rows {
            print!(" {} |", s.leaks.get(&kind).copied().unwrap_or(0));
        }
        println!();
    }
    println!("\nThe app, by template:\n");
    println!("| template | pages | paragraph recall | token precision | chrome leaked |");
    println!("|---|---:|---:|---:|---:|");
    for (l, s) in LAYOUTS.iter().zip(&by_layout) {
        println!(
            "| {l} | {} | {:.4} | {:.4} | {} |",
            s.pages,
            s.paragraph_recall(),
            s.token_precision(),
            s.leaked()
        );
    }
    for (name, s, _) in &rows {
        if !s.examples.is_empty() {
            println!("\n{name}, first misses:");
            for e in &s.examples {
                println!("- {e}");
            }
        }
    }
}

//! The app's search over real text: `tests/search_real/run.py` (through
//! `scripts/bench-search-real.sh`) writes a corpus of real newspaper
//! articles and the queries; this stores the articles in a real database as
//! a sync would (the search index made as they are written) and asks every
//! query as the window asks it, writing each query's results, best first.
//! It judges nothing: the judgement is the script's, made by a written rule
//! that uses nothing of the app.
//!
//! Usage: khabarain-search-real --corpus articles.jsonl --queries queries.json
//!        --db PATH --out results.json
//! Each corpus line: {"n": 0, "title": "…", "body": "…"}; the queries: a JSON
//! list of strings; the results: {"query": [n, …]} (every match, up to 5,000).

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::PathBuf;

use khabarain_core::store::{ListFilter, NewArticle, Store};
use serde::Deserialize;

#[derive(Deserialize)]
struct Article {
    n: i64,
    title: String,
    body: String,
}

/// The most results read of one query (pages of 1,000, as far as there are).
const MOST: u32 = 5_000;

fn path_arg(name: &str) -> PathBuf {
    let args: Vec<String> = std::env::args().collect();
    match args
        .iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
    {
        Some(p) => PathBuf::from(p),
        None => {
            eprintln!("khabarain-search-real: {name} PATH is needed");
            std::process::exit(2);
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn new_article(a: &Article) -> NewArticle {
    let body: String = a
        .body
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    NewArticle::plain(
        format!("real-{}", a.n),
        Some(format!("https://real.example/{}/", a.n)),
        a.title.clone(),
        body,
        Some(1_430_000_000 + a.n * 60),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = path_arg("--corpus");
    let queries = path_arg("--queries");
    let db = path_arg("--db");
    let out = path_arg("--out");
    let fresh = !db.exists();
    let store = Store::open(&db)?;
    // Stored once; the store's ids are mapped back to the corpus's numbers.
    let mut by_id: BTreeMap<i64, i64> = BTreeMap::new();
    if fresh {
        let file = std::io::BufReader::new(std::fs::File::open(&corpus)?);
        for line in file.lines() {
            let a: Article = serde_json::from_str(&line?)?;
            let (id, _) = store.insert_article(&new_article(&a), None, &[])?;
            by_id.insert(id, a.n);
        }
    }
    if !store.search_index_current()? {
        store.rebuild_search_index(1000, |_| {})?;
    }
    if by_id.is_empty() {
        // A database made before: the numbers are in the guids.
        let conn = rusqlite::Connection::open(&db)?;
        let mut stmt = conn.prepare("SELECT id, guid FROM articles")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, guid) = row?;
            if let Some(n) = guid.strip_prefix("real-").and_then(|n| n.parse().ok()) {
                by_id.insert(id, n);
            }
        }
    }
    let queries: Vec<String> = serde_json::from_slice(&std::fs::read(&queries)?)?;
    let mut results: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for q in &queries {
        let mut ranked = Vec::new();
        let mut offset = 0;
        while offset < MOST {
            // As the window asks once the reader stops typing.
            let page = store.list_articles(&ListFilter {
                query: Some(format!("{q} ")),
                limit: 1000,
                offset,
                ..ListFilter::default()
            })?;
            let n = page.len() as u32;
            ranked.extend(page.iter().filter_map(|a| by_id.get(&a.id).copied()));
            if n < 1000 {
                break;
            }
            offset += n;
        }
        results.insert(q.clone(), ranked);
    }
    std::fs::write(&out, serde_json::to_vec(&results)?)?;
    Ok(())
}

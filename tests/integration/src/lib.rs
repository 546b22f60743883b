//! Helpers shared by the integration tests: a fixture site, a database file
//! in a temporary folder and a syncer pointed at the one and writing the other.

use std::sync::Arc;
use std::time::Duration;

use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::search::tokens::index_text;
use khabarain_core::search::{Query, Stemmer};
use khabarain_core::site_config::Site;
use khabarain_core::store::{ArticleDetail, ListFilter, Store};
use khabarain_core::sync::{EventSink, SyncOptions, Syncer};
use khabarain_fixture_site::FixtureSite;
use tempfile::TempDir;

pub struct Harness {
    pub site: FixtureSite,
    pub dir: TempDir,
    pub store: Arc<Store>,
    pub syncer: Syncer,
}

pub fn quiet() -> EventSink {
    Arc::new(|_| {})
}

pub fn short_timeouts() -> FetchPolicy {
    FetchPolicy {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(3),
        backoff: Duration::from_millis(100),
        ..FetchPolicy::default()
    }
}

impl Harness {
    pub async fn start() -> Self {
        Self::with_policy(FetchPolicy::default()).await
    }

    pub async fn with_policy(policy: FetchPolicy) -> Self {
        let site = FixtureSite::start(0).await.expect("fixture site starts");
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Arc::new(Store::open(&dir.path().join("khabarain.sqlite3")).expect("db opens"));
        let syncer = Syncer::new(
            store.clone(),
            Fetcher::new(policy).expect("client"),
            Site::parse(&site.base_url()).expect("site"),
            SyncOptions::default(),
        )
        .expect("syncer");
        syncer.seed_defaults().expect("defaults");
        Self {
            site,
            dir,
            store,
            syncer,
        }
    }

    /// Turns the default sources off and adds `path` (under the site's
    /// address) as the only one; returns its id.
    pub fn only_source(&self, path: &str, category: Option<&str>) -> i64 {
        for s in self.store.sources().expect("sources") {
            self.store.set_source_enabled(s.id, false).expect("disable");
        }
        self.add_source(path, category)
    }

    /// Adds `path` (under the site's address) as a source; returns its id.
    pub fn add_source(&self, path: &str, category: Option<&str>) -> i64 {
        self.store
            .ensure_source(&format!("{}{path}", self.site.base_url()), category)
            .expect("source")
    }

    pub fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("khabarain.sqlite3")
    }
}

/// Every stored article, in full, newest first.
pub fn all_articles(store: &Store) -> Vec<ArticleDetail> {
    let mut ids = Vec::new();
    loop {
        let page = store
            .list_articles(&ListFilter {
                limit: 500,
                offset: ids.len() as u32,
                with_hidden: true,
                ..ListFilter::default()
            })
            .expect("list");
        if page.is_empty() {
            break;
        }
        ids.extend(page.into_iter().map(|a| a.id));
    }
    ids.into_iter()
        .map(|id| store.article(id).expect("article"))
        .collect()
}

/// An in-memory FTS5 index of texts stemmed one way, searched as the store
/// searches (a query's readings checked against the index's own words, or
/// none at all), ranked by bm25 with the first column weighted most: for
/// comparing stemmers on the same articles.
pub struct MemoryIndex {
    conn: rusqlite::Connection,
    stemmer: Stemmer,
    readings: bool,
    columns: Vec<String>,
}

impl MemoryIndex {
    pub fn new(columns: &[&str], stemmer: Stemmer, readings: bool) -> Self {
        let conn = rusqlite::Connection::open_in_memory().expect("memory db");
        conn.execute_batch(&format!(
            "CREATE VIRTUAL TABLE f USING fts5({}, tokenize = 'unicode61 remove_diacritics 0');
             CREATE VIRTUAL TABLE v USING fts5vocab(f, 'row');",
            columns.join(", ")
        ))
        .expect("fts5");
        Self {
            conn,
            stemmer,
            readings,
            columns: columns.iter().map(|c| c.to_string()).collect(),
        }
    }

    /// Indexes one article's texts, one per column.
    pub fn add(&self, id: i64, texts: &[&str]) {
        assert_eq!(texts.len(), self.columns.len());
        let mut args: Vec<rusqlite::types::Value> = vec![id.into()];
        args.extend(texts.iter().map(|t| index_text(t, self.stemmer).into()));
        let marks: Vec<String> = (1..=args.len()).map(|i| format!("?{i}")).collect();
        self.conn
            .execute(
                &format!(
                    "INSERT INTO f (rowid, {}) VALUES ({})",
                    self.columns.join(", "),
                    marks.join(", ")
                ),
                rusqlite::params_from_iter(args),
            )
            .expect("insert");
    }

    /// The ids a query finds, best first.
    pub fn search(&self, text: &str) -> Vec<i64> {
        let frequency = |t: &str| -> Option<i64> {
            if !self.readings {
                return Some(0);
            }
            self.conn
                .query_row("SELECT doc FROM v WHERE term = ?1", [t], |r| r.get(0))
                .ok()
                .or(Some(0))
        };
        let Some(q) = Query::parse_with(text, self.stemmer, &frequency) else {
            return Vec::new();
        };
        let weights: Vec<&str> = (0..self.columns.len())
            .map(|i| if i == 0 { "10.0" } else { "1.0" })
            .collect();
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT rowid FROM f WHERE f MATCH ?1 ORDER BY bm25(f, {})",
                weights.join(", ")
            ))
            .expect("prepare");
        let ids = stmt
            .query_map([q.fts], |r| r.get(0))
            .expect("match")
            .collect::<Result<_, _>>()
            .expect("rows");
        ids
    }
}

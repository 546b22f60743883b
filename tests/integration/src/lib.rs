//! Helpers shared by the integration tests: a fixture site, a database file
//! in a temporary folder and a syncer pointed at the one and writing the other.

use std::sync::Arc;
use std::time::Duration;

use khabarain_core::fetch::{FetchPolicy, Fetcher};
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

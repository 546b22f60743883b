//! A local copy of the خبرين site: category feeds (RSS 2.0, Atom, JSON Feed)
//! carrying excerpts, one article page per item inside realistic chrome,
//! lead images, ETag and Last-Modified, and slow/failing/hanging endpoints.
//! Started in-process by tests or from the command line.

pub mod corpus;
pub mod feed_items;
pub mod generated;
pub mod hostile;
// PostgreSQL and Miniflux are Linux programs: the Windows tests go without.
#[cfg(unix)]
pub mod miniflux;
pub mod render;
mod server;
pub mod wire;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use corpus::Corpus;
pub use server::LoggedRequest;
use server::SiteState;

/// A running fixture site.
pub struct FixtureSite {
    pub addr: SocketAddr,
    state: Arc<SiteState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl FixtureSite {
    /// Starts the site on 127.0.0.1:`port` (0 picks a free port).
    pub async fn start(port: u16) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        Self::serve(listener).await
    }

    pub async fn serve(listener: TcpListener) -> std::io::Result<Self> {
        let addr = listener.local_addr()?;
        let state = Arc::new(SiteState {
            corpus: std::sync::RwLock::new(Corpus::bundled()),
            log: Mutex::new(Vec::new()),
            attempts: Mutex::new(Default::default()),
            in_flight: Default::default(),
            max_in_flight: Default::default(),
            latency_ms: Default::default(),
            healed: Default::default(),
        });
        let app = Router::new()
            .fallback(server::handle)
            .with_state(state.clone());
        let (tx, rx) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let served = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = rx.await;
            });
            if let Err(e) = served.await {
                eprintln!("fixture site stopped: {e}");
            }
        });
        Ok(Self {
            addr,
            state,
            shutdown: Some(tx),
            task,
        })
    }

    /// `http://127.0.0.1:PORT/`
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// A page of `feed_items` that answered 404 is there from now on.
    pub fn heal(&self, page: &str) {
        self.state
            .healed
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(page.to_string());
    }

    /// The site's articles as they are now.
    pub fn corpus(&self) -> Corpus {
        self.state
            .corpus
            .read()
            .map(|c| c.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Says in the feeds that an article changed at `at`, without changing
    /// its page (as a CMS does when an editor saves without edits).
    pub fn touch_article(&self, slug: &str, at: chrono::DateTime<chrono::Utc>) -> bool {
        let mut corpus = self.state.corpus.write().unwrap_or_else(|p| p.into_inner());
        match corpus.articles.iter_mut().find(|a| a.slug == slug) {
            Some(a) => {
                a.updated = Some(at);
                true
            }
            None => false,
        }
    }

    /// Publishes an update to an article: a paragraph is added to its page,
    /// and its feeds, page and validators say it changed at `at`.
    pub fn update_article(
        &self,
        slug: &str,
        at: chrono::DateTime<chrono::Utc>,
        paragraph: &str,
    ) -> bool {
        let mut corpus = self.state.corpus.write().unwrap_or_else(|p| p.into_inner());
        match corpus.articles.iter_mut().find(|a| a.slug == slug) {
            Some(a) => {
                a.updated = Some(at);
                a.body.push(corpus::Block::P(paragraph.to_string()));
                true
            }
            None => false,
        }
    }

    /// Publishes a new article: it is in the feeds and on its page from now on.
    pub fn publish(&self, article: corpus::Article) {
        let mut corpus = self.state.corpus.write().unwrap_or_else(|p| p.into_inner());
        corpus.articles.push(article);
    }

    /// Requests served so far, in order.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.state.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Delays every answer by `latency`.
    pub fn set_latency(&self, latency: std::time::Duration) {
        let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        self.state
            .latency_ms
            .store(ms, std::sync::atomic::Ordering::SeqCst);
    }

    /// The most requests that were in flight at once since the start (or
    /// the last `clear_requests`).
    pub fn max_in_flight(&self) -> usize {
        self.state
            .max_in_flight
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn clear_requests(&self) {
        self.state
            .max_in_flight
            .store(0, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut l) = self.state.log.lock() {
            l.clear();
        }
    }

    /// Stops accepting connections and closes the open ones.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        // Graceful shutdown waits for in-flight requests; a hanging one is
        // not worth waiting for.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), &mut self.task).await;
        self.task.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn corpus_is_large_and_consistent() {
        let c = Corpus::bundled();
        assert!(c.articles.len() >= 30, "{} articles", c.articles.len());
        let cats: HashSet<_> = c.articles.iter().map(|a| a.category.as_str()).collect();
        assert!(cats.len() >= 6);
        let slugs: HashSet<_> = c.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs.len(), c.articles.len(), "slugs are unique");
        for a in &c.articles {
            assert!(
                c.category(&a.category).is_some(),
                "{}: unknown category",
                a.slug
            );
            for r in &a.related {
                assert!(
                    slugs.contains(r.as_str()),
                    "{}: related {r} missing",
                    a.slug
                );
            }
            for b in &a.body {
                if let corpus::Block::SeeAlso(s) = b {
                    assert!(
                        slugs.contains(s.as_str()),
                        "{}: see-also {s} missing",
                        a.slug
                    );
                }
            }
        }
    }
}

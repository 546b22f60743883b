//! Pages that could not be read at an earlier sync, tried again: each
//! article waiting in `page_retries` whose time has come has its page read
//! and weighed against the feed's text it holds (`body`), as a new page
//! would; one that fails again waits longer (`store::page_retries`).

use futures_util::stream::{self, StreamExt};
use std::collections::HashMap;
use std::sync::atomic::AtomicBool;

use super::article::{self, Fresh, Stored};
use super::{Syncer, TextFrom};
use crate::error::{Error, Result};
use crate::store::page_retries::PendingPage;

/// Pages tried again in one sync, at most.
const PER_SYNC: usize = 50;

/// What the retries of one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RetryReport {
    /// Pages read now, their articles' text updated.
    pub read: usize,
    /// Pages that failed again.
    pub failed: usize,
}

impl Syncer {
    /// Tries again the pages whose time has come, of the sources this sync
    /// covers.
    pub(super) async fn retry_pages(
        &self,
        sources: &[crate::store::Source],
    ) -> Result<RetryReport> {
        let now = chrono::Utc::now().timestamp();
        let by_id: HashMap<i64, &crate::store::Source> =
            sources.iter().map(|s| (s.id, s)).collect();
        let due: Vec<PendingPage> = self
            .store
            .due_pages(now, PER_SYNC)?
            .into_iter()
            .filter(|p| p.source_id.is_some_and(|s| by_id.contains_key(&s)))
            .collect();
        let hung = AtomicBool::new(false);
        let results: Vec<(PendingPage, Result<Stored>)> = stream::iter(due)
            .map(|p| {
                let hung = &hung;
                let by_id = &by_id;
                async move {
                    let source = p.source_id.and_then(|s| by_id.get(&s).copied());
                    let result = match (source, p.entry.url.clone()) {
                        (Some(source), Some(url)) => {
                            let fresh = Fresh {
                                entry: p.entry.clone(),
                                url: Some(url),
                                fingerprint: None,
                                replace: Some(p.article_id),
                                text: TextFrom::Page,
                            };
                            article::retry_page(self, source, fresh, hung).await
                        }
                        _ => Err(Error::InvalidInput("an article without a page".into())),
                    };
                    (p, result)
                }
            })
            .buffer_unordered(self.options.page_concurrency.max(1))
            .collect()
            .await;
        let mut report = RetryReport::default();
        for (p, r) in results {
            match r {
                Ok(Stored::Updated) => report.read += 1,
                Ok(_) => {}
                Err(Error::Cancelled) => {}
                Err(e) => {
                    report.failed += 1;
                    self.store
                        .page_failed_again(p.article_id, p.attempts + 1, &e.to_string())?;
                }
            }
        }
        Ok(report)
    }
}

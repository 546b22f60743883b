//! Retention: articles older than a number of days, or beyond a count, are
//! removed — never a bookmarked one — and the pictures no article uses any
//! more go with them; the file then gives the space back to the disk.

use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use super::{now, Store};
use crate::error::Result;

/// What the user keeps. `None` means no limit of that kind. Age counts from
/// when the article was synced (an old article synced today is kept for the
/// whole period); the count keeps the most recently published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retention {
    pub max_age_days: Option<u32>,
    pub max_articles: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RetentionReport {
    pub articles_removed: usize,
    pub images_removed: usize,
}

impl Retention {
    pub const DEFAULT_MAX_AGE_DAYS: u32 = 90;
    const AGE_KEY: &'static str = "retention.max_age_days";
    const COUNT_KEY: &'static str = "retention.max_articles";
}

const TRAY_KEY: &str = "app.tray";

impl Store {
    /// The user's retention settings; 90 days and no count limit until set.
    pub fn retention(&self) -> Result<Retention> {
        let read = |key: &str| -> Result<Option<Option<u32>>> {
            Ok(self
                .setting(key)?
                .map(|v| v.trim().parse::<u32>().ok().filter(|n| *n > 0)))
        };
        Ok(Retention {
            max_age_days: read(Retention::AGE_KEY)?
                .unwrap_or(Some(Retention::DEFAULT_MAX_AGE_DAYS)),
            max_articles: read(Retention::COUNT_KEY)?.flatten(),
        })
    }

    /// Stores the user's choice; `None` means "no limit".
    pub fn set_retention(&self, r: Retention) -> Result<()> {
        let text = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        self.set_setting(Retention::AGE_KEY, &text(r.max_age_days))?;
        self.set_setting(Retention::COUNT_KEY, &text(r.max_articles))
    }

    /// Minutes between automatic syncs; 0 turns them off. 30 until set.
    pub fn sync_interval_minutes(&self) -> Result<u32> {
        Ok(self
            .setting("sync.interval_minutes")?
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(30))
    }

    pub fn set_sync_interval_minutes(&self, minutes: u32) -> Result<()> {
        self.set_setting("sync.interval_minutes", &minutes.to_string())
    }

    /// Whether the app stays in the tray (notification area) with its
    /// window closed, syncing on. Off until turned on.
    pub fn tray_enabled(&self) -> Result<bool> {
        Ok(self.setting(TRAY_KEY)?.as_deref() == Some("1"))
    }

    pub fn set_tray_enabled(&self, on: bool) -> Result<()> {
        self.set_setting(TRAY_KEY, if on { "1" } else { "0" })
    }

    /// Every setting whose key starts with `prefix`, prefix removed.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT key, value FROM settings WHERE key LIKE ?1 || '%' ORDER BY key")?;
        let rows = stmt.query_map([prefix], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (k, v) = row?;
            if let Some(rest) = k.strip_prefix(prefix) {
                out.push((rest.to_string(), v));
            }
        }
        Ok(out)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn()?
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn()?.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn apply_retention(&self, policy: Retention) -> Result<RetentionReport> {
        if policy.max_age_days.is_none() && policy.max_articles.is_none() {
            return Ok(RetentionReport::default());
        }
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        // Candidates: not bookmarked, and either too old or past the count
        // (counted newest first over the articles that are not bookmarked).
        let cutoff = policy.max_age_days.map(|d| now() - i64::from(d) * 86_400);
        tx.execute(
            "CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY)",
            [],
        )?;
        tx.execute("DELETE FROM doomed", [])?;
        tx.execute(
            "INSERT INTO doomed (id)
             SELECT id FROM (
                 SELECT a.id, a.fetched_at AS t,
                        ROW_NUMBER() OVER (ORDER BY COALESCE(a.published_at, a.fetched_at) DESC, a.id DESC) AS n
                 FROM articles a
                 WHERE NOT EXISTS (SELECT 1 FROM bookmarks b WHERE b.article_id = a.id)
             )
             WHERE (?1 IS NOT NULL AND t < ?1) OR (?2 IS NOT NULL AND n > ?2)",
            params![cutoff, policy.max_articles],
        )?;
        tx.execute(
            "INSERT OR REPLACE INTO removed_articles (source_id, guid, url, removed_at)
             SELECT source_id, guid, url, ?1 FROM articles WHERE id IN (SELECT id FROM doomed)",
            [now()],
        )?;
        super::search::forget_doomed(&tx)?;
        let articles_removed = tx.execute(
            "DELETE FROM articles WHERE id IN (SELECT id FROM doomed)",
            [],
        )?;
        let images_removed = tx.execute(
            "DELETE FROM images WHERE NOT EXISTS
                 (SELECT 1 FROM article_images ai WHERE ai.image_id = images.id)",
            [],
        )?;
        tx.execute("DELETE FROM doomed", [])?;
        tx.commit()?;
        if articles_removed > 0 {
            // Free pages go back to the file system (auto_vacuum is incremental).
            // The pragma frees pages one step at a time: run it to the end.
            let mut stmt = conn.prepare("PRAGMA incremental_vacuum")?;
            let mut rows = stmt.query([])?;
            while rows.next()?.is_some() {}
        }
        Ok(RetentionReport {
            articles_removed,
            images_removed,
        })
    }

    /// Whether retention removed this article (a feed may still list it).
    pub fn was_removed(
        &self,
        source_id: Option<i64>,
        guid: &str,
        url: Option<&str>,
    ) -> Result<bool> {
        Ok(self
            .conn()?
            .prepare_cached(super::articles::REMOVED_SQL)?
            .exists(params![source_id, guid, url])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewArticle, NewImage};

    fn article(n: i64, published: i64) -> NewArticle {
        NewArticle {
            image_url: Some(format!("https://k.example/{n}.jpg")),
            category_slug: Some("news".into()),
            ..NewArticle::plain(
                format!("g{n}"),
                Some(format!("https://k.example/{n}")),
                format!("خبر {n}"),
                "<p>نص</p>".into(),
                Some(published),
            )
        }
    }

    fn image(n: i64) -> NewImage {
        NewImage {
            url: format!("https://k.example/{n}.jpg"),
            mime: "image/jpeg".into(),
            bytes: vec![0xFF, 0xD8, 0xFF, n as u8],
        }
    }

    #[test]
    fn old_articles_go_unless_bookmarked_and_their_pictures_with_them() {
        let store = Store::open_in_memory().expect("store");
        for n in 1..=4 {
            store
                .insert_article(&article(n, 1_700_000_000 + n), Some(&image(n)), &[])
                .expect("insert");
        }
        // Articles 1 and 2 were synced 100 days ago; 1 is bookmarked.
        store
            .conn()
            .expect("conn")
            .execute(
                "UPDATE articles SET fetched_at = ?1 WHERE id IN (1, 2)",
                [now() - 100 * 86_400],
            )
            .expect("age");
        store.set_bookmark(1, true).expect("bookmark");
        let report = store
            .apply_retention(Retention {
                max_age_days: Some(30),
                max_articles: None,
            })
            .expect("retention");
        assert_eq!(
            report,
            RetentionReport {
                articles_removed: 1,
                images_removed: 1
            }
        );
        assert!(store.article(1).is_ok(), "bookmarked survives");
        assert!(store.article(2).is_err());
        assert_eq!(store.image_count().expect("images"), 3);
        assert!(store.was_removed(None, "g2", Some("x")).expect("tombstone"));
        assert!(!store.was_removed(None, "g1", Some("x")).expect("tombstone"));
    }

    #[test]
    fn settings_default_to_ninety_days_and_round_trip() {
        let store = Store::open_in_memory().expect("store");
        assert_eq!(
            store.retention().expect("r"),
            Retention {
                max_age_days: Some(90),
                max_articles: None
            }
        );
        let r = Retention {
            max_age_days: None,
            max_articles: Some(500),
        };
        store.set_retention(r).expect("set");
        assert_eq!(store.retention().expect("r"), r);
    }
}

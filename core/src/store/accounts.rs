//! Sync accounts in the database: the accounts themselves (never their
//! secrets), which server item each article is and which server feed each
//! source is, and the outbox of changes made here. Local changes reach the
//! outbox through triggers (migration 13), whatever made them; changes that
//! came from a server are applied inside `remote_apply`, so they are not
//! sent back.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::bookmarks::Bookmark;
use super::{now, Store};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    /// "miniflux" or "greader".
    pub kind: String,
    pub server_url: String,
    pub username: String,
    /// "keyring", "file" or "session".
    pub secret_place: String,
    pub cursor: Option<i64>,
    pub last_sync_at: Option<i64>,
    pub last_error: Option<String>,
    pub last_error_code: Option<String>,
}

/// One change waiting for the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: i64,
    pub account_id: i64,
    pub action: String,
    pub remote_id: Option<i64>,
    pub feed_url: Option<String>,
    pub folder: Option<String>,
    pub queued_at: i64,
}

/// A bookmark a server's unstar took away, with what the reader wrote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RemovedBookmark {
    /// The history entry's own id.
    pub id: i64,
    pub article_id: i64,
    /// The article's headline, for the list.
    pub title: String,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub removed_at: i64,
}

/// A server's state of one article's flags (`None`: not said).
#[derive(Debug, Clone, Copy, Default)]
pub struct RemoteFlags {
    pub article_id: i64,
    pub read: Option<bool>,
    pub starred: Option<bool>,
}

impl Store {
    /// Adds an account; every source already here is queued for the
    /// server, so the first sync brings the two lists together.
    pub fn add_account(
        &self,
        kind: &str,
        server_url: &str,
        username: &str,
        secret_place: &str,
    ) -> Result<i64> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        tx.execute(
            "INSERT INTO accounts (kind, server_url, username, secret_place, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![kind, server_url, username, secret_place, now()],
        )
        .map_err(|e| match e {
            rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                Error::InvalidInput(format!("{username} at {server_url} is an account already"))
            }
            other => other.into(),
        })?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO outbox (account_id, action, feed_url, folder, queued_at)
             SELECT ?1, 'subscribe', url, category_slug, ?2 FROM sources WHERE enabled = 1 ORDER BY id",
            params![id, now()],
        )?;
        tx.commit()?;
        Ok(id)
    }

    pub fn accounts(&self) -> Result<Vec<Account>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT id, kind, server_url, username, secret_place, cursor, last_sync_at, last_error, last_error_code
             FROM accounts ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Account {
                id: r.get(0)?,
                kind: r.get(1)?,
                server_url: r.get(2)?,
                username: r.get(3)?,
                secret_place: r.get(4)?,
                cursor: r.get(5)?,
                last_sync_at: r.get(6)?,
                last_error: r.get(7)?,
                last_error_code: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Removes an account and what tied it to the server; the articles,
    /// sources, read marks and bookmarks stay.
    pub fn remove_account(&self, id: i64) -> Result<()> {
        self.conn()?
            .execute("DELETE FROM accounts WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn record_account_sync(
        &self,
        id: i64,
        cursor: Option<i64>,
        error: Option<&Error>,
    ) -> Result<()> {
        self.conn()?.execute(
            "UPDATE accounts SET cursor = COALESCE(?2, cursor),
                    last_sync_at = CASE WHEN ?3 IS NULL THEN ?5 ELSE last_sync_at END,
                    last_error = ?3, last_error_code = ?4
             WHERE id = ?1",
            params![
                id,
                cursor,
                error.map(|e| e.to_string()),
                error.map(|e| e.code()),
                now()
            ],
        )?;
        Ok(())
    }

    /// The account's outbox, oldest first.
    pub fn outbox(&self, account_id: i64) -> Result<Vec<Outgoing>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT seq, action, remote_id, feed_url, folder, queued_at, account_id FROM outbox WHERE account_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([account_id], |r| {
            Ok(Outgoing {
                seq: r.get(0)?,
                action: r.get(1)?,
                remote_id: r.get(2)?,
                feed_url: r.get(3)?,
                folder: r.get(4)?,
                queued_at: r.get(5)?,
                account_id: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The server has it: the row goes.
    pub fn outbox_sent(&self, seq: i64) -> Result<()> {
        self.conn()?
            .execute("DELETE FROM outbox WHERE seq = ?1", [seq])?;
        Ok(())
    }

    pub fn outbox_failed(&self, seq: i64, error: &Error) -> Result<()> {
        self.conn()?.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?2 WHERE seq = ?1",
            params![seq, error.to_string()],
        )?;
        Ok(())
    }

    /// The article a server item is, when it is one here already.
    pub fn remote_article(&self, account_id: i64, remote_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT article_id FROM remote_items WHERE account_id = ?1 AND remote_id = ?2",
                params![account_id, remote_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    pub fn map_remote_item(&self, account_id: i64, remote_id: i64, article_id: i64) -> Result<()> {
        self.conn()?.execute(
            "INSERT INTO remote_items (account_id, remote_id, article_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_id, remote_id) DO UPDATE SET article_id = excluded.article_id",
            params![account_id, remote_id, article_id],
        )?;
        Ok(())
    }

    /// Notes that a change of ours is about to go to the server for this
    /// item: written before sending, so that a crash after sending still
    /// knows the server's next change time may be its own.
    pub fn sending(&self, account_id: i64, remote_id: i64) -> Result<()> {
        self.conn()?.execute(
            "UPDATE remote_items SET sent_at = ?3 WHERE account_id = ?1 AND remote_id = ?2",
            params![account_id, remote_id, now()],
        )?;
        Ok(())
    }

    /// When changes of ours last went to the server, by item.
    pub fn sent_times(&self, account_id: i64) -> Result<HashMap<i64, i64>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT remote_id, sent_at FROM remote_items WHERE account_id = ?1 AND sent_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every server item of the account with its article.
    pub fn remote_items(&self, account_id: i64) -> Result<HashMap<i64, i64>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT remote_id, article_id FROM remote_items WHERE account_id = ?1")?;
        let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The source a server feed is, made (without queueing it back to the
    /// server) when it is not one yet.
    pub fn ensure_remote_source(
        &self,
        account_id: i64,
        remote_id: &str,
        url: &str,
        category: Option<&str>,
        title: Option<&str>,
    ) -> Result<i64> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        guard(&tx)?;
        tx.execute(
            "INSERT INTO sources (url, category_slug, created_at, title) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(url) DO NOTHING",
            params![url, category, now(), title.map(crate::text::clean_text)],
        )?;
        let id: i64 = tx.query_row("SELECT id FROM sources WHERE url = ?1", [url], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO remote_sources (account_id, remote_id, source_id) VALUES (?1, ?2, ?3)
             ON CONFLICT (account_id, remote_id) DO UPDATE SET source_id = excluded.source_id",
            params![account_id, remote_id, id],
        )?;
        unguard(&tx)?;
        tx.commit()?;
        Ok(id)
    }

    /// Sources that are some account's server feeds.
    pub fn account_source_ids(&self) -> Result<std::collections::HashSet<i64>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT DISTINCT source_id FROM remote_sources")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The account's server feeds: remote id → source id and address.
    pub fn remote_sources(&self, account_id: i64) -> Result<Vec<(String, i64, String)>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT rs.remote_id, s.id, s.url FROM remote_sources rs JOIN sources s ON s.id = rs.source_id
             WHERE rs.account_id = ?1",
        )?;
        let rows = stmt.query_map([account_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// A feed the server no longer has leaves here too (its articles stay,
    /// as with any removed source), without being sent back.
    pub fn remove_remote_source(&self, source_id: i64) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        guard(&tx)?;
        tx.execute("DELETE FROM sources WHERE id = ?1", [source_id])?;
        unguard(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Read marks and bookmarks as the server has them, without sending
    /// them back. A bookmark the server's unstar takes away keeps its note
    /// and tags in `bookmark_history`.
    pub fn apply_remote_flags(&self, flags: &[RemoteFlags]) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        guard(&tx)?;
        let t = now();
        for f in flags {
            match f.read {
                Some(true) => {
                    tx.execute(
                        "INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?1, ?2)",
                        params![f.article_id, t],
                    )?;
                }
                Some(false) => {
                    tx.execute(
                        "DELETE FROM read_state WHERE article_id = ?1",
                        [f.article_id],
                    )?;
                }
                None => {}
            }
            match f.starred {
                Some(true) => {
                    tx.execute(
                        "INSERT OR IGNORE INTO bookmarks (article_id, created_at) VALUES (?1, ?2)",
                        params![f.article_id, t],
                    )?;
                }
                Some(false) => {
                    tx.execute(
                        "INSERT INTO bookmark_history (article_id, created_at, note, tags, removed_at, removed_by)
                         SELECT b.article_id, b.created_at, b.note,
                                COALESCE((SELECT json_group_array(tag) FROM bookmark_tags t WHERE t.article_id = b.article_id), '[]'),
                                ?2, 'server'
                         FROM bookmarks b
                         WHERE b.article_id = ?1
                           AND (COALESCE(b.note, '') <> '' OR EXISTS (SELECT 1 FROM bookmark_tags t WHERE t.article_id = b.article_id))",
                        params![f.article_id, t],
                    )?;
                    tx.execute(
                        "DELETE FROM bookmarks WHERE article_id = ?1",
                        [f.article_id],
                    )?;
                }
                None => {}
            }
        }
        unguard(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// Read and starred state of articles here.
    pub fn local_flags(&self, article_ids: &[i64]) -> Result<HashMap<i64, (bool, bool)>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM read_state WHERE article_id = ?1),
                    EXISTS (SELECT 1 FROM bookmarks WHERE article_id = ?1)",
        )?;
        let mut out = HashMap::with_capacity(article_ids.len());
        for id in article_ids {
            let flags = stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            out.insert(*id, flags);
        }
        Ok(out)
    }

    /// Notes and tags a server's unstar took, newest first.
    pub fn bookmark_history(&self) -> Result<Vec<RemovedBookmark>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT h.id, h.article_id, a.title, h.note, h.tags, h.removed_at
             FROM bookmark_history h JOIN articles a ON a.id = h.article_id
             ORDER BY h.removed_at DESC, h.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let tags: String = r.get(4)?;
            Ok(RemovedBookmark {
                id: r.get(0)?,
                article_id: r.get(1)?,
                title: r.get(2)?,
                note: r.get(3)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                removed_at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Makes a bookmark a server's unstar took a bookmark again, with its
    /// first date, note and tags, and drops it from the history; being a
    /// change made here, the star goes back to the server (outbox).
    pub fn restore_removed_bookmark(&self, history_id: i64) -> Result<Bookmark> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let (article_id, saved_at, note, tags): (i64, i64, Option<String>, String) = tx
            .query_row(
                "SELECT article_id, created_at, note, tags FROM bookmark_history WHERE id = ?1",
                [history_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("removed bookmark {history_id}")))?;
        let b = Bookmark {
            article_id,
            saved_at,
            note,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
        };
        super::bookmarks::put_bookmark(&tx, &b)?;
        tx.execute("DELETE FROM bookmark_history WHERE id = ?1", [history_id])?;
        tx.commit()?;
        Ok(b)
    }
}

fn guard(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("INSERT INTO remote_apply (on_) VALUES (1)", [])?;
    Ok(())
}

fn unguard(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM remote_apply", [])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::seed;

    fn actions(store: &Store, account: i64) -> Vec<(String, Option<i64>, Option<String>)> {
        store
            .outbox(account)
            .expect("outbox")
            .into_iter()
            .map(|o| (o.action, o.remote_id, o.feed_url))
            .collect()
    }

    #[test]
    fn local_changes_wait_in_the_outbox_and_server_changes_do_not_echo() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("db.sqlite3")).expect("db");
        seed(&store);
        store
            .ensure_source("https://k.example/feed/", Some("news"))
            .expect("source");
        let a = store
            .add_account("miniflux", "http://mf.example/", "me", "session")
            .expect("account");
        // The sources already here go to the server first.
        assert_eq!(
            actions(&store, a),
            [(
                "subscribe".into(),
                None,
                Some("https://k.example/feed/".into())
            )]
        );
        store
            .outbox_sent(store.outbox(a).expect("outbox")[0].seq)
            .expect("sent");
        store.map_remote_item(a, 101, 1).expect("map");

        store.set_read(1, true).expect("read");
        store.set_read(1, false).expect("unread");
        store.set_bookmark(1, true).expect("star");
        // An article the server does not know waits for nothing.
        store.set_read(3, true).expect("read");
        // Only the last state of each flag is sent.
        assert_eq!(
            actions(&store, a),
            [
                ("unread".into(), Some(101), None),
                ("star".into(), Some(101), None)
            ]
        );

        // What the server says is applied, not sent back.
        for seq in store.outbox(a).expect("outbox").iter().map(|o| o.seq) {
            store.outbox_sent(seq).expect("sent");
        }
        store
            .apply_remote_flags(&[RemoteFlags {
                article_id: 1,
                read: Some(true),
                starred: Some(false),
            }])
            .expect("apply");
        assert!(actions(&store, a).is_empty());
        assert_eq!(store.local_flags(&[1]).expect("flags")[&1], (true, false));
        let src = store
            .ensure_remote_source(a, "7", "https://other.example/feed", None, Some("Other"))
            .expect("remote source");
        assert!(actions(&store, a).is_empty());
        store.remove_remote_source(src).expect("remove");
        assert!(actions(&store, a).is_empty());

        // A source added or removed here goes to the server.
        let id = store
            .ensure_source("https://new.example/feed", None)
            .expect("source");
        store.remove_source(id).expect("remove");
        assert_eq!(
            actions(&store, a),
            [(
                "unsubscribe".into(),
                None,
                Some("https://new.example/feed".into())
            )]
        );
    }

    #[test]
    fn a_servers_unstar_keeps_the_readers_note() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("db.sqlite3")).expect("db");
        seed(&store);
        store.set_bookmark(2, true).expect("star");
        store
            .annotate_bookmark(2, Some("ملاحظتي"), &["سفر"])
            .expect("note");
        store.set_bookmark(3, true).expect("star");
        store
            .apply_remote_flags(&[
                RemoteFlags {
                    article_id: 2,
                    read: None,
                    starred: Some(false),
                },
                RemoteFlags {
                    article_id: 3,
                    read: None,
                    starred: Some(false),
                },
            ])
            .expect("apply");
        assert!(store.bookmark(2).expect("bookmark").is_none());
        let history = store.bookmark_history().expect("history");
        assert_eq!(
            history.len(),
            1,
            "only the bookmark with words of the reader's"
        );
        assert_eq!(history[0].article_id, 2);
        assert_eq!(history[0].note.as_deref(), Some("ملاحظتي"));
        assert_eq!(history[0].tags, ["سفر"]);
    }
}

//! Which newly stored items to notify: each article is looked at by one
//! pass only (`alerts.seen_id`, article ids only grow), and the pass moves
//! the mark in the same transaction that reads the items, so no item is
//! told twice, whichever syncs and windows run.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::alerts::settings::{Minute, QUIET_KEY, SECTIONS_KEY, URGENT_KEY};
use crate::alerts::{Alert, AlertSettings};
use crate::error::Result;

const SEEN_KEY: &str = "alerts.seen_id";
/// An item published longer ago than this is not news any more, whatever
/// its feed says: a computer that was off for a day is not told yesterday's
/// urgent items.
pub const FRESH_SECS: i64 = 12 * 3600;
/// At most this many are read for one pass (a summary counts them all).
const MAX_READ: i64 = 500;

/// The result of a pass: what to tell, and how many were held back by the
/// quiet hours.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct AlertPass {
    pub alerts: Vec<Alert>,
    pub quiet: usize,
}

impl Store {
    pub fn alert_settings(&self) -> Result<AlertSettings> {
        Ok(AlertSettings::from_rows(
            self.setting(URGENT_KEY)?.as_deref(),
            self.setting(SECTIONS_KEY)?.as_deref(),
            self.setting(QUIET_KEY)?.as_deref(),
        ))
    }

    pub fn set_alert_settings(&self, settings: &AlertSettings) -> Result<()> {
        settings.check()?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        for (key, value) in settings.rows() {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = ?2",
                params![key, value],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The items stored since the last pass that the reader wants to be
    /// told about: urgent ones (when on), any in a followed section and any
    /// a "notify" rule caught, never one a rule hides,
    /// unread (read on another computer through an account: not told),
    /// published in the last [`FRESH_SECS`]. The first pass on a database
    /// only sets the mark: a first sync tells nothing. `now` is Unix time,
    /// `minute` the local minute of the day, for the quiet hours.
    pub fn take_alerts(&self, now: i64, minute: Minute) -> Result<AlertPass> {
        let settings = self.alert_settings()?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let seen: Option<i64> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [SEEN_KEY],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok());
        let newest: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) FROM articles", [], |r| {
            r.get(0)
        })?;
        let mut pass = AlertPass::default();
        if let Some(seen) = seen.filter(|_| !settings.off()) {
            let sections = serde_json::to_string(&settings.sections).unwrap_or_default();
            let mut stmt = tx.prepare(
                "SELECT a.id, a.title, COALESCE(a.category_label, c.name), a.urgent
                 FROM articles a
                 LEFT JOIN categories c ON c.slug = a.category_slug
                 WHERE a.id > ?1 AND a.id <= ?2
                   AND NOT EXISTS (SELECT 1 FROM read_state r WHERE r.article_id = a.id)
                   AND COALESCE(a.published_at, a.fetched_at) >= ?3
                   AND NOT EXISTS (SELECT 1 FROM rule_hits h WHERE h.article_id = a.id AND h.hides)
                   AND ((?4 AND a.urgent)
                        OR EXISTS (SELECT 1 FROM rule_hits h JOIN rules r ON r.id = h.rule_id
                                   WHERE h.article_id = a.id AND r.action = 'notify')
                        OR a.category_slug IN (SELECT value FROM json_each(?5))
                        OR EXISTS (SELECT 1 FROM article_categories ac
                                   WHERE ac.article_id = a.id
                                     AND ac.category_slug IN (SELECT value FROM json_each(?5))))
                 ORDER BY a.urgent DESC, a.id DESC
                 LIMIT ?6",
            )?;
            let rows = stmt.query_map(
                params![
                    seen,
                    newest,
                    now - FRESH_SECS,
                    settings.urgent,
                    sections,
                    MAX_READ
                ],
                |r| {
                    Ok(Alert {
                        article_id: r.get(0)?,
                        title: r.get(1)?,
                        section: r.get(2)?,
                        urgent: r.get(3)?,
                    })
                },
            )?;
            let alerts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            if settings.quiet.is_some_and(|q| q.contains(minute)) {
                pass.quiet = alerts.len();
            } else {
                pass.alerts = alerts;
            }
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = ?2",
            params![SEEN_KEY, newest.to_string()],
        )?;
        tx.commit()?;
        Ok(pass)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alerts::QuietHours;
    use crate::store::test_support::article;
    use crate::store::NewArticle;

    const NOW: i64 = 1_800_000_000;
    const NOON: Minute = 12 * 60;

    fn add(store: &Store, n: i64, section: &str, urgent: bool) -> i64 {
        let a = NewArticle {
            category_slug: Some(section.into()),
            category_label: Some(format!("قسم {section}")),
            published_at: Some(NOW - 60),
            urgent,
            ..article(n, &format!("عاجل: خبر {n}"), "نص")
        };
        store.insert_article(&a, None, &[]).expect("insert").0
    }

    fn ids(pass: &AlertPass) -> Vec<i64> {
        pass.alerts.iter().map(|a| a.article_id).collect()
    }

    #[test]
    fn the_first_pass_tells_nothing_and_each_item_is_told_once() {
        let store = Store::open_in_memory().expect("store");
        add(&store, 1, "news", true);
        assert_eq!(
            store.take_alerts(NOW, NOON).expect("pass"),
            AlertPass::default()
        );
        let b = add(&store, 2, "news", true);
        add(&store, 3, "news", false);
        let pass = store.take_alerts(NOW, NOON).expect("pass");
        assert_eq!(ids(&pass), vec![b]);
        assert_eq!(pass.alerts[0].title, "عاجل: خبر 2");
        assert_eq!(pass.alerts[0].section.as_deref(), Some("قسم news"));
        assert!(store
            .take_alerts(NOW, NOON)
            .expect("pass")
            .alerts
            .is_empty());
        // Updating an article in place keeps its id: not told again.
        let again = NewArticle {
            urgent: true,
            ..article(2, "عاجل: خبر 2 محدّث", "نص آخر")
        };
        store
            .replace_article(b, &again, None, &[])
            .expect("replace");
        assert!(store
            .take_alerts(NOW, NOON)
            .expect("pass")
            .alerts
            .is_empty());
    }

    #[test]
    fn a_followed_word_is_told_once_and_a_muted_item_never() {
        use crate::rules::{Action, RuleSpec};
        let rule = RuleSpec::new;
        let store = Store::open_in_memory().expect("store");
        store.take_alerts(NOW, NOON).expect("first pass");
        store
            .add_rule(&rule("الزلزال", Action::Notify))
            .expect("follow");
        store.add_rule(&rule("الدوري", Action::Hide)).expect("mute");
        let quake = NewArticle {
            category_slug: Some("misc".into()),
            published_at: Some(NOW - 60),
            ..article(1, "زلزال يضرب الساحل", "نص")
        };
        let quake = store.insert_article(&quake, None, &[]).expect("insert").0;
        let league = NewArticle {
            urgent: true,
            published_at: Some(NOW - 60),
            ..article(2, "عاجل: نتائج الدوري", "نص")
        };
        store.insert_article(&league, None, &[]).expect("insert");
        store.apply_rules_to_new().expect("rules");
        let pass = store.take_alerts(NOW, NOON).expect("pass");
        assert_eq!(
            ids(&pass),
            vec![quake],
            "the followed word, not the muted urgent item"
        );
        assert!(store
            .take_alerts(NOW, NOON)
            .expect("pass")
            .alerts
            .is_empty());
    }

    #[test]
    fn read_stale_and_unfollowed_items_are_not_told() {
        let store = Store::open_in_memory().expect("store");
        store.take_alerts(NOW, NOON).expect("first pass");
        let read = add(&store, 1, "news", true);
        store.set_read(read, true).expect("read");
        let stale = NewArticle {
            published_at: Some(NOW - FRESH_SECS - 1),
            urgent: true,
            ..article(2, "عاجل: قديم", "نص")
        };
        store.insert_article(&stale, None, &[]).expect("insert");
        add(&store, 3, "sport", false);
        let followed = add(&store, 4, "world", false);
        let urgent = add(&store, 5, "sport", true);
        let s = AlertSettings {
            sections: vec!["world".into()],
            ..AlertSettings::default()
        };
        store.set_alert_settings(&s).expect("settings");
        let pass = store.take_alerts(NOW, NOON).expect("pass");
        assert_eq!(ids(&pass), vec![urgent, followed], "urgent first");
        assert!(pass.alerts[0].urgent && !pass.alerts[1].urgent);
    }

    #[test]
    fn quiet_hours_and_off_let_items_go_untold_for_good() {
        let store = Store::open_in_memory().expect("store");
        store.take_alerts(NOW, NOON).expect("first pass");
        let s = AlertSettings {
            quiet: QuietHours::parse("22:00-07:00"),
            ..AlertSettings::default()
        };
        store.set_alert_settings(&s).expect("settings");
        add(&store, 1, "news", true);
        let night = store.take_alerts(NOW, 23 * 60).expect("pass");
        assert_eq!((night.alerts.len(), night.quiet), (0, 1));
        assert!(store
            .take_alerts(NOW, NOON)
            .expect("pass")
            .alerts
            .is_empty());
        store
            .set_alert_settings(&AlertSettings {
                urgent: false,
                ..AlertSettings::default()
            })
            .expect("settings");
        add(&store, 2, "news", true);
        assert_eq!(
            store.take_alerts(NOW, NOON).expect("pass"),
            AlertPass::default()
        );
        store
            .set_alert_settings(&AlertSettings::default())
            .expect("on");
        assert!(store
            .take_alerts(NOW, NOON)
            .expect("pass")
            .alerts
            .is_empty());
        let told = add(&store, 3, "news", true);
        assert_eq!(
            ids(&store.take_alerts(NOW, NOON).expect("pass")),
            vec![told]
        );
    }

    #[test]
    fn settings_round_trip_through_the_store() {
        let store = Store::open_in_memory().expect("store");
        assert_eq!(
            store.alert_settings().expect("read"),
            AlertSettings::default()
        );
        let s = AlertSettings {
            urgent: false,
            sections: vec!["politics".into()],
            quiet: QuietHours::parse("23:15-06:45"),
        };
        store.set_alert_settings(&s).expect("write");
        assert_eq!(store.alert_settings().expect("read"), s);
        let bad = AlertSettings {
            sections: vec!["a'; DROP".into()],
            ..AlertSettings::default()
        };
        assert!(store.set_alert_settings(&bad).is_err());
        assert_eq!(store.alert_settings().expect("read"), s, "nothing changed");
    }
}

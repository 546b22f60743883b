//! The reader's rules (`crate::rules`) kept and applied. A rule is applied
//! by one full-text match over a range of article ids: to everything stored
//! when it is made or changed, and to the articles stored since the last
//! pass (`rules.applied_id`) after each source of a sync. What it did to
//! each article is a row of `rule_hits`, in a numbered batch, so an undo
//! takes back exactly one application; hidden articles are never deleted.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::search::STEMMER;
use super::{now, Store};
use crate::error::{Error, Result};
use crate::rules::{Action, Field, Rule, RuleSpec, MAX_RULES};
use crate::search::Query;

/// Articles up to this id have been through every rule.
const APPLIED_KEY: &str = "rules.applied_id";

/// What applying a rule did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub rule_id: i64,
    /// The application, for its undo.
    pub batch: i64,
    /// How many stored articles it caught.
    pub count: usize,
}

/// What a rule being typed would catch among the stored articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RulePreview {
    pub count: usize,
    /// The newest few: (id, headline).
    pub first: Vec<(i64, String)>,
}

/// The rule that hid an article, for the hidden view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HiddenBy {
    pub article_id: i64,
    pub rule_id: i64,
    pub words: String,
    pub action: Action,
}

/// Which articles a list shows with respect to the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hidden {
    /// Nothing is hidden (or the list is the bookmarks: a saved article is
    /// always there): no clause.
    Ignore,
    Exclude,
    /// The hidden view.
    Only,
}

impl Hidden {
    /// The clause on an article id `id`.
    pub(super) fn clause(self, id: &str) -> String {
        let hit = format!("SELECT 1 FROM rule_hits h WHERE h.article_id = {id} AND h.hides");
        match self {
            Hidden::Ignore => String::new(),
            Hidden::Exclude => format!(" AND NOT EXISTS ({hit})"),
            Hidden::Only => format!(" AND EXISTS ({hit})"),
        }
    }
}

/// The full-text expression of a rule's words in its field, or `None` when
/// nothing stored can match them. Read as a finished search (no word taken
/// as a prefix), against the index's vocabulary as a search is.
fn rule_match(tx: &rusqlite::Connection, spec: &RuleSpec) -> Result<Option<String>> {
    let frequency = |term: &str| super::search::vocab_frequency(tx, term);
    let query = Query::parse_with(&format!("{} ", spec.words), STEMMER, &frequency);
    Ok(query.map(|q| format!("{} : ({})", spec.field.columns(), q.fts)))
}

/// The scope of a rule on the article id `id`; parameters ?3 source, ?4
/// section, ?5 author, ?6 feed tag (each NULL when not narrowed).
fn scope(id: &str) -> String {
    format!(
        "(?3 IS NULL OR {id} IN (SELECT id FROM articles WHERE source_id = ?3))
         AND (?4 IS NULL OR {id} IN (SELECT article_id FROM article_categories WHERE category_slug = ?4))
         AND (?5 IS NULL OR {id} IN (SELECT article_id FROM article_authors WHERE name = ?5 COLLATE NOCASE))
         AND (?6 IS NULL OR {id} IN (SELECT article_id FROM article_feed_tags
                                     WHERE term = ?6 COLLATE NOCASE OR label = ?6 COLLATE NOCASE))"
    )
}

/// The stored articles a rule is applied to.
#[derive(Debug, Clone, Copy)]
enum Among {
    /// Those with `lo < id <= hi`: everything (made or changed), or what is
    /// new since the last pass.
    Ids(i64, i64),
    /// Those the feed changed in place (`rules_pending`) with `id <= lo`
    /// (above it, `Ids` reads them as new).
    Changed(i64),
}

impl Among {
    /// The condition on the article id `id`, over parameters ?1 and ?2.
    fn on(self, id: &str) -> String {
        match self {
            Among::Ids(..) => format!("{id} > ?1 AND {id} <= ?2"),
            Among::Changed(_) => {
                format!("{id} IN (SELECT article_id FROM rules_pending) AND {id} <= ?1 AND ?2 = 0")
            }
        }
    }

    fn params(self) -> (i64, i64) {
        match self {
            Among::Ids(lo, hi) => (lo, hi),
            Among::Changed(lo) => (lo, 0),
        }
    }
}

/// The ids a rule catches among `among`, newest first. A keep-list catches
/// what it does not keep: the articles of its scope that do not match.
fn caught(tx: &rusqlite::Connection, spec: &RuleSpec, among: Among) -> Result<Vec<i64>> {
    let expr = rule_match(tx, spec)?;
    let (lo, hi) = among.params();
    let sql = match (spec.action, &expr) {
        (Action::Only, Some(_)) => format!(
            "SELECT a.id FROM articles a WHERE {} AND {}
               AND a.id NOT IN (SELECT rowid FROM articles_fts
                                WHERE articles_fts MATCH ?7 AND {})
             ORDER BY a.id DESC",
            among.on("a.id"),
            scope("a.id"),
            among.on("rowid")
        ),
        // Nothing can match: a keep-list keeps nothing.
        (Action::Only, None) => format!(
            "SELECT a.id FROM articles a WHERE {} AND {} AND ?7 IS NULL
             ORDER BY a.id DESC",
            among.on("a.id"),
            scope("a.id")
        ),
        (_, Some(_)) => format!(
            // The unary plus: the scope's filters are not rowid lookups
            // for FTS5 (one full-text match per id).
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?7
               AND {} AND {}
             ORDER BY rowid DESC",
            among.on("rowid"),
            scope("+articles_fts.rowid")
        ),
        (_, None) => return Ok(Vec::new()),
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![
            lo,
            hi,
            spec.source_id,
            spec.category,
            spec.author,
            spec.feed_tag,
            expr
        ],
        |r| r.get(0),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Does to the articles `ids` what rule `rule_id` says, recording each hit
/// in `batch`; an article it already hit is left as it is. Returns how many
/// it hit anew.
fn act(
    tx: &Transaction<'_>,
    rule_id: i64,
    spec: &RuleSpec,
    ids: &[i64],
    batch: i64,
) -> Result<usize> {
    let mut hit = tx.prepare_cached(
        "INSERT OR IGNORE INTO rule_hits (rule_id, article_id, batch, hides)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut shown = tx.prepare_cached("SELECT 1 FROM rules_shown WHERE article_id = ?1")?;
    let mut read = tx
        .prepare_cached("INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?1, ?2)")?;
    let mut save = tx.prepare_cached(
        "INSERT OR IGNORE INTO bookmarks (article_id, created_at) VALUES (?1, ?2)",
    )?;
    let mut tag =
        tx.prepare_cached("INSERT OR IGNORE INTO bookmark_tags (article_id, tag) VALUES (?1, ?2)")?;
    let mut changed = tx.prepare_cached(
        "UPDATE rule_hits SET changed = 1 WHERE rule_id = ?1 AND article_id = ?2",
    )?;
    let t = now();
    let mut n = 0;
    for &id in ids {
        // The reader showed it again: no rule hides it.
        let hides = spec.action.hides() && !shown.exists([id])?;
        if spec.action.hides() && !hides {
            continue;
        }
        if hit.execute(params![rule_id, id, batch, hides])? == 0 {
            continue;
        }
        n += 1;
        let did = match spec.action {
            Action::Read => read.execute(params![id, t])? > 0,
            Action::Bookmark => {
                let saved = save.execute(params![id, t])? > 0;
                if let Some(tg) = &spec.tag {
                    tag.execute(params![id, tg])?;
                }
                saved
            }
            Action::Hide | Action::Notify | Action::Only => false,
        };
        if did {
            changed.execute(params![rule_id, id])?;
        }
    }
    Ok(n)
}

fn next_batch(tx: &Transaction<'_>) -> Result<i64> {
    Ok(tx.query_row(
        "SELECT MAX(COALESCE((SELECT MAX(batch) FROM rule_hits), 0),
                    COALESCE((SELECT MAX(batch) FROM rules), 0)) + 1",
        [],
        |r| r.get(0),
    )?)
}

fn newest_id(tx: &rusqlite::Connection) -> Result<i64> {
    Ok(
        tx.query_row("SELECT COALESCE(MAX(id), 0) FROM articles", [], |r| {
            r.get(0)
        })?,
    )
}

fn spec_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, RuleSpec, i64, i64)> {
    let action: String = r.get(6)?;
    let field: String = r.get(2)?;
    let bad = |e: Error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok((
        r.get(0)?,
        RuleSpec {
            words: r.get(1)?,
            field: Field::parse(&field).map_err(bad)?,
            source_id: r.get(3)?,
            category: r.get(4)?,
            author: r.get(5)?,
            feed_tag: r.get(8)?,
            action: Action::parse(&action).map_err(bad)?,
            tag: r.get(7)?,
        },
        r.get(9)?,
        r.get(10)?,
    ))
}

/// Writes a checked spec over rule `id` (a change, or an undo putting the
/// rule back); false when there is no such rule.
fn write_spec(tx: &Transaction<'_>, id: i64, spec: &RuleSpec) -> Result<bool> {
    let n = tx.execute(
        "UPDATE rules SET words = ?2, field = ?3, source_id = ?4, category_slug = ?5,
                          author = ?6, feed_tag = ?7, action = ?8, tag = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            spec.words,
            spec.field.as_str(),
            spec.source_id,
            spec.category,
            spec.author,
            spec.feed_tag,
            spec.action.as_str(),
            spec.tag,
            now()
        ],
    )?;
    Ok(n > 0)
}

const RULE_COLUMNS: &str = "r.id, r.words, r.field, r.source_id, r.category_slug, r.author,
    r.action, r.tag, r.feed_tag, r.created_at,
    (SELECT COUNT(*) FROM rule_hits h WHERE h.rule_id = r.id)";

impl Store {
    /// Every rule, oldest first, with how many stored articles each hits.
    pub fn rules(&self) -> Result<Vec<Rule>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare(&format!("SELECT {RULE_COLUMNS} FROM rules r ORDER BY r.id"))?;
        let rows = stmt.query_map([], spec_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (id, spec, created_at, hits) = row?;
            out.push(Rule {
                id,
                spec,
                created_at,
                hits,
            });
        }
        Ok(out)
    }

    pub fn rule(&self, id: i64) -> Result<Rule> {
        self.rules()?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::NotFound(format!("rule {id}")))
    }

    /// What `spec` would catch among the stored articles: how many, and the
    /// newest `first` of them (for the rule's editor, as the reader types).
    pub fn preview_rule(&self, spec: &RuleSpec, first: usize) -> Result<RulePreview> {
        let spec = spec.checked()?;
        let conn = self.conn()?;
        let ids = caught(&conn, &spec, Among::Ids(0, newest_id(&conn)?))?;
        let mut title = conn.prepare_cached("SELECT title FROM articles WHERE id = ?1")?;
        let mut out = Vec::new();
        for &id in ids.iter().take(first) {
            out.push((id, title.query_row([id], |r| r.get(0))?));
        }
        Ok(RulePreview {
            count: ids.len(),
            first: out,
        })
    }

    /// Keeps a new rule and applies it to everything stored, in one
    /// transaction; the answer's batch undoes both (`undo_rule`).
    pub fn add_rule(&self, spec: &RuleSpec) -> Result<Applied> {
        let spec = spec.checked()?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let rules: i64 = tx.query_row("SELECT COUNT(*) FROM rules", [], |r| r.get(0))?;
        if rules as usize >= MAX_RULES {
            return Err(Error::InvalidInput(format!("more than {MAX_RULES} rules")));
        }
        let batch = next_batch(&tx)?;
        let t = now();
        tx.execute(
            "INSERT INTO rules (words, field, source_id, category_slug, author, feed_tag, action,
                                tag, created_at, updated_at, batch)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            params![
                spec.words,
                spec.field.as_str(),
                spec.source_id,
                spec.category,
                spec.author,
                spec.feed_tag,
                spec.action.as_str(),
                spec.tag,
                t,
                batch
            ],
        )?;
        let rule_id = tx.last_insert_rowid();
        let count = apply_stored(&tx, rule_id, &spec, batch)?;
        tx.commit()?;
        Ok(Applied {
            rule_id,
            batch,
            count,
        })
    }

    /// Changes a rule and applies it as it now is to everything stored: what
    /// it no longer catches is no longer hidden or told (what it marked read
    /// or saved stays so); the undo (`undo_rule` with the rule as it was)
    /// takes back what the change did.
    pub fn update_rule(&self, id: i64, spec: &RuleSpec) -> Result<Applied> {
        let spec = spec.checked()?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let batch = next_batch(&tx)?;
        if !write_spec(&tx, id, &spec)? {
            return Err(Error::NotFound(format!("rule {id}")));
        }
        tx.execute("DELETE FROM rule_hits WHERE rule_id = ?1", [id])?;
        let count = apply_stored(&tx, id, &spec, batch)?;
        tx.commit()?;
        Ok(Applied {
            rule_id: id,
            batch,
            count,
        })
    }

    /// Takes back one application: what it marked read is unread again,
    /// what it saved is unsaved (its tag taken off what was saved before),
    /// what it hid comes back. A rule made by that application goes too; a
    /// rule changed by it is put back as `previous` says and applied again.
    /// Returns how many articles it touched.
    pub fn undo_rule(&self, batch: i64, previous: Option<&RuleSpec>) -> Result<usize> {
        let previous = previous.map(RuleSpec::checked).transpose()?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let rule: Option<(i64, String, Option<String>, i64)> = tx
            .query_row(
                "SELECT r.id, r.action, r.tag, r.batch FROM rules r
                 WHERE r.batch = ?1 OR r.id IN (SELECT rule_id FROM rule_hits WHERE batch = ?1)",
                [batch],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((rule_id, action, tag, made_by)) = rule else {
            return Ok(0);
        };
        let touched = revert(
            &tx,
            rule_id,
            &Action::parse(&action)?,
            tag.as_deref(),
            batch,
        )?;
        if made_by == batch {
            tx.execute("DELETE FROM rules WHERE id = ?1", [rule_id])?;
        } else if let Some(spec) = previous {
            write_spec(&tx, rule_id, &spec)?;
            tx.execute("DELETE FROM rule_hits WHERE rule_id = ?1", [rule_id])?;
            let again = next_batch(&tx)?;
            apply_stored(&tx, rule_id, &spec, again)?;
        }
        tx.commit()?;
        Ok(touched)
    }

    /// Removes a rule: what it hid comes back; what it marked read or saved
    /// stays so (the reader's state, which they may have acted on since).
    pub fn remove_rule(&self, id: i64) -> Result<Rule> {
        let rule = self.rule(id)?;
        self.conn()?
            .execute("DELETE FROM rules WHERE id = ?1", [id])?;
        Ok(rule)
    }

    /// Applies every rule to the articles stored since the last pass, and to
    /// those the feed changed in place since then (after each source of a
    /// sync, and at its end). Returns how many articles the
    /// rules hit. While the search index is being rebuilt it waits: the
    /// articles it has not reached yet cannot be matched.
    pub fn apply_rules_to_new(&self) -> Result<usize> {
        if !self.search_index_current()? {
            return Ok(0);
        }
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let hi = newest_id(&tx)?;
        let lo: i64 = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [APPLIED_KEY],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut n = 0;
        let changed: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM rules_pending)", [], |r| {
                r.get(0)
            })?;
        if hi > lo || changed {
            let rules: Vec<(i64, RuleSpec, i64, i64)> = {
                let mut stmt = tx
                    .prepare_cached(&format!("SELECT {RULE_COLUMNS} FROM rules r ORDER BY r.id"))?;
                let rows = stmt.query_map([], spec_row)?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if !rules.is_empty() {
                let batch = next_batch(&tx)?;
                for (id, spec, _, _) in &rules {
                    let mut ids = caught(&tx, spec, Among::Ids(lo, hi))?;
                    if changed {
                        ids.extend(caught(&tx, spec, Among::Changed(lo))?);
                    }
                    n += act(&tx, *id, spec, &ids, batch)?;
                }
            }
            tx.execute("DELETE FROM rules_pending", [])?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = ?2",
                params![APPLIED_KEY, hi.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// The rule that hid each of these articles (the first, where several
    /// did).
    pub fn hidden_by(&self, ids: &[i64]) -> Result<Vec<HiddenBy>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT h.article_id, r.id, r.words, r.action FROM rule_hits h
             JOIN rules r ON r.id = h.rule_id
             WHERE h.article_id = ?1 AND h.hides ORDER BY r.id LIMIT 1",
        )?;
        let mut out = Vec::new();
        for &id in ids {
            let row = stmt
                .query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, String>(3)?))
                })
                .optional()?;
            if let Some((article_id, rule_id, words, action)) = row {
                out.push(HiddenBy {
                    article_id,
                    rule_id,
                    words,
                    action: Action::parse(&action)?,
                });
            }
        }
        Ok(out)
    }

    /// Shows a hidden article again: back in its lists and counts, and no
    /// rule hides it again. Returns the rules that had hidden it.
    pub fn show_again(&self, article_id: i64) -> Result<Vec<i64>> {
        self.ensure_article(article_id)?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let rules: Vec<i64> = {
            let mut stmt = tx.prepare(
                "SELECT rule_id FROM rule_hits WHERE article_id = ?1 AND hides ORDER BY rule_id",
            )?;
            let rows = stmt.query_map([article_id], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        tx.execute(
            "DELETE FROM rule_hits WHERE article_id = ?1 AND hides",
            [article_id],
        )?;
        tx.execute(
            "INSERT OR IGNORE INTO rules_shown (article_id) VALUES (?1)",
            [article_id],
        )?;
        tx.commit()?;
        Ok(rules)
    }

    /// The undo of `show_again`: the article may be hidden again, and the
    /// rules that hid it hide it again.
    pub fn hide_again(&self, article_id: i64, rules: &[i64]) -> Result<()> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        tx.execute(
            "DELETE FROM rules_shown WHERE article_id = ?1",
            [article_id],
        )?;
        let batch = next_batch(&tx)?;
        for rule in rules {
            tx.execute(
                "INSERT OR IGNORE INTO rule_hits (rule_id, article_id, batch, hides)
                 SELECT id, ?2, ?3, 1 FROM rules WHERE id = ?1",
                params![rule, article_id, batch],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Whether any article is hidden (lists add their clause only then).
    pub(super) fn any_hidden(&self) -> Result<bool> {
        Ok(self.conn()?.query_row(
            "SELECT EXISTS (SELECT 1 FROM rule_hits WHERE hides)",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Applies a rule to everything stored, in `tx`.
fn apply_stored(tx: &Transaction<'_>, rule_id: i64, spec: &RuleSpec, batch: i64) -> Result<usize> {
    let ids = caught(tx, spec, Among::Ids(0, newest_id(tx)?))?;
    act(tx, rule_id, spec, &ids, batch)
}

/// Takes back what rule `rule_id` did in `batch`; returns how many articles.
fn revert(
    tx: &Transaction<'_>,
    rule_id: i64,
    action: &Action,
    tag: Option<&str>,
    batch: i64,
) -> Result<usize> {
    let changed = "SELECT article_id FROM rule_hits WHERE rule_id = ?1 AND batch = ?2 AND changed";
    match action {
        Action::Read => {
            tx.execute(
                &format!("DELETE FROM read_state WHERE article_id IN ({changed})"),
                params![rule_id, batch],
            )?;
        }
        Action::Bookmark => {
            tx.execute(
                &format!("DELETE FROM bookmarks WHERE article_id IN ({changed})"),
                params![rule_id, batch],
            )?;
            tx.execute(
                "DELETE FROM bookmark_tags WHERE tag = ?3 AND article_id IN
                   (SELECT article_id FROM rule_hits WHERE rule_id = ?1 AND batch = ?2)",
                params![rule_id, batch, tag],
            )?;
        }
        Action::Hide | Action::Notify | Action::Only => {}
    }
    Ok(tx.execute(
        "DELETE FROM rule_hits WHERE rule_id = ?1 AND batch = ?2",
        params![rule_id, batch],
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::article;
    use crate::store::{ListFilter, NewArticle};

    fn add(store: &Store, n: i64, title: &str, body: &str, section: &str) -> i64 {
        let a = NewArticle {
            category_slug: Some(section.into()),
            ..article(n, title, body)
        };
        store.insert_article(&a, None, &[]).expect("insert").0
    }

    fn listed(store: &Store, f: ListFilter) -> Vec<i64> {
        let mut ids: Vec<i64> = store
            .list_articles(&f)
            .expect("list")
            .into_iter()
            .map(|a| a.id)
            .collect();
        ids.sort();
        ids
    }

    /// Five articles: the forms of ترامب and اللاجئ, and look-alikes.
    fn seeded() -> (Store, [i64; 6]) {
        let store = Store::open_in_memory().expect("store");
        let ids = [
            add(&store, 1, "لقاء لترامب في واشنطن", "نص الخبر", "world"),
            add(
                &store,
                2,
                "أخبار الاقتصاد",
                "وترامب قال إن السوق بخير",
                "economy",
            ),
            add(&store, 3, "عودة اللاجئين إلى ديارهم", "نص", "world"),
            add(&store, 4, "ترميم المسجد القديم", "ترم وترميم", "culture"),
            add(&store, 5, "اللاجئ الأخير", "نص", "world"),
            add(&store, 6, "الملجأ الجديد", "لجأ الناس إليه", "world"),
        ];
        (store, ids)
    }

    #[test]
    fn a_word_that_begins_with_lam_is_caught_after_the_preposition_lam() {
        // ل + اللاجئين is written للاجئين: the article's ل goes with its alif.
        let store = Store::open_in_memory().expect("store");
        let to = add(&store, 1, "مساعدات للاجئين في الأردن", "نص", "world");
        let the = add(&store, 2, "اللاجئ الأخير", "نص", "world");
        add(&store, 3, "الملجأ الجديد", "لجأ الناس إليه", "world");
        let p = store
            .preview_rule(&RuleSpec::new("اللاجئ", Action::Hide), 5)
            .expect("preview");
        let mut got: Vec<i64> = p.first.iter().map(|x| x.0).collect();
        got.sort();
        assert_eq!(got, vec![to, the]);
        // Search reads it the same way.
        let found = listed(
            &store,
            ListFilter {
                query: Some("اللاجئ ".into()),
                ..Default::default()
            },
        );
        assert_eq!(found, vec![to, the]);
    }

    #[test]
    fn a_story_changed_in_place_is_read_again_by_the_rules() {
        let store = Store::open_in_memory().expect("store");
        let old = add(&store, 1, "قمة في واشنطن", "نص", "world");
        store
            .add_rule(&RuleSpec::new("ترامب", Action::Hide))
            .expect("rule");
        store.apply_rules_to_new().expect("pass");
        let hidden = ListFilter {
            hidden: true,
            ..Default::default()
        };
        assert!(listed(&store, hidden.clone()).is_empty());
        // The feed gives a newer version: its headline now names him.
        let newer = NewArticle {
            category_slug: Some("world".into()),
            ..article(1, "ترامب يصل إلى القمة في واشنطن", "نص")
        };
        store
            .replace_article(old, &newer, None, &[])
            .expect("replace");
        assert_eq!(store.apply_rules_to_new().expect("pass"), 1);
        assert_eq!(listed(&store, hidden.clone()), vec![old]);
        // Read once: the next pass has nothing to do.
        assert_eq!(store.apply_rules_to_new().expect("again"), 0);
        // A story shown again by the reader stays shown when it changes.
        store.show_again(old).expect("show");
        store
            .replace_article(old, &newer, None, &[])
            .expect("replace");
        assert_eq!(store.apply_rules_to_new().expect("pass"), 0);
        assert!(listed(&store, hidden).is_empty());
    }

    #[test]
    fn a_rule_catches_the_forms_of_its_words_and_not_look_alikes() {
        let (store, [t1, t2, l3, _, l5, _]) = seeded();
        let p = store
            .preview_rule(&RuleSpec::new("ترامب", Action::Hide), 5)
            .expect("preview");
        assert_eq!(p.count, 2);
        assert_eq!(
            p.first.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![t2, t1]
        );
        let p = store
            .preview_rule(&RuleSpec::new("اللاجئ", Action::Hide), 5)
            .expect("preview");
        let mut got: Vec<i64> = p.first.iter().map(|x| x.0).collect();
        got.sort();
        assert_eq!(got, vec![l3, l5], "not الملجأ or لجأ");
        let title_only = RuleSpec {
            field: Field::Title,
            ..RuleSpec::new("ترامب", Action::Hide)
        };
        assert_eq!(
            store.preview_rule(&title_only, 5).expect("preview").count,
            1
        );
        let text_only = RuleSpec {
            field: Field::Text,
            ..RuleSpec::new("ترامب", Action::Hide)
        };
        assert_eq!(
            store.preview_rule(&text_only, 5).expect("preview").first[0].0,
            t2
        );
        let phrase = RuleSpec::new("«عودة اللاجئين»", Action::Hide);
        assert_eq!(store.preview_rule(&phrase, 5).expect("preview").count, 1);
        let apart = RuleSpec::new("«اللاجئين عودة»", Action::Hide);
        assert_eq!(store.preview_rule(&apart, 5).expect("preview").count, 0);
    }

    #[test]
    fn hiding_takes_articles_out_of_lists_and_counts_and_back() {
        let (store, [t1, t2, l3, c4, l5, m6]) = seeded();
        let all = ListFilter::default();
        let applied = store
            .add_rule(&RuleSpec::new("ترامب", Action::Hide))
            .expect("add");
        assert_eq!(applied.count, 2);
        assert_eq!(listed(&store, all.clone()), vec![l3, c4, l5, m6]);
        let hidden = ListFilter {
            hidden: true,
            ..Default::default()
        };
        assert_eq!(listed(&store, hidden.clone()), vec![t1, t2]);
        let unread = ListFilter {
            unread_only: true,
            ..Default::default()
        };
        assert_eq!(store.count_articles(&unread).expect("count"), 4);
        let world = store
            .categories()
            .expect("sections")
            .into_iter()
            .find(|c| c.slug == "world");
        // Sections are made by the seed page; none here, so none counted.
        assert!(world.is_none());
        let searched = ListFilter {
            query: Some("ترامب".into()),
            ..Default::default()
        };
        assert!(store.list_articles(&searched).expect("search").is_empty());
        assert_eq!(store.count_articles(&searched).expect("count"), 0);
        let by = store.hidden_by(&[t1]).expect("by");
        assert_eq!(by[0].rule_id, applied.rule_id);
        // Shown again: back, and a second pass does not hide it again.
        let rules = store.show_again(t1).expect("show");
        assert_eq!(rules, vec![applied.rule_id]);
        add(&store, 7, "ترامب مرة أخرى", "نص", "world");
        store.apply_rules_to_new().expect("pass");
        assert!(listed(&store, all.clone()).contains(&t1));
        assert_eq!(
            listed(&store, hidden.clone()).len(),
            2,
            "t2 and the new one"
        );
        store.hide_again(t1, &rules).expect("undo show");
        assert_eq!(listed(&store, hidden.clone()).len(), 3);
        // Removing the rule brings them all back; nothing was deleted.
        store.remove_rule(applied.rule_id).expect("remove");
        assert_eq!(listed(&store, all).len(), 7);
        assert!(listed(&store, hidden).is_empty());
    }

    #[test]
    fn read_and_bookmark_rules_undo_exactly_what_they_did() {
        let (store, [t1, t2, ..]) = seeded();
        store.set_read(t1, true).expect("read by the reader");
        let applied = store
            .add_rule(&RuleSpec::new("ترامب", Action::Read))
            .expect("add");
        assert_eq!(applied.count, 2);
        let unread = ListFilter {
            unread_only: true,
            ..Default::default()
        };
        assert!(!listed(&store, unread.clone()).contains(&t2));
        store.undo_rule(applied.batch, None).expect("undo");
        assert!(
            store.rules().expect("rules").is_empty(),
            "the undo of a new rule removes it"
        );
        assert!(
            listed(&store, unread.clone()).contains(&t2),
            "back to unread"
        );
        assert!(
            !listed(&store, unread).contains(&t1),
            "the reader's own mark stays"
        );

        let save = RuleSpec {
            tag: Some("أمريكا".into()),
            ..RuleSpec::new("ترامب", Action::Bookmark)
        };
        let applied = store.add_rule(&save).expect("add");
        let tagged = ListFilter {
            bookmarked_only: true,
            tag: Some("أمريكا".into()),
            ..Default::default()
        };
        assert_eq!(listed(&store, tagged.clone()), vec![t1, t2]);
        store.undo_rule(applied.batch, None).expect("undo");
        assert!(store.bookmark_count().expect("count") == 0);
    }

    #[test]
    fn a_keep_list_hides_what_it_does_not_keep_in_its_section_only() {
        let (store, [t1, t2, l3, c4, l5, m6]) = seeded();
        let keep = RuleSpec {
            category: Some("world".into()),
            ..RuleSpec::new("اللاجئ", Action::Only)
        };
        let applied = store.add_rule(&keep).expect("add");
        assert_eq!(applied.count, 2, "the world section's t1 and m6");
        assert_eq!(listed(&store, ListFilter::default()), vec![t2, l3, c4, l5]);
        let _ = (t1, m6);
    }

    #[test]
    fn a_changed_rule_applies_anew_and_its_undo_puts_it_back() {
        let (store, [t1, t2, l3, _, l5, _]) = seeded();
        let hidden = ListFilter {
            hidden: true,
            ..Default::default()
        };
        let first = store
            .add_rule(&RuleSpec::new("ترامب", Action::Hide))
            .expect("add");
        let changed = store
            .update_rule(first.rule_id, &RuleSpec::new("اللاجئ", Action::Hide))
            .expect("change");
        assert_eq!(changed.count, 2);
        assert_eq!(listed(&store, hidden.clone()), vec![l3, l5]);
        store
            .undo_rule(changed.batch, Some(&RuleSpec::new("ترامب", Action::Hide)))
            .expect("undo");
        assert_eq!(listed(&store, hidden), vec![t1, t2]);
        assert_eq!(store.rule(first.rule_id).expect("kept").spec.words, "ترامب");
    }

    #[test]
    fn new_articles_meet_the_rules_once() {
        let (store, _) = seeded();
        store
            .apply_rules_to_new()
            .expect("first pass sets the mark");
        store
            .add_rule(&RuleSpec::new("ترامب", Action::Notify))
            .expect("add");
        let n = add(&store, 7, "ترامب يصل", "نص", "world");
        assert_eq!(store.apply_rules_to_new().expect("pass"), 1);
        assert_eq!(store.apply_rules_to_new().expect("again"), 0);
        let hits: i64 = store
            .conn()
            .expect("conn")
            .query_row(
                "SELECT COUNT(*) FROM rule_hits WHERE article_id = ?1",
                [n],
                |r| r.get(0),
            )
            .expect("hits");
        assert_eq!(hits, 1);
    }
}

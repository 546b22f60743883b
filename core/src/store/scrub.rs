//! Migration 11: control characters out of everything already stored. Text
//! has been cleaned at ingest since (`NewArticle::scrubbed`, the bookmark
//! and category writers); a database from before may still hold an ESC or a
//! NUL that a feed sent, and a terminal or an export would meet it.

use rusqlite::{params_from_iter, Transaction};
use rusqlite_migration::HookResult;

use crate::text::{is_control, strip_controls};

/// The texts of each table that a feed, a page or a file could have filled.
const TEXTS: &[(&str, &[&str])] = &[
    (
        "articles",
        &[
            "title",
            "original_title",
            "summary",
            "body_html",
            "image_caption",
            "image_credit",
            "category_label",
        ],
    ),
    ("article_links", &["title", "original_title", "category"]),
    ("sources", &["title", "last_error"]),
    ("categories", &["name"]),
    ("bookmarks", &["note"]),
    ("bookmark_tags", &["tag"]),
];

pub(super) fn stored_controls(tx: &Transaction<'_>) -> HookResult {
    for (table, columns) in TEXTS {
        let dirty = dirty_rows(tx, table, columns)?;
        if dirty.is_empty() {
            continue;
        }
        let sets: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 2))
            .collect();
        // A tag that becomes one the bookmark has already is left out.
        let mut update = tx.prepare(&format!(
            "UPDATE OR IGNORE {table} SET {} WHERE rowid = ?1",
            sets.join(", ")
        ))?;
        for (rowid, values) in &dirty {
            let mut args: Vec<rusqlite::types::Value> = vec![(*rowid).into()];
            args.extend(values.iter().map(|v| match v {
                Some(t) => strip_controls(t).into_owned().into(),
                None => rusqlite::types::Value::Null,
            }));
            if update.execute(params_from_iter(args))? == 0 {
                // The clean tag is on the bookmark already.
                tx.execute("DELETE FROM bookmark_tags WHERE rowid = ?1", [rowid])?;
            }
            // The search index is not touched here: migration 15 makes it
            // again, and the rebuild that follows indexes the clean text.
        }
    }
    Ok(())
}

type Row = (i64, Vec<Option<String>>);

fn dirty_rows(tx: &Transaction<'_>, table: &str, columns: &[&str]) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT rowid, {} FROM {table}",
        columns.join(", ")
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let values: Vec<Option<String>> = (1..=columns.len())
            .map(|i| r.get(i))
            .collect::<rusqlite::Result<_>>()?;
        let dirty = values.iter().flatten().any(|t| t.chars().any(is_control));
        if dirty {
            out.push((r.get(0)?, values));
        }
    }
    Ok(out)
}

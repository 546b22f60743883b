//! `khabarain bookmark`: bookmarks from the command line, and their export
//! and import in the files the app writes (JSON with the articles, or the
//! Netscape bookmark file browsers read).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use khabarain_core::bookmark_io::{self, json, netscape};
use khabarain_core::export_file;
use khabarain_core::store::Store;

#[derive(Subcommand)]
pub enum Action {
    /// Bookmark an article, with tags and a note if given.
    Add {
        id: i64,
        /// A tag (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove an article's bookmark.
    Remove { id: i64 },
    /// Write every bookmark, with its article, to FILE (a new file: one
    /// already there is never replaced) or standard output.
    Export {
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
    /// Add the bookmarks of an export (either format); bookmarks already
    /// here keep theirs, notes and tags are merged.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// The app's own file: articles kept whole, for another copy of the app.
    Json,
    /// A Netscape bookmark file, for browsers and other readers.
    Html,
}

pub fn run(store: &Store, action: Action) -> khabarain_core::Result<ExitCode> {
    match action {
        Action::Add { id, tags, note } => {
            store.set_bookmark(id, true)?;
            if !tags.is_empty() || note.is_some() {
                store.annotate_bookmark(id, note.as_deref(), &tags)?;
            }
        }
        Action::Remove { id } => {
            store.set_bookmark(id, false)?;
        }
        Action::Export { file, format } => {
            let saved = store.saved_bookmarks()?;
            let now = chrono::Utc::now().timestamp();
            let text = match format {
                Format::Json => json::write(&saved, now)?,
                Format::Html => netscape::write(&saved, now),
            };
            match file {
                Some(path) => {
                    export_file::write_named(&path, &text)?;
                    eprintln!("{} bookmarks written to {}", saved.len(), path.display());
                }
                None => print!("{text}"),
            }
        }
        Action::Import { file, json } => {
            let text = std::fs::read_to_string(&file)?;
            let report = bookmark_io::import(store, &text)?;
            if json {
                crate::print_json(&report);
            } else {
                eprintln!(
                    "{} bookmarks in the file: {} added, {} merged with bookmarks here, {} articles stored from the file",
                    report.bookmarks, report.added, report.merged, report.articles_added
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

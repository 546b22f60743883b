//! `khabarain saved`: saved searches from the command line (the same ones
//! the window shows among its sections): keep one, list them with their
//! unread counts, remove one.

use std::process::ExitCode;

use clap::Subcommand;
use khabarain_core::store::saved_searches::SearchSpec;
use khabarain_core::store::Store;

#[derive(Subcommand)]
pub enum Action {
    /// Keep a search (its words as `search` reads them).
    Add {
        #[arg(required = true, num_args = 1..)]
        words: Vec<String>,
        /// Its name in the navigation (the words by default).
        #[arg(long)]
        name: Option<String>,
        /// Only this section (its slug).
        #[arg(long)]
        section: Option<String>,
        /// Only unread stories.
        #[arg(long)]
        unread: bool,
    },
    /// The saved searches, each with its unread count.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a saved search.
    Remove { id: i64 },
}

pub fn run(store: &Store, action: Action) -> khabarain_core::Result<ExitCode> {
    match action {
        Action::Add {
            words,
            name,
            section,
            unread,
        } => {
            let s = store.save_search(&SearchSpec {
                name,
                query: words.join(" "),
                category: section,
                unread_only: unread,
            })?;
            println!("saved search {}: {} unread", s.id, s.unread);
        }
        Action::List { json } => {
            let all = store.saved_searches()?;
            if json {
                crate::print_json(&all);
            } else {
                for s in all {
                    println!(
                        "{:>4}  {}  ({} unread){}",
                        s.id,
                        crate::render::safe(&s.name),
                        s.unread,
                        if s.name == s.query {
                            String::new()
                        } else {
                            format!("  [{}]", crate::render::safe(&s.query))
                        }
                    );
                }
            }
        }
        Action::Remove { id } => {
            let s = store.remove_saved_search(id)?;
            println!("removed saved search {id} ({})", s.query);
        }
    }
    Ok(ExitCode::SUCCESS)
}

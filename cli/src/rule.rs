//! `khabarain rule`: the reader's rules from the command line (the same
//! rules the settings keep): add one (applied at once to what is stored),
//! list them, try one without keeping it, remove one, show a hidden article
//! again.

use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use khabarain_core::rules::{Action as RuleAction, Field, RuleSpec};
use khabarain_core::store::Store;

#[derive(Subcommand)]
pub enum Action {
    /// Keep a rule and apply it to the stored articles now (and to every
    /// new one at each sync). Words match as search matches them: «ترامب»
    /// also catches «لترامب» and «وترامب»; words in quotes are a phrase.
    Add {
        #[command(flatten)]
        rule: RuleArgs,
        #[arg(long)]
        json: bool,
    },
    /// What a rule would catch among the stored articles, without keeping it.
    Try {
        #[command(flatten)]
        rule: RuleArgs,
        /// How many headlines to show.
        #[arg(long, default_value_t = 10)]
        first: usize,
        #[arg(long)]
        json: bool,
    },
    /// The rules, with how many stored articles each catches.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a rule: what it hid comes back (what it marked read or saved
    /// stays so).
    Remove { id: i64 },
    /// Show an article a rule hid: back in the lists, and no rule hides it
    /// again.
    Unhide { article: i64 },
    /// Write the rules and saved searches to FILE (a new file) or standard
    /// output, for another computer.
    Export { file: Option<std::path::PathBuf> },
    /// Add the rules and saved searches of an export that this database
    /// does not have; a bad file changes nothing.
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(clap::Args)]
pub struct RuleArgs {
    /// The words (all must be there) or a "phrase".
    #[arg(required = true, num_args = 1..)]
    words: Vec<String>,
    /// What to do with what matches.
    #[arg(long, value_enum, default_value_t = Does::Hide)]
    action: Does,
    /// Where to look for the words.
    #[arg(long = "in", value_enum, default_value_t = Where::Any)]
    field: Where,
    /// Only in this source (its feed's address, as `sources` lists it).
    #[arg(long)]
    source: Option<String>,
    /// Only in this section (its slug).
    #[arg(long)]
    section: Option<String>,
    /// Only this author's articles.
    #[arg(long)]
    author: Option<String>,
    /// Only what the feed filed under this category or tag.
    #[arg(long)]
    feed_tag: Option<String>,
    /// The tag a `bookmark` rule saves with.
    #[arg(long)]
    tag: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Does {
    /// Hide (mute): out of the lists and counts, never deleted.
    Hide,
    /// Mark read.
    Read,
    /// Save, with --tag.
    Bookmark,
    /// Tell me, as an urgent item is told.
    Notify,
    /// In --source or --section, show only what matches.
    Only,
}

#[derive(Clone, Copy, ValueEnum)]
enum Where {
    Title,
    Text,
    Any,
}

impl RuleArgs {
    fn spec(self, store: &Store) -> khabarain_core::Result<RuleSpec> {
        let source_id = match &self.source {
            None => None,
            Some(url) => Some(
                store
                    .sources()?
                    .into_iter()
                    .find(|s| &s.url == url || s.id.to_string() == *url)
                    .map(|s| s.id)
                    .ok_or_else(|| {
                        khabarain_core::Error::NotFound(format!(
                            "source {url} (see `khabarain sources`)"
                        ))
                    })?,
            ),
        };
        Ok(RuleSpec {
            words: self.words.join(" "),
            field: match self.field {
                Where::Title => Field::Title,
                Where::Text => Field::Text,
                Where::Any => Field::Any,
            },
            source_id,
            category: self.section,
            author: self.author,
            feed_tag: self.feed_tag,
            action: match self.action {
                Does::Hide => RuleAction::Hide,
                Does::Read => RuleAction::Read,
                Does::Bookmark => RuleAction::Bookmark,
                Does::Notify => RuleAction::Notify,
                Does::Only => RuleAction::Only,
            },
            tag: self.tag,
        })
    }
}

/// Rules are matched through the search index: it is built first if a new
/// version of the app changed it.
fn index_ready(store: &Store) -> khabarain_core::Result<()> {
    if !store.search_index_current()? {
        eprintln!("khabarain: building the search index (once)…");
        store.rebuild_search_index(500, |p| {
            eprint!("\r  {} of {} articles", p.done, p.total);
        })?;
        eprintln!();
    }
    Ok(())
}

pub fn run(store: &Store, action: Action) -> khabarain_core::Result<ExitCode> {
    match action {
        Action::Add { rule, json } => {
            index_ready(store)?;
            let applied = store.add_rule(&rule.spec(store)?)?;
            if json {
                crate::print_json(&applied);
            } else {
                println!(
                    "rule {}: {} stored articles caught",
                    applied.rule_id, applied.count
                );
            }
        }
        Action::Try { rule, first, json } => {
            index_ready(store)?;
            let preview = store.preview_rule(&rule.spec(store)?, first)?;
            if json {
                crate::print_json(&preview);
            } else {
                println!("{} stored articles", preview.count);
                for (id, title) in preview.first {
                    println!("{}", crate::render::headline(id, &title));
                }
            }
        }
        Action::List { json } => {
            let rules = store.rules()?;
            if json {
                crate::print_json(&rules);
            } else {
                for r in rules {
                    println!("{}", crate::render::rule(&r));
                }
            }
        }
        Action::Remove { id } => {
            let r = store.remove_rule(id)?;
            println!("removed rule {id} ({})", r.spec.words);
        }
        Action::Export { file } => {
            let text = khabarain_core::rules::file::export(store)?;
            match file {
                Some(path) => khabarain_core::export_file::write_named(&path, &text)?,
                None => println!("{text}"),
            }
        }
        Action::Import { file, json } => {
            let text = std::fs::read_to_string(&file)?;
            index_ready(store)?;
            let report = khabarain_core::rules::file::import(store, &text)?;
            if json {
                crate::print_json(&report);
            } else {
                println!(
                    "{} rules added ({} articles caught), {} already here; {} saved searches added, {} already here",
                    report.rules_added,
                    report.caught,
                    report.rules_known,
                    report.searches_added,
                    report.searches_known
                );
                for words in &report.rules_without_source {
                    println!("not added (its source is not here): {words}");
                }
            }
        }
        Action::Unhide { article } => {
            if store.show_again(article)?.is_empty() {
                println!("article {article} was not hidden; no rule will hide it");
            } else {
                println!("article {article} is shown again");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `khabarain`: the reader without a window, over the same library and the
//! same database as the app. For scripts, power users and benchmarks.
//!
//!   khabarain sync [--source FEED_URL]...   fetch new articles
//!   khabarain list [--category SLUG] [--author NAME | --tag TAG] [--unread] [--bookmarked] [--limit N] [--json]
//!   khabarain show ID [--json]
//!   khabarain sources [--json]
//!   khabarain export                        every article as JSON lines
//!   khabarain opml import FILE              add the feeds of an OPML file
//!   khabarain opml export [FILE]            the sources as OPML (stdout by default)
//!   khabarain account add --kind miniflux|greader --server URL --user NAME
//!                                           (password on stdin; kept in the keyring)
//!   khabarain account list | sync | remove ID
//!   khabarain rule add|try WORDS… [--action hide|read|bookmark|notify|only] [--in title|text|any]
//!                          [--source URL] [--section SLUG] [--author NAME] [--feed-tag TAG] [--tag TAG]
//!   khabarain rule list | remove ID | unhide ARTICLE
//!   khabarain list --hidden                 what the rules hide, each with its rule
//!   khabarain rule export [FILE] | import FILE   rules and saved searches in a file
//!   khabarain saved add WORDS… [--name N] [--section SLUG] [--unread] | list | remove ID
//!
//! `--db PATH` (or KHABARAIN_DB) and `--base-url URL` (or KHABARAIN_BASE_URL)
//! work as in the app.

mod bookmark;
mod render;
mod rule;
mod saved;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::site_config::{Site, BASE_URL_ENV, DB_ENV, DEFAULT_BASE_URL};
use khabarain_core::store::recovery::open_or_recover;
use khabarain_core::store::{default_db_path, ListFilter, Store};
use khabarain_core::sync::{SyncEvent, SyncOptions, Syncer};

#[derive(Parser)]
#[command(
    name = "khabarain",
    version,
    about = "Khabarain Reader from the command line"
)]
struct Cli {
    /// Database file (default: the app's, in the OS app-data folder).
    #[arg(long, global = true, env = DB_ENV)]
    db: Option<PathBuf>,
    /// Address of the site.
    #[arg(long, global = true, env = BASE_URL_ENV, default_value = DEFAULT_BASE_URL)]
    base_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fetch new articles from the site's feeds (or only the given ones).
    Sync {
        /// Sync only this feed (added as a source if new). Repeatable.
        #[arg(long = "source")]
        sources: Vec<String>,
        /// File the articles of the --source feeds added now under this
        /// category (its slug, as in the site's navigation).
        #[arg(long, requires = "sources")]
        category: Option<String>,
        /// Print each source's result as a JSON line.
        #[arg(long)]
        json: bool,
        /// Store only what the feeds carry (headlines and excerpts), without
        /// fetching article pages and pictures.
        #[arg(long)]
        feeds_only: bool,
        /// Feeds fetched at once.
        #[arg(long, default_value_t = 4)]
        feed_concurrency: usize,
        /// Article pages fetched at once.
        #[arg(long, default_value_t = 6)]
        page_concurrency: usize,
    },
    /// List stored articles, newest first.
    List {
        #[arg(long)]
        category: Option<String>,
        /// Only this author's articles (as their feeds name them).
        #[arg(long, conflicts_with = "tag")]
        author: Option<String>,
        /// Only articles their feed filed under this category or tag.
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        bookmarked: bool,
        /// Only the articles the reader's rules hide, each with the rule.
        #[arg(long)]
        hidden: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Search the stored articles: Arabic words in any spelling (with or
    /// without diacritics, hamza forms, attached prefixes), "phrases" in
    /// quotes, English names. Best match first, with what matched marked.
    Search {
        /// The words to look for.
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Only this section (its slug, e.g. world).
        #[arg(long)]
        category: Option<String>,
        /// Only this author's articles.
        #[arg(long, conflicts_with = "tag")]
        author: Option<String>,
        /// Only articles their feed tagged so.
        #[arg(long)]
        tag: Option<String>,
        /// Only articles published on or after this day (YYYY-MM-DD).
        #[arg(long, value_parser = day)]
        since: Option<i64>,
        /// Only articles published before this day (YYYY-MM-DD).
        #[arg(long, value_parser = day)]
        until: Option<i64>,
        #[arg(long)]
        unread: bool,
        #[arg(long)]
        bookmarked: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one article.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// List the sources with their last success and last error.
    Sources {
        #[arg(long)]
        json: bool,
    },
    /// Write every stored article as one JSON object per line.
    Export,
    /// Sources in and out as OPML, the file other feed readers read and
    /// write.
    Opml {
        #[command(subcommand)]
        action: OpmlAction,
    },
    /// Bookmarks: add, remove, export and import them.
    Bookmark {
        #[command(subcommand)]
        action: bookmark::Action,
    },
    /// Reading rules: hide, mark read, save, notify or keep only what
    /// matches some words, as search reads them.
    Rule {
        #[command(subcommand)]
        action: rule::Action,
    },
    /// Saved searches: sections of their own in the window.
    Saved {
        #[command(subcommand)]
        action: saved::Action,
    },
    /// Sync accounts on a server readers already run (Miniflux, or a Google
    /// Reader API: FreshRSS, Miniflux, Inoreader…).
    Account {
        #[command(subcommand)]
        action: AccountAction,
    },
}

#[derive(Subcommand)]
enum AccountAction {
    /// Test the connection and add the account; the password (or Miniflux
    /// API key, with an empty --user) is read from standard input.
    Add {
        /// miniflux (its own API) or greader (the Google Reader API).
        #[arg(long)]
        kind: String,
        #[arg(long)]
        server: String,
        #[arg(long, default_value = "")]
        user: String,
        /// Keep the password in a file only you can read (0600, beside the
        /// database) instead of the system keyring.
        #[arg(long)]
        secret_file: bool,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// Sync every account (and nothing else).
    Sync {
        #[arg(long)]
        json: bool,
        /// Store what the server holds of each item, without fetching
        /// article pages and pictures.
        #[arg(long)]
        feeds_only: bool,
    },
    Remove {
        id: i64,
    },
}

#[derive(Subcommand)]
enum OpmlAction {
    /// Add the feeds an OPML file names (each checked, a page's feed
    /// found); a file that is not OPML changes nothing.
    Import {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Write the sources as OPML 2.0, sections as folders, to FILE (a new
    /// file: one already there is never replaced) or standard output.
    Export { file: Option<PathBuf> },
}

/// A day (YYYY-MM-DD, UTC) as Unix seconds at its start.
fn day(s: &str) -> Result<i64, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s}: {e} (YYYY-MM-DD)"))
        .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("khabarain: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> khabarain_core::Result<ExitCode> {
    let db = match cli.db {
        Some(p) => p,
        None => default_db_path()?,
    };
    let backups = khabarain_core::bookmark_io::backup::beside(&db);
    let (store, recovery) = open_or_recover(&db, &backups, chrono::Utc::now().timestamp())?;
    if let Some(r) = recovery {
        eprintln!(
            "khabarain: the database could not be read ({}); it was kept as {} and a new one made{}",
            r.reason,
            r.kept_as.display(),
            match (&r.backup, &r.restored) {
                (Some(b), Some(rep)) => format!("; {} bookmarks restored from {b}", rep.added),
                _ => String::new(),
            }
        );
    }
    let store = Arc::new(store);
    match cli.command {
        Command::Sync {
            sources,
            category,
            json,
            feeds_only,
            feed_concurrency,
            page_concurrency,
        } => {
            let site = Site::parse(&cli.base_url)?;
            let options = SyncOptions {
                feed_concurrency,
                page_concurrency,
                full_text: !feeds_only,
                ..SyncOptions::default()
            };
            sync(
                store,
                &db,
                site,
                &sources,
                category.as_deref(),
                json,
                options,
            )
        }
        Command::List {
            category,
            author,
            tag,
            unread,
            bookmarked,
            hidden,
            limit,
            json,
        } => {
            let rows = store.list_articles(&ListFilter {
                category,
                author,
                feed_tag: tag,
                unread_only: unread,
                bookmarked_only: bookmarked,
                hidden,
                limit,
                ..ListFilter::default()
            })?;
            let by = if hidden {
                store.hidden_by(&rows.iter().map(|r| r.id).collect::<Vec<_>>())?
            } else {
                Vec::new()
            };
            if json && hidden {
                print_json(&serde_json::json!({ "articles": rows, "hidden_by": by }));
            } else if json {
                print_json(&rows);
            } else {
                for r in rows {
                    let rule = by.iter().find(|b| b.article_id == r.id);
                    match rule {
                        Some(b) => println!(
                            "{}  — {} by rule {}",
                            render::list_row(&r),
                            b.action.as_str(),
                            b.rule_id
                        ),
                        None => println!("{}", render::list_row(&r)),
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Search {
            query,
            category,
            author,
            tag,
            since,
            until,
            unread,
            bookmarked,
            limit,
            json,
        } => {
            if !store.search_index_current()? {
                eprintln!("khabarain: building the search index (once)…");
                store.rebuild_search_index(500, |p| {
                    eprint!("\r  {} of {} articles", p.done, p.total);
                })?;
                eprintln!();
            }
            // Finished words: none of them is a prefix being typed.
            let rows = store.list_articles(&ListFilter {
                query: Some(format!("{} ", query.join(" "))),
                category,
                author,
                feed_tag: tag,
                since,
                until,
                unread_only: unread,
                bookmarked_only: bookmarked,
                limit,
                ..ListFilter::default()
            })?;
            if json {
                print_json(&rows);
            } else {
                let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
                for r in &rows {
                    println!("{}", render::search_hit(r, tty));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            let a = store.article(id)?;
            if json {
                print_json(&a);
            } else {
                print!("{}", render::article(&a));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sources { json } => {
            let sources = store.sources()?;
            if json {
                print_json(&sources);
            } else {
                for s in sources {
                    println!("{}", render::source(&s));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Opml { action } => opml(&store, action),
        Command::Bookmark { action } => bookmark::run(&store, action),
        Command::Rule { action } => rule::run(&store, action),
        Command::Saved { action } => saved::run(&store, action),
        Command::Account { action } => account(store, &db, &cli.base_url, action),
        Command::Export => {
            let mut offset = 0;
            loop {
                // Every article, the ones the rules hide too.
                let page = store.list_articles(&ListFilter {
                    limit: 500,
                    offset,
                    with_hidden: true,
                    ..ListFilter::default()
                })?;
                for row in &page {
                    let a = store.article(row.id)?;
                    println!("{}", serde_json::to_string(&a).unwrap_or_default());
                }
                if page.len() < 500 {
                    break;
                }
                offset += 500;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn sync(
    store: Arc<Store>,
    db: &std::path::Path,
    site: Site,
    only: &[String],
    category: Option<&str>,
    json: bool,
    mut options: SyncOptions,
) -> khabarain_core::Result<ExitCode> {
    if !only.is_empty() {
        let wanted: Vec<i64> = only
            .iter()
            .map(|u| {
                let url = url::Url::parse(u).map_err(|e| {
                    khabarain_core::Error::InvalidInput(format!("--source {u}: {e}"))
                })?;
                store.ensure_source(url.as_str(), category)
            })
            .collect::<khabarain_core::Result<_>>()?;
        options.only_sources = Some(wanted);
    }
    let restricted = options.only_sources.is_some();
    let secrets = Arc::new(khabarain_core::accounts::secrets::Secrets::beside(db));
    let syncer = Syncer::new(
        store.clone(),
        Fetcher::new(FetchPolicy::default())?,
        site,
        options,
    )?
    .with_secrets(secrets);
    if !restricted {
        syncer.seed_defaults()?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(khabarain_core::Error::Io)?;
    let sink = Arc::new(move |event: SyncEvent| match &event {
        SyncEvent::SourceDone { report, .. } if json => {
            println!("{}", serde_json::to_string(report).unwrap_or_default());
        }
        SyncEvent::SourceDone {
            done,
            total_sources,
            report,
        } => {
            eprintln!("[{done}/{total_sources}] {}", render::source_report(report));
        }
        _ => {}
    });
    let report = runtime.block_on(syncer.sync(sink))?;
    eprintln!(
        "{} new articles, {} of {} sources failed{}",
        report.new_articles,
        report.failed_sources,
        report.sources.len(),
        if report.unreachable {
            " (the site cannot be reached)"
        } else {
            ""
        }
    );
    Ok(if report.unreachable {
        ExitCode::from(3)
    } else if report.failed_sources > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn opml(store: &Store, action: OpmlAction) -> khabarain_core::Result<ExitCode> {
    use khabarain_core::opml;
    match action {
        OpmlAction::Import { file, json } => {
            let text = std::fs::read_to_string(&file)?;
            let fetcher = Fetcher::new(FetchPolicy::default())?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .map_err(khabarain_core::Error::Io)?;
            let report = runtime.block_on(opml::import(&fetcher, store, &text))?;
            if json {
                print_json(&report);
            } else {
                eprintln!(
                    "{} sources added ({} found through their page), {} known already, {} not checked, {} refused",
                    report.added,
                    report.found_feed,
                    report.known,
                    report.unchecked.len(),
                    report.refused.len()
                );
                for p in report.unchecked.iter().chain(&report.refused) {
                    eprintln!("  {}: {}", render::safe(&p.url), render::safe(&p.message));
                }
            }
            Ok(if report.refused.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
        OpmlAction::Export { file } => {
            let created = chrono::Utc::now().to_rfc2822();
            let xml = opml::export(&store.sources()?, &store.categories()?, &created)?;
            match file {
                Some(path) => khabarain_core::export_file::write_named(&path, &xml)?,
                None => print!("{xml}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn account(
    store: Arc<Store>,
    db: &std::path::Path,
    base_url: &str,
    action: AccountAction,
) -> khabarain_core::Result<ExitCode> {
    use khabarain_core::accounts::{self, secrets};
    let secrets = Arc::new(secrets::Secrets::beside(db));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(khabarain_core::Error::Io)?;
    match action {
        AccountAction::Add {
            kind,
            server,
            user,
            secret_file,
        } => {
            let place = if secret_file {
                secrets::Place::File
            } else if let Err(why) = secrets::keyring_status() {
                return Err(khabarain_core::Error::Server {
                    code: secrets::NO_KEYRING,
                    message: format!("no system keyring here ({why}): add --secret-file to keep the password in a file only you can read"),
                });
            } else {
                secrets::Place::Keyring
            };
            let mut secret = String::new();
            std::io::stdin().read_line(&mut secret)?;
            let secret = secret.trim_end_matches(['\r', '\n']);
            let a = runtime.block_on(accounts::add(
                &store, &secrets, &kind, &server, &user, secret, place,
            ))?;
            eprintln!(
                "account {} added: {} at {} (password in the {})",
                a.id,
                render::safe(&a.username),
                render::safe(&a.server_url),
                a.secret_place
            );
            Ok(ExitCode::SUCCESS)
        }
        AccountAction::List { json } => {
            let list = store.accounts()?;
            if json {
                print_json(&list);
            } else {
                for a in list {
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        a.id,
                        a.kind,
                        render::safe(&a.server_url),
                        render::safe(&a.username),
                        a.last_error
                            .as_deref()
                            .map(render::safe)
                            .unwrap_or_else(|| "ok".into())
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        AccountAction::Sync { json, feeds_only } => {
            let site = Site::parse(base_url)?;
            let options = SyncOptions {
                full_text: !feeds_only,
                ..SyncOptions::default()
            };
            let syncer = Syncer::new(
                store.clone(),
                Fetcher::new(FetchPolicy::default())?,
                site,
                options,
            )?;
            let mut failed = false;
            for a in store.accounts()? {
                match runtime.block_on(accounts::sync(&syncer, &secrets, &a)) {
                    Ok(r) if json => println!("{}", serde_json::to_string(&r).unwrap_or_default()),
                    Ok(r) => eprintln!(
                        "account {}: {} new articles, {} changes sent, {} marks applied, {} requests",
                        a.id, r.new_articles, r.sent, r.flags_applied, r.requests
                    ),
                    Err(e) => {
                        failed = true;
                        eprintln!("account {}: {}", a.id, render::safe(&e.to_string()));
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        AccountAction::Remove { id } => {
            accounts::remove(&store, &secrets, id)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub(crate) fn print_json<T: serde::Serialize>(value: &T) {
    println!(
        "{}",
        serde_json::to_string_pretty(value).unwrap_or_default()
    );
}

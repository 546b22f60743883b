//! The Tauri shell of Khabarain Reader: start-up, commands, the image
//! scheme. All I/O, parsing and storage live in `khabarain-core`.

mod accounts;
mod alerts;
mod auto_sync;
mod bookmarks;
mod commands;
mod error;
mod fatal;
mod first_show;
mod image_scheme;
mod main_window;
mod opml;
mod options;
mod read_aloud;
mod rules;
mod search_index;
mod state;
mod tray;
#[cfg(feature = "updater")]
mod updates;
mod webview_runtime;
mod zoom;

use std::sync::Arc;

use khabarain_core::fetch::{FetchPolicy, Fetcher};
use khabarain_core::store::recovery::open_or_recover;
use khabarain_core::sync::{SyncOptions, Syncer};
use tauri::Manager;

use state::AppState;

pub fn run() {
    let started = std::time::Instant::now();
    software_rendering_by_default();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,html5ever=off,selectors=off".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    let opts = match options::parse(std::env::args()) {
        Ok(o) => o,
        Err(e) => fatal::exit(2, &e.to_string()),
    };
    webview_runtime::ensure();
    let state = match open_state(&opts, started) {
        Ok(s) => s,
        Err(e) => fatal::exit(1, &format!("cannot open {}: {e}", opts.db_path.display())),
    };
    tracing::info!(db = %opts.db_path.display(), site = %opts.site.base_url, "starting");
    let sync_on_start = opts.sync_on_start;

    let builder = tauri::Builder::default()
        // First, so that a second launch on the same database hands over to
        // the window already open before it does anything else.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(options::instance_id(&opts.db_path))
                .callback(|app, _args, _cwd| {
                    tracing::info!("launched again; showing the open window");
                    focus_main_window(app)
                })
                .build(),
        )
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_notification::init())
        // The login item starts this database in the tray.
        .plugin(
            tauri_plugin_autostart::Builder::new()
                .args(options::login_args(&opts.db_path))
                .build(),
        )
        // Size, position and maximised state come back as the user left them.
        // Not its visibility: the window shows itself (first_show.rs).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(
                    tauri_plugin_window_state::StateFlags::all()
                        - tauri_plugin_window_state::StateFlags::VISIBLE,
                )
                .build(),
        );
    #[cfg(feature = "updater")]
    let builder = builder.plugin(tauri_plugin_updater::Builder::new().build());
    let result = builder
        .register_asynchronous_uri_scheme_protocol(image_scheme::SCHEME, image_scheme::handle)
        .manage(state)
        .manage(tray::Tray::default())
        .manage(read_aloud::Speaker::default())
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::Destroyed = event {
                read_aloud::on_exit(window.app_handle());
            }
            // With the tray on, closing the window keeps the app (and its
            // syncs and notifications) running.
            if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                if tray::is_on(window.app_handle()) {
                    api.prevent_close();
                    let _ = window.hide();
                }
            }
        })
        .on_page_load(first_show::on_page_load)
        .setup(move |app| {
            main_window::create(app.handle())?;
            first_show::at_the_latest(app.handle().clone());
            alerts::on_click(app.handle());
            tray::apply(app.handle());
            auto_sync::spawn(app.handle().clone());
            bookmarks::Backups::spawn(app.handle().clone());
            search_index::spawn(app.handle().clone());
            #[cfg(feature = "updater")]
            updates::check_in_background(app.handle().clone());
            if sync_on_start {
                let handle = app.handle().clone();
                let state = app.state::<AppState>();
                let (syncer, last) = (state.syncer.clone(), state.last_report.clone());
                tauri::async_runtime::spawn(async move {
                    if let Err(e) = commands::run_sync(handle, syncer, last).await {
                        tracing::warn!(?e, "sync on start failed");
                    }
                });
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::milestone,
            commands::categories,
            commands::sources,
            commands::list_articles,
            commands::count_articles,
            commands::list_position,
            commands::get_article,
            commands::set_read,
            bookmarks::set_bookmark,
            bookmarks::restore_bookmark,
            bookmarks::annotate_bookmark,
            bookmarks::bookmark_tags,
            bookmarks::export_bookmarks,
            bookmarks::show_export_folder,
            bookmarks::import_bookmarks,
            bookmarks::backups,
            bookmarks::restore_backup,
            commands::add_source,
            commands::set_source_enabled,
            commands::remove_source,
            opml::import_opml,
            accounts::accounts,
            accounts::test_account,
            accounts::add_account,
            accounts::remove_account,
            accounts::restore_removed_bookmark,
            accounts::set_account_secret,
            opml::export_opml,
            commands::mark_all_read,
            commands::mark_unread,
            commands::set_reading_position,
            commands::sync_now,
            commands::get_prefs,
            commands::set_pref,
            commands::cancel_sync,
            commands::sync_interval,
            commands::set_sync_interval,
            commands::retention,
            commands::set_retention,
            commands::share_links,
            commands::copy_link,
            commands::open_external,
            alerts::alert_settings,
            alerts::set_alert_settings,
            rules::rules,
            rules::preview_rule,
            rules::byline_names,
            rules::add_rule,
            rules::update_rule,
            rules::undo_rule,
            rules::remove_rule,
            rules::hidden_by,
            rules::show_again,
            rules::hide_again,
            rules::saved_searches,
            rules::save_search,
            rules::remove_saved_search,
            rules::export_rules,
            rules::import_rules,
            tray::background,
            tray::set_background,
            read_aloud::speech_status,
            read_aloud::speech_start,
            read_aloud::speech_pause,
            read_aloud::speech_stop,
            read_aloud::speech_rate,
            zoom::set_zoom,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        fatal::exit(1, &e.to_string());
    }
}

/// A page of text needs no GPU compositing, and on Linux WebKitGTK's
/// compositing loads a GL stack into two processes: under a software GL
/// (Mesa's llvmpipe) that is about 95 MiB more and a slower start (measured
/// by scripts/bench-ui.sh). Off unless the user sets
/// WEBKIT_DISABLE_COMPOSITING_MODE themselves, or KHABARAIN_GPU=1.
fn software_rendering_by_default() {
    #[cfg(target_os = "linux")]
    {
        const WEBKIT: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
        if std::env::var_os(WEBKIT).is_none() && std::env::var_os("KHABARAIN_GPU").is_none() {
            // Still one thread: nothing else reads the environment yet.
            std::env::set_var(WEBKIT, "1");
        }
    }
}

/// Another launch on this database, or a click on a notification: bring
/// the open window to the front.
pub(crate) fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(w) = app.get_webview_window(main_window::LABEL) {
        let _ = w.unminimize();
        let _ = w.show();
        let _ = w.set_focus();
    }
}

fn open_state(
    opts: &options::Options,
    started: std::time::Instant,
) -> khabarain_core::Result<AppState> {
    let backups = khabarain_core::bookmark_io::backup::beside(&opts.db_path);
    let (store, recovery) =
        open_or_recover(&opts.db_path, &backups, chrono::Utc::now().timestamp())?;
    let start_hidden = opts.background && store.tray_enabled()?;
    let store = Arc::new(store);
    let fetcher = Fetcher::new(FetchPolicy::default())?;
    let secrets = Arc::new(khabarain_core::accounts::secrets::Secrets::beside(
        &opts.db_path,
    ));
    let syncer = Arc::new(
        Syncer::new(
            store.clone(),
            fetcher.clone(),
            opts.site.clone(),
            SyncOptions::default(),
        )?
        .with_secrets(secrets.clone()),
    );
    syncer.seed_defaults()?;
    Ok(AppState {
        store,
        syncer,
        secrets,
        db_path: opts.db_path.clone(),
        fetcher,
        last_report: Default::default(),
        started,
        backups: bookmarks::Backups::new(backups),
        recovery,
        bench_open: opts.bench_open,
        start_hidden,
    })
}

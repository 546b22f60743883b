//! The tray (notification-area) icon, when the reader turned it on: the app
//! then keeps running, and syncing, with its window closed. Its menu: the
//! unread count, sync now, open, quit. Off by default; on Linux it is an
//! AppIndicator (StatusNotifierItem) through libayatana-appindicator.

use std::sync::Mutex;

use khabarain_core::store::ListFilter;
use tauri::menu::{Menu, MenuItem, PredefinedMenuItem};
use tauri::tray::{TrayIcon, TrayIconBuilder};
use tauri::{AppHandle, Manager};

use crate::state::AppState;

const TRAY_ID: &str = "main";

/// The tray's parts that change after it is made.
struct Parts {
    tray: TrayIcon,
    unread: MenuItem<tauri::Wry>,
}

#[derive(Default)]
pub struct Tray(Mutex<Option<Parts>>);

/// The menu's words in the window's language.
struct Words {
    english: bool,
    arabic_digits: bool,
}

impl Words {
    fn of(app: &AppHandle) -> Self {
        let state = app.state::<AppState>();
        let pref = |key: &str| state.store.setting(key).ok().flatten();
        Self {
            english: pref("ui.language").as_deref() == Some("en"),
            arabic_digits: pref("ui.numerals").as_deref() == Some("arab"),
        }
    }
    fn pick(&self, ar: &'static str, en: &'static str) -> &'static str {
        if self.english {
            en
        } else {
            ar
        }
    }
    fn unread(&self, n: i64) -> String {
        let n = khabarain_core::alerts::number(n, self.arabic_digits);
        if self.english {
            format!("Unread: {n}")
        } else {
            format!("غير مقروء: {n}")
        }
    }
}

fn unread_count(app: &AppHandle) -> i64 {
    let filter = ListFilter {
        unread_only: true,
        ..ListFilter::default()
    };
    app.state::<AppState>()
        .store
        .count_articles(&filter)
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "cannot count unread articles");
            0
        })
}

/// Whether closing the window keeps the app running.
pub fn is_on(app: &AppHandle) -> bool {
    app.state::<Tray>()
        .0
        .lock()
        .map(|p| p.is_some())
        .unwrap_or(false)
}

/// Makes or removes the tray icon to match the reader's setting. The lock
/// is never held while the tray is made or changed: that work runs on the
/// main thread, which takes the lock itself when the window is closed.
pub fn apply(app: &AppHandle) {
    let on = app
        .state::<AppState>()
        .store
        .tray_enabled()
        .unwrap_or(false);
    let tray = app.state::<Tray>();
    match (on, is_on(app)) {
        (true, false) if !available() => {
            tracing::warn!("no AppIndicator library: the tray icon cannot be shown");
        }
        (true, false) => match build(app) {
            Ok(p) => {
                if let Ok(mut parts) = tray.0.lock() {
                    *parts = Some(p);
                }
                tracing::info!("tray icon shown");
            }
            Err(e) => tracing::warn!(error = %e, "cannot show the tray icon"),
        },
        (false, true) => {
            let old = tray.0.lock().ok().and_then(|mut p| p.take());
            drop(old);
            let _ = app.remove_tray_by_id(TRAY_ID);
            tracing::info!("tray icon removed");
        }
        _ => {}
    }
}

/// On Linux the tray is an AppIndicator, and tray-icon panics (which ends
/// a release build) when neither library is installed: looked for first.
#[cfg(target_os = "linux")]
pub fn available() -> bool {
    ["libayatana-appindicator3.so.1", "libappindicator3.so.1"]
        .iter()
        // SAFETY: loading a system library runs its initialisers; these
        // are the libraries tray-icon itself loads.
        .any(|name| unsafe { libloading::Library::new(name) }.is_ok())
}

#[cfg(not(target_os = "linux"))]
pub fn available() -> bool {
    true
}

fn build(app: &AppHandle) -> tauri::Result<Parts> {
    let w = Words::of(app);
    let unread = MenuItem::with_id(
        app,
        "unread",
        w.unread(unread_count(app)),
        false,
        None::<&str>,
    )?;
    let sync = MenuItem::with_id(
        app,
        "sync",
        w.pick("مزامنة الآن", "Sync now"),
        true,
        None::<&str>,
    )?;
    let open = MenuItem::with_id(
        app,
        "open",
        w.pick("فتح قارئ خبرين", "Open Khabarain Reader"),
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(app, "quit", w.pick("إنهاء", "Quit"), true, None::<&str>)?;
    let menu = Menu::with_items(
        app,
        &[
            &unread,
            &PredefinedMenuItem::separator(app)?,
            &sync,
            &open,
            &PredefinedMenuItem::separator(app)?,
            &quit,
        ],
    )?;
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip(w.pick("قارئ خبرين", "Khabarain Reader"))
        .menu(&menu)
        .on_menu_event(|app, event| match event.id.as_ref() {
            "sync" => sync_now(app),
            "open" => crate::focus_main_window(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    let tray = builder.build(app)?;
    Ok(Parts { tray, unread })
}

fn sync_now(app: &AppHandle) {
    let state = app.state::<AppState>();
    if state.syncer.is_running() {
        return;
    }
    let (app, syncer, last) = (app.clone(), state.syncer.clone(), state.last_report.clone());
    tauri::async_runtime::spawn(async move {
        tracing::info!("sync from the tray");
        if let Err(e) = crate::commands::run_sync(app, syncer, last).await {
            tracing::warn!(?e, "sync from the tray failed");
        }
    });
}

/// The unread count in the menu and the tooltip, after a sync or a change
/// of read marks.
pub fn refresh(app: &AppHandle) {
    let parts = app
        .state::<Tray>()
        .0
        .lock()
        .ok()
        .and_then(|p| p.as_ref().map(|p| (p.tray.clone(), p.unread.clone())));
    let Some((tray, unread)) = parts else {
        return;
    };
    let w = Words::of(app);
    let n = unread_count(app);
    let _ = unread.set_text(w.unread(n));
    let title = w.pick("قارئ خبرين", "Khabarain Reader");
    let _ = tray.set_tooltip(Some(format!("{title} — {}", w.unread(n))));
}

#[derive(serde::Serialize, serde::Deserialize)]
pub struct Background {
    /// Stay in the tray with the window closed.
    pub tray: bool,
    /// Start at login (in the tray when it is on).
    pub autostart: bool,
}

#[tauri::command]
pub fn background(app: AppHandle) -> crate::error::CmdResult<Background> {
    use tauri_plugin_autostart::ManagerExt;
    let state = app.state::<AppState>();
    Ok(Background {
        tray: state.store.tray_enabled()?,
        autostart: app.autolaunch().is_enabled().unwrap_or(false),
    })
}

#[tauri::command]
pub fn set_background(app: AppHandle, settings: Background) -> crate::error::CmdResult<()> {
    use tauri_plugin_autostart::ManagerExt;
    if settings.tray && !available() {
        return Err(crate::error::CommandError {
            code: "tray_unavailable",
            message: "neither libayatana-appindicator3 nor libappindicator3 is installed".into(),
        });
    }
    app.state::<AppState>()
        .store
        .set_tray_enabled(settings.tray)?;
    apply(&app);
    let launcher = app.autolaunch();
    let done = if settings.autostart {
        launcher.enable()
    } else {
        launcher.disable()
    };
    done.map_err(|e| crate::error::CommandError {
        code: "autostart",
        message: e.to_string(),
    })?;
    Ok(())
}

//! The window is shown once its page has begun loading, not before. On
//! Linux, WebKitGTK without GPU compositing paints a shown window from the
//! web process's backing store, and the first paint waits for it, up to
//! 500 ms, holding the window's thread: a window mapped while the web
//! process is still starting paid that whole wait in about half of all
//! starts (first list at ~850 ms instead of ~350 ms; measured by
//! scripts/bench-ui.sh, see the README). Shown when the navigation has
//! started, the web process is up and answers at once.

use std::time::Duration;

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Runtime, Webview};

/// A page that never starts loading still gets its window.
const AT_THE_LATEST: Duration = Duration::from_secs(3);

fn show<R: Runtime>(app: &AppHandle<R>) {
    if app.state::<crate::state::AppState>().start_hidden {
        return;
    }
    if let Some(w) = app.get_webview_window(crate::main_window::LABEL) {
        if !w.is_visible().unwrap_or(true) {
            let _ = w.show();
            let _ = w.set_focus();
        }
    }
}

pub fn on_page_load<R: Runtime>(webview: &Webview<R>, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Started {
        show(webview.app_handle());
    }
}

pub fn at_the_latest<R: Runtime>(app: AppHandle<R>) {
    std::thread::spawn(move || {
        std::thread::sleep(AT_THE_LATEST);
        let handle = app.clone();
        let _ = app.run_on_main_thread(move || show(&handle));
    });
}

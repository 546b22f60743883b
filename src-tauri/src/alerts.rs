//! Breaking news as system notifications: after each sync the store says
//! which new items the reader wants to be told about (each once), and they
//! are shown through the notification plugin; a click on one opens its
//! article in the window.

use khabarain_core::alerts::{notices, AlertSettings, Notice, Wording};
use tauri::{AppHandle, Emitter, Manager};
use tauri_plugin_notification::NotificationExt;

use crate::error::CmdResult;
use crate::state::AppState;

/// The window opens this article (payload: its id).
pub const OPEN_EVENT: &str = "alerts://open";
/// What a notification carries, so that a click knows what it was.
const ARTICLE: &str = "article";

/// Clicks on the app's notifications: the window comes to the front and,
/// for one item's notification, opens it.
pub fn on_click(app: &AppHandle) {
    let handle = app.clone();
    let registered = app.notification().on_action(move |action| {
        if action.action_id() != "tap" {
            return;
        }
        crate::focus_main_window(&handle);
        let article = action
            .notification()
            .and_then(|n| n.extra().get(ARTICLE))
            .and_then(serde_json::Value::as_i64);
        if let Some(id) = article {
            tracing::info!(id, "notification clicked");
            if let Err(e) = handle.emit(OPEN_EVENT, id) {
                tracing::warn!(error = %e, "could not ask the window to open the article");
            }
        }
    });
    if let Err(e) = registered {
        tracing::warn!(error = %e, "notification clicks will not open articles");
    }
}

/// After a sync: tells the reader about what it brought, as they chose.
pub fn after_sync(app: &AppHandle) {
    let state = app.state::<AppState>();
    let now = chrono::Local::now();
    let minute = {
        use chrono::Timelike;
        (now.hour() * 60 + now.minute()) as u16
    };
    let pass = match state.store.take_alerts(now.timestamp(), minute) {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the items to notify");
            return;
        }
    };
    if pass.quiet > 0 {
        tracing::info!(items = pass.quiet, "quiet hours: not notified");
    }
    let wording = wording(&state);
    for notice in notices(pass.alerts, wording) {
        let builder = app.notification().builder();
        let shown = match notice {
            Notice::One(alert) => {
                tracing::info!(id = alert.article_id, urgent = alert.urgent, "notifying");
                let section = alert.section.unwrap_or_else(|| {
                    if wording.english {
                        "Khabarain"
                    } else {
                        "خبرين"
                    }
                    .into()
                });
                let builder = builder
                    .title(alert.title)
                    .body(section)
                    .extra(ARTICLE, alert.article_id);
                // The plugin's own id is an i32; the article travels in `extra`.
                match i32::try_from(alert.article_id) {
                    Ok(id) => builder.id(id).show(),
                    Err(_) => builder.show(),
                }
            }
            Notice::Summary { title, body, count } => {
                tracing::info!(count, "notifying a summary");
                builder.title(title).body(body).show()
            }
        };
        if let Err(e) = shown {
            tracing::warn!(error = %e, "could not show a notification");
        }
    }
}

/// The window's language and digits (its `ui.` preferences).
fn wording(state: &AppState) -> Wording {
    let pref = |key: &str| state.store.setting(key).ok().flatten();
    Wording {
        english: pref("ui.language").as_deref() == Some("en"),
        arabic_digits: pref("ui.numerals").as_deref() == Some("arab"),
    }
}

#[tauri::command]
pub fn alert_settings(state: tauri::State<'_, AppState>) -> CmdResult<AlertSettings> {
    Ok(state.store.alert_settings()?)
}

#[tauri::command]
pub fn set_alert_settings(
    state: tauri::State<'_, AppState>,
    settings: AlertSettings,
) -> CmdResult<()> {
    Ok(state.store.set_alert_settings(&settings)?)
}

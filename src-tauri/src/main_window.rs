//! The main window, made here rather than from tauri.conf.json (where it is
//! `"create": false`) so that its webview gets two guards no configuration
//! can give: it never opens a second webview window (a middle-click, a
//! `target=_blank` link or `window.open`), and it never leaves the app's own
//! pages. Whatever it was asked to open goes to the system browser instead,
//! through the same checks as the open-in-browser command.

use tauri::webview::{NewWindowResponse, WebviewWindowBuilder};
use tauri::{AppHandle, Runtime, Url};
use tauri_plugin_opener::OpenerExt;

use crate::error::{CmdResult, CommandError};

pub const LABEL: &str = "main";

/// Makes the main window from its configuration, with the guards.
pub fn create<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let Some(config) = app.config().app.windows.iter().find(|w| w.label == LABEL) else {
        return Err(tauri::Error::WindowNotFound);
    };
    let config = config.clone();
    let (for_navigation, for_new_window) = (app.clone(), app.clone());
    WebviewWindowBuilder::from_config(app, &config)?
        .on_navigation(move |url| {
            if is_app_page(url) {
                return true;
            }
            hand_over(&for_navigation, url.as_str());
            false
        })
        .on_new_window(move |url, _features| {
            hand_over(&for_new_window, url.as_str());
            NewWindowResponse::Deny
        })
        .build()?;
    Ok(())
}

/// The app's own pages: the bundle as each platform's webview serves it
/// (tauri://localhost on Linux and macOS, http(s)://tauri.localhost on
/// Windows). Anything else is somebody else's page.
fn is_app_page(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" => url.host_str() == Some("tauri.localhost"),
        _ => false,
    }
}

fn hand_over<R: Runtime>(app: &AppHandle<R>, url: &str) {
    match open(app, url) {
        Ok(()) => tracing::info!(%url, "handed to the system browser"),
        Err(e) => tracing::warn!(%url, error = %e.message, "not opened"),
    }
}

/// The link as it may leave the app: http(s) as it is, a mail link with
/// only its addresses, subject and body; nothing else (never a file path
/// or another program's scheme).
pub fn outgoing(url: &str) -> CmdResult<String> {
    if url.len() > 8192 {
        return Err(CommandError::invalid("link too long"));
    }
    let parsed = Url::parse(url).map_err(|e| CommandError::invalid(format!("bad link: {e}")))?;
    match parsed.scheme() {
        "http" | "https" => Ok(parsed.to_string()),
        "mailto" => khabarain_core::mailto::tidy(parsed.as_str())
            .ok_or_else(|| CommandError::invalid("bad mail link")),
        other => Err(CommandError::invalid(format!("refusing to open {other}"))),
    }
}

/// Opens a link in the system browser or mail client, if it may leave.
pub fn open<R: Runtime>(app: &AppHandle<R>, url: &str) -> CmdResult<()> {
    let link = outgoing(url)?;
    app.opener()
        .open_url(link, None::<&str>)
        .map_err(|e| CommandError {
            code: "open",
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_bundle_is_the_apps_own() {
        for own in [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "http://tauri.localhost/",
            "https://tauri.localhost/x",
        ] {
            assert!(is_app_page(&Url::parse(own).unwrap()), "{own}");
        }
        for other in [
            "https://example.com/",
            "http://localhost:8080/",
            "http://tauri.localhost.example.com/",
            "tauri://evil/",
            "file:///etc/passwd",
            "about:blank",
            "data:text/html,<script>1</script>",
            "kimg://localhost/abc",
        ] {
            assert!(!is_app_page(&Url::parse(other).unwrap()), "{other}");
        }
    }

    #[test]
    fn only_web_and_mail_links_leave() {
        assert_eq!(
            outgoing("https://example.com/a?b=1").unwrap(),
            "https://example.com/a?b=1"
        );
        assert_eq!(
            outgoing("mailto:a@example.com?subject=Hi&attach=/etc/passwd").unwrap(),
            "mailto:a@example.com?subject=Hi"
        );
        for refused in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "smb://host/share",
            "not a link",
        ] {
            assert_eq!(
                outgoing(refused).unwrap_err().code,
                "invalid_input",
                "{refused}"
            );
        }
        assert!(outgoing(&format!("https://example.com/{}", "a".repeat(9000))).is_err());
    }
}

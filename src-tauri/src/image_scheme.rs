//! `kimg://localhost/<sha256>`: cached images served from the database, so
//! the reading view shows pictures with the network off and never asks the
//! network for one.

use tauri::http::{header, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub const SCHEME: &str = "kimg";

pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().trim_matches('/').to_string();
    // Lookups touch SQLite; keep them off the webview's thread.
    tauri::async_runtime::spawn_blocking(move || {
        responder.respond(respond(&app, &path));
    });
}

fn respond<R: Runtime>(app: &tauri::AppHandle<R>, hash: &str) -> Response<Vec<u8>> {
    let plain = |status: StatusCode| {
        Response::builder()
            .status(status)
            .body(Vec::new())
            .unwrap_or_default()
    };
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return plain(StatusCode::BAD_REQUEST);
    }
    let state = app.state::<AppState>();
    match state.store.image(hash) {
        Ok(Some(img)) => Response::builder()
            .status(StatusCode::OK)
            .header(header::CONTENT_TYPE, img.mime)
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .header("X-Content-Type-Options", "nosniff")
            .body(img.bytes)
            .unwrap_or_default(),
        Ok(None) => plain(StatusCode::NOT_FOUND),
        Err(e) => {
            tracing::warn!(error = %e, "image lookup failed");
            plain(StatusCode::INTERNAL_SERVER_ERROR)
        }
    }
}

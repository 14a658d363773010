//! `thumb://localhost/<asset id>/<grid|preview|strip>`: rendered pictures served by asset id,
//! never by a path the page names. Files are read off the UI thread.

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

pub fn thumb<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        responder.respond(picture(&state, &path));
    });
}

fn picture(state: &AppState, path: &str) -> Response<Vec<u8>> {
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (Some(id), Some(variant)) = (parts.next().and_then(|i| i.parse::<i64>().ok()), parts.next()) else {
        return status(StatusCode::BAD_REQUEST);
    };
    let file = {
        let library = state.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        library.picture(id, variant)
    };
    match file.map(std::fs::read) {
        Ok(Ok(bytes)) => Response::builder()
            .header(header::CONTENT_TYPE, "image/jpeg")
            // Pictures are keyed by content: an asset's picture changes only with its content.
            .header(header::CACHE_CONTROL, "max-age=3600")
            .body(bytes)
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)),
        Ok(Err(_)) | Err(_) => status(StatusCode::NOT_FOUND),
    }
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response
}

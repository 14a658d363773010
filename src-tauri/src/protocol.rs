//! Custom protocols, keyed by asset id, never by a path the page names; files are read off
//! the UI thread.
//! - `thumb://localhost/<id>/<grid|preview|strip>`: rendered pictures.
//! - `media://localhost/<id>`: the film or sound the webview plays (its proxy, else the
//!   original) in byte ranges as players ask for them, or a photo's original for 100%.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The most one range answer reads: players ask for open-ended ranges of whole films.
const MAX_CHUNK: u64 = 4 << 20;
/// Where the app's page comes from (Linux and macOS; Windows).
const APP_ORIGINS: [&str; 3] = ["tauri://localhost", "http://tauri.localhost", "https://tauri.localhost"];
/// The largest file answered whole. WebKitGTK's player refuses custom schemes, so the page
/// fetches a film whole and plays it from a blob: a proxy of half an hour fits.
const MAX_WHOLE: u64 = 512 << 20;

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
    let file = state.library().picture(id, variant);
    match file.map(std::fs::read) {
        Ok(Ok(bytes)) => Response::builder()
            .header(header::CONTENT_TYPE, "image/jpeg")
            // The page names pictures with the asset's content hash in the query, so a cached one
            // is never shown for other content (another library, a changed file).
            .header(header::CACHE_CONTROL, "max-age=3600")
            .body(bytes)
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)),
        Ok(Err(_)) | Err(_) => status(StatusCode::NOT_FOUND),
    }
}

pub fn media<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>, responder: UriSchemeResponder) {
    let app = ctx.app_handle().clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let id = request.uri().path().trim_matches('/').parse::<i64>();
        let file = match id {
            Ok(id) => state.library().viewable(id),
            Err(_) => return responder.respond(status(StatusCode::BAD_REQUEST)),
        };
        let range = request.headers().get(header::RANGE).and_then(|r| r.to_str().ok()).map(str::to_owned);
        let mut response = match file {
            Ok(path) => ranged(&path, range.as_deref()).unwrap_or_else(|_| status(StatusCode::NOT_FOUND)),
            Err(_) => status(StatusCode::NOT_FOUND),
        };
        // The page reads films with fetch; only the app's own origin may.
        let origin = request.headers().get(header::ORIGIN).cloned();
        if let Some(origin) = origin.filter(|o| APP_ORIGINS.iter().any(|a| o.as_bytes() == a.as_bytes())) {
            response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
        responder.respond(response);
    });
}

/// The bytes of `path` a `Range: bytes=a-b` header asks for (at most `MAX_CHUNK`), or the
/// whole file when no range is asked.
fn ranged(path: &Path, range: Option<&str>) -> std::io::Result<Response<Vec<u8>>> {
    let mut file = File::open(path)?;
    let size = file.metadata()?.len();
    let Some(range) = range else { return whole(file, path, size) };
    let Some((start, end)) = parse_range(range, size) else {
        return Ok(Response::builder()
            .status(StatusCode::RANGE_NOT_SATISFIABLE)
            .header(header::CONTENT_RANGE, format!("bytes */{size}"))
            .body(Vec::new())
            .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)));
    };
    let end = end.min(start + MAX_CHUNK - 1);
    let mut bytes = Vec::with_capacity((end + 1 - start) as usize);
    file.seek(SeekFrom::Start(start))?;
    file.take(end + 1 - start).read_to_end(&mut bytes)?;
    if bytes.is_empty() {
        // The file shrank since it was measured.
        return Ok(status(StatusCode::RANGE_NOT_SATISFIABLE));
    }
    Ok(Response::builder()
        .status(StatusCode::PARTIAL_CONTENT)
        .header(header::CONTENT_TYPE, content_type(path))
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_RANGE, format!("bytes {start}-{}/{size}", start + bytes.len() as u64 - 1))
        .header(header::CONTENT_LENGTH, bytes.len())
        .body(bytes)
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)))
}

fn whole(mut file: File, path: &Path, size: u64) -> std::io::Result<Response<Vec<u8>>> {
    if size > MAX_WHOLE {
        return Ok(status(StatusCode::PAYLOAD_TOO_LARGE));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.read_to_end(&mut bytes)?;
    Ok(Response::builder()
        .header(header::CONTENT_TYPE, content_type(path))
        .header(header::CONTENT_LENGTH, bytes.len())
        .header(header::ACCEPT_RANGES, "bytes")
        .body(bytes)
        .unwrap_or_else(|_| status(StatusCode::INTERNAL_SERVER_ERROR)))
}

/// `bytes=a-b`, `bytes=a-` or `bytes=-n` within a file of `size` bytes.
fn parse_range(header: &str, size: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?.split(',').next()?.trim();
    let (a, b) = spec.split_once('-')?;
    let (start, end) = match (a.trim(), b.trim()) {
        ("", n) => (size.checked_sub(n.parse().ok()?)?, size.checked_sub(1)?),
        (a, "") => (a.parse().ok()?, size.checked_sub(1)?),
        (a, b) => (a.parse().ok()?, b.parse::<u64>().ok()?.min(size.checked_sub(1)?)),
    };
    (start <= end && start < size).then_some((start, end))
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("mp4" | "m4v") => "video/mp4",
        Some("mov") => "video/quicktime",
        Some("webm") => "video/webm",
        Some("mkv") => "video/x-matroska",
        Some("m4a") => "audio/mp4",
        Some("mp3") => "audio/mpeg",
        Some("wav") => "audio/wav",
        Some("ogg" | "oga") => "audio/ogg",
        Some("flac") => "audio/flac",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    }
}

fn status(code: StatusCode) -> Response<Vec<u8>> {
    let mut response = Response::new(Vec::new());
    *response.status_mut() = code;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_clamped_to_the_file() {
        assert_eq!(parse_range("bytes=0-", 100), Some((0, 99)));
        assert_eq!(parse_range("bytes=10-19", 100), Some((10, 19)));
        assert_eq!(parse_range("bytes=90-500", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=-10", 100), Some((90, 99)));
        assert_eq!(parse_range("bytes=100-", 100), None);
        assert_eq!(parse_range("bytes=5-1", 100), None);
        assert_eq!(parse_range("bytes=-200", 100), None);
        assert_eq!(parse_range("items=0-1", 100), None);
        assert_eq!(parse_range("bytes=0-", 0), None);
    }
}

//! Subtitle tracks and translation status. Each command is a short call into the core.

use mediadesk::catalog::subtitle_tracks::{SubtitleTrack, TrackSummary};
use mediadesk::subtitles::{CheckReport, DEFAULT_PROFILE};
use mediadesk::translation::{Change, HistoryEntry, Matrix, MatrixFilter, Part, Translation};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn subtitle_tracks(asset: i64, state: State<'_, AppState>) -> Result<Vec<TrackSummary>, UiError> {
    Ok(state.library().subtitle_tracks(&asset.to_string())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn subtitle_track(asset: i64, lang: String, state: State<'_, AppState>) -> Result<SubtitleTrack, UiError> {
    Ok(state.library().subtitle_track(&asset.to_string(), &lang)?)
}

/// The checks' findings on a track (with the default profile unless one is named).
#[tauri::command(async)]
#[specta::specta]
pub fn check_subtitles(
    asset: i64,
    lang: String,
    profile: Option<String>,
    state: State<'_, AppState>,
) -> Result<CheckReport, UiError> {
    let profile = profile.unwrap_or_else(|| DEFAULT_PROFILE.to_owned());
    Ok(state.library().check_subtitles(&asset.to_string(), &lang, &profile)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn translation_matrix(filter: MatrixFilter, state: State<'_, AppState>) -> Result<Matrix, UiError> {
    Ok(state.library().translation_matrix(&filter, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_translation(
    item: String,
    part: Part,
    lang: String,
    change: Change,
    state: State<'_, AppState>,
) -> Result<Translation, UiError> {
    Ok(state.library().set_translation(&item, part, &lang, &change, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn translation_history(
    item: String,
    part: Part,
    lang: String,
    state: State<'_, AppState>,
) -> Result<Vec<HistoryEntry>, UiError> {
    Ok(state.library().translation_history(&item, part, &lang)?)
}

//! A film's shot list: shown beside the film, imported from an editor's CSV, written out.

use std::path::PathBuf;

use mediadesk::shotlist::{ShotsImport, TimedShot};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn shots(asset: i64, state: State<'_, AppState>) -> Result<Vec<TimedShot>, UiError> {
    Ok(state.library().shots(&asset.to_string())?)
}

/// Replaces the shot list with a CSV's (chosen in the page's dialog).
#[tauri::command(async)]
#[specta::specta]
pub fn import_shots(asset: i64, path: PathBuf, state: State<'_, AppState>) -> Result<ShotsImport, UiError> {
    Ok(state.library().import_shots(&asset.to_string(), &path)?)
}

/// Writes the shot list as CSV or PDF (to where the page's save dialog said), in `languages`.
#[tauri::command(async)]
#[specta::specta]
pub fn export_shot_list(
    asset: i64,
    languages: Vec<String>,
    format: String,
    path: PathBuf,
    state: State<'_, AppState>,
) -> Result<(), UiError> {
    let bytes = state.library().shot_list(&asset.to_string(), &languages, &format)?;
    std::fs::write(&path, bytes).map_err(|e| mediadesk::Error::io(&path, e))?;
    Ok(())
}

//! Finding, reading and editing assets. Each command is a short call into the core.

use mediadesk::catalog::{Asset, AssetEdit, AssetSummary, Reverted, SearchQuery};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// The ids of the matching assets, in order: the grid asks for the summaries of the rows it
/// shows (`asset_summaries`), so 100,000 matches cost 100,000 numbers, not 100,000 records.
/// Without a limit, a search's results are the best 100,000.
// Off the UI thread: a search over 100,000 or an fsync must not freeze the window.
#[tauri::command(async)]
#[specta::specta]
pub fn find_assets(find: SearchQuery, state: State<'_, AppState>) -> Result<Vec<i64>, UiError> {
    let query = SearchQuery { limit: find.limit.or(Some(100_000)), ..find };
    Ok(state.library().search_ids(&query)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn asset_summaries(ids: Vec<i64>, state: State<'_, AppState>) -> Result<Vec<AssetSummary>, UiError> {
    Ok(state.library().summaries(&ids)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn get_asset(id: i64, state: State<'_, AppState>) -> Result<Asset, UiError> {
    Ok(state.library().asset(id)?)
}

/// Makes the edits as one undoable change; returns its number (`null` when nothing changed).
/// Lowering a classification needs a `reason`.
#[tauri::command(async)]
#[specta::specta]
pub fn edit_assets(
    edits: Vec<AssetEdit>,
    reason: Option<String>,
    state: State<'_, AppState>,
) -> Result<Option<i64>, UiError> {
    Ok(state.library().edit(&edits, reason.as_deref(), &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn undo_edit(state: State<'_, AppState>) -> Result<Option<Reverted>, UiError> {
    Ok(state.library().undo(None, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn redo_edit(state: State<'_, AppState>) -> Result<Option<Reverted>, UiError> {
    Ok(state.library().redo(None, &mediadesk::library::actor())?)
}

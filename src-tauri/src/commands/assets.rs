//! Finding, reading and editing assets. Each command is a short call into the core.

use mediadesk::catalog::{
    Asset, AssetEdit, AssetSummary, Classification, Kind, Label, Orientation, Reverted, SearchQuery, Sort,
};
use serde::Deserialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// What the search box, the filters and the sort menu send.
#[derive(Debug, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct Find {
    pub text: String,
    pub kind: Option<Kind>,
    /// Capture dates, inclusive, YYYY-MM-DD.
    pub from: Option<String>,
    pub to: Option<String>,
    pub camera: Option<String>,
    pub classification: Option<Classification>,
    pub orientation: Option<Orientation>,
    pub min_rating: Option<u8>,
    pub label: Option<Label>,
    pub sort: Sort,
    pub limit: Option<i64>,
}

/// The ids of the matching assets, in order: the grid asks for the summaries of the rows it
/// shows (`asset_summaries`), so 100,000 matches cost 100,000 numbers, not 100,000 records.
// Off the UI thread: a search over 100,000 or an fsync must not freeze the window.
#[tauri::command(async)]
#[specta::specta]
pub fn find_assets(find: Find, state: State<'_, AppState>) -> Result<Vec<i64>, UiError> {
    let query = SearchQuery {
        text: find.text,
        kind: find.kind,
        from: find.from.filter(|d| !d.is_empty()),
        to: find.to.filter(|d| !d.is_empty()),
        camera: find.camera.filter(|c| !c.is_empty()),
        classification: find.classification,
        orientation: find.orientation,
        min_rating: find.min_rating,
        label: find.label,
        sort: find.sort,
        // Everything matches an empty search; a search's results are the best 100,000.
        limit: find.limit.or(Some(100_000)),
        ..Default::default()
    };
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
#[tauri::command(async)]
#[specta::specta]
pub fn edit_assets(edits: Vec<AssetEdit>, state: State<'_, AppState>) -> Result<Option<i64>, UiError> {
    Ok(state.library().edit(&edits, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn undo_edit(state: State<'_, AppState>) -> Result<Option<Reverted>, UiError> {
    Ok(state.library().undo(&mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn redo_edit(state: State<'_, AppState>) -> Result<Option<Reverted>, UiError> {
    Ok(state.library().redo(&mediadesk::library::actor())?)
}

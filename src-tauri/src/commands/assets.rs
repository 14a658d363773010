//! Finding assets. Each command is a short call into the core.

use mediadesk::catalog::{AssetSummary, Kind, SearchQuery};
use serde::Deserialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

/// What the search box and the filters send.
#[derive(Debug, Default, Deserialize)]
pub struct Find {
    #[serde(default)]
    pub text: String,
    pub kind: Option<Kind>,
    pub limit: Option<i64>,
}

#[tauri::command]
pub fn find_assets(find: Find, state: State<'_, AppState>) -> Result<Vec<AssetSummary>, UiError> {
    let library = state.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let query = SearchQuery { text: find.text, kind: find.kind, limit: find.limit, ..Default::default() };
    Ok(library.search(&query)?)
}

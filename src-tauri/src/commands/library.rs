//! Commands about the library as a whole. Each is a short call into the core.

use serde::Serialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[derive(Serialize)]
pub struct LibraryStatus {
    pub root: String,
    pub assets: i64,
}

#[tauri::command]
pub fn library_status(state: State<'_, AppState>) -> Result<LibraryStatus, UiError> {
    let library = state.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    Ok(LibraryStatus { root: library.root().display().to_string(), assets: library.asset_count()? })
}

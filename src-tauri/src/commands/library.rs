//! Commands about the library as a whole. Each is a short call into the core.

use serde::Serialize;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[derive(Serialize, specta::Type)]
pub struct LibraryStatus {
    pub root: String,
    pub assets: i64,
    /// While the demo library is open: the folder it is made from (imported on first launch).
    pub demo_source: Option<String>,
    /// Which library this is; in a tour library, the one it was checked out of.
    pub identity: mediadesk::tour::Identity,
}

// Off the UI thread: a search over 100,000 or an fsync must not freeze the window.
#[tauri::command(async)]
#[specta::specta]
pub fn library_status(state: State<'_, AppState>) -> Result<LibraryStatus, UiError> {
    let demo_source = state.demo.lock().unwrap_or_else(|p| p.into_inner()).as_ref().map(|d| d.display().to_string());
    let library = state.library();
    Ok(LibraryStatus {
        root: library.root().display().to_string(),
        assets: library.asset_count()?,
        demo_source,
        identity: library.identity()?,
    })
}

/// Leaves the demo for the user's own library (created empty on first use).
#[tauri::command(async)]
#[specta::specta]
pub fn open_own_library(state: State<'_, AppState>) -> Result<LibraryStatus, UiError> {
    let mut library = state.library();
    let own = mediadesk::Library::open(&mediadesk::Library::default_root())?
        .lean()?
        .with_local_offset(library.local_offset());
    *library = own;
    drop(library);
    *state.demo.lock().unwrap_or_else(|p| p.into_inner()) = None;
    library_status(state)
}

/// The camera models in the library, for the camera filter.
#[tauri::command(async)]
#[specta::specta]
pub fn cameras(state: State<'_, AppState>) -> Result<Vec<String>, UiError> {
    Ok(state.library().cameras()?)
}

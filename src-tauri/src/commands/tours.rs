//! Press tours: what a check-out would take, the check-out and the merge as jobs with
//! progress and cancel, the tours checked out, and the conflicts a merge left for an editor.

use std::path::PathBuf;

use mediadesk::tour::{Checkout, CheckoutRequest, Choice, Conflict, MergeReport, Preview, Tour};
use mediadesk::translation::Item;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::state::AppState;

fn items(library: &mediadesk::Library, items: &[String]) -> Result<Vec<Item>, UiError> {
    items.iter().map(|i| library.kit_ref(i).map_err(UiError::from)).collect()
}

crate::job_event!(CheckoutEvent, Checkout);
crate::job_event!(MergeEvent, MergeReport);

/// What checking `items` (asset ids, `r:N`) out would take, and what stays home and why.
#[tauri::command(async)]
#[specta::specta]
pub fn tour_preview(items: Vec<String>, state: State<'_, AppState>) -> Result<Preview, UiError> {
    let library = state.library();
    let items = self::items(&library, &items)?;
    Ok(library.tour_preview(&items)?)
}

/// Checks `items` out to the new folder `to`; answers the job's number. Checking out again to
/// the same folder after a cancel takes up what was copied.
#[tauri::command(async)]
#[specta::specta]
pub fn start_tour_checkout(
    items: Vec<String>,
    to: String,
    previews_only: bool,
    on_event: Channel<CheckoutEvent>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<u32, UiError> {
    let items = self::items(&state.library(), &items)?;
    let request = CheckoutRequest { to: PathBuf::from(to), previews_only, items };
    crate::job::with_events(&app, on_event, move |library, ctx| {
        library.tour_checkout(&request, &mediadesk::library::actor(), ctx)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn tours(state: State<'_, AppState>) -> Result<Vec<Tour>, UiError> {
    Ok(state.library().tours()?)
}

/// Merges the tour library in `dir` back into this one; answers the job's number.
#[tauri::command(async)]
#[specta::specta]
pub fn start_tour_merge(dir: String, on_event: Channel<MergeEvent>, app: AppHandle) -> Result<u32, UiError> {
    crate::job::with_events(&app, on_event, move |library, ctx| {
        library.tour_merge(std::path::Path::new(&dir), &mediadesk::library::actor(), ctx)
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn tour_conflicts(state: State<'_, AppState>) -> Result<Vec<Conflict>, UiError> {
    Ok(state.library().tour_conflicts()?)
}

/// Settles the conflict on `field` of `item`: home's value, the tour's, or one typed in.
#[tauri::command(async)]
#[specta::specta]
pub fn resolve_conflict(
    item: String,
    field: String,
    choice: Choice,
    state: State<'_, AppState>,
) -> Result<Conflict, UiError> {
    Ok(state.library().resolve_conflict(&item, &field, &choice, &mediadesk::library::actor())?)
}

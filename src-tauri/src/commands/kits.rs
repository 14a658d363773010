//! Press kits: the list, one kit, its record and items, its preflight, accepting a soft
//! finding, profiles, the build as a job with progress and cancel, the delivery register.

use mediadesk::gate::Rule;
use mediadesk::kits::{
    Candidate, Delivery, Kit, KitChange, KitRef, KitSummary, NewKit, Outcome, Preflight, Profile, Verification,
};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use crate::error::UiError;
use crate::state::AppState;

fn refs(library: &mediadesk::Library, items: &[String]) -> Result<Vec<KitRef>, UiError> {
    items.iter().map(|i| library.kit_ref(i).map_err(UiError::from)).collect()
}

/// The app adds nothing to a kit that is not public: it is greyed, with the reason, before.
fn refuse_unpublic(library: &mediadesk::Library, items: &[KitRef]) -> Result<(), UiError> {
    match library.kit_candidates(items)?.into_iter().find_map(|c| c.refusal) {
        Some(why) => Err(mediadesk::Error::InvalidInput(why).into()),
        None => Ok(()),
    }
}

/// Items (asset ids, `r:N`) as a kit would take them, with why one may not.
#[tauri::command(async)]
#[specta::specta]
pub fn kit_candidates(items: Vec<String>, state: State<'_, AppState>) -> Result<Vec<Candidate>, UiError> {
    let library = state.library();
    let items = refs(&library, &items)?;
    Ok(library.kit_candidates(&items)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn kits(state: State<'_, AppState>) -> Result<Vec<KitSummary>, UiError> {
    Ok(state.library().kits()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn kit(id: i64, state: State<'_, AppState>) -> Result<Kit, UiError> {
    Ok(state.library().kit(id)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn new_kit(kit: NewKit, items: Vec<String>, state: State<'_, AppState>) -> Result<Kit, UiError> {
    let mut library = state.library();
    let items = refs(&library, &items)?;
    refuse_unpublic(&library, &items)?;
    Ok(library.new_kit(&kit, &items)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn change_kit(id: i64, change: KitChange, state: State<'_, AppState>) -> Result<Kit, UiError> {
    Ok(state.library().change_kit(id, &change)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_to_kit(id: i64, items: Vec<String>, state: State<'_, AppState>) -> Result<Kit, UiError> {
    let mut library = state.library();
    let items = refs(&library, &items)?;
    refuse_unpublic(&library, &items)?;
    Ok(library.add_to_kit(id, &items)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn remove_from_kit(id: i64, items: Vec<String>, state: State<'_, AppState>) -> Result<Kit, UiError> {
    let mut library = state.library();
    let items = refs(&library, &items)?;
    Ok(library.remove_from_kit(id, &items)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn kit_preflight(id: i64, state: State<'_, AppState>) -> Result<Preflight, UiError> {
    Ok(state.library().preflight(id, None)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn accept_in_kit(
    id: i64,
    item: String,
    rule: Rule,
    reason: String,
    state: State<'_, AppState>,
) -> Result<Kit, UiError> {
    Ok(state.library().accept_in_kit(id, &item, rule, &reason, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn kit_profiles(state: State<'_, AppState>) -> Result<Vec<Profile>, UiError> {
    Ok(state.library().kit_profiles()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn deliveries(state: State<'_, AppState>) -> Result<Vec<Delivery>, UiError> {
    Ok(state.library().deliveries()?)
}

/// Opens a built kit (its site when it has one) in the system's browser; answers its path.
#[tauri::command(async)]
#[specta::specta]
pub fn open_kit(kit: i64, version: u32, state: State<'_, AppState>) -> Result<String, UiError> {
    Ok(state.library().open_kit(kit, Some(version))?.display().to_string())
}

#[tauri::command(async)]
#[specta::specta]
pub fn verify_kit(path: String, state: State<'_, AppState>) -> Result<Verification, UiError> {
    let library = state.library();
    Ok(mediadesk::kits::verify::verify(std::path::Path::new(&path), Some(&library))?)
}

/// Shows a built kit's folder in the desktop's file manager.
#[tauri::command(async)]
#[specta::specta]
pub fn reveal(path: String) -> Result<(), UiError> {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(&path).spawn().map(|_| ()).map_err(|e| mediadesk::Error::io(path, e).into())
}

crate::job_event!(BuildEvent, Outcome);

/// Builds kit `id` into a folder under `out` (and a ZIP with `zip`); returns the job's number
/// for `cancel_job`. Building again after a cancel takes up what was made.
#[tauri::command(async)]
#[specta::specta]
pub fn start_kit_build(
    id: i64,
    out: String,
    zip: bool,
    on_event: Channel<BuildEvent>,
    app: AppHandle,
) -> Result<u32, UiError> {
    crate::job::with_events(&app, on_event, move |library, ctx| {
        library.build_kit(id, std::path::Path::new(&out), zip, &mediadesk::library::actor(), ctx)
    })
}

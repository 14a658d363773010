//! The editorial record beyond one asset: the taxonomy, templates, code replacements, XMP
//! sidecars and the audit log. Each command is a short call into the core.

use mediadesk::audit::{AuditEntry, Subject, Verification};
use mediadesk::catalog::codes::CodeReplacement;
use mediadesk::catalog::templates::Template;
use mediadesk::sidecar::SidecarReport;
use mediadesk::taxonomy::Taxonomy;
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

#[tauri::command(async)]
#[specta::specta]
pub fn taxonomy(state: State<'_, AppState>) -> Result<Taxonomy, UiError> {
    Ok(state.library().taxonomy()?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn templates(state: State<'_, AppState>) -> Result<Vec<Template>, UiError> {
    Ok(state.library().templates()?)
}

/// Saves a template from its JSON form ({"mode": …, field: value, …}), checked first.
#[tauri::command(async)]
#[specta::specta]
pub fn save_template(name: String, json: String, state: State<'_, AppState>) -> Result<Template, UiError> {
    Ok(state.library().save_template(&name, &json)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn delete_template(name: String, state: State<'_, AppState>) -> Result<(), UiError> {
    Ok(state.library().delete_template(&name)?)
}

/// Applies a template to assets as one undoable change.
#[tauri::command(async)]
#[specta::specta]
pub fn apply_template(name: String, assets: Vec<i64>, state: State<'_, AppState>) -> Result<Option<i64>, UiError> {
    Ok(state.library().apply_template(&name, &assets, &mediadesk::library::actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn codes(state: State<'_, AppState>) -> Result<Vec<CodeReplacement>, UiError> {
    Ok(state.library().codes()?)
}

/// Sets a code replacement; an empty text removes it.
#[tauri::command(async)]
#[specta::specta]
pub fn set_code(code: String, text: String, state: State<'_, AppState>) -> Result<(), UiError> {
    Ok(state.library().set_code(&code, &text)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn write_sidecars(assets: Vec<i64>, state: State<'_, AppState>) -> Result<SidecarReport, UiError> {
    Ok(state.library().write_sidecars(&assets)?)
}

/// The audit log, oldest first: of one asset or one reportage when asked.
#[tauri::command(async)]
#[specta::specta]
pub fn audit_entries(
    asset: Option<i64>,
    reportage: Option<i64>,
    state: State<'_, AppState>,
) -> Result<Vec<AuditEntry>, UiError> {
    let subject = asset.map(Subject::Asset).or(reportage.map(Subject::Reportage));
    Ok(state.library().audit_entries(subject)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn verify_audit(state: State<'_, AppState>) -> Result<Verification, UiError> {
    Ok(state.library().verify_audit()?)
}

/// Adds a term to one of the plan's lists (theme, audience, unit, channel); returns its id.
#[tauri::command(async)]
#[specta::specta]
pub fn add_taxonomy_term(
    list: mediadesk::taxonomy::List,
    vi: String,
    en: String,
    state: State<'_, AppState>,
) -> Result<String, UiError> {
    Ok(state.library().add_taxonomy_term(list, None, &vi, &en, None, &[])?)
}

/// Renames a term (items keep it: its id stays).
#[tauri::command(async)]
#[specta::specta]
pub fn rename_taxonomy_term(
    list: mediadesk::taxonomy::List,
    id: String,
    vi: String,
    en: String,
    state: State<'_, AppState>,
) -> Result<(), UiError> {
    Ok(state.library().rename_taxonomy_term(list, &id, Some(&vi), Some(&en))?)
}

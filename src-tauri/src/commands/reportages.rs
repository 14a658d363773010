//! Reportages: the list, one reportage, its texts, record and items, article import. Each
//! command is a short call into the core.

use std::path::PathBuf;

use mediadesk::catalog::SearchQuery;
use mediadesk::reportage::{ArticleImport, Reportage, ReportageChange, ReportageSummary, Role};
use tauri::State;

use crate::error::UiError;
use crate::state::AppState;

fn actor() -> String {
    mediadesk::library::actor()
}

#[tauri::command(async)]
#[specta::specta]
pub fn reportages(find: SearchQuery, state: State<'_, AppState>) -> Result<Vec<ReportageSummary>, UiError> {
    let library = state.library();
    let empty = find.text.trim().is_empty() && find.theme.is_none() && find.audience.is_none();
    Ok(if empty && find.lead_unit.is_none() && find.channel.is_none() {
        library.reportages()?
    } else {
        library.search_reportages(&find)?
    })
}

#[tauri::command(async)]
#[specta::specta]
pub fn reportage(id: i64, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().reportage(id)?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn new_reportage(headline: String, lang: String, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().new_reportage(&headline, &lang, &actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn set_reportage(id: i64, change: ReportageChange, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().set_reportage(id, &change, &actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn add_to_reportage(
    id: i64,
    assets: Vec<i64>,
    role: Role,
    at: Option<u32>,
    state: State<'_, AppState>,
) -> Result<Reportage, UiError> {
    Ok(state.library().add_to_reportage(id, &assets, role, at, &actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn remove_from_reportage(id: i64, asset: i64, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().remove_from_reportage(id, asset, &actor())?)
}

#[tauri::command(async)]
#[specta::specta]
pub fn order_reportage(id: i64, order: Vec<i64>, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().order_reportage(id, &order, &actor())?)
}

/// Reads an article file (chosen in the page's dialog) into a reportage's texts.
#[tauri::command(async)]
#[specta::specta]
pub fn import_article(
    id: i64,
    path: PathBuf,
    lang: String,
    standfirst: bool,
    state: State<'_, AppState>,
) -> Result<ArticleImport, UiError> {
    Ok(state.library().import_article(id, &path, &lang, standfirst, &actor())?)
}

/// Gives an item another role, in its place.
#[tauri::command(async)]
#[specta::specta]
pub fn set_reportage_role(id: i64, asset: i64, role: Role, state: State<'_, AppState>) -> Result<Reportage, UiError> {
    Ok(state.library().set_reportage_role(id, asset, role, &actor())?)
}

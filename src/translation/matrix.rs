//! The board: items × languages, each cell the least advanced status of the item's parts in
//! that language. A part with text in a language but no recorded status counts as a draft.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use super::{Part, Status, PARTNER_LANGUAGES};
use crate::error::Result;

#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct MatrixFilter {
    /// Only this language's column.
    pub lang: Option<String>,
    pub assignee: Option<String>,
    /// Only parts due on or before this date (YYYY-MM-DD).
    pub due_by: Option<String>,
    /// Every item with something to translate, not only those being worked on.
    pub all: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct PartState {
    pub status: Status,
    pub assignee: Option<String>,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Cell {
    pub status: Status,
    pub parts: BTreeMap<Part, PartState>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MatrixItem {
    pub asset: i64,
    pub name: String,
    pub kind: String,
    pub languages: BTreeMap<String, Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Matrix {
    pub languages: Vec<String>,
    pub items: Vec<MatrixItem>,
}

/// What the catalog holds of one asset: its parts, the languages each exists in, and the
/// statuses recorded.
#[derive(Default)]
struct Holdings {
    parts: BTreeSet<Part>,
    present: BTreeSet<(Part, String)>,
    recorded: BTreeMap<(Part, String), PartState>,
}

pub fn matrix(conn: &Connection, filter: &MatrixFilter) -> Result<Matrix> {
    let mut items: BTreeMap<i64, Holdings> = BTreeMap::new();
    let mut languages: BTreeSet<String> = PARTNER_LANGUAGES.iter().map(|l| l.to_string()).collect();

    let mut stmt = conn.prepare("SELECT asset_id, part, lang, status, assignee, due FROM translations")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    for row in rows {
        let (asset, part, lang, status, assignee, due) = row?;
        let part = Part::parse(&part)?;
        let held = items.entry(asset).or_default();
        held.parts.insert(part);
        languages.insert(lang.clone());
        held.recorded.insert((part, lang), PartState { status: Status::parse(&status)?, assignee, due });
    }
    let mut stmt = conn.prepare("SELECT asset_id, lang FROM subtitle_tracks")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (asset, lang) = row?;
        let held = items.entry(asset).or_default();
        held.parts.insert(Part::Subtitles);
        held.present.insert((Part::Subtitles, lang.clone()));
        languages.insert(lang);
    }
    // Captions and headlines of the items on the board (of every item, with `all`).
    let mut stmt = conn.prepare("SELECT asset_id, lang FROM captions")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (asset, lang) = row?;
        if lang == "und" || !(filter.all || items.contains_key(&asset)) {
            continue;
        }
        let held = items.entry(asset).or_default();
        held.parts.insert(Part::Caption);
        held.present.insert((Part::Caption, lang.clone()));
        languages.insert(lang);
    }
    let mut stmt = conn.prepare("SELECT id FROM assets WHERE headline IS NOT NULL AND headline <> ''")?;
    for row in stmt.query_map([], |r| r.get::<_, i64>(0))? {
        let asset = row?;
        if filter.all || items.contains_key(&asset) {
            let held = items.entry(asset).or_default();
            held.parts.insert(Part::Headline);
            held.present.insert((Part::Headline, super::SOURCE_LANGUAGE.to_owned()));
        }
    }

    let languages: Vec<String> = match &filter.lang {
        Some(l) => vec![l.clone()],
        None => languages.into_iter().collect(),
    };
    let names = names(conn, &items.keys().copied().collect::<Vec<_>>())?;
    let mut out = Vec::new();
    for (asset, held) in items {
        let mut cells = BTreeMap::new();
        for lang in &languages {
            let mut parts = BTreeMap::new();
            for &part in &held.parts {
                let key = (part, lang.clone());
                let state = held.recorded.get(&key).cloned().unwrap_or(PartState {
                    status: if held.present.contains(&key) { Status::Draft } else { Status::Missing },
                    assignee: None,
                    due: None,
                });
                let wanted = filter.assignee.as_ref().is_none_or(|a| state.assignee.as_deref() == Some(a.as_str()))
                    && filter.due_by.as_ref().is_none_or(|d| state.due.as_deref().is_some_and(|due| due <= d.as_str()));
                if wanted {
                    parts.insert(part, state);
                }
            }
            if let Some(status) = parts.values().map(|p| p.status).min() {
                cells.insert(lang.clone(), Cell { status, parts });
            }
        }
        if cells.is_empty() {
            continue;
        }
        let (name, kind) = names.get(&asset).cloned().unwrap_or_else(|| (format!("asset {asset}"), String::new()));
        out.push(MatrixItem { asset, name, kind, languages: cells });
    }
    Ok(Matrix { languages, items: out })
}

/// Each asset's headline (else its file name) and kind.
fn names(conn: &Connection, ids: &[i64]) -> Result<BTreeMap<i64, (String, String)>> {
    let mut out = BTreeMap::new();
    for chunk in ids.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT a.id, a.kind, a.headline, (SELECT f.path FROM files f WHERE f.asset_id = a.id ORDER BY f.id LIMIT 1)
             FROM assets a WHERE a.id IN ({marks})"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (id, kind, headline, path) = row?;
            let file = path.map(|p| p.rsplit('/').next().unwrap_or(&p).to_owned());
            let name = headline.filter(|h| !h.is_empty()).or(file).unwrap_or_else(|| format!("asset {id}"));
            out.insert(id, (name, kind));
        }
    }
    Ok(out)
}

//! The board: items × languages, each cell the least advanced status of the item's parts in
//! that language. A part with text in a language but no recorded status counts as a draft.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};

use super::{Item, Part, Status, PARTNER_LANGUAGES, SOURCE_LANGUAGE};
use crate::catalog::Classification;
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
    /// "12" for an asset, "r:3" for a reportage: what `tr set` takes.
    pub item: String,
    pub asset: Option<i64>,
    pub reportage: Option<i64>,
    pub name: String,
    /// photo, video, audio, or reportage.
    pub kind: String,
    pub classification: crate::catalog::Classification,
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
    let mut items: BTreeMap<Item, Holdings> = BTreeMap::new();
    let mut languages: BTreeSet<String> = PARTNER_LANGUAGES.iter().map(|l| l.to_string()).collect();

    let mut stmt = conn.prepare("SELECT item_kind, item_id, part, lang, status, assignee, due FROM translations")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    for row in rows {
        let (kind, id, part, lang, status, assignee, due) = row?;
        let part = Part::parse(&part)?;
        let held = items.entry(Item::from_row(&kind, id)).or_default();
        held.parts.insert(part);
        languages.insert(lang.clone());
        held.recorded.insert((part, lang), PartState { status: Status::parse(&status)?, assignee, due });
    }
    // What exists in each language: subtitle tracks always put an item on the board; texts
    // do for the items on it (for every item, with `all`). Reportages are always on it.
    let present: [(&str, Part, bool); 7] = [
        ("SELECT 'asset', asset_id, 'subtitles', lang FROM subtitle_tracks", Part::Subtitles, true),
        ("SELECT 'asset', asset_id, 'caption', lang FROM captions WHERE lang <> 'und'", Part::Caption, false),
        (
            "SELECT 'asset', id, 'headline', 'vi' FROM assets WHERE headline IS NOT NULL AND headline <> ''",
            Part::Headline,
            false,
        ),
        ("SELECT 'asset', id, 'title', 'vi' FROM assets WHERE title IS NOT NULL AND title <> ''", Part::Title, false),
        ("SELECT 'asset', asset_id, field, lang FROM asset_texts WHERE field = 'headline'", Part::Headline, false),
        ("SELECT 'asset', asset_id, field, lang FROM asset_texts WHERE field = 'title'", Part::Title, false),
        ("SELECT 'reportage', reportage_id, part, lang FROM reportage_texts", Part::Body, true),
    ];
    for (sql, part, always) in present {
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })? {
            let (kind, id, row_part, lang) = row?;
            let item = Item::from_row(&kind, id);
            // Reportage rows name their own part.
            let part = if kind == "reportage" { Part::parse(&row_part)? } else { part };
            if !(always || filter.all || items.contains_key(&item)) {
                continue;
            }
            let held = items.entry(item).or_default();
            held.parts.insert(part);
            held.present.insert((part, lang.clone()));
            languages.insert(lang);
        }
    }

    let languages: Vec<String> = match &filter.lang {
        Some(l) => vec![l.clone()],
        None => languages.into_iter().collect(),
    };
    let names = names(conn, &items.keys().copied().collect::<Vec<_>>())?;
    let mut out = Vec::new();
    for (item, held) in items {
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
        let Some((name, kind, classification)) = names.get(&item).cloned() else { continue };
        out.push(MatrixItem {
            item: item.reference(),
            asset: matches!(item, Item::Asset(_)).then_some(item.id()),
            reportage: matches!(item, Item::Reportage(_)).then_some(item.id()),
            name,
            kind,
            classification,
            languages: cells,
        });
    }
    Ok(Matrix { languages, items: out })
}

/// Each item's name (an asset's headline, else its file name; a reportage's Vietnamese
/// headline), kind and classification (a reportage's effective one).
fn names(conn: &Connection, items: &[Item]) -> Result<BTreeMap<Item, (String, String, Classification)>> {
    let mut out = BTreeMap::new();
    let assets: Vec<i64> = items.iter().filter(|i| matches!(i, Item::Asset(_))).map(|i| i.id()).collect();
    for chunk in assets.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(",");
        let sql = format!(
            "SELECT a.id, a.kind, a.headline, (SELECT f.path FROM files f WHERE f.asset_id = a.id ORDER BY f.id LIMIT 1),
                    a.classification
             FROM assets a WHERE a.id IN ({marks})"
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(chunk), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for row in rows {
            let (id, kind, headline, path, classification) = row?;
            let file = path.map(|p| p.rsplit('/').next().unwrap_or(&p).to_owned());
            let name = headline.filter(|h| !h.is_empty()).or(file).unwrap_or_else(|| format!("asset {id}"));
            out.insert(Item::Asset(id), (name, kind, classification.parse()?));
        }
    }
    for item in items.iter().filter(|i| matches!(i, Item::Reportage(_))) {
        let Ok(r) = crate::reportage::get(conn, item.id()) else { continue };
        let name = r.headline.get(SOURCE_LANGUAGE).or(r.headline.values().next()).cloned();
        let name = name.unwrap_or_else(|| format!("reportage {}", r.id));
        out.insert(*item, (name, "reportage".into(), r.effective_classification));
    }
    Ok(out)
}

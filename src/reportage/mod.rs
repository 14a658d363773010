//! Reportages (phóng sự): stories grouping photos, films and documents, with a headline,
//! standfirst and body per language, a byline and dateline, a status, the plan's taxonomy,
//! and a classification and embargo of their own. What a reportage may show is bounded by
//! its items: its effective classification is the highest of its own and its items', its
//! effective embargo the latest. Each module owns its SQL; callers hold the transaction.

pub mod article;
mod library;
mod search;
mod write;

use std::collections::BTreeMap;

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

pub use library::{ArticleImport, Found};
pub use search::{reindex, search_ids};
pub(crate) use write::unpublishable;
pub use write::{add_items, create, order_items, remove_item, reopen_published_with, set, set_role, ReportageChange};

use crate::catalog::Classification;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportageStatus {
    Draft,
    Editing,
    Approved,
    Published,
}

impl ReportageStatus {
    pub fn code(self) -> &'static str {
        match self {
            ReportageStatus::Draft => "draft",
            ReportageStatus::Editing => "editing",
            ReportageStatus::Approved => "approved",
            ReportageStatus::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Result<ReportageStatus> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase())).map_err(|_| {
            Error::InvalidInput(format!("no reportage status {s:?}: draft, editing, approved or published"))
        })
    }
}

/// What an item does in the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Hero,
    Gallery,
    MainFilm,
    BRoll,
    Interview,
    Document,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Hero => "hero",
            Role::Gallery => "gallery",
            Role::MainFilm => "main_film",
            Role::BRoll => "b_roll",
            Role::Interview => "interview",
            Role::Document => "document",
        }
    }

    pub fn parse(s: &str) -> Result<Role> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase().replace('-', "_"))).map_err(
            |_| Error::InvalidInput(format!("no role {s:?}: hero, gallery, main_film, b_roll, interview or document")),
        )
    }
}

/// One item of a reportage, with what the reportage's bounds are computed from.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ReportageItem {
    pub asset_id: i64,
    pub role: Role,
    /// From 1, in the story's order.
    pub position: u32,
    pub kind: String,
    pub name: String,
    pub classification: Classification,
    pub embargo_until: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Reportage {
    pub id: i64,
    /// Language → text; the body is Markdown.
    pub headline: BTreeMap<String, String>,
    pub standfirst: BTreeMap<String, String>,
    pub body: BTreeMap<String, String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub status: ReportageStatus,
    /// Not for publication.
    pub notes: Option<String>,
    pub themes: Vec<u32>,
    pub audiences: Vec<String>,
    pub lead_units: Vec<String>,
    pub channels: Vec<String>,
    /// Its own classification, and the highest of its own and its items'.
    pub classification: Classification,
    pub effective_classification: Classification,
    /// Its own embargo, and the latest of its own and its items'.
    pub embargo_until: Option<String>,
    pub effective_embargo_until: Option<String>,
    pub items: Vec<ReportageItem>,
    pub created_at: String,
    pub updated_at: String,
}

/// What lists and search results show of a reportage.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ReportageSummary {
    pub id: i64,
    /// The Vietnamese headline, else the first there is.
    pub headline: Option<String>,
    pub languages: Vec<String>,
    pub status: ReportageStatus,
    pub classification: Classification,
    pub effective_classification: Classification,
    pub effective_embargo_until: Option<String>,
    pub item_count: u32,
    pub updated_at: String,
}

impl Reportage {
    pub fn summary(&self) -> ReportageSummary {
        let mut languages: Vec<String> = self.headline.keys().chain(self.body.keys()).cloned().collect();
        languages.sort();
        languages.dedup();
        ReportageSummary {
            id: self.id,
            headline: self
                .headline
                .get(crate::translation::SOURCE_LANGUAGE)
                .or_else(|| self.headline.values().next())
                .cloned(),
            languages,
            status: self.status,
            classification: self.classification,
            effective_classification: self.effective_classification,
            effective_embargo_until: self.effective_embargo_until.clone(),
            item_count: self.items.len() as u32,
            updated_at: self.updated_at.clone(),
        }
    }
}

fn classification(row: &Row, column: &str) -> rusqlite::Result<Classification> {
    let s: String = row.get(column)?;
    s.parse().map_err(|e: Error| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

fn instant(s: &str) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok()
}

/// Whether RFC 3339 time `a` is after `b` (compared as instants, not as text).
pub fn is_after(a: &str, b: &str) -> bool {
    instant(a) > instant(b)
}

/// The full reportage `id`.
pub fn get(conn: &Connection, id: i64) -> Result<Reportage> {
    let mut reportage = conn
        .prepare_cached("SELECT * FROM reportages WHERE id = ?1")?
        .query_row([id], |r| {
            let classification = classification(r, "classification")?;
            let embargo: Option<String> = r.get("embargo_until")?;
            Ok(Reportage {
                id,
                headline: BTreeMap::new(),
                standfirst: BTreeMap::new(),
                body: BTreeMap::new(),
                byline: r.get("byline")?,
                dateline: r.get("dateline")?,
                status: ReportageStatus::parse(&r.get::<_, String>("status")?).unwrap_or(ReportageStatus::Draft),
                notes: r.get("notes")?,
                themes: Vec::new(),
                audiences: Vec::new(),
                lead_units: Vec::new(),
                channels: Vec::new(),
                classification,
                effective_classification: classification,
                effective_embargo_until: embargo.clone(),
                embargo_until: embargo,
                items: Vec::new(),
                created_at: r.get("created_at")?,
                updated_at: r.get("updated_at")?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no reportage r:{id}")))?;

    let mut texts = conn.prepare_cached("SELECT part, lang, text FROM reportage_texts WHERE reportage_id = ?1")?;
    for row in texts.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))? {
        let (part, lang, text) = row?;
        let map = match part.as_str() {
            "headline" => &mut reportage.headline,
            "standfirst" => &mut reportage.standfirst,
            _ => &mut reportage.body,
        };
        map.insert(lang, text);
    }
    let mut facets = conn.prepare_cached("SELECT facet, value FROM reportage_facets WHERE reportage_id = ?1")?;
    for row in facets.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (facet, value) = row?;
        match facet.as_str() {
            "theme" => reportage.themes.extend(value.parse::<u32>().ok()),
            "audience" => reportage.audiences.push(value),
            "lead_unit" => reportage.lead_units.push(value),
            _ => reportage.channels.push(value),
        }
    }
    reportage.themes.sort_unstable();
    reportage.items = items(conn, id)?;
    // The gate's reckoning, so that what the editor sees is what a kit is held to.
    let standing = crate::gate::standing::reportage(conn, id)?;
    reportage.effective_classification = standing.classification;
    reportage.effective_embargo_until = standing.embargo_until;
    Ok(reportage)
}

fn items(conn: &Connection, id: i64) -> Result<Vec<ReportageItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.asset_id, i.role, i.position, a.kind, a.classification, a.embargo_until, a.headline,
                (SELECT path FROM files f WHERE f.asset_id = a.id ORDER BY f.id LIMIT 1) AS path
         FROM reportage_items i JOIN assets a ON a.id = i.asset_id
         WHERE i.reportage_id = ?1 ORDER BY i.position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let headline: Option<String> = r.get("headline")?;
        let path: Option<String> = r.get("path")?;
        let file = path.as_deref().map(|p| p.rsplit('/').next().unwrap_or(p).to_owned());
        Ok(ReportageItem {
            asset_id: r.get("asset_id")?,
            role: Role::parse(&r.get::<_, String>("role")?).unwrap_or(Role::Gallery),
            position: r.get("position")?,
            kind: r.get("kind")?,
            name: headline.filter(|h| !h.is_empty()).or(file).unwrap_or_default(),
            classification: classification(r, "classification")?,
            embargo_until: r.get("embargo_until")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every reportage, most recently changed first.
pub fn list(conn: &Connection) -> Result<Vec<ReportageSummary>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM reportages ORDER BY updated_at DESC, id DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id).map(|r| r.summary())).collect()
}

/// Whether reportage `id` exists.
pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM reportages WHERE id = ?1", params![id], |_| Ok(())).optional()?.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::write::insert_asset;
    use crate::catalog::Content;

    const OFFSETS: [&str; 3] = ["+07:00", "Z", "-05:00"];

    #[test]
    fn a_published_reportage_stays_publishable() {
        let conn = crate::db::open_in_memory().expect("catalog");
        let now = "2026-12-01T00:00:00Z";
        let info = crate::probe::PhotoInfo::default();
        let photo =
            |n: u8, c| insert_asset(&conn, &Content::photo(&format!("{n:064}"), 1, &info), c, now).expect("asset");
        let published = |items: &[i64]| {
            let id = create(&conn, "Phóng sự", "vi", now).expect("create");
            add_items(&conn, id, items, Role::Hero, None, now).expect("items");
            let change = |c: ReportageChange| set(&conn, id, &c, time::UtcOffset::UTC, "ed", now).expect("change");
            change(ReportageChange {
                classification: Some(Classification::Public),
                reason: Some("ok".into()),
                ..Default::default()
            });
            for status in [ReportageStatus::Editing, ReportageStatus::Approved, ReportageStatus::Published] {
                change(ReportageChange { status: Some(status), ..Default::default() });
            }
            id
        };
        let asset = photo(1, Classification::Public);
        let id = published(&[asset, asset]);
        assert_eq!(get(&conn, id).expect("get").items.len(), 1, "a repeated id is one item");

        // An item classified after publication sends it back to editing, in the audit log.
        let edit = crate::catalog::AssetEdit {
            asset,
            edit: crate::catalog::Edit::Classification { value: Classification::Secret },
        };
        crate::catalog::edits::apply(&conn, &[edit], time::UtcOffset::UTC, "ed", None, now).expect("classified");
        let r = get(&conn, id).expect("get");
        assert_eq!((r.status, r.effective_classification), (ReportageStatus::Editing, Classification::Secret));
        let log = crate::audit::entries(&conn, Some(crate::audit::Subject::Reportage(id))).expect("log");
        assert!(log
            .last()
            .is_some_and(|e| e.detail["reason"].as_str().unwrap_or_default().contains("after publication")));

        // Nothing classified may join a published one.
        let other = published(&[photo(2, Classification::Public)]);
        let err = add_items(&conn, other, &[photo(3, Classification::Internal)], Role::Gallery, None, now)
            .expect_err("internal into a published reportage")
            .to_string();
        assert!(err.contains("back to editing"), "{err}");
    }

    proptest::proptest! {
        // The bounds are derived whenever a reportage is read, never stored: whatever its items,
        // a reportage is at least as secret as the most secret, and embargoed as long as the longest.
        #[test]
        fn a_reportage_is_bounded_by_its_items(
            own in 0usize..5,
            items in proptest::collection::vec((0usize..5, proptest::option::of((0u32..48, 0usize..3))), 0..12),
        ) {
            let conn = crate::db::open_in_memory().expect("catalog");
            let now = "2026-12-01T00:00:00Z";
            let id = create(&conn, "Phóng sự", "vi", now).expect("create");
            conn.execute("UPDATE reportages SET classification = ?1", [Classification::ALL[own].code()]).expect("own");
            let mut expected = Classification::ALL[own];
            let mut latest: Option<time::OffsetDateTime> = None;
            let mut assets = Vec::new();
            for (i, (c, embargo)) in items.iter().enumerate() {
                let hash = format!("{i:064}");
                let info = crate::probe::PhotoInfo::default();
                let asset = insert_asset(&conn, &Content::photo(&hash, 1, &info), Classification::ALL[*c], now).expect("asset");
                let embargo = embargo.map(|(h, o)| format!("2027-01-{:02}T{:02}:00:00{}", 1 + h / 24, h % 24, OFFSETS[o]));
                conn.execute("UPDATE assets SET embargo_until = ?2 WHERE id = ?1", rusqlite::params![asset, embargo]).expect("embargo");
                expected = expected.max(Classification::ALL[*c]);
                if let Some(e) = embargo.as_deref().and_then(instant) {
                    latest = latest.max(Some(e));
                }
                assets.push(asset);
            }
            add_items(&conn, id, &assets, Role::Gallery, None, now).expect("add");
            let r = get(&conn, id).expect("get");
            proptest::prop_assert_eq!(r.effective_classification, expected);
            proptest::prop_assert_eq!(r.effective_embargo_until.as_deref().and_then(instant), latest);
            let positions: Vec<u32> = r.items.iter().map(|i| i.position).collect();
            proptest::prop_assert_eq!(positions, (1..=assets.len() as u32).collect::<Vec<_>>());
        }
    }
}

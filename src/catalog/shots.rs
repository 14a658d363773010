//! The `shots` table: a film's shot list as the editor gave it, replaced as a whole.

use std::collections::BTreeMap;

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::fields::language_tag;
use crate::error::{Error, Result};
use crate::text::non_empty;

/// One shot of a film. Fields left out are the film's own when a list is written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct Shot {
    /// Milliseconds into the film.
    pub start_ms: i64,
    pub end_ms: i64,
    /// Language (BCP-47) → what the shot shows.
    #[serde(default)]
    pub description: BTreeMap<String, String>,
    #[serde(default)]
    pub location: Option<String>,
    /// When it was filmed, YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
    #[serde(default)]
    pub restrictions: Option<String>,
}

pub fn load(conn: &Connection, asset: i64) -> Result<Vec<Shot>> {
    let mut stmt = conn.prepare_cached(
        "SELECT start_ms, end_ms, description, location, shot_date, credit, restrictions
         FROM shots WHERE asset_id = ?1 ORDER BY n",
    )?;
    let rows = stmt.query_map([asset], |r| {
        let description: String = r.get(2)?;
        Ok(Shot {
            start_ms: r.get(0)?,
            end_ms: r.get(1)?,
            description: serde_json::from_str(&description).unwrap_or_default(),
            location: r.get(3)?,
            date: r.get(4)?,
            credit: r.get(5)?,
            restrictions: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces the film's shot list (in the caller's transaction), after cleaning and checking
/// every shot: NFC text, known language tags, times inside the film and in order.
pub fn replace(
    conn: &Connection,
    asset: i64,
    duration_ms: Option<i64>,
    shots: &[Shot],
    now: &str,
) -> Result<Vec<Shot>> {
    let shots = clean(shots, duration_ms)?;
    conn.execute("DELETE FROM shots WHERE asset_id = ?1", [asset])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO shots (asset_id, n, start_ms, end_ms, description, location, shot_date, credit, restrictions)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (n, s) in shots.iter().enumerate() {
        let description = serde_json::to_string(&s.description).unwrap_or_else(|_| "{}".into());
        insert.execute(params![
            asset,
            n as i64 + 1,
            s.start_ms,
            s.end_ms,
            description,
            s.location,
            s.date,
            s.credit,
            s.restrictions
        ])?;
    }
    conn.execute("UPDATE assets SET updated_at = ?2 WHERE id = ?1", params![asset, now])?;
    Ok(shots)
}

fn clean(shots: &[Shot], duration_ms: Option<i64>) -> Result<Vec<Shot>> {
    let mut out = Vec::with_capacity(shots.len());
    for (i, s) in shots.iter().enumerate() {
        let n = i + 1;
        let bad = |why: String| Error::InvalidInput(format!("shot {n}: {why}"));
        if s.start_ms < 0 || s.end_ms <= s.start_ms {
            return Err(bad(format!("it must end after it starts ({} ms to {} ms)", s.start_ms, s.end_ms)));
        }
        if let Some(d) = duration_ms.filter(|d| s.end_ms > *d + 40) {
            return Err(bad(format!("it ends at {} ms, after the film does ({d} ms)", s.end_ms)));
        }
        let mut description = BTreeMap::new();
        for (lang, text) in &s.description {
            let lang = language_tag(lang).map_err(|e| bad(e.to_string()))?;
            if let Some(text) = non_empty(text) {
                description.insert(lang, text);
            }
        }
        let date = s.date.as_deref().and_then(non_empty);
        if let Some(d) = &date {
            time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]"))
                .map_err(|_| bad(format!("its date {d:?} is not YYYY-MM-DD")))?;
        }
        out.push(Shot {
            start_ms: s.start_ms,
            end_ms: s.end_ms,
            description,
            location: s.location.as_deref().and_then(non_empty),
            date,
            credit: s.credit.as_deref().and_then(non_empty),
            restrictions: s.restrictions.as_deref().and_then(non_empty),
        });
    }
    out.sort_by_key(|s| (s.start_ms, s.end_ms));
    Ok(out)
}

//! A film's subtitle tracks (per language, known by their cues' hash) and its shot list (as a
//! whole), merged three ways like any field.

use rusqlite::Connection;
use serde_json::Value;

use super::three_way::{self, Merged};
use super::Run;
use crate::catalog::{shots, subtitle_tracks};
use crate::error::{Error, Result};

fn track(conn: &Connection, asset: i64, lang: &str) -> Result<Value> {
    Ok(match subtitle_tracks::load(conn, asset, lang)? {
        Some(t) => serde_json::to_value(t).map_err(|e| Error::InvalidInput(e.to_string()))?,
        None => Value::Null,
    })
}

fn languages(conn: &Connection, asset: i64) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT lang FROM subtitle_tracks WHERE asset_id = ?1")?
        .query_map([asset], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// A track as a merge compares it: by its cues, not by when or by whom it was imported.
fn key(track: &Value) -> Value {
    track.get("content_hash").cloned().unwrap_or(Value::Null)
}

/// Writes `value` (a track, or a shot list) as the field `field` of `asset` at home.
pub(crate) fn write(conn: &Connection, asset: i64, field: &str, value: &Value, now: &str) -> Result<()> {
    let bad = |e: serde_json::Error| Error::InvalidInput(format!("{field}: {e}"));
    if let Some(lang) = field.strip_prefix("subtitles:") {
        if value.is_null() {
            conn.execute(
                "DELETE FROM subtitle_tracks WHERE asset_id = ?1 AND lang = ?2",
                rusqlite::params![asset, lang],
            )?;
        } else {
            let track: subtitle_tracks::SubtitleTrack = serde_json::from_value(value.clone()).map_err(bad)?;
            subtitle_tracks::save(conn, asset, &track)?;
        }
        return Ok(());
    }
    let list: Vec<shots::Shot> = serde_json::from_value(value.clone()).map_err(bad)?;
    let duration: Option<f64> = conn.query_row("SELECT duration_s FROM assets WHERE id = ?1", [asset], |r| r.get(0))?;
    shots::replace(conn, asset, duration.map(|d| (d * 1000.0).round() as i64), &list, now)?;
    Ok(())
}

pub(super) fn merge(run: &mut Run, home: i64, tour: i64, base: Option<i64>) -> Result<()> {
    let item = home.to_string();
    let mut langs = languages(run.home, home)?;
    langs.extend(languages(run.tour, tour)?);
    if let Some(b) = base {
        langs.extend(languages(run.base, b)?);
    }
    langs.sort();
    langs.dedup();
    for lang in langs {
        let field = format!("subtitles:{lang}");
        let (ours, theirs) = (track(run.home, home, &lang)?, track(run.tour, tour, &lang)?);
        let before = base.map(|b| track(run.base, b, &lang)).transpose()?;
        let by = |t: &Value| Some((t.get("imported_at")?.as_str()?.to_owned(), t.get("actor")?.as_str()?.to_owned()));
        match three_way::scalar(before.as_ref().map(key).as_ref(), &key(&ours), &key(&theirs)) {
            Merged::Ours => {}
            Merged::Take(_) => {
                write(run.home, home, &field, &theirs, run.now)?;
                run.updated.insert(item.clone());
            }
            Merged::Conflict | Merged::Partly(_) => {
                let (ours_by, theirs_by) = (by(&ours), by(&theirs));
                run.conflict(&item, &field, ours, theirs, ours_by, theirs_by);
            }
        }
    }
    let list = |conn: &Connection, id: i64| -> Result<Value> {
        serde_json::to_value(shots::load(conn, id)?).map_err(|e| Error::InvalidInput(e.to_string()))
    };
    let (ours, theirs) = (list(run.home, home)?, list(run.tour, tour)?);
    let before = base.map(|b| list(run.base, b)).transpose()?;
    let empty = |v: &Value| v.as_array().is_none_or(Vec::is_empty);
    // No shot list is no value: a side without one takes the other's.
    let none = |v: Value| if empty(&v) { Value::Null } else { v };
    let (ours, theirs, before) = (none(ours), none(theirs), before.map(none));
    match three_way::scalar(before.as_ref(), &ours, &theirs) {
        Merged::Ours => {}
        Merged::Take(value) => {
            write(run.home, home, "shots", &if value.is_null() { Value::Array(Vec::new()) } else { value }, run.now)?;
            run.updated.insert(item);
        }
        Merged::Conflict | Merged::Partly(_) => run.conflict(&item, "shots", ours, theirs, None, None),
    }
    Ok(())
}

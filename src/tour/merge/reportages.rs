//! A reportage both sides hold, merged field by field: its record (status, byline, dateline,
//! notes, classification, embargo), its texts per part and language, its facets, and its items
//! (by element, by the assets' content; each item's role as a field of its own).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::three_way::{self, Merged};
use super::Run;
use crate::audit::{self, Subject};
use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::taxonomy::Facet;

const COLUMNS: [&str; 6] = ["status", "byline", "dateline", "notes", "classification", "embargo_until"];

fn column(conn: &Connection, id: i64, name: &str) -> Result<Value> {
    let v: Option<String> =
        conn.query_row(&format!("SELECT {name} FROM reportages WHERE id = ?1"), [id], |r| r.get(0))?;
    Ok(v.map(Value::String).unwrap_or(Value::Null))
}

fn texts(conn: &Connection, id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT part, lang FROM reportage_texts WHERE reportage_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn text(conn: &Connection, id: i64, part: &str, lang: &str) -> Result<Value> {
    let t: Option<String> = conn
        .prepare_cached("SELECT text FROM reportage_texts WHERE reportage_id = ?1 AND part = ?2 AND lang = ?3")?
        .query_row(params![id, part, lang], |r| r.get(0))
        .optional()?;
    Ok(t.map(Value::String).unwrap_or(Value::Null))
}

fn facet(conn: &Connection, id: i64, facet: Facet) -> Result<Value> {
    let mut v: Vec<String> = conn
        .prepare_cached("SELECT value FROM reportage_facets WHERE reportage_id = ?1 AND facet = ?2 ORDER BY value")?
        .query_map(params![id, facet.code()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    v.sort_by_key(|x| (x.parse::<u32>().unwrap_or(u32::MAX), x.clone()));
    Ok(json!(v))
}

/// The items in order, each by its asset's content hash, with its role.
fn items(conn: &Connection, id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.content_hash, i.role FROM reportage_items i JOIN assets a ON a.id = i.asset_id
             WHERE i.reportage_id = ?1 ORDER BY i.position",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn hashes(items: &[(String, String)]) -> Vec<Value> {
    items.iter().map(|(h, _)| json!(h)).collect()
}

/// Writes a field the conflict list names (`status`, `headline:en`, `themes`, `items`,
/// `role:12`) of reportage `id` at home, with its audit entry when the log keeps it.
pub(crate) fn write(
    conn: &Connection,
    id: i64,
    field: &str,
    value: &Value,
    actor: &str,
    reason: &str,
    now: &str,
) -> Result<()> {
    let text_value = value.as_str().map(str::to_owned);
    if COLUMNS.contains(&field) {
        let before = column(conn, id, field)?;
        conn.execute(&format!("UPDATE reportages SET {field} = ?2 WHERE id = ?1"), params![id, text_value])?;
        let action = match field {
            "classification" => Some("classification"),
            "embargo_until" => Some("embargo"),
            "status" => Some("status"),
            _ => None,
        };
        if let Some(action) = action {
            let detail = json!({ "field": field, "from": before, "to": value, "reason": reason });
            audit::append(conn, now, actor, action, Subject::Reportage(id), &detail)?;
        }
    } else if let Some(f) = Facet::ALL.into_iter().find(|f| f.plural() == field) {
        conn.execute("DELETE FROM reportage_facets WHERE reportage_id = ?1 AND facet = ?2", params![id, f.code()])?;
        for v in value.as_array().into_iter().flatten().filter_map(Value::as_str) {
            conn.execute(
                "INSERT OR IGNORE INTO reportage_facets (reportage_id, facet, value) VALUES (?1, ?2, ?3)",
                params![id, f.code(), v],
            )?;
        }
    } else if field == "items" {
        // By content hash, in order; an item keeps its role, a new one is in the gallery.
        let roles: Vec<(String, String)> = items(conn, id)?;
        conn.execute("DELETE FROM reportage_items WHERE reportage_id = ?1", [id])?;
        for (n, hash) in value.as_array().into_iter().flatten().filter_map(Value::as_str).enumerate() {
            let asset: i64 = conn
                .query_row("SELECT id FROM assets WHERE content_hash = ?1", [hash], |r| r.get(0))
                .optional()?
                .ok_or_else(|| Error::NotFound(format!("reportage r:{id}: no asset holds {hash}")))?;
            let role = roles.iter().find(|(h, _)| h == hash).map_or("gallery", |(_, r)| r.as_str());
            conn.execute(
                "INSERT INTO reportage_items (reportage_id, asset_id, role, position) VALUES (?1, ?2, ?3, ?4)",
                params![id, asset, role, n as i64 + 1],
            )?;
        }
    } else if let Some(asset) = field.strip_prefix("role:") {
        conn.execute(
            "UPDATE reportage_items SET role = ?3 WHERE reportage_id = ?1 AND asset_id = ?2",
            params![id, asset.parse::<i64>().unwrap_or_default(), text_value],
        )?;
    } else if let Some((part, lang)) = field.split_once(':') {
        conn.execute(
            "DELETE FROM reportage_texts WHERE reportage_id = ?1 AND part = ?2 AND lang = ?3",
            params![id, part, lang],
        )?;
        if let Some(t) = text_value {
            conn.execute("INSERT INTO reportage_texts VALUES (?1, ?2, ?3, ?4)", params![id, part, lang, t])?;
        }
    } else {
        return Err(Error::InvalidInput(format!("a reportage has no field {field:?}")));
    }
    conn.execute("UPDATE reportages SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
    crate::reportage::reindex(conn, id)
}

pub(super) fn merge(run: &mut Run, home: i64, tour: i64, base: Option<i64>) -> Result<()> {
    let item = format!("r:{home}");
    let mut fields: Vec<(String, Value, Value, Option<Value>, bool)> = Vec::new();
    for name in COLUMNS {
        let before = base.map(|b| column(run.base, b, name)).transpose()?;
        fields.push((name.into(), column(run.home, home, name)?, column(run.tour, tour, name)?, before, false));
    }
    let mut parts = texts(run.home, home)?;
    parts.extend(texts(run.tour, tour)?);
    if let Some(b) = base {
        parts.extend(texts(run.base, b)?);
    }
    parts.sort();
    parts.dedup();
    for (part, lang) in parts {
        let before = base.map(|b| text(run.base, b, &part, &lang)).transpose()?;
        let (ours, theirs) = (text(run.home, home, &part, &lang)?, text(run.tour, tour, &part, &lang)?);
        fields.push((format!("{part}:{lang}"), ours, theirs, before, false));
    }
    for f in Facet::ALL {
        let before = base.map(|b| facet(run.base, b, f)).transpose()?;
        fields.push((f.plural().into(), facet(run.home, home, f)?, facet(run.tour, tour, f)?, before, true));
    }
    let (ours_items, theirs_items) = (items(run.home, home)?, items(run.tour, tour)?);
    let base_items = base.map(|b| items(run.base, b)).transpose()?;
    fields.push((
        "items".into(),
        json!(hashes(&ours_items)),
        json!(hashes(&theirs_items)),
        base_items.as_deref().map(|b| json!(hashes(b))),
        true,
    ));
    for (field, ours, theirs, before, list) in fields {
        let merged = if field == "classification" {
            let level = |v: &Value| v.as_str().and_then(|s| s.parse::<Classification>().ok());
            if level(&theirs) > level(&ours) {
                Merged::Take(theirs.clone())
            } else {
                Merged::Ours
            }
        } else if list {
            let l = |v: &Value| v.as_array().cloned().unwrap_or_default();
            three_way::list(before.as_ref().map(l).as_deref(), &l(&ours), &l(&theirs))
        } else {
            three_way::scalar(before.as_ref(), &ours, &theirs)
        };
        let (actor, reason, now) = (run.actor, run.reason, run.now);
        run.settle(&item, &field, merged, (ours, theirs), |conn, value| {
            write(conn, home, &field, value, actor, reason, now)
        })?;
    }
    // Each item's role, by the asset as home names it.
    for (hash, theirs) in &theirs_items {
        let Some((_, ours)) = items(run.home, home)?.into_iter().find(|(h, _)| h == hash) else { continue };
        let before = base_items.as_ref().and_then(|b| b.iter().find(|(h, _)| h == hash)).map(|(_, r)| json!(r));
        let asset: i64 = run.home.query_row("SELECT id FROM assets WHERE content_hash = ?1", [hash], |r| r.get(0))?;
        let field = format!("role:{asset}");
        match three_way::scalar(before.as_ref(), &json!(ours), &json!(theirs)) {
            Merged::Ours => {}
            Merged::Take(value) => {
                write(run.home, home, &field, &value, run.actor, run.reason, run.now)?;
                run.updated.insert(item.clone());
            }
            Merged::Conflict | Merged::Partly(_) => run.conflict(&item, &field, json!(ours), json!(theirs), None, None),
        }
    }
    still_publishable(run, home)
}

/// A published reportage that the merge made unpublishable (an item classified at home, an
/// embargo) goes back to editing, as any change that does so.
fn still_publishable(run: &mut Run, id: i64) -> Result<()> {
    let r = crate::reportage::get(run.home, id)?;
    if r.status != crate::reportage::ReportageStatus::Published {
        return Ok(());
    }
    if let Some(why) = crate::reportage::unpublishable(&r, run.now) {
        let reason = format!("{}: {why}", run.reason);
        write(run.home, id, "status", &json!("editing"), run.actor, &reason, run.now)?;
    }
    Ok(())
}

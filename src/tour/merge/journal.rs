//! What is kept as history: translation statuses with their histories (append-only on both
//! sides: the tour's lines are added to home's, and the status is the newest line's), and the
//! tour's audit entries, joined to home's chain (numbered and hashed anew, their subjects and
//! references translated to home's ids, each naming the entry and hash it had on the tour).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::{Ids, Run};
use crate::error::Result;

type HistoryLine = (
    String,
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
);

fn history(conn: &Connection) -> Result<Vec<HistoryLine>> {
    Ok(conn
        .prepare(
            "SELECT item_kind, item_id, part, lang, from_status, to_status, assignee, due, note, override, at, actor
             FROM translation_history ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// Adds the tour's history lines home lacks; a part the tour changed takes the tour's status
/// when it is newer than home's (home's when both are of the same time).
pub(super) fn translations(run: &mut Run, ids: &Ids) -> Result<u64> {
    let mut added = 0;
    let mut touched = Vec::new();
    for line in history(run.tour)? {
        let (kind, tour_id, part, lang, from, to, assignee, due, note, over, at, actor) = line;
        let id = if kind == "reportage" { ids.reportage(tour_id)? } else { ids.asset(tour_id)? };
        // A line is known by all it says: two editors' lines of the same second differ by
        // their notes, assignees or dates.
        let known: Option<i64> = run
            .home
            .prepare_cached(
                "SELECT 1 FROM translation_history WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4
                 AND from_status = ?5 AND to_status = ?6 AND at = ?7 AND actor = ?8
                 AND assignee IS ?9 AND due IS ?10 AND note IS ?11 AND override IS ?12",
            )?
            .query_row(params![kind, id, part, lang, from, to, at, actor, assignee, due, note, over], |r| r.get(0))
            .optional()?;
        if known.is_none() {
            run.home.execute(
                "INSERT INTO translation_history (item_kind, item_id, part, lang, from_status, to_status, assignee, due, note, override, at, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![kind, id, part, lang, from, to, assignee, due, note, over, at, actor],
            )?;
            added += 1;
            touched.push((kind.clone(), tour_id, id, part.clone(), lang.clone()));
        }
    }
    touched.sort();
    touched.dedup();
    for (kind, tour_id, id, part, lang) in touched {
        let ours: Option<String> = run
            .home
            .query_row(
                "SELECT updated_at FROM translations WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4",
                params![kind, id, part, lang],
                |r| r.get(0),
            )
            .optional()?;
        let theirs = run
            .tour
            .query_row(
                "SELECT status, assignee, due, source_hash, updated_at FROM translations
                 WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4",
                params![kind, tour_id, part, lang],
                |r| Ok([r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]),
            )
            .optional()?;
        let Some([status, assignee, due, source_hash, updated_at]) = theirs else { continue };
        if ours.is_some_and(|h| updated_at.as_ref().is_some_and(|t| &h >= t)) {
            continue;
        }
        run.home.execute(
            "INSERT OR REPLACE INTO translations (item_kind, item_id, part, lang, status, assignee, due, source_hash, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![kind, id, part, lang, status, assignee, due, source_hash, updated_at],
        )?;
        run.updated.insert(if kind == "reportage" { format!("r:{id}") } else { id.to_string() });
    }
    Ok(added)
}

/// The tour's audit entries after those joined before, appended to home's chain. Returns how
/// many, and how many of them are deliveries.
pub(super) fn audit(run: &Run, ids: &Ids, kits: &[(i64, i64)], after: i64) -> Result<(u64, u64, i64)> {
    struct Entry {
        id: i64,
        at: String,
        actor: String,
        action: String,
        asset: Option<i64>,
        reportage: Option<i64>,
        detail: String,
        hash: String,
    }
    let entries: Vec<Entry> = run
        .tour
        .prepare(
            "SELECT id, at, actor, action, asset_id, reportage_id, detail, hash FROM audit_log WHERE id > ?1 ORDER BY id",
        )?
        .query_map([after], |r| {
            Ok(Entry {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                asset: r.get(4)?,
                reportage: r.get(5)?,
                detail: r.get(6)?,
                hash: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let (mut joined, mut deliveries, mut last) = (0, 0, after);
    let kit = |k: i64| kits.iter().find(|(t, _)| *t == k).map_or(k, |(_, h)| *h);
    for Entry { id, at, actor, action, asset, reportage, detail, hash } in entries {
        let mut detail: Value = serde_json::from_str(&detail).unwrap_or(Value::String(detail));
        if let Some(obj) = detail.as_object_mut() {
            if let Some(k) = obj.get("kit").and_then(Value::as_i64) {
                obj.insert("kit".into(), json!(kit(k)));
            }
            for key in ["items", "contents"] {
                if let Some(list) = obj.get(key).and_then(Value::as_array) {
                    let mapped: Vec<Value> = list
                        .iter()
                        .map(|v| v.as_str().map_or(Ok(v.clone()), |s| ids.reference(s).map(Value::String)))
                        .collect::<Result<_>>()?;
                    obj.insert(key.into(), Value::Array(mapped));
                }
            }
            if let Some(item) = obj.get("item").and_then(Value::as_str) {
                obj.insert("item".into(), json!(ids.reference(item)?));
            }
            obj.insert("tour".into(), json!({ "library": run.library, "entry": id, "hash": hash }));
        }
        let subject = match (asset, reportage) {
            (Some(a), _) => crate::audit::Subject::Asset(ids.asset(a)?),
            (None, Some(r)) => crate::audit::Subject::Reportage(ids.reportage(r)?),
            _ => crate::audit::Subject::Library,
        };
        crate::audit::append(run.home, &at, &actor, &action, subject, &detail)?;
        joined += 1;
        deliveries += u64::from(action == "delivery");
        last = id;
    }
    Ok((joined, deliveries, last))
}

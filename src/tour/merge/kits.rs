//! A kit both sides hold (made on the road, merged home, then changed on either side), merged
//! as a reportage is: its record field by field; its items, the assets dropped from it and the
//! soft findings accepted in it by element, each known by its asset's content hash or its
//! reportage's uid, never by row id. The versions built: the most either side counts.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{json, Value};

use super::three_way;
use super::Run;
use crate::error::{Error, Result};

const COLUMNS: [&str; 11] = [
    "title",
    "profile",
    "languages",
    "vietnamese_beside",
    "recipient",
    "outlet",
    "country",
    "contact",
    "channel",
    "deliver_at",
    "notes",
];
/// The fields that hold lists merged by element.
const LISTS: [&str; 3] = ["items", "exclusions", "acceptances"];

/// Whether `field` is one of a kit's, and whether a typed value can stand for it.
pub(crate) fn typeable(field: &str) -> Result<bool> {
    match field {
        _ if COLUMNS.contains(&field) => Ok(true),
        _ if LISTS.contains(&field) => Ok(false),
        _ => Err(Error::InvalidInput(format!("a kit has no field {field:?}"))),
    }
}

fn column(conn: &Connection, id: i64, name: &str) -> Result<Value> {
    let v: SqlValue = conn.query_row(&format!("SELECT {name} FROM kits WHERE id = ?1"), [id], |r| r.get(0))?;
    Ok(match v {
        SqlValue::Text(t) if name == "languages" => serde_json::from_str(&t).unwrap_or(Value::String(t)),
        SqlValue::Text(t) => Value::String(t),
        SqlValue::Integer(i) if name == "vietnamese_beside" => Value::Bool(i != 0),
        SqlValue::Integer(i) => json!(i),
        SqlValue::Real(f) => json!(f),
        SqlValue::Null | SqlValue::Blob(_) => Value::Null,
    })
}

/// An asset or reportage as every library knows it: `a:HASH`, `r:UID`.
const IDENTITY: &str = "coalesce('a:' || (SELECT content_hash FROM assets WHERE id = asset_id),
                                  'r:' || (SELECT uid FROM reportages WHERE id = reportage_id))";

fn strings(conn: &Connection, sql: &str, id: i64) -> Result<Vec<Value>> {
    Ok(conn
        .prepare_cached(sql)?
        .query_map([id], |r| r.get::<_, String>(0))?
        .map(|s| s.map(Value::String))
        .collect::<rusqlite::Result<_>>()?)
}

fn list(conn: &Connection, id: i64, field: &str) -> Result<Vec<Value>> {
    match field {
        "items" => strings(conn, &format!("SELECT {IDENTITY} FROM kit_items WHERE kit_id = ?1 ORDER BY position"), id),
        "exclusions" => strings(
            conn,
            "SELECT 'a:' || a.content_hash FROM kit_exclusions e JOIN assets a ON a.id = e.asset_id
             WHERE e.kit_id = ?1 ORDER BY 1",
            id,
        ),
        _ => {
            // An acceptance's item is "12" or "r:3" as its library numbers them.
            let sql = "SELECT coalesce(
                           CASE WHEN item LIKE 'r:%' THEN 'r:' || (SELECT uid FROM reportages WHERE id = substr(item, 3))
                                ELSE 'a:' || (SELECT content_hash FROM assets WHERE id = item) END, item),
                           rule, reason, actor, at
                       FROM kit_acceptances WHERE kit_id = ?1 ORDER BY 1, 2";
            Ok(conn
                .prepare_cached(sql)?
                .query_map([id], |r| {
                    Ok(json!({ "item": r.get::<_, String>(0)?, "rule": r.get::<_, String>(1)?,
                               "reason": r.get::<_, String>(2)?, "actor": r.get::<_, String>(3)?,
                               "at": r.get::<_, String>(4)? }))
                })?
                .collect::<rusqlite::Result<_>>()?)
        }
    }
}

/// Home's asset or reportage for an identity: `(asset_id, reportage_id)`.
fn resolve(conn: &Connection, kit: i64, identity: &str) -> Result<(Option<i64>, Option<i64>)> {
    let found = |table: &str, column: &str, key: &str| -> Result<Option<i64>> {
        Ok(conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?
            .query_row([key], |r| r.get(0))
            .optional()?)
    };
    let missing = || Error::NotFound(format!("kit k:{kit}: this library holds no {identity}"));
    match identity.split_once(':') {
        Some(("a", hash)) => Ok((Some(found("assets", "content_hash", hash)?.ok_or_else(missing)?), None)),
        Some(("r", uid)) => Ok((None, Some(found("reportages", "uid", uid)?.ok_or_else(missing)?))),
        _ => Err(missing()),
    }
}

/// Writes the field `field` of kit `id` at home (a conflict's list names it so).
pub(crate) fn write(conn: &Connection, id: i64, field: &str, value: &Value, now: &str) -> Result<()> {
    let elements = || value.as_array().cloned().unwrap_or_default();
    let text = |v: &Value| v.as_str().map(str::to_owned);
    match field {
        "languages" => {
            conn.execute("UPDATE kits SET languages = ?2 WHERE id = ?1", params![id, json!(elements()).to_string()])?;
        }
        "vietnamese_beside" => {
            let on = value.as_bool().unwrap_or_else(|| matches!(value.as_str(), Some("true" | "1" | "yes")));
            conn.execute("UPDATE kits SET vietnamese_beside = ?2 WHERE id = ?1", params![id, on])?;
        }
        "profile" | "recipient" if text(value).is_none_or(|t| t.trim().is_empty()) => {
            return Err(Error::InvalidInput(format!("a kit's {field} cannot be empty")));
        }
        _ if COLUMNS.contains(&field) => {
            conn.execute(&format!("UPDATE kits SET {field} = ?2 WHERE id = ?1"), params![id, text(value)])?;
        }
        "items" => {
            conn.execute("DELETE FROM kit_items WHERE kit_id = ?1", [id])?;
            for (n, identity) in elements().iter().filter_map(Value::as_str).enumerate() {
                let (asset, reportage) = resolve(conn, id, identity)?;
                conn.execute(
                    "INSERT INTO kit_items (kit_id, position, asset_id, reportage_id) VALUES (?1, ?2, ?3, ?4)",
                    params![id, n as i64 + 1, asset, reportage],
                )?;
            }
        }
        "exclusions" => {
            conn.execute("DELETE FROM kit_exclusions WHERE kit_id = ?1", [id])?;
            for identity in elements().iter().filter_map(Value::as_str) {
                let (asset, _) = resolve(conn, id, identity)?;
                conn.execute("INSERT OR IGNORE INTO kit_exclusions VALUES (?1, ?2)", params![id, asset])?;
            }
        }
        "acceptances" => {
            conn.execute("DELETE FROM kit_acceptances WHERE kit_id = ?1", [id])?;
            for a in elements() {
                let identity = a["item"].as_str().unwrap_or_default();
                let item = match resolve(conn, id, identity)? {
                    (Some(asset), _) => asset.to_string(),
                    (_, reportage) => format!("r:{}", reportage.unwrap_or_default()),
                };
                conn.execute(
                    "INSERT OR REPLACE INTO kit_acceptances VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, item, text(&a["rule"]), text(&a["reason"]), text(&a["actor"]), text(&a["at"])],
                )?;
            }
        }
        _ => return Err(Error::InvalidInput(format!("a kit has no field {field:?}"))),
    }
    conn.execute("UPDATE kits SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
    Ok(())
}

pub(super) fn merge(run: &mut Run, home: i64, tour: i64, base: Option<i64>) -> Result<()> {
    let item = format!("k:{home}");
    for field in COLUMNS.into_iter().chain(LISTS) {
        let is_list = LISTS.contains(&field);
        let value = |conn: &Connection, id: i64| -> Result<Value> {
            if is_list {
                Ok(Value::Array(list(conn, id, field)?))
            } else {
                column(conn, id, field)
            }
        };
        let (ours, theirs) = (value(run.home, home)?, value(run.tour, tour)?);
        let before = base.map(|b| value(run.base, b)).transpose()?;
        let merged = if is_list {
            let l = |v: &Value| v.as_array().cloned().unwrap_or_default();
            three_way::list(before.as_ref().map(l).as_deref(), &l(&ours), &l(&theirs))
        } else {
            three_way::scalar(before.as_ref(), &ours, &theirs)
        };
        let now = run.now;
        run.settle(&item, field, merged, (ours, theirs), |conn, value| write(conn, home, field, value, now))?;
    }
    Ok(())
}

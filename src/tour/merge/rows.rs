//! What the tour made that home has not: its rows copied into the home catalog under home's
//! own ids (assets and reportages, kits with their items), every reference translated.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Ids, Run};
use crate::error::Result;

/// Copies the rows of `table` where `key` is `from` in the tour to home with `key` = `to`;
/// with `to` = `None` (a new row of an id of its own) the id column is left to home and the
/// new id returned. `map` rewrites other columns (a reportage's asset, a kit's item).
fn copy(
    tour: &Connection,
    home: &Connection,
    table: &str,
    key: &str,
    from: i64,
    to: Option<i64>,
    map: &dyn Fn(&str, SqlValue) -> Result<SqlValue>,
) -> Result<Option<i64>> {
    let mut select = tour.prepare(&format!("SELECT * FROM {table} WHERE {key} = ?1"))?;
    let columns: Vec<String> = select.column_names().into_iter().map(str::to_owned).collect();
    let rows: Vec<Vec<SqlValue>> = select
        .query_map([from], |r| (0..columns.len()).map(|i| r.get::<_, SqlValue>(i)).collect())?
        .collect::<rusqlite::Result<_>>()?;
    let mut last = None;
    for row in rows {
        let mut names = Vec::new();
        let mut values = Vec::new();
        for (name, value) in columns.iter().zip(row) {
            if name == key {
                match to {
                    Some(id) => values.push(SqlValue::Integer(id)),
                    None => continue,
                }
            } else {
                values.push(map(name, value)?);
            }
            names.push(name.as_str());
        }
        let marks = vec!["?"; names.len()].join(", ");
        home.execute(
            &format!("INSERT INTO {table} ({}) VALUES ({marks})", names.join(", ")),
            rusqlite::params_from_iter(values),
        )?;
        last = Some(home.last_insert_rowid());
    }
    Ok(if to.is_none() { last } else { to })
}

fn same(_: &str, v: SqlValue) -> Result<SqlValue> {
    Ok(v)
}

/// A new asset: its record under a new home id.
pub(super) fn new_asset(run: &Run, tour_id: i64) -> Result<i64> {
    let id = copy(run.tour, run.home, "assets", "id", tour_id, None, &same)?.unwrap_or_default();
    for table in crate::tour::ASSET_TABLES {
        copy(run.tour, run.home, table, "asset_id", tour_id, Some(id), &same)?;
    }
    crate::catalog::write::reindex(run.home, id)?;
    Ok(id)
}

/// A new reportage: its record, texts and facets, its items as home's assets.
pub(super) fn new_reportage(run: &Run, ids: &Ids, tour_id: i64) -> Result<i64> {
    let id = copy(run.tour, run.home, "reportages", "id", tour_id, None, &same)?.unwrap_or_default();
    for table in ["reportage_texts", "reportage_facets"] {
        copy(run.tour, run.home, table, "reportage_id", tour_id, Some(id), &same)?;
    }
    let asset = |name: &str, v: SqlValue| -> Result<SqlValue> {
        Ok(match (name, v) {
            ("asset_id", SqlValue::Integer(a)) => SqlValue::Integer(ids.asset(a)?),
            (_, v) => v,
        })
    };
    copy(run.tour, run.home, "reportage_items", "reportage_id", tour_id, Some(id), &asset)?;
    crate::reportage::reindex(run.home, id)?;
    Ok(id)
}

/// The tour's kits home has not seen (by uid), with their items; those it has, merged (see
/// `kits`). Returns the map of the tour's kit ids to home's.
pub(super) fn kits(run: &mut Run, ids: &Ids) -> Result<Vec<(i64, i64)>> {
    let tour_kits: Vec<(i64, String, i64)> = run
        .tour
        .prepare("SELECT id, uid, built_versions FROM kits ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut map = Vec::new();
    for (tour_id, uid, built) in tour_kits {
        let known: Option<i64> =
            run.home.query_row("SELECT id FROM kits WHERE uid = ?1", [&uid], |r| r.get(0)).optional()?;
        let id = match known {
            Some(id) => {
                let base: Option<i64> =
                    run.base.query_row("SELECT id FROM kits WHERE uid = ?1", [&uid], |r| r.get(0)).optional()?;
                super::kits::merge(run, id, tour_id, base)?;
                run.home.execute(
                    "UPDATE kits SET built_versions = max(built_versions, ?2) WHERE id = ?1",
                    params![id, built],
                )?;
                id
            }
            None => {
                let id = copy(run.tour, run.home, "kits", "id", tour_id, None, &same)?.unwrap_or_default();
                let refs = |name: &str, v: SqlValue| -> Result<SqlValue> {
                    Ok(match (name, v) {
                        ("asset_id", SqlValue::Integer(a)) => SqlValue::Integer(ids.asset(a)?),
                        ("reportage_id", SqlValue::Integer(r)) => SqlValue::Integer(ids.reportage(r)?),
                        ("item", SqlValue::Text(t)) => SqlValue::Text(ids.reference(&t)?),
                        (_, v) => v,
                    })
                };
                for table in ["kit_items", "kit_exclusions", "kit_acceptances"] {
                    copy(run.tour, run.home, table, "kit_id", tour_id, Some(id), &refs)?;
                }
                id
            }
        };
        map.push((tour_id, id));
    }
    Ok(map)
}

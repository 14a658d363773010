//! Finding reportages: their texts in every language, folded like assets' (diacritics and
//! đ/Đ), in a full-text index of their own, with the taxonomy's filters.

use rusqlite::types::Value;
use rusqlite::{params, Connection};

use crate::catalog::SearchQuery;
use crate::error::Result;
use crate::text::fold;

/// Rebuilds the search row of reportage `id`.
pub fn reindex(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM reportage_search WHERE rowid = ?1")?.execute([id])?;
    let texts: Vec<(String, String)> = conn
        .prepare_cached("SELECT part, text FROM reportage_texts WHERE reportage_id = ?1")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let part =
        |name: &str| texts.iter().filter(|(p, _)| p == name).map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
    let (byline, dateline, notes): (Option<String>, Option<String>, Option<String>) = conn
        .prepare_cached("SELECT byline, dateline, notes FROM reportages WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    conn.prepare_cached(
        "INSERT INTO reportage_search (rowid, headline, standfirst, body, byline, other) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        fold(&part("headline")),
        fold(&part("standfirst")),
        fold(&part("body")),
        fold(&byline.unwrap_or_default()),
        fold(&format!("{} ; {}", dateline.unwrap_or_default(), notes.unwrap_or_default())),
    ])?;
    Ok(())
}

/// The reportages matching `query`'s text and taxonomy filters (and classification), most
/// recently changed first.
pub fn search_ids(conn: &Connection, query: &SearchQuery) -> Result<Vec<i64>> {
    let mut sql = String::from("SELECT r.id FROM reportages r WHERE 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(expr) = crate::catalog::match_expression(&query.text) {
        sql.push_str(" AND r.id IN (SELECT rowid FROM reportage_search WHERE reportage_search MATCH ?)");
        args.push(Value::Text(expr));
    }
    for (facet, value) in crate::catalog::facet_filters(conn, query)? {
        sql.push_str(" AND EXISTS (SELECT 1 FROM reportage_facets f WHERE f.reportage_id = r.id AND f.facet = ? AND f.value = ?)");
        args.extend([Value::Text(facet.code().into()), Value::Text(value)]);
    }
    if let Some(c) = query.classification {
        sql.push_str(" AND r.classification = ?");
        args.push(Value::Text(c.code().into()));
    }
    sql.push_str(" ORDER BY r.updated_at DESC, r.id DESC LIMIT ?");
    args.push(Value::Integer(query.limit.unwrap_or(200).max(0)));
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

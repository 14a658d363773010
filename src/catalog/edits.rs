//! An editor's changes to an asset's record: kept in the catalog (never in the original),
//! undoable and redoable, and stronger than the file: re-reading a file keeps them.
//! Changes of classification, embargo and rights go to the audit log. Callers hold the
//! transaction: a batch is applied whole or not at all.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::codes::Codes;
use super::fields::{AssetEdit, Edit};
use super::write::reindex;
use crate::audit::{self, Subject};
use crate::error::{Error, Result};
use crate::taxonomy;

/// What an undo or redo changed back: the change and the assets it touched.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Reverted {
    pub change: i64,
    pub assets: Vec<i64>,
}

/// Who changes a field and why, for the audit log.
#[derive(Clone, Copy)]
struct Why<'a> {
    actor: &'a str,
    reason: &'a str,
}

fn bad_history(e: impl std::fmt::Display) -> Error {
    Error::InvalidInput(format!("an edit in the history cannot be read: {e}"))
}

/// Facet values in the order the catalog lists them: themes by number, the rest by id.
fn facet_order(values: &mut [String]) {
    values.sort_by_key(|v| (v.parse::<u32>().unwrap_or(u32::MAX), v.clone()));
}

/// The value `edit`'s field has now, as an edit that would set it.
pub(crate) fn current(conn: &Connection, id: i64, edit: &Edit) -> Result<Edit> {
    if let Some(column) = edit.column() {
        let sql = format!("SELECT {column} FROM assets WHERE id = ?1");
        let value: SqlValue = conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0))?;
        let value = match value {
            SqlValue::Integer(i) => serde_json::json!(i),
            SqlValue::Real(f) => serde_json::json!(f),
            SqlValue::Text(t) => serde_json::json!(t),
            SqlValue::Null | SqlValue::Blob(_) => serde_json::Value::Null,
        };
        let mut now = serde_json::to_value(edit).map_err(bad_history)?;
        now["value"] = value;
        return serde_json::from_value(now).map_err(bad_history);
    }
    let exists = |conn: &Connection| -> Result<()> {
        conn.prepare_cached("SELECT 1 FROM assets WHERE id = ?1")?.query_row([id], |_| Ok(()))?;
        Ok(())
    };
    exists(conn)?;
    Ok(match edit {
        Edit::Caption { lang, .. } => Edit::Caption {
            lang: lang.clone(),
            value: conn
                .prepare_cached("SELECT text FROM captions WHERE asset_id = ?1 AND lang = ?2")?
                .query_row(params![id, lang], |r| r.get(0))
                .optional()?,
        },
        Edit::Localized { name, lang, .. } => Edit::Localized {
            name: *name,
            lang: lang.clone(),
            value: conn
                .prepare_cached("SELECT text FROM asset_texts WHERE asset_id = ?1 AND field = ?2 AND lang = ?3")?
                .query_row(params![id, name.code(), lang], |r| r.get(0))
                .optional()?,
        },
        Edit::Keywords { .. } | Edit::AddKeywords { .. } | Edit::RemoveKeywords { .. } => Edit::Keywords {
            value: conn
                .prepare_cached("SELECT keyword FROM keywords WHERE asset_id = ?1 ORDER BY position")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        },
        Edit::Territories { .. } | Edit::Persons { .. } => {
            let column = if matches!(edit, Edit::Persons { .. }) { "persons" } else { "territories" };
            let sql = format!("SELECT {column} FROM assets WHERE id = ?1");
            let stored: Option<String> = conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0))?;
            let value = stored.map(|t| serde_json::from_str(&t).map_err(bad_history)).transpose()?.unwrap_or_default();
            if column == "persons" {
                Edit::Persons { value }
            } else {
                Edit::Territories { value }
            }
        }
        Edit::Focus { .. } => {
            let (x, y): (Option<f64>, Option<f64>) = conn
                .prepare_cached("SELECT focus_x, focus_y FROM assets WHERE id = ?1")?
                .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Edit::Focus { value: x.zip(y).map(|(x, y)| [x, y]) }
        }
        Edit::Facet { facet, .. } => {
            let mut value: Vec<String> = conn
                .prepare_cached("SELECT value FROM asset_facets WHERE asset_id = ?1 AND facet = ?2")?
                .query_map(params![id, facet.code()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            facet_order(&mut value);
            Edit::Facet { facet: *facet, value }
        }
        other => return Err(Error::InvalidInput(format!("cannot read {}", other.field()))),
    })
}

/// The edit as it will be written: keywords added or removed become the whole new list, and
/// facet values the taxonomy's ids.
fn resolved(conn: &Connection, edit: Edit, now: &Edit) -> Result<Edit> {
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    Ok(match (edit, now) {
        (Edit::AddKeywords { value: added }, Edit::Keywords { value: had }) => {
            let mut value = had.clone();
            value.extend(added.into_iter().filter(|k| !had.iter().any(|h| same(h, k))));
            Edit::Keywords { value }
        }
        (Edit::RemoveKeywords { value: removed }, Edit::Keywords { value: had }) => {
            Edit::Keywords { value: had.iter().filter(|h| !removed.iter().any(|k| same(h, k))).cloned().collect() }
        }
        (Edit::Facet { facet, value }, _) => {
            let mut ids = Vec::new();
            for v in &value {
                let id = taxonomy::resolve(conn, facet.list(), v)?;
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            facet_order(&mut ids);
            Edit::Facet { facet, value: ids }
        }
        (edit, _) => edit,
    })
}

/// Writes `edit` into the catalog; with `why`, a change the audit log keeps is recorded there.
fn write(conn: &Connection, id: i64, edit: &Edit, why: Option<Why>, now: &str) -> Result<()> {
    let audited = match (why, edit.audited_as()) {
        (Some(why), Some(action)) => Some((why, action, current(conn, id, edit)?.value())),
        _ => None,
    };
    match edit {
        Edit::Caption { lang, value: Some(text) } => {
            conn.prepare_cached("INSERT OR REPLACE INTO captions (asset_id, lang, text) VALUES (?1, ?2, ?3)")?
                .execute(params![id, lang, text])?;
        }
        Edit::Caption { lang, value: None } => {
            conn.prepare_cached("DELETE FROM captions WHERE asset_id = ?1 AND lang = ?2")?
                .execute(params![id, lang])?;
        }
        Edit::Localized { name, lang, value } => {
            conn.prepare_cached("DELETE FROM asset_texts WHERE asset_id = ?1 AND field = ?2 AND lang = ?3")?
                .execute(params![id, name.code(), lang])?;
            if let Some(text) = value {
                conn.prepare_cached("INSERT INTO asset_texts (asset_id, field, lang, text) VALUES (?1, ?2, ?3, ?4)")?
                    .execute(params![id, name.code(), lang, text])?;
            }
        }
        Edit::Keywords { value } => {
            conn.prepare_cached("DELETE FROM keywords WHERE asset_id = ?1")?.execute([id])?;
            let mut insert =
                conn.prepare_cached("INSERT INTO keywords (asset_id, position, keyword) VALUES (?1, ?2, ?3)")?;
            for (position, k) in value.iter().enumerate() {
                insert.execute(params![id, position as i64, k])?;
            }
        }
        Edit::Territories { value } | Edit::Persons { value } => {
            let column = if matches!(edit, Edit::Persons { .. }) { "persons" } else { "territories" };
            let stored = (!value.is_empty()).then(|| serde_json::to_string(value).unwrap_or_default());
            let sql = format!("UPDATE assets SET {column} = ?2 WHERE id = ?1");
            conn.prepare_cached(&sql)?.execute(params![id, stored])?;
        }
        Edit::Focus { value } => {
            let (x, y) = value.map_or((None, None), |[x, y]| (Some(x), Some(y)));
            conn.prepare_cached("UPDATE assets SET focus_x = ?2, focus_y = ?3 WHERE id = ?1")?
                .execute(params![id, x, y])?;
        }
        Edit::Facet { facet, value } => {
            conn.prepare_cached("DELETE FROM asset_facets WHERE asset_id = ?1 AND facet = ?2")?
                .execute(params![id, facet.code()])?;
            let mut insert =
                conn.prepare_cached("INSERT INTO asset_facets (asset_id, facet, value) VALUES (?1, ?2, ?3)")?;
            for v in value {
                insert.execute(params![id, facet.code(), v])?;
            }
        }
        other => {
            let column = other.column().ok_or_else(|| Error::InvalidInput(format!("cannot edit {}", other.field())))?;
            let value = match other.value() {
                serde_json::Value::String(s) => SqlValue::Text(s),
                serde_json::Value::Number(n) => SqlValue::Integer(n.as_i64().unwrap_or_default()),
                _ => SqlValue::Null,
            };
            let sql = format!("UPDATE assets SET {column} = ?2 WHERE id = ?1");
            conn.prepare_cached(&sql)?.execute(params![id, value])?;
        }
    }
    conn.prepare_cached("UPDATE assets SET updated_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    if let Some((why, action, from)) = audited {
        let detail =
            serde_json::json!({ "field": edit.field(), "from": from, "to": edit.value(), "reason": why.reason });
        audit::append(conn, now, why.actor, action, Subject::Asset(id), &detail)?;
        if matches!(edit, Edit::Classification { .. } | Edit::EmbargoUntil { .. }) {
            crate::reportage::reopen_published_with(conn, id, why.actor, now)?;
        }
    }
    if edit.is_embedded() {
        reindex(conn, id)?;
    }
    Ok(())
}

/// Makes `edits` as one change (undone together); returns the change's number, or `None`
/// when nothing changed (then nothing is recorded and what could be redone still can be).
/// Lowering a classification needs a `reason`; any invalid value refuses the whole batch.
pub fn apply(
    conn: &Connection,
    edits: &[AssetEdit],
    offset: time::UtcOffset,
    actor: &str,
    reason: Option<&str>,
    now: &str,
) -> Result<Option<i64>> {
    let codes = Codes::load(conn)?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let change: i64 = conn.query_row("SELECT coalesce(max(change_id), 0) + 1 FROM edits", [], |r| r.get(0))?;
    let mut recorded = false;
    for AssetEdit { asset, edit } in edits {
        let mut edit = edit.clone();
        codes.expand(&mut edit);
        let edit = edit.normalised(offset)?;
        let before = current(conn, *asset, &edit).map_err(|e| match e {
            Error::Db(rusqlite::Error::QueryReturnedNoRows) => Error::NotFound(format!("no asset has id {asset}")),
            e => e,
        })?;
        let edit = resolved(conn, edit, &before)?;
        if before == edit {
            continue;
        }
        if let (Edit::Classification { value: from }, Edit::Classification { value: to }, None) =
            (&before, &edit, reason)
        {
            if to < from {
                return Err(Error::InvalidInput(format!(
                    "lowering the classification of asset {asset} from {} to {} needs a reason (--reason)",
                    from.label_vi(),
                    to.label_vi()
                )));
            }
        }
        if !recorded {
            // A new change: what was undone can no longer be redone.
            conn.prepare_cached("DELETE FROM edits WHERE state = 'undone'")?.execute([])?;
            recorded = true;
        }
        write(conn, *asset, &edit, Some(Why { actor, reason: reason.unwrap_or("edited") }), now)?;
        conn.prepare_cached(
            "INSERT INTO edits (change_id, asset_id, field, before, after, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![change, asset, edit.field(), json(&before), json(&edit), now, actor])?;
    }
    Ok(recorded.then_some(change))
}

/// Sets a field to the value a merge decided, made elsewhere (`library`): written and kept in
/// the history as part of `change` (a merge is undone as one), audited as any edit. True if
/// the value changed.
pub(crate) fn merged(conn: &Connection, change: i64, asset: i64, edit: &Edit, by: Merger, now: &str) -> Result<bool> {
    let before = current(conn, asset, edit)?;
    if &before == edit {
        return Ok(false);
    }
    write(conn, asset, edit, Some(Why { actor: by.actor, reason: by.reason }), now)?;
    conn.prepare_cached(
        "INSERT INTO edits (change_id, asset_id, field, before, after, at, actor, library)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![change, asset, edit.field(), json(&before), json(edit), now, by.actor, by.library])?;
    Ok(true)
}

/// Who merges, why (for the audit log), and the library the change was made in.
#[derive(Clone, Copy)]
pub(crate) struct Merger<'a> {
    pub actor: &'a str,
    pub reason: &'a str,
    pub library: &'a str,
}

/// A new change's number, for a merge's edits; what was undone can no longer be redone.
pub(crate) fn new_change(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("DELETE FROM edits WHERE state = 'undone'")?.execute([])?;
    Ok(conn.query_row("SELECT coalesce(max(change_id), 0) + 1 FROM edits", [], |r| r.get(0))?)
}

/// When and by whom the field was last edited here (`None`: never, or by the file).
pub(crate) fn last_edit(conn: &Connection, asset: i64, field: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT at, actor FROM edits WHERE asset_id = ?1 AND field = ?2 AND state = 'done' ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![asset, field], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

fn json(edit: &Edit) -> String {
    serde_json::to_string(edit).unwrap_or_default()
}

fn parse(s: &str) -> Result<Edit> {
    serde_json::from_str(s).map_err(bad_history)
}

/// Undoes the latest change still done. `None` when there is nothing to undo. Taking back
/// someone else's raise of a classification lowers it: that needs a `reason`, as any lowering.
pub fn undo(conn: &Connection, actor: &str, reason: Option<&str>, now: &str) -> Result<Option<Reverted>> {
    let change: Option<i64> =
        conn.query_row("SELECT max(change_id) FROM edits WHERE state = 'done'", [], |r| r.get(0))?;
    let Some(change) = change else { return Ok(None) };
    revert(conn, change, Side::Undo, actor, reason, now).map(Some)
}

/// Redoes the change undone last. `None` when there is nothing to redo.
pub fn redo(conn: &Connection, actor: &str, reason: Option<&str>, now: &str) -> Result<Option<Reverted>> {
    let change: Option<i64> =
        conn.query_row("SELECT min(change_id) FROM edits WHERE state = 'undone'", [], |r| r.get(0))?;
    let Some(change) = change else { return Ok(None) };
    revert(conn, change, Side::Redo, actor, reason, now).map(Some)
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Undo,
    Redo,
}

fn revert(
    conn: &Connection,
    change: i64,
    side: Side,
    actor: &str,
    reason: Option<&str>,
    now: &str,
) -> Result<Reverted> {
    // Undo walks a change backwards, putting each field's value from before; redo forwards.
    let (order, put, expected, state, why) = match side {
        Side::Undo => ("DESC", "before", "after", "undone", "undo"),
        Side::Redo => ("ASC", "after", "before", "done", "redo"),
    };
    let sql = format!("SELECT asset_id, {put}, {expected}, actor FROM edits WHERE change_id = ?1 ORDER BY id {order}");
    let rows: Vec<(i64, String, String, String)> = conn
        .prepare_cached(&sql)?
        .query_map([change], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let reason = reason.map(str::trim).filter(|r| !r.is_empty());
    let because = reason.map_or_else(|| why.to_owned(), |r| format!("{why}: {r}"));
    let mut assets = Vec::new();
    for (asset, edit, expected, made_by) in &rows {
        // Someone (another window, the CLI, a re-read file) may have changed the field since:
        // then putting the old value back would undo their word, not ours. Checked edit by
        // edit, as a change may set one field twice; a refusal rolls the whole change back.
        let (edit, expected) = (parse(edit)?, parse(expected)?);
        if current(conn, *asset, &expected)? != expected {
            return Err(Error::InvalidInput(format!(
                "cannot {why}: the {} of asset {asset} was changed since",
                expected.field()
            )));
        }
        // One's own correction needs no reason; lowering what someone else decided does.
        if let (Edit::Classification { value: from }, Edit::Classification { value: to }) = (&expected, &edit) {
            if to < from && made_by != actor && reason.is_none() {
                return Err(Error::InvalidInput(format!(
                    "to {why} change {change} lowers the classification of asset {asset} from {} to {}, \
                     which {made_by} decided: give the reason (--reason)",
                    from.label_vi(),
                    to.label_vi()
                )));
            }
        }
        write(conn, *asset, &edit, Some(Why { actor, reason: &because }), now)?;
        if !assets.contains(asset) {
            assets.push(*asset);
        }
    }
    conn.prepare_cached("UPDATE edits SET state = ?2 WHERE change_id = ?1")?.execute(params![change, state])?;
    Ok(Reverted { change, assets })
}

/// Puts the editor's latest word on each field back after the file was read again.
pub fn reapply(conn: &Connection, id: i64, now: &str) -> Result<()> {
    let latest: Vec<String> = conn
        .prepare_cached(
            "SELECT after FROM edits e WHERE asset_id = ?1 AND state = 'done'
               AND id = (SELECT max(id) FROM edits WHERE asset_id = e.asset_id AND field = e.field AND state = 'done')",
        )?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for edit in latest {
        let edit = parse(&edit)?;
        if edit.is_embedded() {
            write(conn, id, &edit, None, now)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::write::{insert_asset, write_embedded};
    use crate::catalog::{get, Classification, Content, Label};
    use crate::probe::PhotoInfo;
    use crate::taxonomy::Facet;

    fn one_asset() -> (Connection, i64) {
        let conn = crate::db::open_in_memory().expect("catalog");
        let info = PhotoInfo { headline: Some("Đồng Nai".into()), ..Default::default() };
        let hash = "ab".repeat(32);
        let id = insert_asset(&conn, &Content::photo(&hash, 1, &info), Classification::Internal, "t0").expect("insert");
        (conn, id)
    }

    fn edit(conn: &Connection, asset: i64, edit: Edit) -> Result<Option<i64>> {
        apply(
            conn,
            &[AssetEdit { asset, edit }],
            time::UtcOffset::from_hms(7, 0, 0).expect("offset"),
            "ed",
            Some("test"),
            "t1",
        )
    }

    #[test]
    fn edits_undo_and_redo_in_order() {
        let (conn, id) = one_asset();
        edit(&conn, id, Edit::Caption { lang: "VI".into(), value: Some("  Cầu Hóa An ".into()) }).expect("caption");
        edit(&conn, id, Edit::Rating { value: 4 }).expect("rating");
        edit(&conn, id, Edit::Headline { value: Some("Biên Hòa".into()) }).expect("headline");
        let a = get(&conn, id).expect("get");
        assert_eq!(a.captions.get("vi").map(String::as_str), Some("Cầu Hóa An"));
        assert_eq!(a.headline.as_deref(), Some("Biên Hòa"));

        assert_eq!(undo(&conn, "ed", None, "t2").expect("undo").map(|r| r.assets), Some(vec![id]));
        assert_eq!(get(&conn, id).expect("get").headline.as_deref(), Some("Đồng Nai"));
        undo(&conn, "ed", None, "t2").expect("undo");
        undo(&conn, "ed", None, "t2").expect("undo");
        assert!(get(&conn, id).expect("get").captions.is_empty());
        assert_eq!(undo(&conn, "ed", None, "t2").expect("nothing left"), None);

        redo(&conn, "ed", None, "t3").expect("redo");
        assert_eq!(get(&conn, id).expect("get").captions.get("vi").map(String::as_str), Some("Cầu Hóa An"));
        // An edit that changes nothing records nothing and keeps what can be redone.
        undo(&conn, "ed", None, "t4").expect("undo");
        assert_eq!(edit(&conn, id, Edit::Rating { value: 0 }).expect("same rating"), None);
        assert!(redo(&conn, "ed", None, "t4").expect("redo").is_some());
        // A new edit drops what could still be redone.
        undo(&conn, "ed", None, "t4").expect("undo");
        edit(&conn, id, Edit::Label { value: Some(Label::Red) }).expect("label");
        assert_eq!(redo(&conn, "ed", None, "t4").expect("redo"), None);
    }

    #[test]
    fn undo_refuses_to_overwrite_a_later_change_it_did_not_make() {
        let (conn, id) = one_asset();
        edit(&conn, id, Edit::Headline { value: Some("Biên Hòa".into()) }).expect("headline");
        // The CLI or a re-read file changed it since.
        conn.execute("UPDATE assets SET headline = 'Long Khánh' WHERE id = ?1", [id]).expect("change");
        let err = undo(&conn, "ed", None, "t2").expect_err("a conflict");
        assert!(err.to_string().contains("changed since"), "{err}");
        assert_eq!(get(&conn, id).expect("get").headline.as_deref(), Some("Long Khánh"));
    }

    #[test]
    fn caption_languages_take_the_files_form() {
        let (conn, id) = one_asset();
        edit(&conn, id, Edit::Caption { lang: "zh-hans".into(), value: Some("同奈".into()) }).expect("caption");
        edit(&conn, id, Edit::Caption { lang: "EN-gb".into(), value: Some("Dong Nai".into()) }).expect("caption");
        let captions = get(&conn, id).expect("get").captions;
        assert_eq!(captions.keys().collect::<Vec<_>>(), ["en-GB", "zh-Hans"]);
    }

    #[test]
    fn the_editors_word_outlives_rereading_the_file() {
        let (conn, id) = one_asset();
        edit(&conn, id, Edit::Headline { value: Some("Sửa tay".into()) }).expect("headline");
        edit(&conn, id, Edit::Keywords { value: vec!["lễ hội".into(), " lễ hội".into(), "".into()] }).expect("kw");
        let info =
            PhotoInfo { headline: Some("Từ tệp".into()), keywords: vec!["tệp".into()], ..Default::default() };
        let hash = "ab".repeat(32);
        write_embedded(&conn, id, &Content::photo(&hash, 1, &info), "t2").expect("reread");
        reapply(&conn, id, "t2").expect("reapply");
        let a = get(&conn, id).expect("get");
        assert_eq!(a.headline.as_deref(), Some("Sửa tay"));
        assert_eq!(a.keywords, vec!["lễ hội".to_string()]);
    }

    #[test]
    fn bad_edits_are_refused_and_classification_is_audited() {
        let (conn, id) = one_asset();
        assert!(edit(&conn, id, Edit::Rating { value: 6 }).is_err());
        assert!(edit(&conn, id, Edit::Caption { lang: "vi; DROP".into(), value: None }).is_err());
        assert!(edit(&conn, id, Edit::EmbargoUntil { value: Some("tomorrow".into()) }).is_err());
        assert!(matches!(edit(&conn, id + 9, Edit::Rating { value: 1 }), Err(Error::NotFound(_))));
        edit(&conn, id, Edit::EmbargoUntil { value: Some("2026-12-01 08:00".into()) }).expect("embargo");
        assert_eq!(get(&conn, id).expect("get").embargo_until.as_deref(), Some("2026-12-01T08:00:00+07:00"));
        edit(&conn, id, Edit::Classification { value: Classification::Secret }).expect("classify");
        undo(&conn, "ed", None, "t2").expect("undo");
        assert_eq!(get(&conn, id).expect("get").classification, Classification::Internal);
        let actions: Vec<String> = conn
            .prepare("SELECT action || ':' || json_extract(detail, '$.reason') FROM audit_log ORDER BY id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(actions, ["embargo:test", "classification:test", "classification:undo"]);
    }

    fn two_assets() -> (Connection, [i64; 2]) {
        let (conn, a) = one_asset();
        let hash = "cd".repeat(32);
        let b = insert_asset(&conn, &Content::photo(&hash, 1, &PhotoInfo::default()), Classification::Internal, "t0")
            .expect("insert");
        (conn, [a, b])
    }

    fn batch(conn: &Connection, edits: Vec<AssetEdit>, reason: Option<&str>) -> Result<Option<i64>> {
        apply(conn, &edits, time::UtcOffset::UTC, "ed", reason, "t1")
    }

    #[test]
    fn a_batch_is_one_change_and_one_bad_value_refuses_it_whole() {
        let (conn, [a, b]) = two_assets();
        let keywords = |v: &[&str]| Edit::Keywords { value: v.iter().map(|k| k.to_string()).collect() };
        batch(&conn, vec![AssetEdit { asset: a, edit: keywords(&["lễ hội", "OCOP"]) }], None).expect("kw");
        let add = Edit::AddKeywords { value: vec!["ocop".into(), "Đồng Nai".into()] };
        let remove = Edit::RemoveKeywords { value: vec!["LỄ HỘI".into()] };
        let theme = Edit::Facet { facet: Facet::Theme, value: vec!["4".into(), "chủ đề 2".into()] };
        let edits = [a, b]
            .iter()
            .flat_map(|&asset| [&add, &remove, &theme].map(|e| AssetEdit { asset, edit: e.clone() }))
            .collect();
        let change = batch(&conn, edits, None).expect("batch").expect("changed");
        assert_eq!(get(&conn, a).expect("a").keywords, ["OCOP", "Đồng Nai"]);
        assert_eq!(get(&conn, b).expect("b").keywords, ["ocop", "Đồng Nai"]);
        assert_eq!(get(&conn, b).expect("b").themes, [2, 4]);
        // One undo takes back the whole batch.
        assert_eq!(undo(&conn, "ed", None, "t2").expect("undo").map(|r| r.change), Some(change));
        assert_eq!(get(&conn, a).expect("a").keywords, ["lễ hội", "OCOP"]);
        assert!(get(&conn, b).expect("b").themes.is_empty());

        // The last edit is invalid: nothing of the batch is written (the caller's transaction
        // is rolled back; here, nothing is recorded before the failure is found either).
        conn.execute_batch("SAVEPOINT batch").expect("savepoint");
        let bad = vec![
            AssetEdit { asset: a, edit: Edit::Credit { value: Some("Báo Đồng Nai".into()) } },
            AssetEdit { asset: b, edit: Edit::Territories { value: vec!["VN".into(), "XX".into()] } },
        ];
        let err = batch(&conn, bad, None).expect_err("XX is no country").to_string();
        assert!(err.contains("XX"), "{err}");
        conn.execute_batch("ROLLBACK TO batch").expect("rollback");
        assert_eq!(get(&conn, a).expect("a").credit, None);
    }

    #[test]
    fn lowering_needs_a_reason_and_rights_changes_are_audited() {
        let (conn, [a, _]) = two_assets();
        let classify = |value| vec![AssetEdit { asset: a, edit: Edit::Classification { value } }];
        batch(&conn, classify(Classification::Secret), None).expect("raising needs no reason");
        let err = batch(&conn, classify(Classification::Public), None).expect_err("lowering").to_string();
        assert!(err.contains("needs a reason"), "{err}");
        batch(&conn, classify(Classification::Public), Some("giải mật theo quyết định 12")).expect("with a reason");
        let terms = Edit::Localized {
            name: super::super::Localized::UsageTerms,
            lang: "en".into(),
            value: Some("Editorial use only".into()),
        };
        batch(&conn, vec![AssetEdit { asset: a, edit: terms }], None).expect("terms");
        let log = audit::entries(&conn, Some(Subject::Asset(a))).expect("log");
        let seen: Vec<(String, String)> =
            log.iter().map(|e| (e.action.clone(), e.detail["field"].as_str().unwrap_or_default().to_owned())).collect();
        assert_eq!(
            seen,
            [
                ("classification".to_owned(), "classification".to_owned()),
                ("classification".to_owned(), "classification".to_owned()),
                ("rights".to_owned(), "usage_terms:en".to_owned())
            ]
        );
        assert_eq!(log[1].detail["reason"], "giải mật theo quyết định 12");
        assert!(audit::verify(&conn, None).expect("verify").ok);
    }

    #[test]
    fn undoing_someone_elses_classification_needs_a_reason() {
        let (conn, [a, _]) = two_assets();
        let raise = vec![AssetEdit { asset: a, edit: Edit::Classification { value: Classification::Secret } }];
        apply(&conn, &raise, time::UtcOffset::UTC, "lan", None, "t1").expect("Lan raises it");
        let err = undo(&conn, "minh", None, "t2").expect_err("Minh may not take it back silently").to_string();
        assert!(err.contains("lan decided") && err.contains("--reason"), "{err}");
        assert_eq!(get(&conn, a).expect("a").classification, Classification::Secret);
        undo(&conn, "minh", Some("nhầm ảnh"), "t3").expect("with a reason");
        assert_eq!(get(&conn, a).expect("a").classification, Classification::Internal);
        let last = audit::entries(&conn, Some(Subject::Asset(a))).expect("log").pop().expect("entry");
        assert_eq!((last.actor.as_str(), last.detail["reason"].as_str()), ("minh", Some("undo: nhầm ảnh")));
        // One's own raise is one's own to take back.
        apply(&conn, &raise, time::UtcOffset::UTC, "lan", None, "t4").expect("again");
        undo(&conn, "lan", None, "t5").expect("her own");
    }

    #[test]
    fn code_replacements_expand_as_fields_are_saved() {
        let (conn, [a, _]) = two_assets();
        super::super::codes::set(&conn, "=bh=", "Biên Hòa").expect("code");
        let edit = Edit::Caption { lang: "vi".into(), value: Some("Cầu Hóa An, =bh=".into()) };
        batch(&conn, vec![AssetEdit { asset: a, edit }], None).expect("caption");
        assert_eq!(get(&conn, a).expect("a").captions["vi"], "Cầu Hóa An, Biên Hòa");
    }
}

//! An editor's changes to an asset's record: kept in the catalog (never in the original),
//! undoable and redoable, and stronger than the file: re-reading a file keeps them.
//! Callers hold the transaction.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::write::{reindex, set_classification};
use super::Classification;
use crate::error::{Error, Result};
use crate::text::non_empty;

/// One field set to one value. `None` clears a text field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Edit {
    Headline {
        value: Option<String>,
    },
    /// The caption in one language (BCP-47: "vi", "en", "zh-Hans").
    Caption {
        lang: String,
        value: Option<String>,
    },
    Keywords {
        value: Vec<String>,
    },
    Creator {
        value: Option<String>,
    },
    Credit {
        value: Option<String>,
    },
    Copyright {
        value: Option<String>,
    },
    City {
        value: Option<String>,
    },
    Province {
        value: Option<String>,
    },
    Location {
        value: Option<String>,
    },
    Country {
        value: Option<String>,
    },
    Classification {
        value: Classification,
    },
    /// Not to be published before this time: RFC 3339, or a local "YYYY-MM-DD[THH:MM]".
    EmbargoUntil {
        value: Option<String>,
    },
    /// Stars, 0 (none) to 5.
    Rating {
        value: u8,
    },
    Label {
        value: Option<Label>,
    },
}

/// Colour labels, as Photo Mechanic and Lightroom users sort their pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    Red,
    Yellow,
    Green,
    Blue,
    Purple,
}

impl Label {
    pub fn code(self) -> &'static str {
        match self {
            Label::Red => "red",
            Label::Yellow => "yellow",
            Label::Green => "green",
            Label::Blue => "blue",
            Label::Purple => "purple",
        }
    }

    pub fn parse(s: &str) -> Result<Label> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase()))
            .map_err(|_| Error::InvalidInput(format!("unknown label {s:?}: use red, yellow, green, blue or purple")))
    }
}

/// An edit of one asset, as a batch (a rating given to a selection) carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct AssetEdit {
    pub asset: i64,
    pub edit: Edit,
}

/// What an undo or redo changed back: the change and the assets it touched.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Reverted {
    pub change: i64,
    pub assets: Vec<i64>,
}

/// A field held as plain text in a column of `assets`: the column and the value, to read or set.
fn text_field(edit: &mut Edit) -> Option<(&'static str, &mut Option<String>)> {
    Some(match edit {
        Edit::Headline { value } => ("headline", value),
        Edit::Creator { value } => ("creator", value),
        Edit::Credit { value } => ("credit", value),
        Edit::Copyright { value } => ("copyright", value),
        Edit::City { value } => ("city", value),
        Edit::Province { value } => ("province", value),
        Edit::Location { value } => ("location", value),
        Edit::Country { value } => ("country", value),
        Edit::EmbargoUntil { value } => ("embargo_until", value),
        _ => return None,
    })
}

impl Edit {
    /// The field it sets, as the history names it.
    pub fn field(&self) -> String {
        match self {
            Edit::Caption { lang, .. } => format!("caption:{lang}"),
            Edit::Keywords { .. } => "keywords".into(),
            Edit::Classification { .. } => "classification".into(),
            Edit::Rating { .. } => "rating".into(),
            Edit::Label { .. } => "label".into(),
            other => text_field(&mut other.clone()).map(|(column, _)| column).unwrap_or_default().into(),
        }
    }

    /// Fields the file itself also says: re-reading it must not undo the editor's word.
    fn is_embedded(&self) -> bool {
        !matches!(
            self,
            Edit::Classification { .. } | Edit::EmbargoUntil { .. } | Edit::Rating { .. } | Edit::Label { .. }
        )
    }

    /// The same edit in the form the catalog stores: NFC, trimmed, checked.
    fn normalised(self, offset: time::UtcOffset) -> Result<Edit> {
        let text = |v: Option<String>| v.as_deref().and_then(non_empty);
        Ok(match self {
            Edit::Headline { value } => Edit::Headline { value: text(value) },
            Edit::Caption { lang, value } => Edit::Caption { lang: language_tag(&lang)?, value: text(value) },
            Edit::Keywords { value } => {
                let mut keywords: Vec<String> = Vec::new();
                for k in value.iter().filter_map(|k| non_empty(k)) {
                    if !keywords.contains(&k) {
                        keywords.push(k);
                    }
                }
                Edit::Keywords { value: keywords }
            }
            Edit::Creator { value } => Edit::Creator { value: text(value) },
            Edit::Credit { value } => Edit::Credit { value: text(value) },
            Edit::Copyright { value } => Edit::Copyright { value: text(value) },
            Edit::City { value } => Edit::City { value: text(value) },
            Edit::Province { value } => Edit::Province { value: text(value) },
            Edit::Location { value } => Edit::Location { value: text(value) },
            Edit::Country { value } => Edit::Country { value: text(value) },
            Edit::EmbargoUntil { value } => {
                Edit::EmbargoUntil { value: text(value).map(|v| embargo_time(&v, offset)).transpose()? }
            }
            Edit::Rating { value } if value > 5 => {
                return Err(Error::InvalidInput(format!("a rating is 0 to 5 stars, not {value}")))
            }
            other => other,
        })
    }
}

/// A BCP-47 tag as captions are keyed: "vi", "en-GB", "zh-Hans"; lower-case language.
fn language_tag(lang: &str) -> Result<String> {
    let lang = lang.trim();
    let mut parts = lang.split('-');
    let primary = parts.next().unwrap_or_default();
    let valid = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !valid {
        return Err(Error::InvalidInput(format!("not a language tag: {lang:?} (use vi, en, fr, zh-Hans, …)")));
    }
    // The form captions read from files take ("zh-Hans", "en-GB"), so an edit and the file
    // name the same caption.
    Ok(crate::probe::canonical_language(lang))
}

/// An embargo time as RFC 3339; a time without an offset is the editor's local time.
fn embargo_time(s: &str, offset: time::UtcOffset) -> Result<String> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    let bad = || Error::InvalidInput(format!("not an embargo time: {s:?} (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)"));
    if let Ok(t) = time::OffsetDateTime::parse(s, &Rfc3339) {
        return t.format(&Rfc3339).map_err(|_| bad());
    }
    let s = s.replace(' ', "T");
    let local = if s.len() == 10 {
        time::Date::parse(&s, format_description!("[year]-[month]-[day]")).map(|d| d.midnight())
    } else if s.len() == 16 {
        time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]"))
    } else {
        time::PrimitiveDateTime::parse(&s, format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"))
    }
    .map_err(|_| bad())?;
    local.assume_offset(offset).format(&Rfc3339).map_err(|_| bad())
}

/// The value `edit`'s field has now, as an edit that would set it.
fn current(conn: &Connection, id: i64, edit: &Edit) -> Result<Edit> {
    let text = |column: &str| -> Result<Option<String>> {
        let sql = format!("SELECT {column} FROM assets WHERE id = ?1");
        Ok(conn.prepare_cached(&sql)?.query_row([id], |r| r.get(0))?)
    };
    let mut now = edit.clone();
    if let Some((column, value)) = text_field(&mut now) {
        *value = text(column)?;
        return Ok(now);
    }
    Ok(match edit {
        Edit::Caption { lang, .. } => Edit::Caption {
            lang: lang.clone(),
            value: conn
                .prepare_cached("SELECT text FROM captions WHERE asset_id = ?1 AND lang = ?2")?
                .query_row(params![id, lang], |r| r.get(0))
                .optional()?,
        },
        Edit::Keywords { .. } => Edit::Keywords {
            value: conn
                .prepare_cached("SELECT keyword FROM keywords WHERE asset_id = ?1 ORDER BY position")?
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?,
        },
        Edit::Classification { .. } => {
            Edit::Classification { value: text("classification")?.unwrap_or_default().parse()? }
        }
        Edit::Rating { .. } => {
            Edit::Rating { value: conn.query_row("SELECT rating FROM assets WHERE id = ?1", [id], |r| r.get(0))? }
        }
        Edit::Label { .. } => Edit::Label { value: text("label")?.map(|l| Label::parse(&l)).transpose()? },
        text_edit => return Err(Error::InvalidInput(format!("cannot read {}", text_edit.field()))),
    })
}

/// Writes `edit` into the catalog. Classification and embargo changes go to the audit log.
fn write(conn: &Connection, id: i64, edit: &Edit, actor: &str, why: &str, now: &str) -> Result<()> {
    match edit {
        Edit::Caption { lang, value: Some(text) } => {
            conn.prepare_cached("INSERT OR REPLACE INTO captions (asset_id, lang, text) VALUES (?1, ?2, ?3)")?
                .execute(params![id, lang, text])?;
        }
        Edit::Caption { lang, value: None } => {
            conn.prepare_cached("DELETE FROM captions WHERE asset_id = ?1 AND lang = ?2")?
                .execute(params![id, lang])?;
        }
        Edit::Keywords { value } => {
            conn.prepare_cached("DELETE FROM keywords WHERE asset_id = ?1")?.execute([id])?;
            let mut insert =
                conn.prepare_cached("INSERT INTO keywords (asset_id, position, keyword) VALUES (?1, ?2, ?3)")?;
            for (position, k) in value.iter().enumerate() {
                insert.execute(params![id, position as i64, k])?;
            }
        }
        Edit::Classification { value } => set_classification(conn, id, *value, actor, why, now)?,
        Edit::Rating { value } => {
            conn.prepare_cached("UPDATE assets SET rating = ?2 WHERE id = ?1")?.execute(params![id, value])?;
        }
        Edit::Label { value } => {
            conn.prepare_cached("UPDATE assets SET label = ?2 WHERE id = ?1")?
                .execute(params![id, value.map(Label::code)])?;
        }
        Edit::EmbargoUntil { value } => {
            let from: Option<String> =
                conn.query_row("SELECT embargo_until FROM assets WHERE id = ?1", [id], |r| r.get(0))?;
            conn.prepare_cached("UPDATE assets SET embargo_until = ?2 WHERE id = ?1")?.execute(params![id, value])?;
            let detail = serde_json::json!({ "from": from, "to": value, "reason": why });
            conn.prepare_cached(
                "INSERT INTO audit_log (at, actor, action, asset_id, detail) VALUES (?1, ?2, 'embargo', ?3, ?4)",
            )?
            .execute(params![now, actor, id, detail.to_string()])?;
        }
        other => {
            let mut edit = other.clone();
            let Some((column, value)) = text_field(&mut edit) else {
                return Err(Error::InvalidInput(format!("cannot edit {}", other.field())));
            };
            let sql = format!("UPDATE assets SET {column} = ?2 WHERE id = ?1");
            conn.prepare_cached(&sql)?.execute(params![id, &*value])?;
        }
    }
    conn.prepare_cached("UPDATE assets SET updated_at = ?2 WHERE id = ?1")?.execute(params![id, now])?;
    if edit.is_embedded() {
        reindex(conn, id)?;
    }
    Ok(())
}

/// Makes `edits` as one change (undone together); returns the change's number, or `None`
/// when nothing changed (then nothing is recorded and what could be redone still can be).
pub fn apply(
    conn: &Connection,
    edits: &[AssetEdit],
    offset: time::UtcOffset,
    actor: &str,
    now: &str,
) -> Result<Option<i64>> {
    let change: i64 = conn.query_row("SELECT coalesce(max(change_id), 0) + 1 FROM edits", [], |r| r.get(0))?;
    let mut recorded = false;
    for AssetEdit { asset, edit } in edits {
        let edit = edit.clone().normalised(offset)?;
        let before = current(conn, *asset, &edit).map_err(|e| match e {
            Error::Db(rusqlite::Error::QueryReturnedNoRows) => Error::NotFound(format!("id {asset}")),
            e => e,
        })?;
        if before == edit {
            continue;
        }
        if !recorded {
            // A new change: what was undone can no longer be redone.
            conn.prepare_cached("DELETE FROM edits WHERE state = 'undone'")?.execute([])?;
            recorded = true;
        }
        write(conn, *asset, &edit, actor, "edited", now)?;
        conn.prepare_cached(
            "INSERT INTO edits (change_id, asset_id, field, before, after, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![change, asset, edit.field(), json(&before), json(&edit), now, actor])?;
    }
    Ok(recorded.then_some(change))
}

fn json(edit: &Edit) -> String {
    serde_json::to_string(edit).unwrap_or_default()
}

fn parse(s: &str) -> Result<Edit> {
    serde_json::from_str(s).map_err(|e| Error::InvalidInput(format!("an edit in the history cannot be read: {e}")))
}

/// Undoes the latest change still done. `None` when there is nothing to undo.
pub fn undo(conn: &Connection, actor: &str, now: &str) -> Result<Option<Reverted>> {
    let change: Option<i64> =
        conn.query_row("SELECT max(change_id) FROM edits WHERE state = 'done'", [], |r| r.get(0))?;
    let Some(change) = change else { return Ok(None) };
    revert(conn, change, "before", "undone", actor, now).map(Some)
}

/// Redoes the change undone last. `None` when there is nothing to redo.
pub fn redo(conn: &Connection, actor: &str, now: &str) -> Result<Option<Reverted>> {
    let change: Option<i64> =
        conn.query_row("SELECT min(change_id) FROM edits WHERE state = 'undone'", [], |r| r.get(0))?;
    let Some(change) = change else { return Ok(None) };
    revert(conn, change, "after", "done", actor, now).map(Some)
}

fn revert(conn: &Connection, change: i64, side: &str, state: &str, actor: &str, now: &str) -> Result<Reverted> {
    // Undo walks a change backwards, redo forwards.
    let (order, expected) = if side == "before" { ("DESC", "after") } else { ("ASC", "before") };
    let sql = format!("SELECT asset_id, {side}, {expected} FROM edits WHERE change_id = ?1 ORDER BY id {order}");
    let rows: Vec<(i64, String, String)> = conn
        .prepare_cached(&sql)?
        .query_map([change], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let why = if side == "before" { "undo" } else { "redo" };
    // Someone (another window, the CLI, a re-read file) may have changed a field since: then
    // putting the old value back would undo their word, not ours.
    for (asset, _, expected) in &rows {
        let expected = parse(expected)?;
        if current(conn, *asset, &expected)? != expected {
            return Err(Error::InvalidInput(format!(
                "cannot {why}: the {} of asset {asset} was changed since",
                expected.field()
            )));
        }
    }
    let mut assets = Vec::new();
    for (asset, edit, _) in &rows {
        write(conn, *asset, &parse(edit)?, actor, why, now)?;
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
            write(conn, id, &edit, "", "", now)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::write::{insert_asset, write_embedded};
    use crate::catalog::{get, Content};
    use crate::probe::PhotoInfo;

    fn one_asset() -> (Connection, i64) {
        let conn = crate::db::open_in_memory().expect("catalog");
        let info = PhotoInfo { headline: Some("Đồng Nai".into()), ..Default::default() };
        let hash = "ab".repeat(32);
        let id = insert_asset(&conn, &Content::photo(&hash, 1, &info), Classification::Internal, "t0").expect("insert");
        (conn, id)
    }

    fn edit(conn: &Connection, asset: i64, edit: Edit) -> Result<Option<i64>> {
        apply(conn, &[AssetEdit { asset, edit }], time::UtcOffset::from_hms(7, 0, 0).expect("offset"), "ed", "t1")
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

        assert_eq!(undo(&conn, "ed", "t2").expect("undo").map(|r| r.assets), Some(vec![id]));
        assert_eq!(get(&conn, id).expect("get").headline.as_deref(), Some("Đồng Nai"));
        undo(&conn, "ed", "t2").expect("undo");
        undo(&conn, "ed", "t2").expect("undo");
        assert!(get(&conn, id).expect("get").captions.is_empty());
        assert_eq!(undo(&conn, "ed", "t2").expect("nothing left"), None);

        redo(&conn, "ed", "t3").expect("redo");
        assert_eq!(get(&conn, id).expect("get").captions.get("vi").map(String::as_str), Some("Cầu Hóa An"));
        // An edit that changes nothing records nothing and keeps what can be redone.
        undo(&conn, "ed", "t4").expect("undo");
        assert_eq!(edit(&conn, id, Edit::Rating { value: 0 }).expect("same rating"), None);
        assert!(redo(&conn, "ed", "t4").expect("redo").is_some());
        // A new edit drops what could still be redone.
        undo(&conn, "ed", "t4").expect("undo");
        edit(&conn, id, Edit::Label { value: Some(Label::Red) }).expect("label");
        assert_eq!(redo(&conn, "ed", "t4").expect("redo"), None);
    }

    #[test]
    fn undo_refuses_to_overwrite_a_later_change_it_did_not_make() {
        let (conn, id) = one_asset();
        edit(&conn, id, Edit::Headline { value: Some("Biên Hòa".into()) }).expect("headline");
        // The CLI or a re-read file changed it since.
        conn.execute("UPDATE assets SET headline = 'Long Khánh' WHERE id = ?1", [id]).expect("change");
        let err = undo(&conn, "ed", "t2").expect_err("a conflict");
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
        undo(&conn, "ed", "t2").expect("undo");
        assert_eq!(get(&conn, id).expect("get").classification, Classification::Internal);
        let actions: Vec<String> = conn
            .prepare("SELECT action || ':' || json_extract(detail, '$.reason') FROM audit_log ORDER BY id")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(actions, ["embargo:edited", "classification:edited", "classification:undo"]);
    }
}

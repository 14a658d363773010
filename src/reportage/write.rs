//! Changing reportages: their texts, record, items. Changes of status, classification and
//! embargo go to the audit log. Callers hold the transaction: a change is made whole or not.

use rusqlite::{params, Connection};
use serde::Deserialize;

use super::{get, reindex, ReportageStatus, Role};
use crate::audit::{self, Subject};
use crate::catalog::codes::Codes;
use crate::catalog::fields::{embargo_time, language_tag};
use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::taxonomy::{self, Facet};
use crate::text::non_empty;

/// What an editor changes in a reportage; `None` leaves a field as it is, an empty text
/// clears it. Texts are in `lang` (Vietnamese when not given).
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct ReportageChange {
    pub lang: Option<String>,
    pub headline: Option<String>,
    pub standfirst: Option<String>,
    /// Markdown.
    pub body: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub notes: Option<String>,
    pub status: Option<ReportageStatus>,
    pub themes: Option<Vec<String>>,
    pub audiences: Option<Vec<String>>,
    pub lead_units: Option<Vec<String>>,
    pub channels: Option<Vec<String>>,
    pub classification: Option<Classification>,
    /// Why a classification is lowered (required then).
    pub reason: Option<String>,
    /// RFC 3339 or a local "YYYY-MM-DD[THH:MM]"; empty clears it.
    pub embargo_until: Option<String>,
}

impl ReportageChange {
    /// The list of one facet the change sets.
    pub fn facet_mut(&mut self, facet: Facet) -> &mut Option<Vec<String>> {
        match facet {
            Facet::Theme => &mut self.themes,
            Facet::Audience => &mut self.audiences,
            Facet::LeadUnit => &mut self.lead_units,
            Facet::Channel => &mut self.channels,
        }
    }
}

/// A new reportage with its headline in `lang`; `internal` until an editor clears it.
pub fn create(conn: &Connection, headline: &str, lang: &str, now: &str) -> Result<i64> {
    let headline = non_empty(&Codes::load(conn)?.expand_text(headline))
        .ok_or_else(|| Error::InvalidInput("a reportage needs a headline".into()))?;
    let lang = language_tag(lang)?;
    conn.execute("INSERT INTO reportages (created_at, updated_at) VALUES (?1, ?1)", [now])?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO reportage_texts (reportage_id, part, lang, text) VALUES (?1, 'headline', ?2, ?3)",
        params![id, lang, headline],
    )?;
    reindex(conn, id)?;
    Ok(id)
}

fn set_text(conn: &Connection, id: i64, part: &str, lang: &str, text: &str, markdown: bool) -> Result<()> {
    // A body keeps its line structure; the other texts are one line.
    let text = if markdown { crate::text::to_nfc(text.trim()) } else { crate::text::clean(text) };
    conn.execute(
        "DELETE FROM reportage_texts WHERE reportage_id = ?1 AND part = ?2 AND lang = ?3",
        params![id, part, lang],
    )?;
    if !text.is_empty() {
        conn.execute(
            "INSERT INTO reportage_texts (reportage_id, part, lang, text) VALUES (?1, ?2, ?3, ?4)",
            params![id, part, lang, text],
        )?;
    }
    Ok(())
}

/// Applies `change` to reportage `id`.
pub fn set(
    conn: &Connection,
    id: i64,
    change: &ReportageChange,
    offset: time::UtcOffset,
    actor: &str,
    now: &str,
) -> Result<()> {
    let before = get(conn, id)?;
    let codes = Codes::load(conn)?;
    let expand = |t: &Option<String>| t.as_deref().map(|t| codes.expand_text(t));
    let lang = language_tag(change.lang.as_deref().unwrap_or(crate::translation::SOURCE_LANGUAGE))?;
    for (part, text, markdown) in [
        ("headline", expand(&change.headline), false),
        ("standfirst", expand(&change.standfirst), false),
        ("body", expand(&change.body), true),
    ] {
        if let Some(text) = text {
            if part == "headline" && text.trim().is_empty() && lang == crate::translation::SOURCE_LANGUAGE {
                return Err(Error::InvalidInput(
                    "a reportage keeps its Vietnamese headline; it cannot be emptied".into(),
                ));
            }
            set_text(conn, id, part, &lang, &text, markdown)?;
        }
    }
    for (column, value) in
        [("byline", expand(&change.byline)), ("dateline", expand(&change.dateline)), ("notes", expand(&change.notes))]
    {
        if let Some(value) = value {
            let value = non_empty(&value);
            conn.execute(&format!("UPDATE reportages SET {column} = ?2 WHERE id = ?1"), params![id, value])?;
        }
    }
    let mut facets = change.clone();
    for facet in Facet::ALL {
        let Some(values) = facets.facet_mut(facet).take() else { continue };
        conn.execute("DELETE FROM reportage_facets WHERE reportage_id = ?1 AND facet = ?2", params![id, facet.code()])?;
        for v in values.iter().filter(|v| !v.trim().is_empty()) {
            let value = taxonomy::resolve(conn, facet.list(), v)?;
            conn.execute(
                "INSERT OR IGNORE INTO reportage_facets (reportage_id, facet, value) VALUES (?1, ?2, ?3)",
                params![id, facet.code(), value],
            )?;
        }
    }
    let log = |action: &str, field: &str, from: serde_json::Value, to: serde_json::Value, reason: &str| {
        let detail = serde_json::json!({ "field": field, "from": from, "to": to, "reason": reason });
        audit::append(conn, now, actor, action, Subject::Reportage(id), &detail)
    };
    let reason = change.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if let Some(to) = change.classification.filter(|c| *c != before.classification) {
        if to < before.classification && reason.is_none() {
            return Err(Error::InvalidInput(format!(
                "lowering the classification of reportage {id} from {} to {} needs a reason (--reason)",
                before.classification.label_vi(),
                to.label_vi()
            )));
        }
        conn.execute("UPDATE reportages SET classification = ?2 WHERE id = ?1", params![id, to.code()])?;
        log(
            "classification",
            "classification",
            before.classification.code().into(),
            to.code().into(),
            reason.unwrap_or("edited"),
        )?;
    }
    if let Some(embargo) = &change.embargo_until {
        let to = non_empty(embargo).map(|e| embargo_time(&e, offset)).transpose()?;
        if to != before.embargo_until {
            conn.execute("UPDATE reportages SET embargo_until = ?2 WHERE id = ?1", params![id, to])?;
            log(
                "embargo",
                "embargo_until",
                before.embargo_until.clone().into(),
                to.into(),
                reason.unwrap_or("edited"),
            )?;
        }
    }
    if let Some(to) = change.status.filter(|s| *s != before.status) {
        may_move(conn, id, before.status, to, now)?;
        conn.execute("UPDATE reportages SET status = ?2 WHERE id = ?1", params![id, to.code()])?;
        log("status", "status", before.status.code().into(), to.code().into(), reason.unwrap_or("edited"))?;
    }
    touch(conn, id, now)
}

/// The workflow: forward one step at a time (draft → editing → approved → published), back
/// to any earlier step. Published only when nothing in it is classified or under embargo.
fn may_move(conn: &Connection, id: i64, from: ReportageStatus, to: ReportageStatus, now: &str) -> Result<()> {
    let next = match from {
        ReportageStatus::Draft => Some(ReportageStatus::Editing),
        ReportageStatus::Editing => Some(ReportageStatus::Approved),
        ReportageStatus::Approved => Some(ReportageStatus::Published),
        ReportageStatus::Published => None,
    };
    if to > from && Some(to) != next {
        return Err(Error::InvalidInput(format!(
            "reportage {id} is {}: it goes to {} next, not to {} (draft → editing → approved → published)",
            from.code(),
            next.map_or("nothing", ReportageStatus::code),
            to.code()
        )));
    }
    let r = get(conn, id)?;
    if to == ReportageStatus::Approved && !r.headline.contains_key(crate::translation::SOURCE_LANGUAGE) {
        return Err(Error::InvalidInput(format!("reportage {id} has no Vietnamese headline to approve")));
    }
    if to == ReportageStatus::Published {
        if let Some(why) = unpublishable(&r, now) {
            return Err(Error::InvalidInput(format!("reportage {id} cannot be published: {why}")));
        }
    }
    Ok(())
}

/// Why reportage `r` may not stay published, if it may not: something in it is classified
/// or under embargo.
pub(crate) fn unpublishable(r: &super::Reportage, now: &str) -> Option<String> {
    if r.effective_classification != Classification::Public {
        return Some(format!(
            "it is {} ({}) with its items",
            r.effective_classification.label_vi(),
            r.effective_classification.code()
        ));
    }
    r.effective_embargo_until
        .as_ref()
        .filter(|u| super::is_after(u, now))
        .map(|u| format!("it is under embargo until {u}"))
}

/// Published reportages holding `asset` go back to editing when the asset became classified
/// or embargoed since, each with an audit entry: what is published must stay publishable.
pub fn reopen_published_with(conn: &Connection, asset: i64, actor: &str, now: &str) -> Result<()> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT r.id FROM reportages r JOIN reportage_items i ON i.reportage_id = r.id
             WHERE i.asset_id = ?1 AND r.status = 'published'",
        )?
        .query_map([asset], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        let Some(why) = unpublishable(&get(conn, id)?, now) else { continue };
        conn.execute("UPDATE reportages SET status = 'editing', updated_at = ?2 WHERE id = ?1", params![id, now])?;
        let detail = serde_json::json!({
            "field": "status", "from": "published", "to": "editing",
            "reason": format!("asset {asset} changed after publication: {why}"),
        });
        audit::append(conn, now, actor, "status", Subject::Reportage(id), &detail)?;
    }
    Ok(())
}

fn touch(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.execute("UPDATE reportages SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
    reindex(conn, id)
}

/// Adds assets (or moves those already in it) with a role, at a position (from 1; the end
/// when not given). An asset that does not exist refuses the whole addition.
pub fn add_items(conn: &Connection, id: i64, assets: &[i64], role: Role, at: Option<u32>, now: &str) -> Result<()> {
    if !super::exists(conn, id)? {
        return Err(Error::NotFound(format!("no reportage r:{id}")));
    }
    let mut seen = std::collections::HashSet::new();
    let assets: Vec<i64> = assets.iter().copied().filter(|a| seen.insert(*a)).collect();
    let assets = assets.as_slice();
    for asset in assets {
        let found = conn.query_row("SELECT 1 FROM assets WHERE id = ?1", [asset], |_| Ok(())).is_ok();
        if !found {
            return Err(Error::NotFound(format!(
                "no asset has id {asset} (to add to reportage r:{id}); nothing was added"
            )));
        }
    }
    // At a position, the assets go there (those already in it move); without one, new ones
    // go to the end and those already in it keep their place (a new role only).
    let mut order = ordered(conn, id)?;
    match at {
        Some(p) => {
            order.retain(|a| !assets.contains(a));
            let at = (p.max(1) as usize - 1).min(order.len());
            order.splice(at..at, assets.iter().copied());
        }
        None => order.extend(assets.iter().filter(|a| !order.contains(a)).collect::<Vec<_>>()),
    }
    for asset in assets {
        conn.execute(
            "INSERT INTO reportage_items (reportage_id, asset_id, role, position) VALUES (?1, ?2, ?3, 0)
             ON CONFLICT (reportage_id, asset_id) DO UPDATE SET role = excluded.role",
            params![id, asset, role.code()],
        )?;
    }
    number(conn, id, &order)?;
    let r = get(conn, id)?;
    if r.status == ReportageStatus::Published {
        if let Some(why) = unpublishable(&r, now) {
            return Err(Error::InvalidInput(format!(
                "reportage r:{id} is published and would not be publishable with these items: {why}; \
                 move it back to editing first"
            )));
        }
    }
    touch(conn, id, now)
}

/// Gives an item of a reportage another role, in its place.
pub fn set_role(conn: &Connection, id: i64, asset: i64, role: Role, now: &str) -> Result<()> {
    let changed = conn.execute(
        "UPDATE reportage_items SET role = ?3 WHERE reportage_id = ?1 AND asset_id = ?2",
        params![id, asset, role.code()],
    )?;
    if changed == 0 {
        return Err(Error::NotFound(format!("asset {asset} is not in reportage r:{id}")));
    }
    touch(conn, id, now)
}

pub fn remove_item(conn: &Connection, id: i64, asset: i64, now: &str) -> Result<()> {
    let removed =
        conn.execute("DELETE FROM reportage_items WHERE reportage_id = ?1 AND asset_id = ?2", params![id, asset])?;
    if removed == 0 {
        return Err(Error::NotFound(format!("asset {asset} is not in reportage r:{id}")));
    }
    number(conn, id, &ordered(conn, id)?)?;
    touch(conn, id, now)
}

/// Puts the items in the order given (the app's drag and drop); every item, once.
pub fn order_items(conn: &Connection, id: i64, order: &[i64], now: &str) -> Result<()> {
    let mut have = ordered(conn, id)?;
    let mut wanted = order.to_vec();
    have.sort_unstable();
    wanted.sort_unstable();
    if have != wanted {
        return Err(Error::InvalidInput(format!(
            "the new order of reportage {id} must name each of its {} items once",
            have.len()
        )));
    }
    number(conn, id, order)?;
    touch(conn, id, now)
}

fn ordered(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached("SELECT asset_id FROM reportage_items WHERE reportage_id = ?1 ORDER BY position, asset_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn number(conn: &Connection, id: i64, order: &[i64]) -> Result<()> {
    let mut stmt =
        conn.prepare_cached("UPDATE reportage_items SET position = ?3 WHERE reportage_id = ?1 AND asset_id = ?2")?;
    for (i, asset) in order.iter().enumerate() {
        stmt.execute(params![id, asset, i as i64 + 1])?;
    }
    Ok(())
}

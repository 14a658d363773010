//! Kits in the catalog: their record, items in order, items of a reportage dropped from one
//! kit, and soft rules accepted with a reason.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::profile;
use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::taxonomy::List;
pub use crate::translation::Item as KitRef;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Kit {
    pub id: i64,
    pub title: Option<String>,
    pub profile: String,
    /// The target languages, in order.
    pub languages: Vec<String>,
    /// Whether the Vietnamese goes beside each target language.
    pub vietnamese_beside: bool,
    pub recipient: String,
    pub outlet: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub contact: Option<String>,
    pub channel: Option<String>,
    /// When the recipient gets it (RFC 3339).
    pub deliver_at: Option<String>,
    pub notes: Option<String>,
    pub items: Vec<KitItem>,
    /// Assets of a reportage in the kit that do not go with this kit.
    pub excluded: Vec<i64>,
    pub acceptances: Vec<Acceptance>,
    /// The version the next build makes (the first is 1).
    pub version: u32,
    pub built_versions: u32,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct KitItem {
    /// "12" for an asset, "r:3" for a reportage.
    pub item: String,
    pub asset_id: Option<i64>,
    pub reportage_id: Option<i64>,
    pub position: u32,
    /// `photo`, `video`, `audio` or `reportage`.
    pub kind: String,
    pub name: String,
    /// Its effective classification (counting the reportages it belongs to).
    pub classification: Classification,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Acceptance {
    pub item: String,
    pub rule: crate::gate::Rule,
    pub reason: String,
    pub actor: String,
    pub at: String,
}

/// A new kit; what is left out takes the profile's defaults.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct NewKit {
    pub profile: String,
    pub languages: Vec<String>,
    pub vietnamese_beside: Option<bool>,
    pub recipient: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub country: Option<String>,
    pub contact: Option<String>,
    pub channel: Option<String>,
    pub deliver_at: Option<String>,
    pub notes: Option<String>,
}

/// A change of a kit's record: `None` leaves a field, `Some("")` clears an optional one.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct KitChange {
    pub profile: Option<String>,
    pub languages: Option<Vec<String>>,
    pub vietnamese_beside: Option<bool>,
    pub recipient: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub country: Option<String>,
    pub contact: Option<String>,
    pub channel: Option<String>,
    pub deliver_at: Option<String>,
    pub notes: Option<String>,
}

fn optional(s: &str) -> Option<String> {
    Some(crate::text::clean(s)).filter(|s| !s.is_empty())
}

fn languages(list: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for lang in list.iter().flat_map(|l| l.split(',')).filter(|l| !l.trim().is_empty()) {
        let tag = crate::catalog::fields::language_tag(lang)?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    if out.is_empty() {
        return Err(Error::InvalidInput("a kit needs a target language (--lang ko)".into()));
    }
    Ok(out)
}

fn country(s: &str) -> Result<Option<String>> {
    let code = s.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    isocountry::CountryCode::for_alpha2(&code)
        .map(|_| Some(code.clone()))
        .map_err(|_| Error::InvalidInput(format!("not an ISO 3166-1 country code: {s:?} (KR, JP, US, …)")))
}

fn channel(conn: &Connection, s: &str) -> Result<Option<String>> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    crate::taxonomy::resolve(conn, List::Channel, s).map(Some)
}

fn recipient(s: &str) -> Result<String> {
    optional(s).ok_or_else(|| Error::InvalidInput("a kit needs a recipient (--recipient \"KBS delegation\")".into()))
}

pub fn create(conn: &Connection, new: &NewKit, offset: time::UtcOffset, now: &str) -> Result<i64> {
    let profile = profile::get(conn, &new.profile)?;
    let beside = new.vietnamese_beside.unwrap_or(profile.vietnamese_beside);
    let deliver_at = match new.deliver_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(t) => Some(crate::catalog::fields::embargo_time(t, offset)?),
        None => None,
    };
    conn.execute(
        "INSERT INTO kits (title, profile, languages, vietnamese_beside, recipient, outlet, country, contact, channel,
                           deliver_at, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            new.title.as_deref().and_then(optional),
            profile.name,
            serde_json::to_string(&languages(&new.languages)?).unwrap_or_default(),
            beside,
            recipient(&new.recipient)?,
            new.outlet.as_deref().and_then(optional),
            country(new.country.as_deref().unwrap_or_default())?,
            new.contact.as_deref().and_then(optional),
            channel(conn, new.channel.as_deref().unwrap_or_default())?,
            deliver_at,
            new.notes.as_deref().and_then(optional),
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn change(conn: &Connection, id: i64, c: &KitChange, offset: time::UtcOffset, now: &str) -> Result<()> {
    exists(conn, id)?;
    let set = |column: &str, value: Option<String>| -> Result<()> {
        conn.execute(&format!("UPDATE kits SET {column} = ?2 WHERE id = ?1"), params![id, value])?;
        Ok(())
    };
    if let Some(p) = &c.profile {
        set("profile", Some(profile::get(conn, p)?.name))?;
    }
    if let Some(l) = &c.languages {
        set("languages", Some(serde_json::to_string(&languages(l)?).unwrap_or_default()))?;
    }
    if let Some(r) = &c.recipient {
        set("recipient", Some(recipient(r)?))?;
    }
    if let Some(v) = &c.country {
        set("country", country(v)?)?;
    }
    if let Some(v) = &c.channel {
        set("channel", channel(conn, v)?)?;
    }
    if let Some(v) = &c.deliver_at {
        let at = if v.trim().is_empty() { None } else { Some(crate::catalog::fields::embargo_time(v.trim(), offset)?) };
        set("deliver_at", at)?;
    }
    for (column, value) in [("title", &c.title), ("outlet", &c.outlet), ("contact", &c.contact), ("notes", &c.notes)] {
        if let Some(v) = value {
            set(column, optional(v))?;
        }
    }
    if let Some(b) = c.vietnamese_beside {
        conn.execute("UPDATE kits SET vietnamese_beside = ?2 WHERE id = ?1", params![id, b])?;
    }
    touch(conn, id, now)
}

fn touch(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.execute("UPDATE kits SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
    Ok(())
}

pub fn exists(conn: &Connection, id: i64) -> Result<()> {
    conn.query_row("SELECT 1 FROM kits WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no kit {id} (see `mediadesk kit list`)")))
}

/// Adds items at the end, each once; an asset dropped from one of the kit's reportages comes
/// back.
pub fn add(conn: &Connection, id: i64, items: &[KitRef], now: &str) -> Result<()> {
    exists(conn, id)?;
    for item in items {
        match *item {
            KitRef::Asset(a) => {
                crate::gate::standing::asset(conn, a)?;
                conn.execute("DELETE FROM kit_exclusions WHERE kit_id = ?1 AND asset_id = ?2", params![id, a])?;
            }
            KitRef::Reportage(r) => {
                crate::gate::standing::reportage(conn, r)?;
            }
        }
        let (asset, reportage) = split(*item);
        let there = conn
            .query_row(
                "SELECT 1 FROM kit_items WHERE kit_id = ?1 AND (asset_id = ?2 OR reportage_id = ?3)",
                params![id, asset, reportage],
                |_| Ok(()),
            )
            .optional()?
            .is_some();
        if !there {
            conn.execute(
                "INSERT INTO kit_items (kit_id, position, asset_id, reportage_id)
                 SELECT ?1, coalesce(max(position), 0) + 1, ?2, ?3 FROM kit_items WHERE kit_id = ?1",
                params![id, asset, reportage],
            )?;
        }
    }
    touch(conn, id, now)
}

fn split(item: KitRef) -> (Option<i64>, Option<i64>) {
    match item {
        KitRef::Asset(a) => (Some(a), None),
        KitRef::Reportage(r) => (None, Some(r)),
    }
}

/// Removes items: an item of the kit itself, or an asset that came with one of its reportages
/// (then it is dropped from this kit only, the reportage keeps it).
pub fn remove(conn: &Connection, id: i64, items: &[KitRef], now: &str) -> Result<()> {
    exists(conn, id)?;
    for item in items {
        let (asset, reportage) = split(*item);
        let removed = conn.execute(
            "DELETE FROM kit_items WHERE kit_id = ?1 AND (asset_id = ?2 OR reportage_id = ?3)",
            params![id, asset, reportage],
        )?;
        if removed > 0 {
            continue;
        }
        let via = match *item {
            KitRef::Asset(a) => conn
                .query_row(
                    "SELECT 1 FROM kit_items k JOIN reportage_items i ON i.reportage_id = k.reportage_id
                     WHERE k.kit_id = ?1 AND i.asset_id = ?2",
                    params![id, a],
                    |_| Ok(()),
                )
                .optional()?
                .is_some(),
            KitRef::Reportage(_) => false,
        };
        if !via {
            return Err(Error::NotFound(format!("{} is not in kit {id}", item.reference())));
        }
        conn.execute("INSERT OR IGNORE INTO kit_exclusions (kit_id, asset_id) VALUES (?1, ?2)", params![id, asset])?;
    }
    conn.execute(
        "UPDATE kit_items SET position = (SELECT count(*) FROM kit_items o WHERE o.kit_id = kit_items.kit_id
                                          AND o.position <= kit_items.position)
         WHERE kit_id = ?1",
        [id],
    )?;
    touch(conn, id, now)
}

pub fn get(conn: &Connection, id: i64) -> Result<Kit> {
    let mut kit = conn
        .prepare_cached("SELECT * FROM kits WHERE id = ?1")?
        .query_row([id], |r| {
            let languages: String = r.get("languages")?;
            let built: u32 = r.get("built_versions")?;
            Ok(Kit {
                id,
                title: r.get("title")?,
                profile: r.get("profile")?,
                languages: serde_json::from_str(&languages).unwrap_or_default(),
                vietnamese_beside: r.get("vietnamese_beside")?,
                recipient: r.get("recipient")?,
                outlet: r.get("outlet")?,
                country: r.get("country")?,
                contact: r.get("contact")?,
                channel: r.get("channel")?,
                deliver_at: r.get("deliver_at")?,
                notes: r.get("notes")?,
                items: Vec::new(),
                excluded: Vec::new(),
                acceptances: Vec::new(),
                version: built + 1,
                built_versions: built,
                created_at: r.get("created_at")?,
                updated_at: r.get("updated_at")?,
            })
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no kit {id} (see `mediadesk kit list`)")))?;
    kit.items = items(conn, id)?;
    kit.excluded = conn
        .prepare_cached("SELECT asset_id FROM kit_exclusions WHERE kit_id = ?1 ORDER BY asset_id")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT item, rule, reason, actor, at FROM kit_acceptances WHERE kit_id = ?1 ORDER BY item, rule",
    )?;
    for row in
        stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
    {
        let (item, rule, reason, actor, at) = row?;
        if let Ok(rule) = crate::gate::Rule::parse(&rule) {
            kit.acceptances.push(Acceptance { item, rule, reason, actor, at });
        }
    }
    Ok(kit)
}

fn items(conn: &Connection, id: i64) -> Result<Vec<KitItem>> {
    let rows: Vec<(u32, Option<i64>, Option<i64>)> = conn
        .prepare_cached("SELECT position, asset_id, reportage_id FROM kit_items WHERE kit_id = ?1 ORDER BY position")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter()
        .map(|(position, asset, reportage)| {
            let item = match (asset, reportage) {
                (Some(a), _) => KitRef::Asset(a),
                (None, r) => KitRef::Reportage(r.unwrap_or_default()),
            };
            let c = candidate(conn, item)?;
            Ok(KitItem {
                item: c.item,
                asset_id: asset,
                reportage_id: reportage.filter(|_| asset.is_none()),
                position,
                kind: c.kind,
                name: c.name,
                classification: c.classification,
            })
        })
        .collect()
}

/// An item as a kit would take it: what it is, its name, its effective classification, and
/// why it may go in no kit, if it may not.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Candidate {
    pub item: String,
    pub kind: String,
    pub name: String,
    pub classification: Classification,
    pub refusal: Option<String>,
}

pub fn candidate(conn: &Connection, item: KitRef) -> Result<Candidate> {
    let (kind, name, classification) = match item {
        KitRef::Asset(a) => {
            let summary = crate::catalog::summaries(conn, &[a])?.into_iter().next();
            (
                summary.as_ref().map(|s| s.kind.code().to_owned()).unwrap_or_default(),
                summary.map(|s| s.headline.or(s.filename).unwrap_or_default()).unwrap_or_default(),
                crate::gate::standing::asset(conn, a)?.classification,
            )
        }
        KitRef::Reportage(r) => {
            let reportage = crate::reportage::get(conn, r)?;
            ("reportage".into(), reportage.summary().headline.unwrap_or_default(), reportage.effective_classification)
        }
    };
    let refusal = (classification != Classification::Public)
        .then(|| format!("{} is {}: it cannot go in a kit", item.reference(), classification.code()));
    Ok(Candidate { item: item.reference(), kind, name, classification, refusal })
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct KitSummary {
    pub id: i64,
    pub title: Option<String>,
    pub profile: String,
    pub languages: Vec<String>,
    pub recipient: String,
    pub country: Option<String>,
    pub deliver_at: Option<String>,
    pub items: u32,
    pub built_versions: u32,
    pub updated_at: String,
}

impl Kit {
    pub fn summary(&self) -> KitSummary {
        KitSummary {
            id: self.id,
            title: self.title.clone(),
            profile: self.profile.clone(),
            languages: self.languages.clone(),
            recipient: self.recipient.clone(),
            country: self.country.clone(),
            deliver_at: self.deliver_at.clone(),
            items: self.items.len() as u32,
            built_versions: self.built_versions,
            updated_at: self.updated_at.clone(),
        }
    }
}

/// Every kit, most recently changed first.
pub fn list(conn: &Connection) -> Result<Vec<KitSummary>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM kits ORDER BY updated_at DESC, id DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter().map(|id| get(conn, id).map(|k| k.summary())).collect()
}

/// Records a soft rule accepted for one item (the caller has checked it applies).
pub fn accept(
    conn: &Connection,
    id: i64,
    item: &str,
    rule: crate::gate::Rule,
    reason: &str,
    actor: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO kit_acceptances (kit_id, item, rule, reason, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, item, rule.code(), reason, actor, now],
    )?;
    touch(conn, id, now)
}

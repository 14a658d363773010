//! What a report's figures are made of, read from the catalog for a period: the items made,
//! the reportages published, the translations approved, the register's deliveries. Nothing at
//! Mật or above is read into a report at all; internal items count as the newsroom's work but
//! go unnamed; a delivery names only what is still public of what it carried.

use std::collections::{BTreeMap, HashSet};

use rusqlite::{params, Connection};
use serde::Serialize;
use time::UtcOffset;

use super::period::Period;
use crate::catalog::Classification;
use crate::error::Result;
use crate::kits::Delivery;

/// A photo, film or sound made in the period.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MadeItem {
    pub item: String,
    /// photo, video, audio
    pub kind: String,
    /// Its headline or file name; none for an internal item.
    pub name: Option<String>,
    pub classification: Classification,
    /// When it was made (captured, else catalogued), local date.
    pub date: String,
    pub minutes: Option<f64>,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    /// Its own lead units, else its themes' (the plan names a theme's lead units).
    pub lead_units: Vec<String>,
}

/// A reportage published in the period.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct PublishedReportage {
    pub item: String,
    pub name: Option<String>,
    pub classification: Classification,
    pub date: String,
    pub themes: Vec<String>,
    pub audiences: Vec<String>,
    pub lead_units: Vec<String>,
}

/// A translation approved in the period (its latest approval), still approved.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Approval {
    pub item: String,
    /// caption, headline, subtitles, standfirst, body, title
    pub part: String,
    pub lang: String,
    pub at: String,
    /// A film's minutes, for its subtitles.
    pub minutes: Option<f64>,
}

const SECRET: &str = "('confidential', 'secret', 'top_secret')";

/// The local date of a catalog instant (RFC 3339) or local time (`YYYY-MM-DDTHH:MM:SS`).
pub(super) fn local_date(text: &str, offset: UtcOffset) -> String {
    match time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        Ok(t) => super::period::iso(t.to_offset(offset).date()),
        Err(_) => text.chars().take(10).collect(),
    }
}

/// `facet=value` pairs joined by U+001F, as the queries give them.
struct Facets {
    themes: Vec<String>,
    audiences: Vec<String>,
    lead_units: Vec<String>,
}

fn facets(joined: Option<String>, leads: &BTreeMap<String, Vec<String>>) -> Facets {
    let mut f = Facets { themes: Vec::new(), audiences: Vec::new(), lead_units: Vec::new() };
    for pair in joined.as_deref().unwrap_or("").split('\u{1f}').filter(|p| !p.is_empty()) {
        let Some((facet, value)) = pair.split_once('=') else { continue };
        match facet {
            "theme" => f.themes.push(value.to_owned()),
            "audience" => f.audiences.push(value.to_owned()),
            "lead_unit" => f.lead_units.push(value.to_owned()),
            _ => {}
        }
    }
    for list in [&mut f.themes, &mut f.audiences, &mut f.lead_units] {
        list.sort();
    }
    if f.lead_units.is_empty() {
        let mut implied: Vec<String> =
            f.themes.iter().flat_map(|t| leads.get(t).cloned().unwrap_or_default()).collect();
        implied.sort();
        implied.dedup();
        f.lead_units = implied;
    }
    f
}

/// Each theme's lead units, as the plan (and the library's lists) name them.
pub(super) fn theme_leads(conn: &Connection) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut stmt = conn.prepare("SELECT theme, unit FROM theme_units WHERE role = 'lead' ORDER BY theme, unit")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (theme, unit) = row?;
        out.entry(theme).or_default().push(unit);
    }
    Ok(out)
}

fn classification(text: &str) -> Classification {
    text.parse().unwrap_or(Classification::Internal)
}

/// The photos, films and sounds made in the period (captured then, or catalogued then when
/// the capture time is not known).
pub(super) fn made(conn: &Connection, period: &Period, offset: UtcOffset) -> Result<Vec<MadeItem>> {
    let leads = theme_leads(conn)?;
    let ((from, to), (from_utc, to_utc)) = (period.local(), period.utc(offset));
    let mut stmt = conn.prepare(&format!(
        "SELECT a.id, a.kind, a.classification, a.captured_local, a.added_at, a.duration_s,
                CASE WHEN a.classification = 'public'
                     THEN coalesce(a.headline, a.title, (SELECT path FROM files WHERE asset_id = a.id ORDER BY id LIMIT 1))
                END,
                (SELECT group_concat(facet || '=' || value, char(31)) FROM asset_facets WHERE asset_id = a.id)
         FROM assets a
         WHERE a.classification NOT IN {SECRET}
           AND CASE WHEN a.captured_local IS NOT NULL THEN a.captured_local >= ?1 AND a.captured_local < ?2
                    ELSE a.added_at >= ?3 AND a.added_at < ?4 END
         ORDER BY a.id"
    ))?;
    let rows = stmt.query_map(params![from, to, from_utc, to_utc], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<f64>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, class, captured, added, duration, name, joined) = row?;
        let f = facets(joined, &leads);
        let date = match captured {
            Some(c) => c.chars().take(10).collect(),
            None => local_date(&added, offset),
        };
        let name = name.map(|n| match n.rsplit_once('/') {
            Some((_, file)) if n.starts_with('/') => file.to_owned(),
            _ => n,
        });
        out.push(MadeItem {
            item: id.to_string(),
            minutes: duration.filter(|_| kind == "video").map(|s| s / 60.0),
            kind,
            name,
            classification: classification(&class),
            date,
            themes: f.themes,
            audiences: f.audiences,
            lead_units: f.lead_units,
        });
    }
    Ok(out)
}

/// Reportages published in the period (when they last became published), none that is or
/// holds anything at Mật or above.
pub(super) fn published(conn: &Connection, period: &Period, offset: UtcOffset) -> Result<Vec<PublishedReportage>> {
    let leads = theme_leads(conn)?;
    let (from, to) = period.utc(offset);
    let mut stmt = conn.prepare(&format!(
        "WITH went AS (
             SELECT reportage_id AS id, max(at) AS at FROM audit_log
             WHERE action = 'status' AND reportage_id IS NOT NULL AND json_extract(detail, '$.to') = 'published'
             GROUP BY reportage_id)
         SELECT r.id, r.classification, coalesce(went.at, r.updated_at),
                (SELECT text FROM reportage_texts WHERE reportage_id = r.id AND part = 'headline' AND lang = 'vi'),
                (SELECT group_concat(facet || '=' || value, char(31)) FROM reportage_facets WHERE reportage_id = r.id)
         FROM reportages r LEFT JOIN went ON went.id = r.id
         WHERE r.status = 'published' AND r.classification NOT IN {SECRET}
           AND NOT EXISTS (SELECT 1 FROM reportage_items i JOIN assets a ON a.id = i.asset_id
                           WHERE i.reportage_id = r.id AND a.classification IN {SECRET})
           AND coalesce(went.at, r.updated_at) >= ?1 AND coalesce(went.at, r.updated_at) < ?2
         ORDER BY r.id"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, class, at, headline, joined) = row?;
        let f = facets(joined, &leads);
        let classification = classification(&class);
        out.push(PublishedReportage {
            item: format!("r:{id}"),
            name: headline.filter(|_| classification == Classification::Public),
            classification,
            date: local_date(&at, offset),
            themes: f.themes,
            audiences: f.audiences,
            lead_units: f.lead_units,
        });
    }
    Ok(out)
}

/// Translations (other than the Vietnamese source) approved in the period and approved still,
/// of items not at Mật or above.
pub(super) fn approvals(conn: &Connection, period: &Period, offset: UtcOffset) -> Result<Vec<Approval>> {
    let (from, to) = period.utc(offset);
    let mut stmt = conn.prepare(&format!(
        "WITH approved AS (
             SELECT item_kind, item_id, part, lang, max(at) AS at FROM translation_history
             WHERE to_status = 'approved' GROUP BY item_kind, item_id, part, lang)
         SELECT t.item_kind, t.item_id, t.part, t.lang, approved.at, a.kind, a.duration_s
         FROM translations t
         JOIN approved USING (item_kind, item_id, part, lang)
         LEFT JOIN assets a ON t.item_kind = 'asset' AND a.id = t.item_id
         LEFT JOIN reportages r ON t.item_kind = 'reportage' AND r.id = t.item_id
         WHERE t.status = 'approved' AND t.lang != 'vi' AND approved.at >= ?1 AND approved.at < ?2
           AND coalesce(a.classification, r.classification) NOT IN {SECRET}
         ORDER BY approved.at, t.item_kind, t.item_id, t.part, t.lang"
    ))?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<f64>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (kind, id, part, lang, at, asset_kind, duration) = row?;
        out.push(Approval {
            item: if kind == "reportage" { format!("r:{id}") } else { id.to_string() },
            minutes: duration.filter(|_| asset_kind.as_deref() == Some("video")).map(|s| s / 60.0),
            part,
            lang,
            at: local_date(&at, offset),
        });
    }
    Ok(out)
}

/// What is no longer public, assets and reportages: a delivery's list of what it carried
/// leaves them out.
fn withheld(conn: &Connection) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    let sql = "SELECT CAST(id AS TEXT) FROM assets WHERE classification != 'public'
               UNION SELECT CAST(i.asset_id AS TEXT) FROM reportage_items i JOIN reportages r ON r.id = i.reportage_id
                     WHERE r.classification != 'public'
               UNION SELECT 'r:' || id FROM reportages WHERE classification != 'public'
               UNION SELECT 'r:' || i.reportage_id FROM reportage_items i JOIN assets a ON a.id = i.asset_id
                     WHERE a.classification != 'public'";
    for id in conn.prepare(sql)?.query_map([], |r| r.get::<_, String>(0))? {
        out.insert(id?);
    }
    Ok(out)
}

/// The register's deliveries in the period, oldest first, each naming only what is still
/// public of what it carried.
pub(super) fn deliveries(conn: &Connection, period: &Period, offset: UtcOffset) -> Result<Vec<Delivery>> {
    let (from, to) = period.utc(offset);
    let withheld = withheld(conn)?;
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, detail FROM audit_log WHERE action = 'delivery' AND at >= ?1 AND at < ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (entry, at, by, detail) = row?;
        let Ok(mut d) = serde_json::from_str::<Delivery>(&detail) else { continue };
        d.items.retain(|i| !withheld.contains(i));
        d.contents.retain(|i| !withheld.contains(i));
        (d.entry, d.at, d.by) = (entry, at, by);
        out.push(d);
    }
    Ok(out)
}

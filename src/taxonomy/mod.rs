//! The plan's taxonomy (Plan 160/KH-UBND): the seven content themes with their lead and
//! coordinating units, the six audiences, and the channels. Seeded by the migration, editable,
//! labelled in Vietnamese and English. Assets and reportages carry themes, audiences, lead
//! units and channels as the ids kept here.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::fold;

/// What an item is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Facet {
    Theme,
    Audience,
    LeadUnit,
    Channel,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Theme, Facet::Audience, Facet::LeadUnit, Facet::Channel];

    /// As items' facet rows name it.
    pub fn code(self) -> &'static str {
        match self {
            Facet::Theme => "theme",
            Facet::Audience => "audience",
            Facet::LeadUnit => "lead_unit",
            Facet::Channel => "channel",
        }
    }

    /// As the history and `show --json` name the list.
    pub fn plural(self) -> &'static str {
        match self {
            Facet::Theme => "themes",
            Facet::Audience => "audiences",
            Facet::LeadUnit => "lead_units",
            Facet::Channel => "channels",
        }
    }

    /// The taxonomy list its values come from.
    pub fn list(self) -> List {
        match self {
            Facet::Theme => List::Theme,
            Facet::Audience => List::Audience,
            Facet::LeadUnit => List::Unit,
            Facet::Channel => List::Channel,
        }
    }
}

/// The taxonomy's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum List {
    Theme,
    Audience,
    Unit,
    Channel,
}

impl List {
    pub fn code(self) -> &'static str {
        match self {
            List::Theme => "theme",
            List::Audience => "audience",
            List::Unit => "unit",
            List::Channel => "channel",
        }
    }

    pub fn parse(s: &str) -> Result<List> {
        match s.trim().to_ascii_lowercase().trim_end_matches('s') {
            "theme" => Ok(List::Theme),
            "audience" => Ok(List::Audience),
            "unit" | "lead_unit" | "lead-unit" => Ok(List::Unit),
            "channel" => Ok(List::Channel),
            other => Err(Error::InvalidInput(format!("no taxonomy list {other:?}: theme, audience, unit or channel"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Term {
    pub id: String,
    pub vi: String,
    pub en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Theme {
    /// The theme's number in the plan (1–7, more when added).
    pub id: u32,
    pub vi: String,
    pub en: String,
    pub lead_units: Vec<Term>,
    pub coordinating_units: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ChannelTerm {
    pub id: String,
    pub vi: String,
    pub en: String,
    /// The plan's group: mass_media, new_media, events, press_delegations, other.
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Taxonomy {
    pub themes: Vec<Theme>,
    pub audiences: Vec<Term>,
    pub channels: Vec<ChannelTerm>,
    pub units: Vec<Term>,
}

fn terms(conn: &Connection, list: List) -> Result<Vec<(Term, Option<String>)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, vi, en, grp FROM taxonomy WHERE facet = ?1 ORDER BY position, id")?;
    let rows =
        stmt.query_map([list.code()], |r| Ok((Term { id: r.get(0)?, vi: r.get(1)?, en: r.get(2)? }, r.get(3)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn load(conn: &Connection) -> Result<Taxonomy> {
    let units: Vec<Term> = terms(conn, List::Unit)?.into_iter().map(|(t, _)| t).collect();
    let mut links = conn.prepare_cached("SELECT unit, role FROM theme_units WHERE theme = ?1")?;
    let mut themes = Vec::new();
    for (term, _) in terms(conn, List::Theme)? {
        let linked: Vec<(String, String)> =
            links.query_map([&term.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        let of_role = |role: &str| -> Vec<Term> {
            units.iter().filter(|u| linked.iter().any(|(id, r)| *id == u.id && r == role)).cloned().collect()
        };
        themes.push(Theme {
            id: term.id.parse().unwrap_or_default(),
            vi: term.vi,
            en: term.en,
            lead_units: of_role("lead"),
            coordinating_units: of_role("coordinating"),
        });
    }
    Ok(Taxonomy {
        themes,
        audiences: terms(conn, List::Audience)?.into_iter().map(|(t, _)| t).collect(),
        channels: terms(conn, List::Channel)?
            .into_iter()
            .map(|(t, group)| ChannelTerm { id: t.id, vi: t.vi, en: t.en, group })
            .collect(),
        units,
    })
}

/// The id an editor means by `text` in a list: the id itself, its Vietnamese or English
/// label (with or without diacritics), or for a theme "theme 4" / "chủ đề 4".
pub fn resolve(conn: &Connection, list: List, text: &str) -> Result<String> {
    let wanted = fold(text.trim());
    let wanted = match list {
        List::Theme => wanted
            .trim_start_matches("theme")
            .trim_start_matches("chu de")
            .trim_start_matches(['#', ' '])
            .trim()
            .to_owned(),
        _ => wanted,
    };
    let slug = wanted.replace([' ', '-'], "_");
    let all = terms(conn, list)?;
    let found = all
        .iter()
        .find(|(t, _)| t.id == wanted || t.id == slug)
        .or_else(|| all.iter().find(|(t, _)| fold(&t.vi) == wanted || fold(&t.en) == wanted))
        // "foreign investors" for "Foreign partners and investors": every word a prefix of a
        // word of the label, in order, and only one label fits.
        .or_else(|| {
            let fits: Vec<_> =
                all.iter().filter(|(t, _)| words_fit(&wanted, &t.en) || words_fit(&wanted, &t.vi)).collect();
            (fits.len() == 1).then(|| fits[0])
        });
    match found {
        Some((t, _)) => Ok(t.id.clone()),
        None => {
            let known: Vec<String> = all.iter().map(|(t, _)| format!("{} ({})", t.id, t.en)).collect();
            Err(Error::InvalidInput(format!(
                "no {} {text:?} in the taxonomy; known: {}",
                list.code(),
                known.join(", ")
            )))
        }
    }
}

fn words_fit(wanted: &str, label: &str) -> bool {
    let label = fold(label);
    let mut words = label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    let mut any = false;
    for w in wanted.split_whitespace() {
        any = true;
        if !words.any(|l| l.starts_with(w)) {
            return false;
        }
    }
    any
}

/// Adds a term to a list (its id a slug, or the next theme number when none is given).
pub fn add(conn: &Connection, list: List, id: Option<&str>, vi: &str, en: &str, group: Option<&str>) -> Result<String> {
    let (vi, en) = (crate::text::clean(vi), crate::text::clean(en));
    if vi.is_empty() || en.is_empty() {
        return Err(Error::InvalidInput("a taxonomy term needs both a Vietnamese and an English label".into()));
    }
    let id = match (list, id) {
        (List::Theme, None) => {
            let max: i64 = conn.query_row(
                "SELECT coalesce(max(CAST(id AS INTEGER)), 0) FROM taxonomy WHERE facet = 'theme'",
                [],
                |r| r.get(0),
            )?;
            (max + 1).to_string()
        }
        (List::Theme, Some(id)) if id.parse::<u32>().is_err() => {
            return Err(Error::InvalidInput(format!("a theme's id is its number, not {id:?}")))
        }
        (_, Some(id)) => id.trim().to_owned(),
        (_, None) => {
            fold(&en).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_")
        }
    };
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Error::InvalidInput(format!("a taxonomy id is letters, digits and _, not {id:?}")));
    }
    let exists: Option<i64> = conn
        .query_row("SELECT 1 FROM taxonomy WHERE facet = ?1 AND id = ?2", params![list.code(), id], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Err(Error::InvalidInput(format!("the {} {id} exists already; rename it instead", list.code())));
    }
    conn.execute(
        "INSERT INTO taxonomy (facet, id, vi, en, grp, position)
         VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM taxonomy WHERE facet = ?1))",
        params![list.code(), id, vi, en, group],
    )?;
    Ok(id)
}

/// Changes a term's labels; its id, which items carry, stays.
pub fn rename(conn: &Connection, list: List, id: &str, vi: Option<&str>, en: Option<&str>) -> Result<()> {
    let id = resolve(conn, list, id)?;
    for (column, value) in [("vi", vi), ("en", en)] {
        let Some(value) = value.map(crate::text::clean) else { continue };
        if value.is_empty() {
            return Err(Error::InvalidInput(format!("the {column} label cannot be empty")));
        }
        conn.execute(
            &format!("UPDATE taxonomy SET {column} = ?3 WHERE facet = ?1 AND id = ?2"),
            params![list.code(), id, value],
        )?;
    }
    Ok(())
}

/// Makes `unit` a lead (or coordinating) unit of `theme`.
pub fn link(conn: &Connection, theme: &str, unit: &str, lead: bool) -> Result<()> {
    let theme = resolve(conn, List::Theme, theme)?;
    let unit = resolve(conn, List::Unit, unit)?;
    conn.execute(
        "INSERT OR REPLACE INTO theme_units (theme, unit, role) VALUES (?1, ?2, ?3)",
        params![theme, unit, if lead { "lead" } else { "coordinating" }],
    )?;
    Ok(())
}

impl crate::Library {
    pub fn taxonomy(&self) -> Result<Taxonomy> {
        load(self.conn())
    }

    /// Adds a term; a unit may be made a lead unit of themes at once.
    pub fn add_taxonomy_term(
        &mut self,
        list: List,
        id: Option<&str>,
        vi: &str,
        en: &str,
        group: Option<&str>,
        lead_of: &[String],
    ) -> Result<String> {
        self.in_safe_write("", |tx| {
            let id = add(tx, list, id, vi, en, group)?;
            for theme in lead_of {
                link(tx, theme, &id, true)?;
            }
            Ok(id)
        })
    }

    pub fn rename_taxonomy_term(&mut self, list: List, id: &str, vi: Option<&str>, en: Option<&str>) -> Result<()> {
        self.in_safe_write("", |tx| rename(tx, list, id, vi, en))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_is_seeded() {
        let conn = crate::db::open_in_memory().expect("catalog");
        let t = load(&conn).expect("load");
        assert_eq!(t.themes.len(), 7);
        assert_eq!(t.audiences.len(), 6);
        let four = &t.themes[3];
        assert_eq!(four.id, 4);
        let leads: Vec<&str> = four.lead_units.iter().map(|u| u.vi.as_str()).collect();
        assert_eq!(leads, ["Sở Kế hoạch và Đầu tư", "Sở Giao thông vận tải", "Sở Thông tin và Truyền thông"]);
        assert!(t.channels.iter().any(|c| c.id == "zalo" && c.group.as_deref() == Some("new_media")));
    }

    #[test]
    fn editors_name_terms_as_they_say_them() {
        let conn = crate::db::open_in_memory().expect("catalog");
        assert_eq!(resolve(&conn, List::Theme, "4").expect("4"), "4");
        assert_eq!(resolve(&conn, List::Theme, "Chủ đề 4").expect("chủ đề"), "4");
        assert_eq!(resolve(&conn, List::Audience, "foreign investors").expect("investors"), "foreign_partners");
        assert_eq!(resolve(&conn, List::Unit, "Sở Kế hoạch và Đầu tư").expect("unit"), "planning_investment");
        assert_eq!(resolve(&conn, List::Unit, "so ke hoach va dau tu").expect("folded"), "planning_investment");
        assert_eq!(resolve(&conn, List::Channel, "TikTok").expect("tiktok"), "tiktok");
        let err = resolve(&conn, List::Theme, "9").expect_err("no theme 9");
        assert!(err.to_string().contains("no theme"), "{err}");
    }

    #[test]
    fn terms_are_added_and_renamed_keeping_their_ids() {
        let conn = crate::db::open_in_memory().expect("catalog");
        assert_eq!(add(&conn, List::Theme, None, "Chuyển đổi số", "Digital transformation", None).expect("add"), "8");
        let id = add(&conn, List::Audience, None, "Sinh viên quốc tế", "International students", None).expect("add");
        assert_eq!(id, "international_students");
        assert!(add(&conn, List::Audience, Some(&id), "x", "y", None).is_err());
        rename(&conn, List::Audience, &id, None, Some("Foreign students")).expect("rename");
        assert_eq!(resolve(&conn, List::Audience, "foreign students").expect("renamed"), id);
        link(&conn, "8", "information", true).expect("link");
        let t = load(&conn).expect("load");
        assert_eq!(t.themes[7].lead_units[0].id, "information");
    }
}

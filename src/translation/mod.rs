//! How far each translation has got: per item (an asset or a reportage), translatable part
//! (an asset's subtitle track, caption, headline and title; a reportage's headline, standfirst
//! and body) and language, a status with an assignee and a due date, and the history of every
//! change. An approved part falls back to `needs_review` when its source changes.

mod library;
mod matrix;

pub use matrix::{matrix, Cell, Matrix, MatrixFilter, MatrixItem, PartState};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The language items are made in; every other language is a translation of it.
pub const SOURCE_LANGUAGE: &str = "vi";

/// Languages the board always shows (the province's partners), besides any in use.
pub const PARTNER_LANGUAGES: [&str; 5] = ["vi", "en", "ko", "ja", "zh-Hans"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Missing,
    Draft,
    NeedsReview,
    Approved,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::Draft => "draft",
            Status::NeedsReview => "needs_review",
            Status::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Result<Status> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "missing" => Ok(Status::Missing),
            "draft" => Ok(Status::Draft),
            "needs_review" | "review" => Ok(Status::NeedsReview),
            "approved" => Ok(Status::Approved),
            other => Err(Error::InvalidInput(format!("no status {other:?}: missing, draft, needs_review or approved"))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    Subtitles,
    Caption,
    Headline,
    Title,
    Standfirst,
    Body,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Subtitles => "subtitles",
            Part::Caption => "caption",
            Part::Headline => "headline",
            Part::Title => "title",
            Part::Standfirst => "standfirst",
            Part::Body => "body",
        }
    }

    pub fn parse(s: &str) -> Result<Part> {
        match s.trim().to_ascii_lowercase().as_str() {
            "subtitles" | "subs" | "subtitle" => Ok(Part::Subtitles),
            "caption" | "captions" => Ok(Part::Caption),
            "headline" => Ok(Part::Headline),
            "title" => Ok(Part::Title),
            "standfirst" | "lead" => Ok(Part::Standfirst),
            "body" => Ok(Part::Body),
            other => Err(Error::InvalidInput(format!(
                "no translatable part {other:?}: subtitles, caption, headline or title (an asset's); \
                 headline, standfirst or body (a reportage's)"
            ))),
        }
    }

    /// Whether items of this kind have the part.
    pub fn belongs_to(self, item: Item) -> bool {
        match item {
            Item::Asset(_) => matches!(self, Part::Subtitles | Part::Caption | Part::Headline | Part::Title),
            Item::Reportage(_) => matches!(self, Part::Headline | Part::Standfirst | Part::Body),
        }
    }
}

/// What is translated: an asset, or a reportage (`r:N` where a person names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    Asset(i64),
    Reportage(i64),
}

impl Item {
    pub fn kind(self) -> &'static str {
        match self {
            Item::Asset(_) => "asset",
            Item::Reportage(_) => "reportage",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Item::Asset(id) | Item::Reportage(id) => id,
        }
    }

    fn from_row(kind: &str, id: i64) -> Item {
        if kind == "reportage" {
            Item::Reportage(id)
        } else {
            Item::Asset(id)
        }
    }

    /// As the CLI and the app name it: "12" for an asset, "r:3" for a reportage.
    pub fn reference(self) -> String {
        match self {
            Item::Asset(id) => id.to_string(),
            Item::Reportage(id) => format!("r:{id}"),
        }
    }

    /// A reportage reference ("r:3", "r3"), if `s` is one.
    pub fn reportage_reference(s: &str) -> Option<i64> {
        let s = s.trim();
        let rest = s.strip_prefix("r:").or_else(|| s.strip_prefix("R:")).or_else(|| s.strip_prefix('r'))?;
        rest.trim().parse().ok()
    }
}

/// The state of one part in one language.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Translation {
    /// "12" for an asset, "r:3" for a reportage.
    pub item: String,
    pub asset: Option<i64>,
    pub reportage: Option<i64>,
    pub part: Part,
    pub lang: String,
    pub status: Status,
    pub assignee: Option<String>,
    pub due: Option<String>,
    pub updated_at: Option<String>,
}

/// One change of a translation's state.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct HistoryEntry {
    pub from: Status,
    pub to: Status,
    pub assignee: Option<String>,
    pub due: Option<String>,
    pub note: Option<String>,
    #[serde(rename = "override")]
    pub override_reason: Option<String>,
    pub at: String,
    pub actor: String,
}

/// What an editor changes; `None` leaves a field as it is, `Some("")` clears it.
#[derive(Debug, Clone, Default, Deserialize, specta::Type)]
#[serde(default)]
pub struct Change {
    pub status: Option<Status>,
    pub assignee: Option<String>,
    pub due: Option<String>,
    pub note: Option<String>,
    pub override_reason: Option<String>,
}

impl Translation {
    fn new(item: Item, part: Part, lang: &str) -> Translation {
        Translation {
            item: item.reference(),
            asset: matches!(item, Item::Asset(_)).then_some(item.id()),
            reportage: matches!(item, Item::Reportage(_)).then_some(item.id()),
            part,
            lang: lang.to_owned(),
            status: Status::Missing,
            assignee: None,
            due: None,
            updated_at: None,
        }
    }
}

pub fn get(conn: &Connection, item: Item, part: Part, lang: &str) -> Result<Option<Translation>> {
    Ok(conn
        .query_row(
            "SELECT status, assignee, due, updated_at FROM translations
             WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4",
            params![item.kind(), item.id(), part.name(), lang],
            |r| {
                Ok(Translation {
                    status: Status::parse(&r.get::<_, String>(0)?).unwrap_or(Status::Missing),
                    assignee: r.get(1)?,
                    due: r.get(2)?,
                    updated_at: r.get(3)?,
                    ..Translation::new(item, part, lang)
                })
            },
        )
        .optional()?)
}

/// Records a change (and its history line); `source_hash` is the source as it is now, kept
/// with an approval so a later change of the source is noticed.
pub fn record(
    conn: &Connection,
    (item, part, lang): (Item, Part, &str),
    change: &Change,
    source_hash: Option<&str>,
    actor: &str,
    now: &str,
) -> Result<Translation> {
    let before = get(conn, item, part, lang)?;
    let from = before.as_ref().map_or(Status::Missing, |t| t.status);
    let to = change.status.unwrap_or(from);
    let keep = |new: &Option<String>, old: Option<String>| match new {
        Some(v) if v.trim().is_empty() => None,
        Some(v) => Some(v.trim().to_owned()),
        None => old,
    };
    let assignee = keep(&change.assignee, before.as_ref().and_then(|t| t.assignee.clone()));
    let due = keep(&change.due, before.as_ref().and_then(|t| t.due.clone()));
    if let Some(d) = &due {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(d, format)
            .map_err(|_| Error::InvalidInput(format!("due date {d:?}: write it as YYYY-MM-DD")))?;
    }
    let approved_source = (to == Status::Approved).then_some(source_hash).flatten();
    conn.execute(
        "INSERT OR REPLACE INTO translations (item_kind, item_id, part, lang, status, assignee, due, source_hash, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![item.kind(), item.id(), part.name(), lang, to.name(), assignee, due, approved_source, now],
    )?;
    conn.execute(
        "INSERT INTO translation_history (item_kind, item_id, part, lang, from_status, to_status, assignee, due, note, override, at, actor)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            item.kind(),
            item.id(),
            part.name(),
            lang,
            from.name(),
            to.name(),
            assignee,
            due,
            change.note,
            change.override_reason,
            now,
            actor
        ],
    )?;
    Ok(Translation {
        status: to,
        assignee,
        due,
        updated_at: Some(now.to_owned()),
        ..Translation::new(item, part, lang)
    })
}

pub fn history(conn: &Connection, item: Item, part: Part, lang: &str) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_status, to_status, assignee, due, note, override, at, actor FROM translation_history
         WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![item.kind(), item.id(), part.name(), lang], |r| {
        Ok(HistoryEntry {
            from: Status::parse(&r.get::<_, String>(0)?).unwrap_or(Status::Missing),
            to: Status::parse(&r.get::<_, String>(1)?).unwrap_or(Status::Missing),
            assignee: r.get(2)?,
            due: r.get(3)?,
            note: r.get(4)?,
            override_reason: r.get(5)?,
            at: r.get(6)?,
            actor: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The text of a part in a language, as the catalog holds it (not subtitles).
pub fn text_of(conn: &Connection, item: Item, part: Part, lang: &str) -> Result<Option<String>> {
    let source = lang == SOURCE_LANGUAGE;
    Ok(match (item, part) {
        (Item::Asset(_), Part::Subtitles) => None,
        (Item::Asset(id), Part::Caption) => conn
            .query_row("SELECT text FROM captions WHERE asset_id = ?1 AND lang = ?2", params![id, lang], |r| r.get(0))
            .optional()?,
        (Item::Asset(id), Part::Headline | Part::Title) if source => {
            let sql = format!("SELECT {} FROM assets WHERE id = ?1", part.name());
            conn.query_row(&sql, [id], |r| r.get(0)).optional()?.flatten()
        }
        (Item::Asset(id), _) => conn
            .query_row(
                "SELECT text FROM asset_texts WHERE asset_id = ?1 AND field = ?2 AND lang = ?3",
                params![id, part.name(), lang],
                |r| r.get(0),
            )
            .optional()?,
        (Item::Reportage(id), _) => conn
            .query_row(
                "SELECT text FROM reportage_texts WHERE reportage_id = ?1 AND part = ?2 AND lang = ?3",
                params![id, part.name(), lang],
                |r| r.get(0),
            )
            .optional()?,
    })
}

/// The source a part in another language is translated from, as a hash; `None` when there
/// is no source (yet).
pub fn source_hash(conn: &Connection, item: Item, part: Part) -> Result<Option<String>> {
    if let (Item::Asset(asset), Part::Subtitles) = (item, part) {
        return Ok(conn
            .query_row(
                "SELECT content_hash FROM subtitle_tracks WHERE asset_id = ?1 AND lang = ?2",
                params![asset, SOURCE_LANGUAGE],
                |r| r.get(0),
            )
            .optional()?);
    }
    let text = text_of(conn, item, part, SOURCE_LANGUAGE)?;
    Ok(text.map(|t| blake3::hash(t.as_bytes()).to_hex().to_string()))
}

/// Whether a part is approved in `lang` for the source as it is now: an approval of an older
/// source does not count, even before `reconcile` has sent it back to review.
pub fn approved_now(conn: &Connection, item: Item, part: Part, lang: &str) -> Result<bool> {
    let approved: Option<Option<String>> = conn
        .query_row(
            "SELECT source_hash FROM translations
             WHERE item_kind = ?1 AND item_id = ?2 AND part = ?3 AND lang = ?4 AND status = 'approved'",
            params![item.kind(), item.id(), part.name(), lang],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match approved {
        None => false,
        Some(kept) => kept == source_hash(conn, item, part)?,
    })
}

/// Approved translations whose source has changed since go back to review, each with a
/// history line saying so. Returns how many.
pub fn reconcile(conn: &Connection, actor: &str, now: &str) -> Result<usize> {
    let approved: Vec<(String, i64, String, String, Option<String>)> = {
        let mut stmt = conn.prepare(
            "SELECT item_kind, item_id, part, lang, source_hash FROM translations WHERE status = 'approved' AND lang <> ?1",
        )?;
        let rows =
            stmt.query_map([SOURCE_LANGUAGE], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut demoted = 0;
    for (kind, id, part, lang, approved_hash) in approved {
        let (item, part) = (Item::from_row(&kind, id), Part::parse(&part)?);
        if source_hash(conn, item, part)? != approved_hash {
            let change = Change {
                status: Some(Status::NeedsReview),
                note: Some(format!("the {SOURCE_LANGUAGE} source changed after approval")),
                ..Change::default()
            };
            record(conn, (item, part, &lang), &change, None, actor, now)?;
            demoted += 1;
        }
    }
    Ok(demoted)
}

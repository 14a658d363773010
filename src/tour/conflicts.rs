//! Conflicts a merge found (the `tour_conflicts` table): a field home and a tour both changed,
//! differently. Home keeps its value until an editor takes the tour's, keeps home's, or types
//! another; each decision is recorded with who and when.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::Library;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Conflict {
    /// The tour library's uid.
    pub tour: String,
    /// As home names it: "12" (an asset), "r:3" (a reportage), "k:2" (a kit).
    pub item: String,
    /// "caption:en", "headline", "keywords", "subtitles:ko", "status", "body:en", "items".
    pub field: String,
    pub ours: Value,
    pub theirs: Value,
    pub ours_at: Option<String>,
    pub ours_by: Option<String>,
    pub theirs_at: Option<String>,
    pub theirs_by: Option<String>,
    pub found_at: String,
}

/// How an editor settles a conflict.
#[derive(Debug, Clone, PartialEq, Deserialize, specta::Type)]
#[serde(tag = "choice", content = "value", rename_all = "snake_case")]
pub enum Choice {
    Ours,
    Theirs,
    /// A value typed in, as the command line gives it (a list separated by commas).
    Value(String),
}

fn json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Records what a merge found: a conflict already decided with the same tour value stays
/// decided; one already waiting with the same values waits on unchanged; any other is (again)
/// waiting. Returns how many were recorded anew.
pub(super) fn record(conn: &Connection, found: &[Conflict], now: &str) -> Result<u64> {
    let mut new = 0;
    for c in found {
        let known: Option<(String, String, Option<String>)> = conn
            .query_row(
                "SELECT ours, theirs, resolved_at FROM tour_conflicts WHERE tour = ?1 AND item = ?2 AND field = ?3",
                params![c.tour, c.item, c.field],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (ours, theirs) = (json(&c.ours), json(&c.theirs));
        match known {
            Some((_, t, Some(_))) if t == theirs => {}
            Some((o, t, None)) if o == ours && t == theirs => {}
            _ => {
                conn.execute(
                    "INSERT OR REPLACE INTO tour_conflicts
                         (tour, item, field, ours, theirs, ours_at, ours_by, theirs_at, theirs_by, found_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![c.tour, c.item, c.field, ours, theirs, c.ours_at, c.ours_by, c.theirs_at, c.theirs_by, now],
                )?;
                new += 1;
            }
        }
    }
    Ok(new)
}

/// The conflicts waiting for an editor, oldest first.
pub fn waiting(conn: &Connection) -> Result<Vec<Conflict>> {
    let mut stmt = conn.prepare(
        "SELECT tour, item, field, ours, theirs, ours_at, ours_by, theirs_at, theirs_by, found_at
         FROM tour_conflicts WHERE resolved_at IS NULL ORDER BY found_at, item, field",
    )?;
    let rows = stmt.query_map([], |r| {
        let value = |i: usize| -> rusqlite::Result<Value> {
            Ok(serde_json::from_str(&r.get::<_, String>(i)?).unwrap_or(Value::Null))
        };
        Ok(Conflict {
            tour: r.get(0)?,
            item: r.get(1)?,
            field: r.get(2)?,
            ours: value(3)?,
            theirs: value(4)?,
            ours_at: r.get(5)?,
            ours_by: r.get(6)?,
            theirs_at: r.get(7)?,
            theirs_by: r.get(8)?,
            found_at: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A typed value as the field holds it: lists split at commas, numbers, focus as "x,y", and
/// nothing for an empty value.
fn typed(item: &str, field: &str, text: &str) -> Result<Value> {
    let text = text.trim();
    let list = || {
        Value::Array(
            text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(|s| Value::String(s.into())).collect(),
        )
    };
    if item.starts_with("k:") {
        if !super::merge::kit_field_typeable(field)? {
            return Err(Error::InvalidInput(format!("{field} cannot be typed: take ours or theirs, then edit it")));
        }
        return Ok(match field {
            "languages" => list(),
            "vietnamese_beside" => Value::Bool(matches!(text, "true" | "1" | "yes" | "có")),
            _ if text.is_empty() => Value::Null,
            _ => Value::String(text.into()),
        });
    }
    if item.starts_with("r:") {
        let lists = ["items", "themes", "audiences", "lead_units", "channels"];
        return Ok(if lists.contains(&field) {
            list()
        } else if text.is_empty() {
            Value::Null
        } else {
            Value::String(text.into())
        });
    }
    if field.starts_with("subtitles:") || field == "shots" {
        return Err(Error::InvalidInput(format!("{field} cannot be typed: take ours or theirs, then edit it")));
    }
    let edit = super::merge::template(field)?;
    Ok(match field {
        _ if super::merge::is_list(&edit) => list(),
        "rating" => Value::from(
            text.parse::<u8>().map_err(|_| Error::InvalidInput(format!("a rating is 0 to 5, not {text:?}")))?,
        ),
        "focus" if !text.is_empty() => {
            let xy: Vec<f64> = text.split(',').filter_map(|s| s.trim().parse().ok()).collect();
            match xy[..] {
                [x, y] => serde_json::json!([x, y]),
                _ => return Err(Error::InvalidInput(format!("a focus is x,y (fractions), not {text:?}"))),
            }
        }
        _ if text.is_empty() => Value::Null,
        _ => Value::String(text.into()),
    })
}

impl Library {
    /// The conflicts merges found that wait for an editor.
    pub fn tour_conflicts(&self) -> Result<Vec<Conflict>> {
        waiting(self.conn())
    }

    /// Settles the waiting conflict on `field` of `item`: home's value, the tour's, or one
    /// typed in, written as an edit of the editor's (audited as any).
    pub fn resolve_conflict(&mut self, item: &str, field: &str, choice: &Choice, actor: &str) -> Result<Conflict> {
        let conflict =
            waiting(self.conn())?.into_iter().rev().find(|c| c.item == item && c.field == field).ok_or_else(|| {
                Error::NotFound(format!("no conflict waits on {field} of {item} (see `tour conflicts`)"))
            })?;
        let value = match choice {
            Choice::Ours => None,
            Choice::Theirs => Some(conflict.theirs.clone()),
            Choice::Value(text) => Some(typed(item, field, text)?),
        };
        let resolution = match choice {
            Choice::Ours => "ours",
            Choice::Theirs => "theirs",
            Choice::Value(_) => "value",
        };
        let now = self.now();
        let offset = self.local_offset();
        let reason = format!("conflict of tour {} settled: {resolution}", conflict.tour);
        self.in_safe_write(actor, |tx| {
            if let Some(value) = &value {
                let kit = item.strip_prefix("k:").and_then(|k| k.parse::<i64>().ok());
                match (kit, crate::translation::Item::reportage_reference(item)) {
                    (Some(k), _) => super::merge::write_kit_field(tx, k, field, value, &now)?,
                    (None, Some(r)) => super::merge::write_reportage_field(tx, r, field, value, actor, &reason, &now)?,
                    (None, None) => {
                        let asset: i64 =
                            item.parse().map_err(|_| Error::InvalidInput(format!("{item:?} names no asset")))?;
                        if field.starts_with("subtitles:") || field == "shots" {
                            super::merge::write_film_field(tx, asset, field, value, &now)?;
                        } else {
                            let edit = super::merge::with_value(&super::merge::template(field)?, value.clone())?;
                            let edits = [crate::catalog::AssetEdit { asset, edit }];
                            crate::catalog::edits::apply(tx, &edits, offset, actor, Some(&reason), &now)?;
                        }
                    }
                }
            }
            tx.execute(
                "UPDATE tour_conflicts SET resolved_at = ?4, resolved_by = ?5, resolution = ?6
                 WHERE tour = ?1 AND item = ?2 AND field = ?3",
                params![conflict.tour, item, field, now, actor, resolution],
            )?;
            Ok(())
        })?;
        Ok(conflict)
    }
}

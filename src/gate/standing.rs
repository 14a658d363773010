//! How secret an item is, and until when it is held back, counting what it belongs to: a
//! photo of a story stamped Mật is Mật wherever it is sent from, and a photo of a story under
//! embargo is under that embargo. A story that is merely internal (a draft) does not make its
//! public photos internal. A reportage is bounded by its own marks and its items' standings.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::reportage::is_after;

/// An item's effective classification and embargo, and where each came from.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Standing {
    pub classification: Classification,
    /// The reportage (`r:N`) or asset that set the classification, when not the item itself.
    pub classified_by: Option<String>,
    pub embargo_until: Option<String>,
    pub embargoed_by: Option<String>,
}

impl Standing {
    fn own(classification: Classification, embargo_until: Option<String>) -> Standing {
        Standing { classification, classified_by: None, embargo_until, embargoed_by: None }
    }

    fn raise(&mut self, classification: Classification, by: &str) {
        if classification > self.classification {
            self.classification = classification;
            self.classified_by = Some(by.to_owned());
        }
    }

    fn hold(&mut self, until: Option<String>, by: &str) {
        if let Some(until) = until {
            if self.embargo_until.as_deref().is_none_or(|now| is_after(&until, now)) {
                self.embargo_until = Some(until);
                self.embargoed_by = Some(by.to_owned());
            }
        }
    }

    /// Whether it is under embargo at `at` (RFC 3339).
    pub fn embargoed_at(&self, at: &str) -> bool {
        self.embargo_until.as_deref().is_some_and(|until| is_after(until, at))
    }
}

fn classification(s: String) -> rusqlite::Result<Classification> {
    s.parse().map_err(|e: Error| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

/// Asset `id`: its own marks, the state-secret level of every reportage it is an item of,
/// and the embargo of each.
pub fn asset(conn: &Connection, id: i64) -> Result<Standing> {
    let (own, embargo) = conn
        .prepare_cached("SELECT classification, embargo_until FROM assets WHERE id = ?1")?
        .query_row([id], |r| Ok((classification(r.get(0)?)?, r.get::<_, Option<String>>(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no asset has id {id}")))?;
    let mut standing = Standing::own(own, embargo);
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.classification, r.embargo_until FROM reportage_items i
         JOIN reportages r ON r.id = i.reportage_id WHERE i.asset_id = ?1 ORDER BY r.id",
    )?;
    let rows = stmt.query_map(params![id], |r| {
        Ok((r.get::<_, i64>(0)?, classification(r.get(1)?)?, r.get::<_, Option<String>>(2)?))
    })?;
    for row in rows {
        let (reportage, level, until) = row?;
        let by = format!("r:{reportage}");
        if level.is_state_secret() {
            standing.raise(level, &by);
        }
        standing.hold(until, &by);
    }
    Ok(standing)
}

/// Reportage `id`: the highest of its own classification and its items' standings, the
/// latest of their embargoes.
pub fn reportage(conn: &Connection, id: i64) -> Result<Standing> {
    let (own, embargo) = conn
        .prepare_cached("SELECT classification, embargo_until FROM reportages WHERE id = ?1")?
        .query_row([id], |r| Ok((classification(r.get(0)?)?, r.get::<_, Option<String>>(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no reportage r:{id}")))?;
    let mut standing = Standing::own(own, embargo);
    let items: Vec<i64> = conn
        .prepare_cached("SELECT asset_id FROM reportage_items WHERE reportage_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for item in items {
        let of_item = asset(conn, item)?;
        let by = of_item.classified_by.clone().filter(|r| *r != format!("r:{id}")).unwrap_or_else(|| item.to_string());
        standing.raise(of_item.classification, &by);
        let by = of_item.embargoed_by.clone().filter(|r| *r != format!("r:{id}")).unwrap_or_else(|| item.to_string());
        if of_item.embargo_until != standing.embargo_until {
            standing.hold(of_item.embargo_until, &by);
        }
    }
    Ok(standing)
}

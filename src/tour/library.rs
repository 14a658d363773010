//! The home library's side of tours: the `tours` table (each tour checked out, what it took,
//! what it left) and the `Library` methods the CLI and the app call.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::checkout::{Checkout, CheckoutRequest, Refused};
use super::identity::Identity;
use crate::error::{IoContext, Result};
use crate::jobs::JobCtx;
use crate::Library;

/// A tour as the home library recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Tour {
    pub uid: String,
    pub path: String,
    pub checked_out_at: String,
    pub actor: String,
    pub previews_only: bool,
    pub refused: Vec<Refused>,
    pub merged_at: Option<String>,
}

impl Library {
    /// This library's identity; in a tour library, where it came from (a `tour.json` lost or
    /// unreadable leaves only the origin's uid: the catalog is what counts).
    pub fn identity(&self) -> Result<Identity> {
        let mut identity = super::identity::get(self.conn())?;
        if identity.origin_uid.is_some() {
            if let Ok(info) = super::manifest::read(self.root()) {
                let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
                identity.origin_path = text(&info["origin"]["path"]);
                identity.checked_out_by = text(&info["by"]);
            }
        }
        Ok(identity)
    }

    /// What checking `items` out would take and leave behind (see `tour::checkout`).
    pub fn tour_preview(&self, items: &[crate::translation::Item]) -> Result<super::checkout::Preview> {
        super::checkout::preview(self, items)
    }

    /// Checks a tour out (see `tour::checkout`).
    pub fn tour_checkout(&mut self, request: &CheckoutRequest, actor: &str, ctx: &JobCtx) -> Result<Checkout> {
        super::checkout::checkout(self, request, actor, ctx)
    }

    /// Merges the tour library in `dir` back into this one (see `tour::merge`).
    pub fn tour_merge(&mut self, dir: &Path, actor: &str, ctx: &JobCtx) -> Result<super::merge::MergeReport> {
        super::merge::merge(self, dir, actor, ctx)
    }

    /// The tours checked out of this library, newest first.
    pub fn tours(&self) -> Result<Vec<Tour>> {
        let mut stmt = self.conn().prepare(
            "SELECT uid, path, checked_out_at, actor, previews_only, refused, merged_at FROM tours
             ORDER BY checked_out_at DESC, uid",
        )?;
        let rows = stmt.query_map([], |r| {
            let refused: String = r.get(5)?;
            Ok(Tour {
                uid: r.get(0)?,
                path: r.get(1)?,
                checked_out_at: r.get(2)?,
                actor: r.get(3)?,
                previews_only: r.get(4)?,
                refused: serde_json::from_str(&refused).unwrap_or_default(),
                merged_at: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Where home keeps the tour as it last saw it (at check-out, then at each merge): the base
/// a merge compares both sides with.
pub(super) fn base_path(home: &Path, tour: &str) -> std::path::PathBuf {
    home.join("tours").join(tour).join("base.sqlite")
}

/// A copy of the catalog `conn` holds, beside home's base of the tour, named `name`.
pub(super) fn snapshot(conn: &Connection, home: &Path, tour: &str, name: &str) -> Result<std::path::PathBuf> {
    let path = base_path(home, tour).with_file_name(name);
    let dir = path.parent().unwrap_or(home);
    std::fs::create_dir_all(dir).at(dir)?;
    if path.exists() {
        std::fs::remove_file(&path).at(&path)?;
    }
    conn.execute("VACUUM INTO ?1", [path.to_string_lossy()])?;
    Ok(path)
}

/// The uid of the tour being made in `staging`: the one a stopped run chose, or a new one. The
/// stopped run's catalog goes (it is made again from home); its media stay.
pub(super) fn resumed_uid(staging: &Path) -> Result<String> {
    let catalog = staging.join(crate::library::CATALOG_FILE);
    let before = Connection::open_with_flags(&catalog, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .ok()
        .and_then(|c| c.query_row("SELECT uid FROM library", [], |r| r.get::<_, String>(0)).ok());
    for name in [crate::library::CATALOG_FILE, "catalog.sqlite-wal", "catalog.sqlite-shm", "audit.head"] {
        let path = staging.join(name);
        if path.exists() {
            std::fs::remove_file(&path).at(&path)?;
        }
    }
    match before {
        Some(uid) => Ok(uid),
        None => Ok(Connection::open_in_memory()?.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?),
    }
}

/// Records the checkout at home, with its audit entry (a tour is material leaving the
/// building). A run taken up after a stop records it once.
pub(super) fn record_checkout(
    home: &mut Library,
    checkout: &Checkout,
    items: &serde_json::Value,
    actor: &str,
) -> Result<()> {
    let now = home.now();
    let refused = serde_json::to_string(&checkout.refused).unwrap_or_else(|_| "[]".into());
    home.in_safe_write(actor, |tx| {
        let known: Option<String> =
            tx.query_row("SELECT uid FROM tours WHERE uid = ?1", [&checkout.uid], |r| r.get(0)).optional()?;
        tx.execute(
            "INSERT OR REPLACE INTO tours (uid, path, checked_out_at, actor, previews_only, items, refused)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![checkout.uid, checkout.path, now, actor, checkout.previews_only, items.to_string(), refused],
        )?;
        if known.is_none() {
            let detail = serde_json::json!({
                "tour": checkout.uid,
                "path": checkout.path,
                "previews_only": checkout.previews_only,
                "items": items,
                "refused": checkout.refused,
            });
            crate::audit::append(tx, &now, actor, "tour_checkout", crate::audit::Subject::Library, &detail)?;
        }
        Ok(())
    })
}

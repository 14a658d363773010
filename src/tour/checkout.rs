//! Checking a tour out: what may go (public items only, asked of the gate), its media copied
//! and verified into a folder of its own, and a catalog made there from the home catalog's rows
//! for those items alone (never a copy of the whole catalog cut down: nothing of what stays
//! home, not even its audit entries, is ever in the file). Made beside the destination and
//! moved into place when complete; a stopped run is taken up where it stopped.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use super::media;
use crate::error::{Error, IoContext, Result};
use crate::jobs::{JobCtx, Progress, Stage};
use crate::translation::Item;
use crate::Library;

/// What to check out, and where.
#[derive(Debug, Clone, Default)]
pub struct CheckoutRequest {
    pub to: PathBuf,
    /// Previews and proxies only, no originals: a lighter laptop, kits at preview size.
    pub previews_only: bool,
    /// Assets and reportages (a reportage brings all its items).
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Refused {
    pub item: String,
    pub reason: String,
    /// What holds it back (for a window to say in its own words): the item's effective
    /// classification, and the reportage or asset that gives it, when not the item itself.
    #[serde(default = "internal")]
    pub classification: crate::catalog::Classification,
    #[serde(default)]
    pub classified_by: Option<String>,
}

/// Tours recorded before refusals carried their classification held back at least this.
fn internal() -> crate::catalog::Classification {
    crate::catalog::Classification::Internal
}

/// A checked-out tour library.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Checkout {
    pub path: String,
    /// How many assets and reportages went.
    pub assets: u64,
    pub reportages: u64,
    pub refused: Vec<Refused>,
    /// The tour library's uid.
    pub uid: String,
    pub previews_only: bool,
    /// Assets that went without their original (it could not be found): previews only.
    pub without_original: Vec<String>,
    /// Media files copied (originals, thumbnails, previews, proxies), and their bytes.
    pub files: u64,
    pub bytes: u64,
}

/// What a check-out of some items would take and leave behind, asked before anything is
/// copied (the app shows it beside the destination).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Preview {
    pub assets: u64,
    pub reportages: u64,
    pub refused: Vec<Refused>,
    /// The originals' bytes (none with previews only): will it fit on the stick.
    pub original_bytes: u64,
}

/// What goes, by the gate: assets and reportages, and what stays home and why.
struct Selection {
    assets: BTreeSet<i64>,
    reportages: BTreeSet<i64>,
    refused: Vec<Refused>,
}

fn select(conn: &Connection, items: &[Item]) -> Result<Selection> {
    let mut s = Selection { assets: BTreeSet::new(), reportages: BTreeSet::new(), refused: Vec::new() };
    for &item in items {
        if let Some((reason, standing)) = crate::gate::tour_refusal(conn, item)? {
            if !s.refused.iter().any(|r| r.item == item.reference()) {
                s.refused.push(Refused {
                    item: item.reference(),
                    reason,
                    classification: standing.classification,
                    classified_by: standing.classified_by,
                });
            }
            continue;
        }
        match item {
            Item::Asset(a) => {
                s.assets.insert(a);
            }
            Item::Reportage(r) => {
                s.reportages.insert(r);
                // A public reportage's items are all public: its standing counts theirs.
                let items = conn
                    .prepare_cached("SELECT asset_id FROM reportage_items WHERE reportage_id = ?1")?
                    .query_map([r], |row| row.get::<_, i64>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                s.assets.extend(items);
            }
        }
    }
    Ok(s)
}

/// What checking out `items` would take, by the same gate as the check-out itself.
pub fn preview(home: &Library, items: &[Item]) -> Result<Preview> {
    let s = select(home.conn(), items)?;
    let mut size = home.conn().prepare_cached("SELECT size FROM assets WHERE id = ?1")?;
    let mut original_bytes = 0u64;
    for &a in &s.assets {
        original_bytes += size.query_row([a], |r| r.get::<_, i64>(0))?.max(0) as u64;
    }
    Ok(Preview {
        assets: s.assets.len() as u64,
        reportages: s.reportages.len() as u64,
        refused: s.refused,
        original_bytes,
    })
}

/// The folder a checkout to `to` is made in, beside it.
fn staging_of(to: &Path) -> Result<PathBuf> {
    let name = to.file_name().ok_or_else(|| Error::InvalidInput(format!("{} names no folder", to.display())))?;
    Ok(to.with_file_name(format!(".{}.checkout", name.to_string_lossy())))
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none())
}

pub fn checkout(home: &mut Library, request: &CheckoutRequest, actor: &str, ctx: &JobCtx) -> Result<Checkout> {
    let selection = select(home.conn(), &request.items)?;
    if selection.assets.is_empty() {
        let first = selection.refused.first().map(|r| format!(" (first: {})", r.reason)).unwrap_or_default();
        return Err(Error::InvalidInput(format!(
            "nothing to check out: {} of the items asked for may not leave{first}",
            selection.refused.len()
        )));
    }
    let to = absolute(&request.to)?;
    if to.exists() && !is_empty_dir(&to) {
        return Err(Error::InvalidInput(format!(
            "{} already exists and is not empty: a tour is checked out to a new folder",
            to.display()
        )));
    }
    let staging = staging_of(&to)?;
    std::fs::create_dir_all(&staging).at(&staging)?;
    let uid = super::library::resumed_uid(&staging)?;

    if request.previews_only {
        films_as_proxies(home, &selection.assets, ctx)?;
    }
    let copies = media::plan(home, &selection.assets, request.previews_only)?;
    let copied = media::copy_all(&copies, &staging, ctx)?;
    let without_original: Vec<String> = copies.missing.iter().map(|a| a.to_string()).collect();

    let now = home.now();
    let origin = super::identity::get(home.conn())?.uid;
    let items = selection_refs(home.conn(), &selection)?;
    let facts =
        CatalogFacts { uid: &uid, origin: &origin, now: &now, actor, root: &to, previews_only: request.previews_only };
    {
        let tour = Library::open(&staging)?;
        write_catalog(&tour, home, &selection, &copied, &facts)?;
        tour.keep_audit_head()?;
        super::library::snapshot(tour.conn(), home.root(), &uid, "base.sqlite")?;
    }
    let info = serde_json::json!({
        "mediadesk_tour": 1,
        "uid": uid,
        "origin": { "uid": origin, "path": home.root().to_string_lossy() },
        "checked_out_at": now,
        "by": actor,
        "previews_only": request.previews_only,
        "items": items,
        "left_behind": selection.refused,
        "without_original": without_original,
    });
    super::manifest::write(&staging, &info)?;
    let result = Checkout {
        path: to.to_string_lossy().into_owned(),
        assets: selection.assets.len() as u64,
        reportages: selection.reportages.len() as u64,
        refused: selection.refused,
        uid,
        previews_only: request.previews_only,
        without_original,
        files: copied.files,
        bytes: copied.bytes,
    };
    super::library::record_checkout(home, &result, &items, actor)?;
    if to.exists() {
        std::fs::remove_dir(&to).at(&to)?;
    }
    std::fs::rename(&staging, &to).at(&to)?;
    ctx.report(&Progress { stage: Stage::Finishing, done: 1, total: 1, current: Some(to) });
    Ok(result)
}

/// A film goes on a tour with previews only as its proxy (kits on the road are transcoded from
/// it): made at home first where it has none, and kept there. A film whose original cannot be
/// read goes without one, as the check-out says.
fn films_as_proxies(home: &Library, assets: &BTreeSet<i64>, ctx: &JobCtx) -> Result<()> {
    let mut kind = home.conn().prepare_cached("SELECT kind FROM assets WHERE id = ?1")?;
    for &a in assets {
        if kind.query_row([a], |r| r.get::<_, String>(0))? != "video" {
            continue;
        }
        match home.make_proxy(&a.to_string(), false, ctx) {
            Err(Error::Cancelled) => return Err(Error::Cancelled),
            Ok(_) | Err(_) => {}
        }
    }
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).at(parent)?;
    let parent = std::fs::canonicalize(parent).at(parent)?;
    let name = path.file_name().ok_or_else(|| Error::InvalidInput(format!("{} names no folder", path.display())))?;
    Ok(parent.join(name))
}

/// What went, by identities that do not depend on row ids: asset content hashes, reportage uids.
fn selection_refs(conn: &Connection, s: &Selection) -> Result<serde_json::Value> {
    let mut assets = Vec::new();
    let mut hash = conn.prepare_cached("SELECT content_hash FROM assets WHERE id = ?1")?;
    for &a in &s.assets {
        let h: String = hash.query_row([a], |r| r.get(0))?;
        assets.push(serde_json::json!({ "item": a.to_string(), "hash": h }));
    }
    let mut reportages = Vec::new();
    let mut uid = conn.prepare_cached("SELECT uid FROM reportages WHERE id = ?1")?;
    for &r in &s.reportages {
        let u: String = uid.query_row([r], |row| row.get(0))?;
        reportages.push(serde_json::json!({ "item": format!("r:{r}"), "uid": u }));
    }
    Ok(serde_json::json!({ "assets": assets, "reportages": reportages }))
}

struct CatalogFacts<'a> {
    uid: &'a str,
    origin: &'a str,
    now: &'a str,
    actor: &'a str,
    root: &'a Path,
    previews_only: bool,
}

/// Tables every library has its own of (the plan's lists, templates, codes, profiles,
/// contacts): the tour takes the newsroom's. In an order their references allow.
const LIBRARY_TABLES: [&str; 7] =
    ["taxonomy", "theme_units", "templates", "code_replacements", "subtitle_profiles", "kit_profiles", "contacts"];

fn write_catalog(
    tour: &Library,
    home: &Library,
    s: &Selection,
    copied: &media::Copied,
    f: &CatalogFacts,
) -> Result<()> {
    let conn = tour.conn();
    let catalog = home.root().join(crate::library::CATALOG_FILE);
    conn.execute("ATTACH DATABASE ?1 AS home", [catalog.to_string_lossy()])?;
    let written = (|| -> Result<()> {
        // One transaction: a consistent read of home, and a tour catalog written whole or not.
        let tx = rusqlite::Transaction::new_unchecked(conn, rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch("CREATE TEMP TABLE go_assets (id INTEGER PRIMARY KEY); CREATE TEMP TABLE go_reportages (id INTEGER PRIMARY KEY);")?;
        for &a in &s.assets {
            tx.execute("INSERT INTO temp.go_assets VALUES (?1)", [a])?;
        }
        for &r in &s.reportages {
            tx.execute("INSERT INTO temp.go_reportages VALUES (?1)", [r])?;
        }
        for table in LIBRARY_TABLES.iter().rev() {
            tx.execute(&format!("DELETE FROM main.{table}"), [])?;
        }
        for table in LIBRARY_TABLES {
            tx.execute(&format!("INSERT INTO main.{table} SELECT * FROM home.{table}"), [])?;
        }
        tx.execute("INSERT INTO main.assets SELECT * FROM home.assets WHERE id IN temp.go_assets", [])?;
        for table in super::ASSET_TABLES {
            tx.execute(
                &format!("INSERT INTO main.{table} SELECT * FROM home.{table} WHERE asset_id IN temp.go_assets"),
                [],
            )?;
        }
        tx.execute("INSERT INTO main.reportages SELECT * FROM home.reportages WHERE id IN temp.go_reportages", [])?;
        for table in ["reportage_texts", "reportage_facets"] {
            tx.execute(
                &format!(
                    "INSERT INTO main.{table} SELECT * FROM home.{table} WHERE reportage_id IN temp.go_reportages"
                ),
                [],
            )?;
        }
        tx.execute(
            "INSERT INTO main.reportage_items SELECT * FROM home.reportage_items
             WHERE reportage_id IN temp.go_reportages AND asset_id IN temp.go_assets",
            [],
        )?;
        for table in ["translations", "translation_history"] {
            tx.execute(
                &format!(
                    "INSERT INTO main.{table} SELECT * FROM home.{table}
                     WHERE (item_kind = 'asset' AND item_id IN temp.go_assets)
                        OR (item_kind = 'reportage' AND item_id IN temp.go_reportages)"
                ),
                [],
            )?;
        }
        // The originals as they are on the laptop: inside the tour folder, where it will be.
        for (asset, relative) in &copied.originals {
            let path = f.root.join(relative);
            let meta = std::fs::metadata(copied.dest.join(relative)).at(&path)?;
            let (bytes, text) = crate::ingest::path_keys(&path);
            let seen = crate::catalog::write::Seen::plain(&bytes, &text, meta.len(), crate::ingest::mtime_ns(&meta));
            crate::catalog::write::add_file(&tx, *asset, &seen, f.now)?;
        }
        for &a in &s.assets {
            crate::catalog::write::reindex(&tx, a)?;
        }
        for &r in &s.reportages {
            crate::reportage::reindex(&tx, r)?;
        }
        let (root, _) = crate::ingest::path_keys(f.root);
        tx.execute(
            "UPDATE library SET uid = ?1, origin_uid = ?2, checked_out_at = ?3, previews_only = ?4, root = ?5",
            params![f.uid, f.origin, f.now, f.previews_only, root],
        )?;
        let detail = serde_json::json!({
            "origin": f.origin,
            "assets": s.assets.len(),
            "reportages": s.reportages.len(),
            "previews_only": f.previews_only,
        });
        crate::audit::append(&tx, f.now, f.actor, "tour_checkout", crate::audit::Subject::Library, &detail)?;
        tx.execute_batch("DROP TABLE temp.go_assets; DROP TABLE temp.go_reportages;")?;
        tx.commit()?;
        Ok(())
    })();
    conn.execute("DETACH DATABASE home", [])?;
    written
}

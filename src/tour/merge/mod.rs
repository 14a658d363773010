//! Merging a tour back into the library it came from. Three catalogs: home now (ours), the
//! tour now (theirs), and the tour as home last saw it (the base: the check-out, then each
//! merge). Assets are known by content hash, reportages and kits by uid, never by row id.
//! New media are copied and verified first (a stopped run takes them up); then everything
//! in the catalog happens in one transaction, so a merge killed at any moment has either
//! happened or not, and running it again ends in the same state.

mod assets;
mod film;
mod journal;
mod kits;
mod reportages;
mod rows;
mod three_way;

pub(crate) use assets::{is_list, template, with_value};
pub(crate) use film::write as write_film_field;
pub(crate) use kits::{typeable as kit_field_typeable, write as write_kit_field};
pub(crate) use reportages::write as write_reportage_field;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use serde_json::Value;

use super::conflicts::{self, Conflict};
use crate::catalog::edits::Merger;
use crate::error::{Error, Result};
use crate::jobs::{JobCtx, Progress, Stage};
use crate::Library;

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct MergeReport {
    pub new_assets: u64,
    pub new_reportages: u64,
    /// Items home had that the merge changed.
    pub updated: u64,
    /// Fields both sides changed differently, waiting for an editor (`tour resolve`): found
    /// by this merge or by one before.
    pub conflicts: Vec<Conflict>,
    /// Kits the tour delivered, now in home's register.
    pub deliveries: u64,
    /// The tour's audit entries joined to home's chain.
    pub audit_entries: u64,
    pub new_kits: u64,
    /// Translation history lines the tour added.
    pub translation_history: u64,
    /// Media copied home (the new assets' originals, thumbnails, previews, proxies).
    pub files: u64,
    pub bytes: u64,
    /// New assets whose original the tour no longer has: they come with their previews only.
    pub without_original: Vec<String>,
    pub tour: String,
}

/// The tour's ids and home's, for what both hold.
#[derive(Default)]
pub(super) struct Ids {
    assets: HashMap<i64, i64>,
    reportages: HashMap<i64, i64>,
}

impl Ids {
    fn asset(&self, tour: i64) -> Result<i64> {
        self.assets
            .get(&tour)
            .copied()
            .ok_or_else(|| Error::NotFound(format!("the tour's asset {tour} is not in its catalog")))
    }

    fn reportage(&self, tour: i64) -> Result<i64> {
        self.reportages
            .get(&tour)
            .copied()
            .ok_or_else(|| Error::NotFound(format!("the tour's reportage r:{tour} is not in its catalog")))
    }

    /// "12" or "r:3" as the tour names it, as home does.
    fn reference(&self, item: &str) -> Result<String> {
        match crate::translation::Item::reportage_reference(item) {
            Some(r) => Ok(format!("r:{}", self.reportage(r)?)),
            None => match item.parse::<i64>() {
                Ok(a) => Ok(self.asset(a)?.to_string()),
                Err(_) => Ok(item.to_owned()),
            },
        }
    }
}

/// One merge at work: the three catalogs, and what it found.
pub(super) struct Run<'a> {
    home: &'a Connection,
    tour: &'a Connection,
    base: &'a Connection,
    /// The merge's change in the edit history, made at its first edit.
    change: Option<i64>,
    actor: &'a str,
    reason: &'a str,
    /// The tour library's uid.
    library: &'a str,
    now: &'a str,
    updated: BTreeSet<String>,
    found: Vec<Conflict>,
}

impl Run<'_> {
    fn merger(&self) -> Merger<'_> {
        Merger { actor: self.actor, reason: self.reason, library: self.library }
    }

    fn change(&mut self) -> Result<i64> {
        match self.change {
            Some(c) => Ok(c),
            None => {
                let c = crate::catalog::edits::new_change(self.home)?;
                self.change = Some(c);
                Ok(c)
            }
        }
    }

    /// Settles one field of `item` as `merged` says: home takes a value with `write` (and a
    /// list's order, left to an editor, waits), keeps its own, or the field waits.
    fn settle(
        &mut self,
        item: &str,
        field: &str,
        merged: three_way::Merged,
        (ours, theirs): (Value, Value),
        write: impl FnOnce(&Connection, &Value) -> Result<()>,
    ) -> Result<()> {
        use three_way::Merged;
        match merged {
            Merged::Ours => {}
            Merged::Take(value) => {
                write(self.home, &value)?;
                self.updated.insert(item.to_owned());
            }
            Merged::Conflict => self.conflict(item, field, ours, theirs, None, None),
            Merged::Partly(value) => {
                write(self.home, &value)?;
                self.updated.insert(item.to_owned());
                self.conflict(item, field, value, theirs, None, None);
            }
        }
        Ok(())
    }

    fn conflict(
        &mut self,
        item: &str,
        field: &str,
        ours: Value,
        theirs: Value,
        ours_by: Option<(String, String)>,
        theirs_by: Option<(String, String)>,
    ) {
        let (ours_at, ours_by) = ours_by.unzip();
        let (theirs_at, theirs_by) = theirs_by.unzip();
        self.found.push(Conflict {
            tour: self.library.to_owned(),
            item: item.to_owned(),
            field: field.to_owned(),
            ours,
            theirs,
            ours_at,
            ours_by,
            theirs_at,
            theirs_by,
            found_at: self.now.to_owned(),
        });
    }
}

fn id_where(conn: &Connection, table: &str, column: &str, value: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(&format!("SELECT id FROM {table} WHERE {column} = ?1"))?
        .query_row([value], |r| r.get(0))
        .optional()?)
}

fn all(conn: &Connection, table: &str, column: &str) -> Result<Vec<(i64, String)>> {
    Ok(conn
        .prepare(&format!("SELECT id, {column} FROM {table} ORDER BY id"))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

fn tour_count(conn: &Connection, table: &str) -> Result<u64> {
    Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as u64)
}

/// One more item merged. A cancel here rolls the catalog back whole: the media copied stay
/// for the next run.
fn step(ctx: &JobCtx, done: &mut u64, total: u64) -> Result<()> {
    if ctx.cancel.is_cancelled() {
        return Err(Error::Cancelled);
    }
    if *done % 64 == 0 {
        ctx.report(&Progress { stage: Stage::Merging, done: *done, total, current: None });
    }
    *done += 1;
    Ok(())
}

/// The tour library in `dir`, checked to be one of this library's tours.
fn open_tour(home: &Library, dir: &Path) -> Result<(Library, String)> {
    if !Library::exists(dir) {
        return Err(Error::InvalidInput(format!("{} holds no library to merge", dir.display())));
    }
    let tour = Library::open(dir)?;
    let identity = tour.identity()?;
    let own = home.identity()?.uid;
    match identity.origin_uid {
        None => Err(Error::InvalidInput(format!("{} is not a tour library: it was never checked out", dir.display()))),
        Some(origin) if origin != own => Err(Error::InvalidInput(format!(
            "{} was checked out of library {origin}, not of this one ({own}): merge it into the library it came from",
            dir.display()
        ))),
        Some(_) => {
            let known: Option<String> = home
                .conn()
                .query_row("SELECT uid FROM tours WHERE uid = ?1", [&identity.uid], |r| r.get(0))
                .optional()?;
            match known {
                Some(_) => Ok((tour, identity.uid)),
                None => Err(Error::InvalidInput(format!(
                    "this library has no record of checking out tour {} ({})",
                    identity.uid,
                    dir.display()
                ))),
            }
        }
    }
}

pub fn merge(home: &mut Library, dir: &Path, actor: &str, ctx: &JobCtx) -> Result<MergeReport> {
    let (tour, uid) = open_tour(home, dir)?;
    let base_path = super::library::base_path(home.root(), &uid);
    if !base_path.is_file() {
        return Err(Error::InvalidInput(format!(
            "the record of tour {uid} as it was checked out is missing ({}): it cannot be merged field by field",
            base_path.display()
        )));
    }
    // What the tour is now becomes the base of the next merge, once this one is in.
    let next = super::library::snapshot(tour.conn(), home.root(), &uid, "base.next.sqlite")?;
    let base = Connection::open_with_flags(&base_path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;

    // The tour's new assets (content home has not): their media first.
    let mut new: BTreeSet<i64> = BTreeSet::new();
    for (id, hash) in all(tour.conn(), "assets", "content_hash")? {
        if id_where(home.conn(), "assets", "content_hash", &hash)?.is_none() {
            new.insert(id);
        }
    }
    let plan = super::media::plan(&tour, &new, false)?;
    let copied = super::media::copy_all(&plan, home.root(), ctx)?;
    let without_original: Vec<String> = plan.missing.iter().map(|a| a.to_string()).collect();

    let now = home.now();
    let reason = format!("merged from tour {uid}");
    let report = home.in_safe_write(actor, |tx| {
        let mut run = Run {
            home: tx,
            tour: tour.conn(),
            base: &base,
            change: None,
            actor,
            reason: &reason,
            library: &uid,
            now: &now,
            updated: BTreeSet::new(),
            found: Vec::new(),
        };
        let mut ids = Ids::default();
        let (mut new_assets, mut new_reportages) = (0, 0);
        let mut existing = Vec::new();
        for (t, hash) in all(run.tour, "assets", "content_hash")? {
            let home_id = match id_where(run.home, "assets", "content_hash", &hash)? {
                Some(h) => {
                    existing.push((h, t, id_where(run.base, "assets", "content_hash", &hash)?));
                    h
                }
                None => {
                    new_assets += 1;
                    rows::new_asset(&run, t)?
                }
            };
            ids.assets.insert(t, home_id);
        }
        for (t, relative) in &copied.originals {
            let path = copied.dest.join(relative);
            let meta = std::fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
            let (bytes, text) = crate::ingest::path_keys(&path);
            let seen = crate::catalog::write::Seen::plain(&bytes, &text, meta.len(), crate::ingest::mtime_ns(&meta));
            crate::catalog::write::add_file(run.home, ids.asset(*t)?, &seen, &now)?;
        }
        let (mut done, total) = (0, existing.len() as u64 + tour_count(run.tour, "reportages")?);
        for (h, t, b) in existing {
            step(ctx, &mut done, total)?;
            assets::merge(&mut run, h, t, b)?;
        }
        let mut existing = Vec::new();
        for (t, r_uid) in all(run.tour, "reportages", "uid")? {
            let home_id = match id_where(run.home, "reportages", "uid", &r_uid)? {
                Some(h) => {
                    existing.push((h, t, id_where(run.base, "reportages", "uid", &r_uid)?));
                    h
                }
                None => {
                    new_reportages += 1;
                    rows::new_reportage(&run, &ids, t)?
                }
            };
            ids.reportages.insert(t, home_id);
        }
        for (h, t, b) in existing {
            step(ctx, &mut done, total)?;
            reportages::merge(&mut run, h, t, b)?;
        }
        ctx.report(&Progress { stage: Stage::Merging, done: total, total, current: None });
        let translation_history = journal::translations(&mut run, &ids)?;
        let known_kits: i64 = run.home.query_row("SELECT count(*) FROM kits", [], |r| r.get(0))?;
        let kits = rows::kits(&mut run, &ids)?;
        let new_kits: i64 = run.home.query_row("SELECT count(*) FROM kits", [], |r| r.get(0))?;
        let joined_before: i64 =
            run.home.query_row("SELECT audit_joined FROM tours WHERE uid = ?1", [&uid], |r| r.get(0))?;
        let (audit_entries, deliveries, joined) = journal::audit(&run, &ids, &kits, joined_before)?;
        let new_conflicts = conflicts::record(run.home, &run.found, &now)?;
        // What waits of this tour: found now, or by a merge before and not yet settled.
        let conflicts: Vec<Conflict> = conflicts::waiting(run.home)?.into_iter().filter(|c| c.tour == uid).collect();
        let report = MergeReport {
            new_assets,
            new_reportages,
            updated: run.updated.len() as u64,
            conflicts,
            deliveries,
            audit_entries,
            new_kits: (new_kits - known_kits) as u64,
            translation_history,
            files: copied.files,
            bytes: copied.bytes,
            without_original: without_original.clone(),
            tour: uid.clone(),
        };
        // A merge that changed nothing (again, or after a run stopped once it was in) leaves
        // no trace: merging twice is merging once.
        let changed = report.new_assets
            + report.new_reportages
            + report.updated
            + report.audit_entries
            + report.new_kits
            + report.translation_history
            + new_conflicts
            > 0;
        if changed {
            run.home.execute(
                "UPDATE tours SET merged_at = ?2, audit_joined = ?3 WHERE uid = ?1",
                params![uid, now, joined],
            )?;
            let detail = serde_json::json!({
                "tour": uid,
                "path": dir.to_string_lossy(),
                "new_assets": report.new_assets,
                "new_reportages": report.new_reportages,
                "updated": report.updated,
                "conflicts": report.conflicts.len(),
                "deliveries": report.deliveries,
                "audit_entries": report.audit_entries,
            });
            crate::audit::append(run.home, &now, actor, "tour_merge", crate::audit::Subject::Library, &detail)?;
        }
        Ok(report)
    })?;
    std::fs::rename(&next, &base_path).map_err(|e| Error::io(&base_path, e))?;
    Ok(report)
}

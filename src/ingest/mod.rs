//! Ingest: bring files into the library. Scan, skip what is unchanged since last time, read
//! the rest in parallel, and record them in batched transactions. Safe to stop at any moment
//! and to run again: work is keyed by path and content hash, so a rerun picks up where the
//! last one stopped and never duplicates anything.

mod apply;
mod copy;
mod film_facts;
mod read;
mod scan;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;

pub use copy::hash_file;
pub(crate) use copy::{copy_verified, dated_target, Source};
pub use scan::{is_camera_raw, kind_by_name, mtime_ns, takes_stem_sidecar};
pub(crate) use scan::{path_keys, path_of_bytes};

use crate::catalog::{write, Classification};
use crate::error::{Error, IoContext, Result};
use crate::jobs::{ItemFailure, JobCtx, Progress, Stage};
use crate::Library;

#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Copy files (from a card) into dated folders here, verified, and catalog the copies.
    pub copy_to: Option<PathBuf>,
    /// Classification for assets new to the library (default: internal).
    pub classification: Option<Classification>,
    /// Make preview proxies of films the app cannot play as they are.
    pub proxies: bool,
    /// A metadata template applied to the assets new to the library, as one change.
    pub template: Option<String>,
    /// Who runs the ingest, for the audit log.
    pub actor: String,
}

/// What an ingest did. `failed` names each file that could not be taken, and why.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct IngestReport {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub moved: u64,
    pub duplicates: u64,
    pub skipped: u64,
    pub failed: Vec<ItemFailure>,
    pub cancelled: bool,
    /// Assets the template was applied to.
    pub templated: u64,
    /// Why the template was not applied to the new assets (they are catalogued all the same).
    pub template_refused: Option<String>,
    /// The assets new to the library.
    #[serde(skip)]
    pub added_ids: Vec<i64>,
}

/// Commit at least this often, so a crash loses little and readers see progress.
const COMMIT_EVERY: Duration = Duration::from_millis(500);
const COMMIT_BATCH: usize = 256;

impl Library {
    pub fn ingest(&mut self, inputs: &[PathBuf], options: &IngestOptions, ctx: &JobCtx) -> Result<IngestReport> {
        // A template that cannot be applied stops the ingest before it starts.
        if let Some(name) = &options.template {
            crate::catalog::templates::load(self.conn(), name)?;
        }
        let copy_to = match &options.copy_to {
            Some(dir) => {
                std::fs::create_dir_all(dir).at(dir)?;
                Some(std::fs::canonicalize(dir).at(dir)?)
            }
            None => None,
        };
        let exclude: Vec<PathBuf> = [Some(self.root().to_path_buf()), copy_to.clone()].into_iter().flatten().collect();

        let progress = |stage, done, total, current: Option<&Path>| {
            ctx.report(&Progress { stage, done, total, current: current.map(Path::to_path_buf) })
        };
        let found = scan::scan(inputs, &exclude, |n| {
            if n % 500 == 0 {
                progress(Stage::Scanning, n, 0, None)
            }
        });
        let mut report = IngestReport { skipped: found.skipped, failed: found.failed, ..Default::default() };

        // Unchanged files (same size and modification time, read by this version) are not read.
        // One read transaction for all the look-ups: SQLite then locks the file once, not per file.
        let mut work = Vec::new();
        let snapshot = self.conn().unchecked_transaction()?;
        let mut known = rustc_hash::FxHashMap::default();
        for folder in &found.folders {
            known.extend(write::known_files_under(&snapshot, &scan::path_bytes(folder))?);
        }
        for candidate in found.candidates {
            let key = scan::path_bytes(&candidate.path);
            let known = match known.remove(&key) {
                Some(k) => Some(k),
                None if found.folders.iter().any(|f| candidate.path.starts_with(f)) => None,
                None => write::known_file(&snapshot, &key)?,
            };
            match known {
                Some(known)
                    if copy_to.is_none()
                        && known.size == candidate.size
                        && known.mtime_ns == candidate.mtime_ns
                        && known.sidecar_mtime_ns == candidate.sidecar.as_ref().map(|(_, m)| *m)
                        && !known.stale =>
                {
                    report.unchanged += 1
                }
                _ => work.push(candidate),
            }
        }
        snapshot.finish()?;

        let total = work.len() as u64;
        let thumbs = self.thumbs().clone();
        let cancel = ctx.cancel.clone();
        let stop_readers = ctx.cancel.clone();
        let classification = options.classification.unwrap_or(Classification::Internal);
        let now = self.now();
        let actor = if options.actor.is_empty() { "ingest".to_owned() } else { options.actor.clone() };
        let (tx, rx) = mpsc::sync_channel(16);
        let library_root = self.root().to_path_buf();
        let reading = read::Reading {
            copy_to: copy_to.as_deref(),
            thumbs: &thumbs,
            proxies_in: options.proxies.then_some(library_root.as_path()),
            cancel: &cancel,
            local_offset: self.local_offset(),
        };

        let written = std::thread::scope(|s| -> Result<()> {
            let reading = &reading;
            s.spawn(move || {
                work.par_iter().for_each_with(tx, |tx, candidate| {
                    if reading.cancel.is_cancelled() {
                        return;
                    }
                    // A decoder that panics on a hostile file fails that file, not the batch.
                    let result = std::panic::catch_unwind(|| read::read(candidate, reading))
                        .unwrap_or_else(|_| Err(Error::bad_media(&candidate.path, "the decoder crashed on this file")));
                    let _ = tx.send((candidate.path.clone(), result));
                });
            });

            let mut writer = apply::Writer { classification, actor: &actor, now: &now };
            let mut done = 0;
            let mut pending = Vec::new();
            let mut last_commit = Instant::now();
            let record = || -> Result<()> {
                for (path, result) in rx {
                    done += 1;
                    progress(Stage::Reading, done, total, Some(&path));
                    match result {
                        Ok(file) => {
                            if let Some(warning) = &file.warning {
                                report.failed.push(ItemFailure { path: path.clone(), error: warning.clone() });
                            }
                            pending.push(file)
                        }
                        // A file whose reading was cancelled is read again next time.
                        Err(Error::Cancelled) => {}
                        Err(e) => report.failed.push(ItemFailure { path, error: failure_reason(&e) }),
                    }
                    if pending.len() >= COMMIT_BATCH || last_commit.elapsed() >= COMMIT_EVERY {
                        writer.commit(self.conn_mut(), &mut pending, &mut report)?;
                        last_commit = Instant::now();
                    }
                }
                writer.commit(self.conn_mut(), &mut pending, &mut report)
            };
            let recorded = record();
            // A catalog that cannot be written stops the readers too (the scope waits for them).
            if recorded.is_err() {
                stop_readers.cancel();
            }
            recorded
        });
        written?;
        self.keep_audit_head()?;
        report.cancelled = ctx.cancel.is_cancelled();
        if let Some(name) = &options.template {
            let added = std::mem::take(&mut report.added_ids);
            // What was catalogued stays and is reported; the template is applied whole or not
            // at all, and can be applied later to the same assets.
            match self.apply_template(name, &added, &actor) {
                Ok(_) => report.templated = added.len() as u64,
                Err(e @ (Error::InvalidInput(_) | Error::NotFound(_))) => {
                    report.template_refused =
                        Some(format!("the template “{name}” was not applied to the {} new assets: {e}", added.len()))
                }
                Err(e) => return Err(e),
            }
            report.added_ids = added;
        }
        progress(Stage::Finishing, total, total, None);
        Ok(report)
    }
}

/// The reason part of an error (the path is reported beside it).
pub(crate) fn failure_reason(e: &Error) -> String {
    match e {
        Error::BadMedia { reason, .. } | Error::Unsupported { reason, .. } => reason.clone(),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

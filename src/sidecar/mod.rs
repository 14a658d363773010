//! XMP sidecars written beside the originals, on request: every field the catalog holds, in
//! the form Lightroom, Photo Mechanic and exiftool read. The original file is never touched;
//! what other tools keep in an existing sidecar stays; a state secret gets none (the gate).

pub(crate) mod writer;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, IoContext, Result};
use crate::gate::{self, Destination, Refusal};
use crate::Library;

/// What `write_sidecars` did.
#[derive(Debug, Clone, Default, Serialize, specta::Type)]
pub struct SidecarReport {
    pub written: Vec<PathBuf>,
    pub refused: Vec<Refusal>,
}

/// Where the sidecar of `file` goes: the one of its full name when there is one
/// (`IMG_1.CR2.xmp`); else the one of its stem (`IMG_1.xmp`, Lightroom's and Photo Mechanic's
/// name) if the file may take it beside the other pictures sharing its stem (the rule ingest
/// reads by); else a new one of its full name.
fn target(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_string_lossy().into_owned();
    let stem = file.file_stem()?.to_string_lossy().into_owned();
    let folder = file.parent()?;
    let listing: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let find = |wanted: &str| listing.iter().find(|n| n.eq_ignore_ascii_case(wanted)).map(|n| folder.join(n));
    let (by_name, by_stem) = (format!("{name}.xmp"), format!("{stem}.xmp"));
    if let Some(found) = find(&by_name) {
        return Some(found);
    }
    let sharing: Vec<&Path> = listing
        .iter()
        .map(|n| Path::new(n.as_str()))
        .filter(|p| {
            p.file_name().is_some_and(|n| n != name.as_str())
                && p.file_stem().is_some_and(|s| s == stem.as_str())
                && crate::ingest::kind_by_name(p).is_some()
        })
        .collect();
    if crate::ingest::takes_stem_sidecar(file, &sharing) {
        return Some(find(&by_stem).unwrap_or_else(|| folder.join(by_stem)));
    }
    Some(folder.join(by_name))
}

/// Writes `text` to `path` by way of a temporary file beside it: never half a sidecar.
fn write_whole(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("xmp.tmp");
    std::fs::write(&tmp, text).at(&tmp)?;
    std::fs::rename(&tmp, path).at(path)
}

impl Library {
    /// Writes the sidecar of each of `ids` beside each of its files that is there; the gate
    /// refuses state secrets. The catalog notes each sidecar so the next ingest reads the
    /// files again only if someone changes the sidecar.
    pub fn write_sidecars(&mut self, ids: &[i64]) -> Result<SidecarReport> {
        let mut report = SidecarReport::default();
        let mut written = Vec::new();
        let outcome = self.write_each(ids, &mut report, &mut written);
        // Whatever was written, even when a later one failed, is recorded: what left the
        // catalog's keeping, and where to, is in the audit log.
        let (now, who) = (self.now(), crate::library::actor());
        self.in_safe_write(&who, |tx| {
            for w in &written {
                tx.execute(
                    "UPDATE files SET sidecar_mtime_ns = ?2 WHERE path = ?1",
                    rusqlite::params![w.file, w.mtime_ns],
                )?;
                let detail = serde_json::json!({
                    "to": w.sidecar.display().to_string(),
                    "classification": w.classification,
                    "embargo_until": w.embargo_until,
                });
                crate::audit::append(tx, &now, &who, "sidecar", crate::audit::Subject::Asset(w.asset), &detail)?;
            }
            Ok(())
        })?;
        outcome?;
        report.written = written.into_iter().map(|w| w.sidecar).collect();
        Ok(report)
    }

    fn write_each(&self, ids: &[i64], report: &mut SidecarReport, written: &mut Vec<Written>) -> Result<()> {
        for &id in ids {
            let asset = self.asset(id)?;
            if let Some(mut refusal) = gate::refusal(&asset, Destination::Sidecar) {
                // One written before it was classified is still beside the file.
                let stale: Vec<String> = asset
                    .files
                    .iter()
                    .filter_map(|f| target(Path::new(&f.path)))
                    .filter(|p| p.is_file())
                    .map(|p| p.display().to_string())
                    .collect();
                if !stale.is_empty() {
                    refusal.fix.push_str(&format!(
                        "; the sidecar written before is still there ({}): remove it",
                        stale.join(", ")
                    ));
                }
                report.refused.push(refusal);
                continue;
            }
            for file in &asset.files {
                let original = Path::new(&file.path);
                if !original.is_file() {
                    continue;
                }
                let Some(path) = target(original) else { continue };
                let existing = match std::fs::read(&path) {
                    Ok(bytes) => {
                        Some(crate::probe::xmp::packet_text(&bytes).map(|t| t.into_owned()).map_err(|reason| {
                            Error::bad_media(&path, format!("the sidecar there now: {reason}; fix or remove it"))
                        })?)
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => return Err(Error::io(&path, e)),
                };
                let packet = writer::packet(&asset, existing.as_deref()).map_err(|e| match e {
                    Error::InvalidInput(reason) => Error::bad_media(&path, reason),
                    other => other,
                })?;
                write_whole(&path, &packet)?;
                let mtime_ns = crate::ingest::mtime_ns(&std::fs::metadata(&path).at(&path)?);
                written.push(Written {
                    asset: id,
                    file: file.path.clone(),
                    sidecar: path,
                    mtime_ns,
                    classification: asset.classification.code(),
                    embargo_until: asset.embargo_until.clone(),
                });
            }
        }
        Ok(())
    }
}

/// A sidecar written, as the catalog and the audit log record it.
struct Written {
    asset: i64,
    file: String,
    sidecar: PathBuf,
    mtime_ns: i64,
    classification: &'static str,
    embargo_until: Option<String>,
}

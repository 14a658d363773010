//! XMP sidecars written beside the originals, on request: every field the catalog holds, in
//! the form Lightroom, Photo Mechanic and exiftool read. The original file is never touched;
//! what other tools keep in an existing sidecar stays; a state secret gets none (the gate).

mod writer;

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

/// Where the sidecar of `file` goes: the one it has (`IMG_1.CR2.xmp`, else `IMG_1.xmp`),
/// else `IMG_1.xmp` as Lightroom and Photo Mechanic name it, unless another picture in the
/// folder shares the name (a RAW+JPEG pair), which gets `IMG_1.JPG.xmp` to itself.
fn target(file: &Path) -> Option<PathBuf> {
    let name = file.file_name()?.to_string_lossy().into_owned();
    let stem = file.file_stem()?.to_string_lossy().into_owned();
    let folder = file.parent()?;
    let listing: Vec<String> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    let find = |wanted: &str| listing.iter().find(|n| n.eq_ignore_ascii_case(wanted)).map(|n| folder.join(n));
    let by_name = format!("{name}.xmp");
    let by_stem = format!("{stem}.xmp");
    if let Some(found) = find(&by_name).or_else(|| find(&by_stem)) {
        return Some(found);
    }
    let shared = listing.iter().any(|n| {
        *n != name
            && Path::new(n).file_stem().is_some_and(|s| s.to_string_lossy() == stem)
            && crate::ingest::kind_by_name(Path::new(n)).is_some()
    });
    Some(folder.join(if shared { by_name } else { by_stem }))
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
                    Ok(bytes) => Some(String::from_utf8(bytes).map_err(|_| {
                        Error::bad_media(&path, "the sidecar there now is not UTF-8; fix or remove it")
                    })?),
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                    Err(e) => return Err(Error::io(&path, e)),
                };
                let packet = writer::packet(&asset, existing.as_deref()).map_err(|e| match e {
                    Error::InvalidInput(reason) => Error::bad_media(&path, reason),
                    other => other,
                })?;
                write_whole(&path, &packet)?;
                let mtime = crate::ingest::mtime_ns(&std::fs::metadata(&path).at(&path)?);
                self.conn().execute(
                    "UPDATE files SET sidecar_mtime_ns = ?2 WHERE path = ?1",
                    rusqlite::params![file.path, mtime],
                )?;
                report.written.push(path);
            }
        }
        Ok(report)
    }
}

//! A tour's media: each asset's original (unless previews only), its thumbnail, preview,
//! filmstrip and proxy, copied from one library to another's folder (home to the tour at
//! check-out, the tour's new assets home at merge). Originals are verified against their
//! content hash; what a stopped run already copied is taken up, not copied again.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, IoContext, Result};
use crate::jobs::{JobCtx, Progress, Stage};
use crate::thumbs::Variant;
use crate::Library;

/// One file to copy: from the source library (or where its original is) to a path relative
/// to the destination folder.
pub(super) struct Planned {
    asset: i64,
    from: PathBuf,
    to: PathBuf,
    /// An original, verified against this hash (and numbered if another file has its name).
    original: Option<(String, std::time::SystemTime)>,
}

pub(super) struct Plan {
    files: Vec<Planned>,
    /// Assets whose original could not be found: they go with previews only.
    pub missing: Vec<i64>,
}

pub(super) struct Copied {
    pub dest: PathBuf,
    /// Each asset's original, relative to the destination.
    pub originals: Vec<(i64, PathBuf)>,
    pub files: u64,
    pub bytes: u64,
}

fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

pub(super) fn plan(source: &Library, assets: &BTreeSet<i64>, previews_only: bool) -> Result<Plan> {
    let conn = source.conn();
    let mut plan = Plan { files: Vec::new(), missing: Vec::new() };
    let mut asset_row = conn.prepare_cached(
        "SELECT content_hash, substr(coalesce(captured_local, added_at), 1, 10) FROM assets WHERE id = ?1",
    )?;
    for &a in assets {
        let (hash, date): (String, String) = asset_row.query_row([a], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if !previews_only {
            let original = crate::catalog::write::files_of(conn, a)?
                .into_iter()
                .map(|(_, bytes)| crate::ingest::path_of_bytes(&bytes))
                .find_map(|p| std::fs::metadata(&p).ok().filter(|m| m.is_file()).map(|m| (p, m)));
            match original {
                // `added_at` is always a full date, when the capture time is not known.
                Some((from, meta)) if date.len() == 10 => {
                    let to = crate::ingest::dated_target(Path::new("originals"), &date, &from);
                    let mtime = meta.modified().unwrap_or(std::time::UNIX_EPOCH);
                    plan.files.push(Planned { asset: a, from, to, original: Some((hash.clone(), mtime)) });
                }
                _ => plan.missing.push(a),
            }
        }
        let thumbs = source.thumbs();
        let pictures = Variant::ALL.iter().map(|v| thumbs.path(&hash, *v)).chain([thumbs.strip_path(&hash)]);
        let proxy = crate::media::proxy_path(source.root(), &hash);
        for from in pictures.chain([proxy]).filter(|p| p.is_file()) {
            let to = relative(source.root(), &from);
            plan.files.push(Planned { asset: a, from, to, original: None });
        }
    }
    Ok(plan)
}

/// Copies what `plan` names into `dest`, reporting each file; a cancel stops between files
/// and leaves what was copied for the next run.
pub(super) fn copy_all(plan: &Plan, dest: &Path, ctx: &JobCtx) -> Result<Copied> {
    let mut copied = Copied { dest: dest.to_path_buf(), originals: Vec::new(), files: 0, bytes: 0 };
    let total = plan.files.len() as u64;
    let mut cleaned = BTreeSet::new();
    for (n, file) in plan.files.iter().enumerate() {
        if ctx.cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        // Only the folders copied into, each once: a library's whole tree is not walked.
        let folder = dest.join(&file.to).parent().map(Path::to_path_buf).unwrap_or_else(|| dest.to_path_buf());
        if cleaned.insert(folder.clone()) {
            remove_partial(&folder)?;
        }
        ctx.report(&Progress { stage: Stage::Copying, done: n as u64, total, current: Some(file.from.clone()) });
        let target = match &file.original {
            Some((hash, mtime)) => {
                let made = crate::ingest::copy_verified(
                    &file.from,
                    crate::ingest::Source::File,
                    hash,
                    dest.join(&file.to),
                    *mtime,
                )?;
                copied.originals.push((file.asset, relative(dest, &made)));
                made
            }
            None => copy_plain(&file.from, &dest.join(&file.to))?,
        };
        copied.files += 1;
        copied.bytes += std::fs::metadata(&target).at(&target)?.len();
    }
    ctx.report(&Progress { stage: Stage::Copying, done: total, total, current: None });
    Ok(copied)
}

/// Removes what a stopped run left half-written in `dir` (its complete copies stay).
fn remove_partial(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".part") || name.contains(".mediadesk-partial-") {
            std::fs::remove_file(entry.path()).at(entry.path())?;
        }
    }
    Ok(())
}

/// A thumbnail or proxy: written whole under a temporary name, then renamed; one already there
/// at the same size is the earlier run's.
fn copy_plain(from: &Path, to: &Path) -> Result<PathBuf> {
    let size = std::fs::metadata(from).at(from)?.len();
    if std::fs::metadata(to).is_ok_and(|m| m.len() == size) {
        return Ok(to.to_path_buf());
    }
    let dir = to.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).at(dir)?;
    let part = to.with_file_name(format!("{}.part", to.file_name().unwrap_or_default().to_string_lossy()));
    std::fs::copy(from, &part).at(&part)?;
    std::fs::rename(&part, to).at(to)?;
    Ok(to.to_path_buf())
}

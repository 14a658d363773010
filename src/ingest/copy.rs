//! Copy and verify: bring files from a card into dated folders, and trust a copy only once its
//! bytes have been read back and hashed.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, IoContext, Result};

/// Where a file captured on `date` ("YYYY-MM-DD") goes under `dest`: `YYYY/YYYY-MM-DD/name`.
pub fn dated_target(dest: &Path, date: &str, source: &Path) -> PathBuf {
    let name = crate::text::clean(&source.file_name().unwrap_or_default().to_string_lossy());
    dest.join(&date[0..4]).join(date).join(name)
}

/// Where a copy's bytes come from: already in memory (photos), or the file itself (films).
pub enum Source<'a> {
    Bytes(&'a [u8]),
    File,
}

/// Copies the content of `source` (hashing to `hash`) to `target`, or to a free name
/// beside it if another file is there. Returns the path of the verified copy. An identical
/// copy already in place (an interrupted run) is reused.
pub fn copy_verified(
    source: &Path,
    bytes: Source,
    hash: &str,
    target: PathBuf,
    mtime: std::time::SystemTime,
) -> Result<PathBuf> {
    let mut target = target;
    let mut n = 1;
    while target.exists() {
        if hash_file(&target)? == hash {
            return Ok(target);
        }
        target = numbered(&target, n);
        n += 1;
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).at(dir)?;
    // Unique per copy: IMG_1234.HEIC and IMG_1234.MOV (a Live Photo) are copied at once.
    static COPIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = target.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let tmp = target.with_file_name(format!(".{name}.mediadesk-partial-{}-{n}", std::process::id()));
    let written = write_copy(source, bytes, &tmp, mtime);
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    if hash_file(&tmp)? != hash {
        let _ = fs::remove_file(&tmp);
        return Err(Error::bad_media(
            source,
            format!("copy to {} did not verify: the bytes read back differ", target.display()),
        ));
    }
    fs::rename(&tmp, &target).at(&target)?;
    Ok(target)
}

fn write_copy(source: &Path, bytes: Source, tmp: &Path, mtime: std::time::SystemTime) -> Result<()> {
    let mut file = fs::File::create(tmp).at(tmp)?;
    match bytes {
        Source::Bytes(bytes) => file.write_all(bytes).at(tmp)?,
        Source::File => {
            let mut from = fs::File::open(source).at(source)?;
            std::io::copy(&mut from, &mut file).at(tmp)?;
        }
    }
    file.set_modified(mtime).at(tmp)?;
    file.sync_all().at(tmp)
}

fn numbered(path: &Path, n: u32) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    match path.extension() {
        Some(ext) => path.with_file_name(format!("{stem}-{n}.{}", ext.to_string_lossy())),
        None => path.with_file_name(format!("{stem}-{n}")),
    }
}

pub fn hash_file(path: &Path) -> Result<String> {
    let mut hasher = blake3::Hasher::new();
    let file = fs::File::open(path).at(path)?;
    hasher.update_reader(file).at(path)?;
    Ok(hasher.finalize().to_hex().to_string())
}

//! Finding the files to ingest: walks folders, skipping hidden and system files.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::catalog::Kind;
use crate::jobs::ItemFailure;

/// A file found by the walk, with what its directory entry says.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub path: PathBuf,
    pub kind: Kind,
    pub size: u64,
    pub mtime_ns: i64,
    /// Its XMP sidecar, and when that was last changed.
    pub sidecar: Option<(PathBuf, i64)>,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// The folders walked, as the file system names them.
    pub folders: Vec<PathBuf>,
    pub candidates: Vec<Candidate>,
    pub skipped: u64,
    pub failed: Vec<ItemFailure>,
}

const PHOTO_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "jpe", "jfif", "png", "tif", "tiff", "webp", "heic", "heif", "avif", "cr2", "cr3", "nef", "nrw",
    "arw", "srf", "sr2", "dng", "orf", "rw2", "raf", "pef", "srw", "3fr", "iiq",
];

const VIDEO_EXTENSIONS: &[&str] = &[
    "mp4", "m4v", "mov", "qt", "mxf", "mkv", "webm", "avi", "mts", "m2ts", "ts", "mpg", "mpeg", "vob", "wmv", "asf",
    "flv", "3gp", "3g2", "dv", "ogv", "mj2",
];

const AUDIO_EXTENSIONS: &[&str] =
    &["m4a", "mp3", "wav", "bwf", "flac", "aac", "ogg", "oga", "opus", "wma", "aif", "aiff", "amr", "caf", "w64"];

/// Names that operating systems, NAS boxes and cameras leave in folders.
const SYSTEM_NAMES: &[&str] = &[
    "thumbs.db",
    "desktop.ini",
    "$recycle.bin",
    "system volume information",
    "@eadir",
    "#recycle",
    "lost+found",
    "ehthumbs.db",
];

/// Camera raw, by name: of a RAW+JPEG pair, the raw is the one Lightroom's `IMG_1.xmp` is for.
pub fn is_camera_raw(path: &Path) -> bool {
    const RAW: &[&str] =
        &["cr2", "cr3", "nef", "nrw", "arw", "srf", "sr2", "dng", "orf", "rw2", "raf", "pef", "srw", "3fr", "iiq"];
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| RAW.contains(&e.to_ascii_lowercase().as_str()))
}

/// Whether `file` may take the sidecar named by its stem (`IMG_1.xmp`) beside `sharing`, the
/// other pictures and films of its folder with the same stem. Alone it may; beside others,
/// only the one camera raw among them may, as Lightroom has it; the others keep to sidecars
/// of their full name (`IMG_1.JPG.xmp`). Reading and writing sidecars both go by this.
pub fn takes_stem_sidecar(file: &Path, sharing: &[&Path]) -> bool {
    sharing.is_empty() || (is_camera_raw(file) && !sharing.iter().any(|p| is_camera_raw(p)))
}

/// What Mediadesk catalogs a file as, judging by its name; `None` for files it does not take.
/// A film with no picture stream (an .mp4 of sound) is catalogued as sound once read.
pub fn kind_by_name(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    let ext = ext.as_str();
    if PHOTO_EXTENSIONS.contains(&ext) {
        Some(Kind::Photo)
    } else if VIDEO_EXTENSIONS.contains(&ext) {
        Some(Kind::Video)
    } else if AUDIO_EXTENSIONS.contains(&ext) {
        Some(Kind::Audio)
    } else {
        None
    }
}

fn is_hidden_or_system(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.') || SYSTEM_NAMES.contains(&name.to_lowercase().as_str())
}

fn is_sidecar(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xmp"))
}

/// A sidecar found by the walk: its name, path, modification time, and whether a file took it.
struct Sidecar {
    name: String,
    path: PathBuf,
    mtime_ns: i64,
    used: bool,
}

/// The sidecars found, by folder.
type Sidecars = rustc_hash::FxHashMap<PathBuf, Vec<Sidecar>>;

fn note_sidecar(sidecars: &mut Sidecars, path: PathBuf, mtime_ns: i64) {
    let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else { return };
    let name = name.to_string_lossy().into_owned();
    sidecars.entry(folder.to_path_buf()).or_default().push(Sidecar { name, path, mtime_ns, used: false });
}

/// Whether `sidecar` is `base` + ".xmp", in any case of letters.
fn names_sidecar(sidecar: &str, base: &std::ffi::OsStr) -> bool {
    let base = base.to_string_lossy();
    sidecar.len() == base.len() + 4
        && sidecar.is_char_boundary(base.len())
        && sidecar[..base.len()].eq_ignore_ascii_case(&base)
        && sidecar[base.len()..].eq_ignore_ascii_case(".xmp")
}

/// Gives each candidate its sidecar, under either convention (Photo Mechanic and darktable's
/// `IMG_1234.CR2.xmp`, Lightroom's `IMG_1234.xmp`), the more specific first. Looked up by
/// folder without a string made per file: a re-ingest of 10,000 files does this 10,000 times.
/// Sidecars with no file of theirs are counted as skipped.
fn attach_sidecars(scan: &mut Scan, mut sidecars: Sidecars) {
    if sidecars.is_empty() {
        return;
    }
    // Which candidates found a sidecar by their stem alone: several may share one.
    let mut by_stem: rustc_hash::FxHashMap<PathBuf, Vec<usize>> = Default::default();
    for (i, c) in scan.candidates.iter_mut().enumerate() {
        let Some(in_folder) = c.path.parent().and_then(|f| sidecars.get_mut(f)) else { continue };
        let (Some(name), Some(stem)) = (c.path.file_name(), c.path.file_stem()) else { continue };
        if let Some(sidecar) = in_folder.iter_mut().find(|s| names_sidecar(&s.name, name)) {
            c.sidecar = Some((sidecar.path.clone(), sidecar.mtime_ns));
            sidecar.used = true;
        } else if let Some(sidecar) = in_folder.iter().find(|s| names_sidecar(&s.name, stem)) {
            by_stem.entry(sidecar.path.clone()).or_default().push(i);
        }
    }
    for (path, takers) in by_stem {
        let paths: Vec<&Path> = takers.iter().map(|&i| scan.candidates[i].path.as_path()).collect();
        let Some(owner) = takers.iter().copied().find(|&i| {
            let others: Vec<&Path> = paths.iter().copied().filter(|p| *p != scan.candidates[i].path).collect();
            takes_stem_sidecar(&scan.candidates[i].path, &others)
        }) else {
            continue;
        };
        let in_folder = path.parent().and_then(|f| sidecars.get_mut(f));
        if let Some(sidecar) = in_folder.and_then(|s| s.iter_mut().find(|s| s.path == path)) {
            scan.candidates[owner].sidecar = Some((sidecar.path.clone(), sidecar.mtime_ns));
            sidecar.used = true;
        }
    }
    scan.skipped += sidecars.values().flatten().filter(|s| !s.used).count() as u64;
}

/// Looks beside `file` for a sidecar by either name, in either case of extension.
fn note_sidecars_of(file: &Path, sidecars: &mut Sidecars) {
    let (Some(folder), Some(name), Some(stem)) = (file.parent(), file.file_name(), file.file_stem()) else { return };
    for base in [name, stem] {
        for ext in ["xmp", "XMP"] {
            let mut candidate = base.to_os_string();
            candidate.push(".");
            candidate.push(ext);
            let path = folder.join(&candidate);
            if let Ok(meta) = std::fs::metadata(&path) {
                note_sidecar(sidecars, path, mtime_ns(&meta));
            }
        }
    }
}

/// Walks `inputs` (files or folders), leaving out the folders in `exclude` (the library itself).
pub fn scan(inputs: &[PathBuf], exclude: &[PathBuf], mut on_found: impl FnMut(u64)) -> Scan {
    let mut scan = Scan::default();
    let mut sidecars = Sidecars::default();
    for input in inputs {
        let root = match std::fs::canonicalize(input) {
            Ok(root) => root,
            Err(e) => {
                scan.failed.push(ItemFailure { path: input.clone(), error: e.to_string() });
                continue;
            }
        };
        // A file named alone: its sidecar is beside it, where the walk does not go.
        if root.is_file() {
            note_sidecars_of(&root, &mut sidecars);
        } else {
            scan.folders.push(root.clone());
        }
        let walk = walkdir::WalkDir::new(&root).follow_links(false).into_iter().filter_entry(|e| {
            // The input itself is taken even if hidden: the user named it.
            e.depth() == 0 || !(is_hidden_or_system(e.file_name()) || exclude.iter().any(|x| x == e.path()))
        });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
                    let reason = e.io_error().map(|io| io.to_string()).unwrap_or_else(|| e.to_string());
                    scan.failed.push(ItemFailure { path, error: reason });
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            if is_sidecar(entry.path()) {
                if let Ok(meta) = entry.metadata() {
                    note_sidecar(&mut sidecars, entry.path().to_path_buf(), mtime_ns(&meta));
                }
                continue;
            }
            let Some(kind) = kind_by_name(entry.path()) else {
                scan.skipped += 1;
                continue;
            };
            match entry.metadata() {
                Ok(meta) => {
                    scan.candidates.push(Candidate {
                        path: entry.into_path(),
                        kind,
                        size: meta.len(),
                        mtime_ns: mtime_ns(&meta),
                        sidecar: None,
                    });
                    on_found(scan.candidates.len() as u64);
                }
                Err(e) => scan.failed.push(ItemFailure { path: entry.into_path(), error: e.to_string() }),
            }
        }
    }
    attach_sidecars(&mut scan, sidecars);
    scan
}

pub fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_nanos() as i64).unwrap_or(0)
}

/// The bytes of a path as the file system has them: the catalog's key for a file.
pub fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().as_bytes().to_vec();
    bytes
}

/// The path whose bytes the catalog keeps (`path_bytes` undone).
pub fn path_of_bytes(bytes: &[u8]) -> std::path::PathBuf {
    #[cfg(unix)]
    let path = std::path::PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes));
    #[cfg(not(unix))]
    let path = std::path::PathBuf::from(String::from_utf8_lossy(bytes).into_owned());
    path
}

/// The path's bytes, and its NFC text form for people and queries.
pub fn path_keys(path: &Path) -> (Vec<u8>, String) {
    (path_bytes(path), crate::text::clean(&path.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanned(files: &[&str]) -> (tempfile::TempDir, Scan) {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in files {
            std::fs::write(dir.path().join(f), b"x").expect("file");
        }
        let s = scan(&[dir.path().to_path_buf()], &[], |_| {});
        (dir, s)
    }

    fn sidecar_of(s: &Scan, file: &str) -> Option<String> {
        let c = s.candidates.iter().find(|c| c.path.file_name().is_some_and(|n| n == file)).expect("candidate");
        c.sidecar.as_ref().map(|(p, _)| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
    }

    #[test]
    fn a_stem_sidecar_belongs_to_the_raw_of_a_pair_and_a_full_name_one_to_its_file() {
        let (_d, s) = scanned(&[
            "IMG_1.CR2",
            "IMG_1.JPG",
            "IMG_1.xmp",
            "IMG_2.jpg",
            "IMG_2.JPG.XMP",
            "IMG_3.jpg",
            "IMG_3.tif",
            "IMG_3.xmp",
            "lone.xmp",
        ]);
        assert_eq!(sidecar_of(&s, "IMG_1.CR2").as_deref(), Some("IMG_1.xmp"), "Lightroom's, for the raw");
        assert_eq!(sidecar_of(&s, "IMG_1.JPG"), None, "not the raw's sidecar");
        assert_eq!(sidecar_of(&s, "IMG_2.jpg").as_deref(), Some("IMG_2.JPG.XMP"));
        assert_eq!((sidecar_of(&s, "IMG_3.jpg"), sidecar_of(&s, "IMG_3.tif")), (None, None), "no raw: nobody's");
        assert_eq!(s.skipped, 2, "IMG_3.xmp and lone.xmp have no file of their own");
    }
}

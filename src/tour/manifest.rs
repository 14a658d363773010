//! What a tour library says of itself beside its catalog: `tour.json` (where it came from,
//! when, by whom, what it took and what was left behind, and why) and `manifest-sha256.txt`
//! (BagIt's manifest lines: the sha256 of every media file it was checked out with).

use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, IoContext, Result};
use crate::kits::bag;

pub const INFO_FILE: &str = "tour.json";
pub const MANIFEST_FILE: &str = "manifest-sha256.txt";
/// The folders of media a tour holds; the catalog beside them changes as the tour works.
const MEDIA: [&str; 3] = ["originals", "thumbs", "proxies"];

pub(super) fn write(dir: &Path, info: &serde_json::Value) -> Result<()> {
    let mut manifest = String::new();
    for folder in MEDIA {
        let root = dir.join(folder);
        if !root.is_dir() {
            continue;
        }
        for file in bag::files_under(&root)? {
            let (_, sha256, _) = bag::digests(&root.join(&file))?;
            let _ = writeln!(manifest, "{sha256}  {folder}/{file}");
        }
    }
    let path = dir.join(MANIFEST_FILE);
    std::fs::write(&path, manifest).at(&path)?;
    let path = dir.join(INFO_FILE);
    let text = serde_json::to_string_pretty(info).map_err(|e| Error::InvalidInput(e.to_string()))?;
    std::fs::write(&path, text + "\n").at(&path)
}

/// Reads `tour.json` of the tour library in `dir`.
pub fn read(dir: &Path) -> Result<serde_json::Value> {
    let path = dir.join(INFO_FILE);
    let text = std::fs::read_to_string(&path).at(&path)?;
    serde_json::from_str(&text).map_err(|e| Error::bad_media(&path, format!("not a tour library's description: {e}")))
}

/// The media files the manifest lists that are missing or differ, named.
pub fn verify(dir: &Path) -> Result<Vec<String>> {
    let path = dir.join(MANIFEST_FILE);
    let text = std::fs::read_to_string(&path).at(&path)?;
    let mut problems = Vec::new();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let Some((want, file)) = line.split_once("  ") else {
            problems.push(format!("{MANIFEST_FILE}: a line that is not `sha256  path`: {line}"));
            continue;
        };
        match bag::digests(&dir.join(file)) {
            Ok((_, got, _)) if got == want => {}
            Ok(_) => problems.push(format!("{file}: its content differs from the check-out")),
            Err(_) => problems.push(format!("{file}: missing")),
        }
    }
    Ok(problems)
}

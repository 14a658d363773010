//! `kit verify`: a kit checked as its receiver would check it, trusting nothing it says about
//! itself. A ZIP is refused before anything is unpacked if an entry would land outside the
//! folder (`..`, an absolute path, a drive letter), is a link, or the whole would unpack to an
//! absurd size. A bag must be complete and its checksums right; its names plain; its ninjs
//! objects well formed with no field the schema does not name, every `href` resolving inside
//! the bag; each rendition within its profile's size, in sRGB, with no EXIF or GPS. With the
//! library at hand, nothing inside may come from an item that is not public or is embargoed
//! now — found by the ninjs identifiers and by every payload file's own hash.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::catalog::Classification;
use crate::error::{Error, Result};
use crate::kits::bag;
use crate::kits::names;
use crate::library::Library;

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename = "KitVerification")]
pub struct Verification {
    pub ok: bool,
    pub problems: Vec<Problem>,
    /// The bag checked (a ZIP is unpacked to a temporary folder first).
    pub bag: String,
    pub files: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename = "KitProblem")]
pub struct Problem {
    /// The file it is about, relative to the bag ("" for the bag as a whole).
    pub path: String,
    pub reason: String,
}

/// The most a kit's ZIP may unpack to, and the most entries it may hold.
const MAX_UNPACKED: u64 = 64 << 30;
const MAX_ENTRIES: usize = 200_000;

const SCHEMA: &str = include_str!("../../assets/kits/ninjs/ninjs-schema_3.1.json");

struct Found(Vec<Problem>);

impl Found {
    fn add(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.0.push(Problem { path: path.into(), reason: reason.into() });
    }
}

/// Verifies the kit at `path` (a bag folder or a ZIP of one).
pub fn verify(path: &Path, library: Option<&Library>) -> Result<Verification> {
    let is_zip = path.is_file();
    if !is_zip {
        return verify_bag(path, library);
    }
    let unpack = std::env::temp_dir().join(format!("mediadesk-verify-{}-{}", std::process::id(), unique()));
    let result = match unzip(path, &unpack) {
        Ok(top) => verify_bag(&top, library).map(|mut v| {
            v.bag = path.display().to_string();
            v
        }),
        Err(problems) => Ok(Verification { ok: false, problems, bag: path.display().to_string(), files: 0 }),
    };
    let _ = std::fs::remove_dir_all(&unpack);
    result
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// Whether a ZIP entry's name stays inside the folder it is unpacked in.
fn contained(name: &str) -> bool {
    let path = Path::new(name);
    let drive = name.len() >= 2 && name.as_bytes()[1] == b':';
    let odd = name.contains(['\0', '\\']) || name.starts_with('/') || drive;
    !odd && path.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Unpacks `zip` into `into`, returning the bag's folder, or every reason it may not be.
fn unzip(zip: &Path, into: &Path) -> std::result::Result<PathBuf, Vec<Problem>> {
    let fail = |reason: String| vec![Problem { path: String::new(), reason }];
    let file = std::fs::File::open(zip).map_err(|e| fail(format!("cannot open {}: {e}", zip.display())))?;
    let mut archive =
        zip::ZipArchive::new(file).map_err(|e| fail(format!("{} is not a readable ZIP: {e}", zip.display())))?;
    let mut problems = Found(Vec::new());
    if archive.len() > MAX_ENTRIES {
        problems.add("", format!("the ZIP holds {} entries, more than a kit ever does", archive.len()));
    }
    let mut total = 0u64;
    let mut tops = BTreeSet::new();
    for i in 0..archive.len().min(MAX_ENTRIES) {
        let entry = archive.by_index_raw(i).map_err(|e| fail(format!("entry {i} cannot be read: {e}")))?;
        let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
        if !contained(&name) {
            problems.add(&name, "would be unpacked outside the kit's folder (absolute path, drive or ..)");
        }
        if entry.is_symlink() {
            problems.add(&name, "is a symbolic link: a kit holds files only");
        }
        total = total.saturating_add(entry.size());
        if let Some(top) = name.split('/').next() {
            tops.insert(top.to_owned());
        }
    }
    if total > MAX_UNPACKED {
        problems.add("", format!("the ZIP would unpack to {total} bytes"));
    }
    if tops.len() != 1 {
        problems.add("", format!("a kit's ZIP holds one folder, the bag; this one has {} at its top", tops.len()));
    }
    if !problems.0.is_empty() {
        return Err(problems.0);
    }
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| fail(format!("entry {i} cannot be read: {e}")))?;
        let Some(relative) = entry.enclosed_name() else {
            return Err(fail(format!("entry {} would leave the folder", entry.name())));
        };
        let target = into.join(relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| fail(format!("unpacking: {e}")))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| fail(format!("unpacking: {e}")))?;
        }
        let mut out = std::fs::File::create(&target).map_err(|e| fail(format!("unpacking: {e}")))?;
        // Never more than the entry declared: a lying header cannot fill the disk.
        let limit = entry.size();
        std::io::copy(&mut (&mut entry).take(limit), &mut out)
            .map_err(|e| fail(format!("unpacking {}: {e}", entry.name())))?;
    }
    Ok(into.join(tops.into_iter().next().unwrap_or_default()))
}

fn read_manifest(dir: &Path, name: &str, found: &mut Found) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
        found.add(name, "is missing");
        return out;
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        match line.split_once(char::is_whitespace) {
            Some((sum, path)) => {
                out.insert(path.trim().to_owned(), sum.to_ascii_lowercase());
            }
            None => found.add(name, format!("has a line that is not `checksum path`: {line:?}")),
        }
    }
    out
}

fn verify_bag(dir: &Path, library: Option<&Library>) -> Result<Verification> {
    let mut found = Found(Vec::new());
    if !dir.is_dir() {
        return Err(Error::NotFound(format!("{} is neither a kit's folder nor its ZIP", dir.display())));
    }
    // Links first: nothing below is read through one.
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().into_owned();
        if entry.file_type().is_symlink() {
            found.add(&relative, "is a symbolic link: a kit holds files only");
        } else if entry.depth() > 0 && !names::is_plain(&entry.file_name().to_string_lossy()) {
            found.add(&relative, "has a name other than plain ASCII letters, digits, - _ and .");
        }
    }
    if !found.0.is_empty() {
        return Ok(Verification { ok: false, problems: found.0, bag: dir.display().to_string(), files: 0 });
    }
    match std::fs::read_to_string(dir.join("bagit.txt")) {
        Ok(t) if t.lines().any(|l| l.trim() == "BagIt-Version: 1.0") => {}
        Ok(_) => found.add("bagit.txt", "does not declare BagIt-Version: 1.0"),
        Err(_) => found.add("bagit.txt", "is missing: this is not a bag"),
    }
    let payload: Vec<String> = bag::files_under(&dir.join("data"))?.into_iter().map(|p| format!("data/{p}")).collect();
    let m256 = read_manifest(dir, "manifest-sha256.txt", &mut found);
    let m512 = read_manifest(dir, "manifest-sha512.txt", &mut found);
    let mut bytes = 0;
    for path in &payload {
        let (size, a, b) = bag::digests(&dir.join(path))?;
        bytes += size;
        for (manifest, sum, name) in [(&m256, a, "sha256"), (&m512, b, "sha512")] {
            match manifest.get(path) {
                None => found.add(path, format!("is not in the {name} manifest")),
                Some(s) if *s != sum => {
                    found.add(path, format!("does not match its {name} checksum: changed or damaged"))
                }
                _ => {}
            }
        }
    }
    for listed in m256.keys().chain(m512.keys()) {
        if !payload.contains(listed) {
            found.add(listed, "is in a manifest but not in the bag");
        }
    }
    for (tag, sum) in [("tagmanifest-sha256.txt", 0), ("tagmanifest-sha512.txt", 1)] {
        for (file, expected) in read_manifest(dir, tag, &mut found) {
            match bag::digests(&dir.join(&file)) {
                Ok(d) if *(if sum == 0 { &d.1 } else { &d.2 }) == expected => {}
                Ok(_) => found.add(&file, format!("does not match {tag}")),
                Err(_) => found.add(&file, format!("is listed in {tag} but missing")),
            }
        }
    }
    let info = std::fs::read_to_string(dir.join("bag-info.txt")).unwrap_or_default();
    let tag = |label: &str| bag::info_value(&info, label);
    match tag("Payload-Oxum") {
        Some(o) if o == format!("{bytes}.{}", payload.len()) => {}
        Some(o) => {
            found.add("bag-info.txt", format!("Payload-Oxum says {o}, the payload is {bytes}.{}", payload.len()))
        }
        None => found.add("bag-info.txt", "has no Payload-Oxum"),
    }
    if tag("BagIt-Profile-Identifier").as_deref() != Some(bag::PROFILE_URI) {
        found.add("bag-info.txt", "does not declare Mediadesk's kit profile");
    }
    match tag("Highest-Classification").as_deref() {
        Some("public") => {}
        other => found.add("bag-info.txt", format!("its highest classification is {other:?}, not public")),
    }
    let profile = tag("Kit-Profile").and_then(|p| library.and_then(|l| l.kit_profile(&p).ok()));
    let ninjs = check_ninjs(dir, &payload, &mut found);
    check_renditions(dir, &payload, profile.as_ref(), &mut found);
    if let Some(library) = library {
        check_against_library(library, dir, &payload, &ninjs, &mut found)?;
    }
    Ok(Verification {
        ok: found.0.is_empty(),
        problems: found.0,
        bag: dir.display().to_string(),
        files: payload.len() as u64,
    })
}

/// The names the schema gives a ninjs object's top level.
fn schema_fields() -> BTreeSet<String> {
    let schema: serde_json::Value = serde_json::from_str(SCHEMA).unwrap_or_default();
    schema["$defs"]["ninjsType"]["properties"].as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// Reads every ninjs file; returns the `uri`s they name.
fn check_ninjs(dir: &Path, payload: &[String], found: &mut Found) -> Vec<String> {
    let fields = schema_fields();
    let mut uris = Vec::new();
    for path in payload.iter().filter(|p| p.starts_with("data/ninjs/") && p.ends_with(".json")) {
        let text = std::fs::read_to_string(dir.join(path)).unwrap_or_default();
        let Ok(serde_json::Value::Object(object)) = serde_json::from_str::<serde_json::Value>(&text) else {
            found.add(path, "is not a JSON object");
            continue;
        };
        match object.get("uri").and_then(|u| u.as_str()) {
            Some(u) if u.contains(':') => uris.push(u.to_owned()),
            _ => found.add(path, "has no absolute `uri`, the one field ninjs requires"),
        }
        for key in object.keys().filter(|k| !fields.contains(*k)) {
            found.add(path, format!("has the field {key:?}, which ninjs 3.1 does not name"));
        }
        let base = Path::new(path).parent().unwrap_or(Path::new(""));
        for r in object.get("renditions").and_then(|r| r.as_array()).into_iter().flatten() {
            let href = r.get("href").and_then(|h| h.as_str()).unwrap_or_default();
            match resolve(base, href) {
                Some(target) if payload.contains(&target) => {}
                _ => found.add(path, format!("lists a rendition {href:?} that is not in the bag")),
            }
        }
    }
    uris
}

/// `href` relative to `base` (both under the bag), if it stays inside the payload.
fn resolve(base: &Path, href: &str) -> Option<String> {
    let mut parts: Vec<String> = base.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    for piece in href.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p.to_owned()),
        }
    }
    (parts.first().map(String::as_str) == Some("data")).then(|| parts.join("/"))
}

fn check_renditions(dir: &Path, payload: &[String], profile: Option<&crate::kits::Profile>, found: &mut Found) {
    let longest = profile.map(|p| p.photos.renditions.iter().map(|r| r.long_side).max().unwrap_or(0));
    for path in payload.iter().filter(|p| p.ends_with(".jpg")) {
        let Ok(bytes) = std::fs::read(dir.join(path)) else { continue };
        let Ok(jpeg) = img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::from(bytes.clone())) else {
            found.add(path, "is not a readable JPEG");
            continue;
        };
        use img_parts::ImageICC;
        match jpeg.icc_profile() {
            Some(icc)
                if moxcms::ColorProfile::new_from_slice(&icc)
                    .is_ok_and(|p| p.color_space == moxcms::DataColorSpace::Rgb) => {}
            _ => found.add(path, "carries no RGB colour profile (sRGB is required)"),
        }
        if jpeg
            .segments()
            .iter()
            .any(|s| s.marker() == img_parts::jpeg::markers::APP1 && s.contents().starts_with(b"Exif\0"))
        {
            found.add(path, "carries EXIF (where GPS and camera serials live)");
        }
        if let (Some(max), Ok((w, h))) = (longest, image::image_dimensions(dir.join(path))) {
            if w.max(h) > max {
                found.add(path, format!("is {w}×{h}, larger than the profile's {max} px"));
            }
        }
    }
}

fn check_against_library(
    library: &Library,
    dir: &Path,
    payload: &[String],
    uris: &[String],
    found: &mut Found,
) -> Result<()> {
    let conn = library.conn();
    let now = library.now();
    let refuse = |found: &mut Found, what: String, standing: crate::gate::Standing| {
        if standing.classification != Classification::Public {
            found.add(
                "",
                format!("{what} is {} in the library: it must not be in a kit", standing.classification.code()),
            );
        } else if let Some(until) = standing.embargo_until.filter(|u| crate::reportage::is_after(u, &now)) {
            found.add("", format!("{what} is under embargo until {until}"));
        }
    };
    for uri in uris {
        if let Some(hash) = uri.strip_prefix("urn:mediadesk:asset:") {
            let id: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
                "SELECT id FROM assets WHERE content_hash = ?1",
                [hash],
                |r| r.get(0),
            ))?;
            if let Some(id) = id {
                refuse(found, format!("asset {id} ({uri})"), crate::gate::standing::asset(conn, id)?);
            }
        } else if let Some(uid) = uri.strip_prefix("urn:mediadesk:reportage:") {
            let id: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
                "SELECT id FROM reportages WHERE uid = ?1",
                [uid],
                |r| r.get(0),
            ))?;
            if let Some(id) = id {
                refuse(found, format!("reportage r:{id} ({uri})"), crate::gate::standing::reportage(conn, id)?);
            }
        }
    }
    // A file copied straight from an original has that original's hash.
    for path in payload {
        let bytes = std::fs::read(dir.join(path)).map_err(|e| Error::io(dir.join(path), e))?;
        let hash = blake3::hash(&bytes).to_hex().to_string();
        let id: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT id FROM assets WHERE content_hash = ?1",
            [&hash],
            |r| r.get(0),
        ))?;
        if let Some(id) = id {
            refuse(found, format!("{path}, a copy of asset {id}'s original,"), crate::gate::standing::asset(conn, id)?);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_names_that_leave_the_folder_are_caught() {
        for bad in ["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\x", "a/\0b"] {
            assert!(!contained(bad), "{bad}");
        }
        assert!(contained("kit-1-v1/data/photos/1.jpg"));
    }

    #[test]
    fn hrefs_resolve_inside_the_payload_only() {
        let base = Path::new("data/ninjs/ko");
        assert_eq!(resolve(base, "../../photos/1.jpg").as_deref(), Some("data/photos/1.jpg"));
        assert_eq!(resolve(base, "../../../bag-info.txt"), None);
        assert_eq!(resolve(base, "../../../../../etc/passwd"), None);
    }
}

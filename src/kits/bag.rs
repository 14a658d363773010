//! BagIt 1.0 (RFC 8493): the tag files around a payload already in `data/`, with sha256 and
//! sha512 manifests and tag manifests, and a ZIP of the bag that is the same bytes for the
//! same bag (entries sorted, no dates, JPEGs stored). Payload names are made by `names`, so
//! they need no percent-encoding; the writer still refuses one that would.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256, Sha512};

use crate::error::{Error, Result};

/// The profile every kit's bag declares, shipped with the app.
pub const PROFILE: &str = include_str!("../../assets/kits/bagit-profile.json");
pub const PROFILE_URI: &str = "https://mediadesk.dongnai.gov.vn/bagit/press-kit-1.0.json";

/// What the bag holds, as the register and the CLI report it.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    pub files: u64,
    pub bytes: u64,
    pub tagmanifest_sha256: String,
}

/// A payload file's path under `data/` and its digests.
struct Entry {
    path: String,
    size: u64,
    sha256: String,
    sha512: String,
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::io(path, e)
}

/// A file's size, sha256 and sha512, read once.
pub fn digests(path: &Path) -> Result<(u64, String, String)> {
    let mut file = File::open(path).map_err(|e| io(path, e))?;
    let (mut a, mut b) = (Sha256::new(), Sha512::new());
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer).map_err(|e| io(path, e))?;
        if n == 0 {
            break;
        }
        a.update(&buffer[..n]);
        b.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((size, hex(&a.finalize()), hex(&b.finalize())))
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every regular file under `root`, as `/`-separated paths relative to it, sorted.
pub fn files_under(root: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::InvalidInput(format!("reading {}: {e}", root.display())))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push(parts.join("/"));
    }
    out.sort();
    Ok(out)
}

fn write_file(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| io(path, e))
}

/// One bag-info value on one line: what a title or recipient holds of line breaks and control
/// characters would otherwise start a new tag.
pub fn one_line(value: &str) -> String {
    let spaced: String = value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the tag files of the bag at `dir`, whose payload is in `dir/data`. `info` is the
/// bag-info in order; Payload-Oxum is added.
pub fn write(dir: &Path, info: &[(&str, String)]) -> Result<Written> {
    let data = dir.join("data");
    let mut entries = Vec::new();
    for path in files_under(&data)? {
        if path.contains(['%', '\r', '\n']) || path.trim() != path {
            return Err(Error::InvalidInput(format!("a payload file name needs encoding: {path:?}")));
        }
        let (size, sha256, sha512) = digests(&data.join(&path))?;
        entries.push(Entry { path: format!("data/{path}"), size, sha256, sha512 });
    }
    let bytes: u64 = entries.iter().map(|e| e.size).sum();
    write_file(&dir.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")?;
    let mut bag_info = String::new();
    for (label, value) in info {
        bag_info.push_str(&format!("{label}: {}\n", one_line(value)));
    }
    bag_info.push_str(&format!("Payload-Oxum: {bytes}.{}\n", entries.len()));
    write_file(&dir.join("bag-info.txt"), &bag_info)?;
    let manifest =
        |pick: fn(&Entry) -> &str| entries.iter().map(|e| format!("{}  {}\n", pick(e), e.path)).collect::<String>();
    write_file(&dir.join("manifest-sha256.txt"), &manifest(|e| &e.sha256))?;
    write_file(&dir.join("manifest-sha512.txt"), &manifest(|e| &e.sha512))?;
    let tags = ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt"];
    let mut tag256 = String::new();
    let mut tag512 = String::new();
    for tag in tags {
        let (_, a, b) = digests(&dir.join(tag))?;
        tag256.push_str(&format!("{a}  {tag}\n"));
        tag512.push_str(&format!("{b}  {tag}\n"));
    }
    write_file(&dir.join("tagmanifest-sha256.txt"), &tag256)?;
    write_file(&dir.join("tagmanifest-sha512.txt"), &tag512)?;
    Ok(Written { files: entries.len() as u64, bytes, tagmanifest_sha256: hex(&Sha256::digest(tag256.as_bytes())) })
}

/// Writes `dir` as a ZIP at `target`, under one top folder named as the bag, through a file
/// beside it renamed into place.
pub fn zip(dir: &Path, target: &Path) -> Result<PathBuf> {
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let top = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = target.with_extension("zip.partial");
    let file = File::create(&partial).map_err(|e| io(&partial, e))?;
    let mut writer = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let zip_failed = |e: zip::result::ZipError| Error::InvalidInput(format!("writing {}: {e}", partial.display()));
    for path in files_under(dir)? {
        let stored = path.ends_with(".jpg") || path.ends_with(".docx");
        let options = SimpleFileOptions::default()
            .compression_method(if stored { CompressionMethod::Stored } else { CompressionMethod::Deflated })
            .last_modified_time(zip::DateTime::default())
            .unix_permissions(0o644)
            .large_file(false);
        writer.start_file(format!("{top}/{path}"), options).map_err(zip_failed)?;
        let source = dir.join(&path);
        let mut input = File::open(&source).map_err(|e| io(&source, e))?;
        std::io::copy(&mut input, &mut writer).map_err(|e| io(&partial, e))?;
    }
    let mut out = writer.finish().map_err(zip_failed)?;
    out.flush().map_err(|e| io(&partial, e))?;
    out.get_ref().sync_all().map_err(|e| io(&partial, e))?;
    drop(out);
    std::fs::rename(&partial, target).map_err(|e| io(target, e))?;
    Ok(target.to_owned())
}

/// A value of a bag-info text: the first line of `label`.
pub fn info_value(info: &str, label: &str) -> Option<String> {
    info.lines().find_map(|l| l.strip_prefix(label)?.strip_prefix(':').map(|v| v.trim().to_owned()))
}

/// What the bag at `dir` holds, read from its tag files (for a bag an earlier run completed).
pub fn read_written(dir: &Path) -> Result<Written> {
    let info_path = dir.join("bag-info.txt");
    let info = std::fs::read_to_string(&info_path).map_err(|e| Error::io(&info_path, e))?;
    let oxum = info_value(&info, "Payload-Oxum").unwrap_or_default();
    let (bytes, files) = oxum.split_once('.').unwrap_or_default();
    let tag_path = dir.join("tagmanifest-sha256.txt");
    let tags = std::fs::read(&tag_path).map_err(|e| Error::io(&tag_path, e))?;
    Ok(Written {
        files: files.parse().unwrap_or_default(),
        bytes: bytes.parse().unwrap_or_default(),
        tagmanifest_sha256: hex(&Sha256::digest(&tags)),
    })
}

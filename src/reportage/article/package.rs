//! The ZIP package of a .docx or .odt, read with bounds: a zip bomb, a damaged archive or a
//! hostile entry is refused with the reason, never read without limit.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// An XML part of an article is far below this once inflated.
const MAX_PART_BYTES: u64 = 32 << 20;
/// Inflated parts together.
const MAX_TOTAL_BYTES: u64 = 96 << 20;
const MAX_ENTRIES: usize = 10_000;

pub struct Package {
    path: PathBuf,
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    read_so_far: std::cell::Cell<u64>,
}

impl Package {
    pub fn open(path: &Path, bytes: Vec<u8>) -> Result<Package> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::bad_media(path, format!("not a readable document package (damaged or cut short?): {e}"))
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(Error::bad_media(path, format!("a package of {} entries: not an article", archive.len())));
        }
        Ok(Package { path: path.to_owned(), archive, read_so_far: std::cell::Cell::new(0) })
    }

    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    pub fn fail(&self, reason: impl Into<String>) -> Error {
        Error::bad_media(&self.path, reason)
    }

    /// The part `name` as UTF-8 text; `None` when the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>> {
        let Some(index) = self.archive.index_for_name(name) else { return Ok(None) };
        let path = self.path.clone();
        let mut entry = self.archive.by_index(index).map_err(|e| {
            let reason = match e {
                zip::result::ZipError::UnsupportedArchive(what)
                    if what.contains("ncrypt") || what.contains("assword") =>
                {
                    "a password-protected document: save it without a password".to_owned()
                }
                other => format!("its part {name} cannot be read: {other}"),
            };
            Error::bad_media(&path, reason)
        })?;
        if entry.encrypted() {
            return Err(Error::bad_media(&path, "a password-protected document: save it without a password"));
        }
        let budget = MAX_PART_BYTES.min(MAX_TOTAL_BYTES.saturating_sub(self.read_so_far.get()));
        let mut bytes = Vec::new();
        // One byte over the budget tells an oversized part from one that fits exactly.
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::bad_media(&path, format!("its part {name} is damaged: {e}")))?;
        if bytes.len() as u64 > budget {
            return Err(Error::bad_media(
                &path,
                format!("its part {name} inflates beyond {} MB: a zip bomb, or not an article", budget >> 20),
            ));
        }
        self.read_so_far.set(self.read_so_far.get() + bytes.len() as u64);
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::bad_media(&path, format!("its part {name} is not UTF-8 XML")))?;
        Ok(Some(text))
    }
}

/// Parses an XML part: no DTD (so no entity expansion), a bounded number of nodes.
pub fn parse_xml<'a>(package: &Package, name: &str, text: &'a str) -> Result<roxmltree::Document<'a>> {
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 4_000_000, ..Default::default() },
    )
    .map_err(|e| package.fail(format!("its part {name} is not well-formed XML: {e}")))
}

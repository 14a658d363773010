//! Recording read files in the catalog: new assets, changed files, moves, and copies.

use rusqlite::Connection;

use super::read::ReadFile;
use super::scan::path_keys;
use super::IngestReport;
use crate::catalog::{write, Classification, Content};
use crate::error::Result;

pub struct Writer<'a> {
    pub classification: Classification,
    pub actor: &'a str,
    pub now: &'a str,
}

impl Writer<'_> {
    /// Records `pending` in one transaction.
    pub fn commit(
        &mut self,
        conn: &mut Connection,
        pending: &mut Vec<ReadFile>,
        report: &mut IngestReport,
    ) -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let tx = conn.transaction()?;
        for file in pending.drain(..) {
            self.record(&tx, &file, report)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn record(&self, conn: &Connection, file: &ReadFile, report: &mut IngestReport) -> Result<()> {
        let (os_path, path) = path_keys(&file.path);
        let content = Content {
            kind: file.kind,
            hash: &file.hash,
            size: file.size,
            format: &file.format,
            support_note: file.support_note.clone(),
            info: &file.info,
            media: file.media.as_ref(),
        };
        let seen = write::Seen {
            os_path: &os_path,
            path: &path,
            size: file.size,
            mtime_ns: file.mtime_ns,
            sidecar_mtime_ns: file.sidecar_mtime_ns,
        };
        let known = write::known_file(conn, &os_path)?;
        let same_content = write::asset_by_hash(conn, &file.hash)?;

        match (known, same_content) {
            // The same bytes at the same place: touched, or read by an older Mediadesk.
            (Some(known), Some(asset)) if known.asset_id == asset => {
                write::reread(conn, asset, &content, self.actor, self.now)?;
                write::update_file(conn, known.file_id, asset, &seen)?;
                report.updated += 1;
            }
            // The file changed into bytes the library already has elsewhere.
            (Some(known), Some(asset)) => {
                write::update_file(conn, known.file_id, asset, &seen)?;
                report.updated += 1;
            }
            // The file changed: its asset (and the editors' work on it) follows the new content,
            // unless other copies still hold the old content.
            (Some(known), None) => {
                if write::files_of(conn, known.asset_id)?.len() == 1 {
                    write::reread(conn, known.asset_id, &content, self.actor, self.now)?;
                    write::update_file(conn, known.file_id, known.asset_id, &seen)?;
                } else {
                    // A new version of a classified picture is classified as it was.
                    let id = write::insert_asset(conn, &content, Classification::Internal, self.now)?;
                    write::update_file(conn, known.file_id, id, &seen)?;
                    let was: String =
                        conn.query_row("SELECT classification FROM assets WHERE id = ?1", [known.asset_id], |r| {
                            r.get(0)
                        })?;
                    let to = was.parse::<Classification>().unwrap_or(Classification::Internal).max(self.classification);
                    if to != Classification::Internal {
                        let why = format!("a changed copy of asset {}, classified so", known.asset_id);
                        write::set_classification(conn, id, to, self.actor, &why, self.now)?;
                    }
                }
                report.updated += 1;
            }
            // Known bytes at a new place: a move if an old place is gone, else another copy.
            (None, Some(asset)) => {
                let gone = write::files_of(conn, asset)?.into_iter().find(|(_, old)| !exists(old));
                match gone {
                    Some((file_id, _)) => {
                        write::update_file(conn, file_id, asset, &seen)?;
                        report.moved += 1;
                    }
                    None => {
                        write::add_file(conn, asset, &seen, self.now)?;
                        report.duplicates += 1;
                    }
                }
            }
            (None, None) => {
                let id = write::insert_asset(conn, &content, Classification::Internal, self.now)?;
                write::add_file(conn, id, &seen, self.now)?;
                if self.classification != Classification::Internal {
                    write::set_classification(conn, id, self.classification, self.actor, "set at ingest", self.now)?;
                }
                report.added += 1;
                report.added_ids.push(id);
            }
        }
        // A sidecar may say the asset is classified or embargoed: that can raise the one and
        // lengthen the other, never lower or shorten them.
        if let Some(asset) = write::asset_by_hash(conn, &file.hash)? {
            if let Some(said) = file.info.classification {
                let now: String =
                    conn.query_row("SELECT classification FROM assets WHERE id = ?1", [asset], |r| r.get(0))?;
                if now.parse::<Classification>().is_ok_and(|c| said > c) {
                    write::set_classification(conn, asset, said, self.actor, "raised by its XMP sidecar", self.now)?;
                }
            }
            if let Some(said) = &file.info.embargo_until {
                write::lengthen_embargo(conn, asset, said, self.actor, "set by its XMP sidecar", self.now)?;
            }
        }
        Ok(())
    }
}

fn exists(os_path: &[u8]) -> bool {
    super::scan::path_of_bytes(os_path).exists()
}

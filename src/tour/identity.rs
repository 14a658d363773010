//! A library's own identity (the `library` table): its uid, and in a tour library the library
//! it came from. And the folder it was last opened in: a tour library's originals live inside
//! it, so when the folder moves (a USB stick opened on another machine) their paths follow.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;
use crate::ingest::{path_keys, path_of_bytes};

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Identity {
    pub uid: String,
    pub created_at: String,
    /// In a tour library: the library it was checked out of, and when.
    pub origin_uid: Option<String>,
    pub checked_out_at: Option<String>,
    /// A tour library made without originals: kits are built from previews.
    pub previews_only: bool,
    /// In a tour library: the folder it came from and who took it, as its `tour.json` says.
    pub origin_path: Option<String>,
    pub checked_out_by: Option<String>,
}

pub fn get(conn: &Connection) -> Result<Identity> {
    Ok(conn.query_row("SELECT uid, created_at, origin_uid, checked_out_at, previews_only FROM library", [], |r| {
        Ok(Identity {
            uid: r.get(0)?,
            created_at: r.get(1)?,
            origin_uid: r.get(2)?,
            checked_out_at: r.get(3)?,
            previews_only: r.get(4)?,
            origin_path: None,
            checked_out_by: None,
        })
    })?)
}

/// Moves the paths of the files kept inside the library's folder to where the folder is now,
/// when it was opened elsewhere before. Files outside it (a newsroom's originals on a share)
/// keep their paths.
pub fn reroot(conn: &Connection, root: &Path) -> Result<()> {
    let (now, _) = path_keys(root);
    let before: Option<Vec<u8>> = conn.query_row("SELECT root FROM library", [], |r| r.get(0)).optional()?.flatten();
    if before.as_deref() == Some(&now[..]) {
        return Ok(());
    }
    if let Some(before) = before {
        let mut prefix = before;
        prefix.push(std::path::MAIN_SEPARATOR as u8);
        let moved: Vec<(i64, Vec<u8>)> = conn
            .prepare("SELECT id, os_path FROM files WHERE substr(os_path, 1, ?1) = ?2")?
            .query_map(params![prefix.len() as i64, prefix], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut update = conn.prepare("UPDATE files SET os_path = ?2, path = ?3 WHERE id = ?1")?;
        for (id, old) in moved {
            let rest = path_of_bytes(&old[prefix.len()..]);
            let (bytes, text) = path_keys(&root.join(rest));
            update.execute(params![id, bytes, text])?;
        }
    }
    conn.execute("UPDATE library SET root = ?1", [now])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_inside_the_folder_follow_it_and_others_stay() {
        let conn = crate::db::open_in_memory().expect("catalog");
        reroot(&conn, Path::new("/media/usb/tour")).expect("first");
        let info = crate::probe::PhotoInfo::default();
        for (n, path) in
            ["/media/usb/tour/originals/a.jpg", "/srv/photos/b.jpg", "/media/usb/tour2/c.jpg"].iter().enumerate()
        {
            let hash = format!("{n:064}");
            let id = crate::catalog::write::insert_asset(
                &conn,
                &crate::catalog::Content::photo(&hash, 1, &info),
                crate::catalog::Classification::Public,
                "t",
            )
            .expect("asset");
            let seen = crate::catalog::write::Seen::plain(path.as_bytes(), path, 1, 0);
            crate::catalog::write::add_file(&conn, id, &seen, "t").expect("file");
        }
        reroot(&conn, Path::new("/home/an/Tour Cát Tiên")).expect("moved");
        let paths: Vec<String> = conn
            .prepare("SELECT path FROM files ORDER BY id")
            .expect("q")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("paths");
        assert_eq!(paths, ["/home/an/Tour Cát Tiên/originals/a.jpg", "/srv/photos/b.jpg", "/media/usb/tour2/c.jpg"]);
        let uid = get(&conn).expect("identity").uid;
        assert_eq!(uid.len(), 32);
    }
}

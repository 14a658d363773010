//! Opening the catalog: pragmas, forward-only migrations, and the gate that refuses a catalog
//! written by a newer Mediadesk.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Error, Result};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_catalog.sql"),
    include_str!("migrations/0002_media.sql"),
    include_str!("migrations/0003_editing.sql"),
    include_str!("migrations/0004_languages.sql"),
    include_str!("migrations/0005_editorial.sql"),
    include_str!("migrations/0006_kits.sql"),
    include_str!("migrations/0007_deliveries.sql"),
    include_str!("migrations/0008_shots.sql"),
    include_str!("migrations/0009_contacts.sql"),
    include_str!("migrations/0010_tours.sql"),
];

/// The migration that hash-chains the audit log seals the entries written before it.
const CHAINED_AUDIT: usize = 4;

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i {
                CHAINED_AUDIT => M::up_with_hook(sql, |tx: &rusqlite::Transaction| {
                    crate::audit::seal_unchained(tx).map_err(Into::into)
                }),
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Opens (creating if needed) and migrates the catalog at `path`.
pub fn open(path: &Path) -> Result<Connection> {
    let mut conn = Connection::open(path)?;
    set_pragmas(&conn)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::CatalogTooNew { path: path.to_owned(), found, known: SCHEMA_VERSION });
    }
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// Whether the catalog at `path` exists with its audit log already hash-chained.
pub fn has_chained_audit(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY) else { return false };
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).is_ok_and(|v| v > CHAINED_AUDIT as i64)
}

/// An in-memory catalog, for unit tests.
pub fn open_in_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    set_pragmas(&conn)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

fn set_pragmas(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // A search page reads hundreds of rows scattered over a catalog of a gigabyte or more:
    // through a memory map they come from the OS cache without a system call each, and a
    // 64 MB page cache keeps the hot ones parsed.
    conn.pragma_update(None, "mmap_size", 2_000_000_000i64)?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("migrations validate");
    }

    #[test]
    fn the_audit_log_of_an_older_catalog_is_sealed_into_a_chain() {
        let mut conn = Connection::open_in_memory().expect("memory");
        migrations().to_version(&mut conn, CHAINED_AUDIT).expect("schema 4");
        for (at, to) in [("2026-11-01T00:00:00Z", "secret"), ("2026-11-02T00:00:00Z", "public")] {
            let detail = serde_json::json!({ "from": "internal", "to": to, "reason": "edited" }).to_string();
            conn.execute(
                "INSERT INTO audit_log (at, actor, action, asset_id, detail) VALUES (?1, 'ed', 'classification', 7, ?2)",
                rusqlite::params![at, detail],
            )
            .expect("old entry");
        }
        migrations().to_latest(&mut conn).expect("migrate");
        let v = crate::audit::verify(&conn, None).expect("verify");
        assert!(v.ok && v.entries == 2, "{v:?}");
        let entries = crate::audit::entries(&conn, None).expect("entries");
        assert_eq!(entries[1].detail["to"], "public");
        assert!(conn.execute("UPDATE audit_log SET actor = 'x'", []).is_err(), "sealed entries are append-only");
    }

    #[test]
    fn a_newer_catalog_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("catalog.sqlite");
        drop(open(&path).expect("create"));
        let conn = Connection::open(&path).expect("reopen");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).expect("bump");
        drop(conn);
        let err = open(&path).expect_err("newer catalog must be refused");
        assert!(matches!(err, Error::CatalogTooNew { .. }), "{err}");
        assert!(err.to_string().contains("newer Mediadesk"), "{err}");
    }
}

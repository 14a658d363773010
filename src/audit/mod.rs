//! The audit log: every change of classification, embargo or rights, every reportage status
//! change and every export (an XMP sidecar written beside a file, a kit) is an entry appended here, hash-chained: each entry holds the hash
//! of the one before, and its own hash over a canonical serialisation of its fields. `verify`
//! walks the chain and names the first entry that does not fit. The newest entry's number and
//! hash are also kept beside the catalog (`audit.head`), so entries cut from the end are noticed.

mod head;

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::Result;

pub use head::{read_head, write_head, Head, HEAD_FILE};

/// The hash the first entry points back to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Asset(i64),
    Reportage(i64),
    /// The library as a whole (an export, a taxonomy change).
    Library,
}

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub asset_id: Option<i64>,
    pub reportage_id: Option<i64>,
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry: BLAKE3 over its fields as a JSON array, in a fixed order, the detail
/// as the text stored. Any change to any field, or to the entry it follows, changes it.
fn entry_hash(
    id: i64,
    at: &str,
    actor: &str,
    action: &str,
    (asset_id, reportage_id): (Option<i64>, Option<i64>),
    detail: &str,
    prev_hash: &str,
) -> String {
    let canonical =
        serde_json::json!(["mediadesk-audit/1", id, at, actor, action, asset_id, reportage_id, detail, prev_hash]);
    blake3::hash(canonical.to_string().as_bytes()).to_hex().to_string()
}

/// Appends an entry after the newest one. Callers hold the transaction, so the change and
/// its entry are committed together.
pub fn append(
    conn: &Connection,
    at: &str,
    actor: &str,
    action: &str,
    subject: Subject,
    detail: &serde_json::Value,
) -> Result<i64> {
    let last: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (id, prev) = match last {
        Some((id, hash)) => (id + 1, hash),
        None => (1, GENESIS.to_owned()),
    };
    let (asset_id, reportage_id) = match subject {
        Subject::Asset(a) => (Some(a), None),
        Subject::Reportage(r) => (None, Some(r)),
        Subject::Library => (None, None),
    };
    let detail = detail.to_string();
    let hash = entry_hash(id, at, actor, action, (asset_id, reportage_id), &detail, &prev);
    conn.prepare_cached(
        "INSERT INTO audit_log (id, at, actor, action, asset_id, reportage_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![id, at, actor, action, asset_id, reportage_id, detail, prev, hash])?;
    Ok(id)
}

/// Seals the entries written before the log was chained, in order. Run once, by the
/// migration that introduced the chain.
pub fn seal_unchained(conn: &Connection) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String, String, String, Option<i64>, String)> = conn
        .prepare("SELECT id, at, actor, action, asset_id, detail FROM audit_log WHERE hash IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut prev = GENESIS.to_owned();
    for (position, (id, at, actor, action, asset_id, detail)) in rows.into_iter().enumerate() {
        // Renumbered from 1 so the chain's numbering has no gaps to explain.
        let number = position as i64 + 1;
        let hash = entry_hash(number, &at, &actor, &action, (asset_id, None), &detail, &prev);
        conn.execute(
            "UPDATE audit_log SET id = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1",
            params![id, number, prev, hash],
        )?;
        prev = hash;
    }
    Ok(())
}

/// What `verify` found.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Verification {
    pub ok: bool,
    /// How many entries the chain holds.
    pub entries: i64,
    /// The newest entry's hash: write it down, and any rewrite of the log shows.
    pub head_hash: Option<String>,
    /// The first entry that does not fit, and why.
    pub first_broken: Option<Broken>,
}

#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct Broken {
    pub id: i64,
    pub reason: String,
}

/// Walks the chain from the first entry and checks each against the one before, then the
/// newest against the head kept beside the catalog (when there is one).
pub fn verify(conn: &Connection, head: Option<&Head>) -> Result<Verification> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, action, asset_id, reportage_id, detail, prev_hash, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut expected_id = 1;
    let mut prev = GENESIS.to_owned();
    let mut entries = 0;
    let mut broken = None;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let stored_prev: Option<String> = r.get(7)?;
        let stored_hash: Option<String> = r.get(8)?;
        let hash = entry_hash(
            id,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            (r.get(4)?, r.get(5)?),
            &r.get::<_, String>(6)?,
            stored_prev.as_deref().unwrap_or(""),
        );
        let reason = if id != expected_id {
            Some((
                expected_id,
                if id > expected_id {
                    format!("entry {expected_id} is missing: the log goes from {} to {id} (deleted?)", expected_id - 1)
                } else {
                    format!("entry {id} appears twice")
                },
            ))
        } else if stored_prev.as_deref() != Some(prev.as_str()) {
            Some((id, format!("entry {id} does not follow entry {}: inserted, or one before it removed?", id - 1)))
        } else if stored_hash.as_deref() != Some(hash.as_str()) {
            Some((id, format!("entry {id} was changed after it was written: its content does not match its hash")))
        } else {
            None
        };
        if let Some((id, reason)) = reason {
            broken = Some(Broken { id, reason });
            break;
        }
        prev = hash;
        expected_id += 1;
        entries += 1;
    }
    let last = expected_id - 1;
    if broken.is_none() {
        if let Some(head) = head {
            if head.id > last {
                broken = Some(Broken {
                    id: last + 1,
                    reason: format!(
                        "the log ends at entry {last}, but entry {} was written (entries removed from the end)",
                        head.id
                    ),
                });
            } else if head.id > 0 {
                let hash: Option<String> =
                    conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [head.id], |r| r.get(0)).optional()?;
                if hash.as_deref() != Some(head.hash.as_str()) {
                    broken = Some(Broken {
                        id: head.id,
                        reason: format!("entry {} is not the one written: the log was rewritten", head.id),
                    });
                }
            }
        }
    }
    Ok(Verification {
        ok: broken.is_none(),
        entries,
        head_hash: (broken.is_none() && last > 0).then_some(prev),
        first_broken: broken,
    })
}

/// Entries, oldest first; of one asset or one reportage when asked.
pub fn entries(conn: &Connection, subject: Option<Subject>) -> Result<Vec<AuditEntry>> {
    let (filter, id) = match subject {
        Some(Subject::Asset(a)) => ("WHERE asset_id = ?1", a),
        Some(Subject::Reportage(r)) => ("WHERE reportage_id = ?1", r),
        Some(Subject::Library) => ("WHERE asset_id IS NULL AND reportage_id IS NULL AND ?1 = ?1", 0),
        None => ("WHERE ?1 = ?1", 0),
    };
    let sql = format!(
        "SELECT id, at, actor, action, asset_id, reportage_id, detail, prev_hash, hash FROM audit_log {filter} ORDER BY id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([id], |r| {
        let detail: String = r.get(6)?;
        Ok(AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            asset_id: r.get(4)?,
            reportage_id: r.get(5)?,
            detail: serde_json::from_str(&detail).unwrap_or(serde_json::Value::String(detail)),
            prev_hash: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            hash: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest entry, as the head file keeps it.
pub fn newest(conn: &Connection) -> Result<Option<Head>> {
    Ok(conn
        .query_row("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", [], |r| {
            Ok(Head { id: r.get(0)?, hash: r.get::<_, Option<String>>(1)?.unwrap_or_default() })
        })
        .optional()?)
}

/// Records the newest entry beside the catalog in `root`, when it moved on.
pub fn keep_head(conn: &Connection, root: &Path) -> Result<()> {
    let Some(newest) = newest(conn)? else { return Ok(()) };
    if read_head(root)?.as_ref() != Some(&newest) {
        write_head(root, &newest)?;
    }
    Ok(())
}

impl crate::Library {
    /// The audit log, oldest first; of one asset or one reportage when asked.
    pub fn audit_entries(&self, subject: Option<Subject>) -> Result<Vec<AuditEntry>> {
        entries(self.conn(), subject)
    }

    /// Walks the chain, and checks its end against the head kept beside the catalog. A log
    /// with entries and no head beside it fails too: the head is written with every entry.
    pub fn verify_audit(&self) -> Result<Verification> {
        let head = read_head(self.root())?;
        let mut v = verify(self.conn(), head.as_ref())?;
        if v.ok && v.entries > 0 && head.is_none() {
            v.ok = false;
            v.head_hash = None;
            v.first_broken = Some(Broken {
                id: v.entries,
                reason: format!(
                    "{HEAD_FILE}, the record of the newest entry kept beside the catalog, is missing: \
                     entries may have been cut from the end of the log"
                ),
            });
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log_of(n: usize) -> Connection {
        let conn = crate::db::open_in_memory().expect("catalog");
        for i in 0..n {
            let detail = serde_json::json!({ "from": "internal", "to": "public", "reason": format!("r{i}") });
            append(&conn, "2026-12-01T00:00:00Z", "ed", "classification", Subject::Library, &detail).expect("append");
        }
        conn
    }

    fn tamper(conn: &Connection, sql: &str) {
        conn.execute_batch(
            "DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete;
             DROP TRIGGER audit_log_chained_insert;",
        )
        .expect("drop triggers");
        conn.execute_batch(sql).expect("tamper");
    }

    #[test]
    fn an_untouched_chain_holds() {
        let conn = log_of(5);
        let v = verify(&conn, newest(&conn).expect("newest").as_ref()).expect("verify");
        assert!(v.ok, "{v:?}");
        assert_eq!(v.entries, 5);
    }

    #[test]
    fn the_triggers_refuse_changes_and_unchained_entries() {
        let conn = log_of(2);
        assert!(conn.execute("UPDATE audit_log SET actor = 'x' WHERE id = 1", []).is_err());
        assert!(conn.execute("DELETE FROM audit_log WHERE id = 1", []).is_err());
        assert!(conn
            .execute("INSERT INTO audit_log (at, actor, action, detail) VALUES ('t', 'a', 'classification', '{}')", [])
            .is_err());
    }

    /// A forger who knows the algorithm: insert an entry at `at` and hash the whole chain
    /// again from there, so that every entry fits the one before.
    fn forge_rewritten_chain(conn: &Connection, at: i64) {
        tamper(conn, &format!("UPDATE audit_log SET id = id + 1000 WHERE id >= {at}"));
        conn.execute(
            "INSERT INTO audit_log (id, at, actor, action, detail, prev_hash, hash)
             VALUES (?1, '2026-12-01T00:00:00Z', 'forger', 'classification', '{}', '', '')",
            [at],
        )
        .expect("forged");
        conn.execute("UPDATE audit_log SET id = id - 999 WHERE id > 1000", []).expect("renumber");
        type Row = (i64, String, String, String, Option<i64>, Option<i64>, String);
        let rows: Vec<Row> = conn
            .prepare("SELECT id, at, actor, action, asset_id, reportage_id, detail FROM audit_log ORDER BY id")
            .expect("prepare")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("collect");
        let mut prev = GENESIS.to_owned();
        for (id, at, actor, action, a, r, detail) in rows {
            let hash = entry_hash(id, &at, &actor, &action, (a, r), &detail, &prev);
            conn.execute("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1", params![id, prev, hash])
                .expect("rehash");
            prev = hash;
        }
    }

    proptest::proptest! {
        // PROPTEST_CASES=N runs more (the default is 256).
        #[test]
        fn any_tampering_is_found_and_an_untouched_log_always_holds(
            n in 1usize..30,
            kind in 0u8..6,
            seed in 0usize..1000,
            text in "[a-zđ ]{1,8}",
        ) {
            let conn = log_of(n);
            let head = newest(&conn).expect("newest");
            proptest::prop_assert!(verify(&conn, head.as_ref()).expect("verify").ok);
            let at = 1 + (seed % n) as i64;
            let expected_at_most = match kind {
                0 => { tamper(&conn, &format!("UPDATE audit_log SET detail = json_set(detail, '$.reason', '{text}!') WHERE id = {at}")); at }
                1 => { tamper(&conn, &format!("DELETE FROM audit_log WHERE id = {at}")); at }
                2 => { tamper(&conn, &format!("UPDATE audit_log SET actor = '{text}' WHERE id = {at}")); at }
                3 => { tamper(&conn, &format!("UPDATE audit_log SET at = '2020-01-01T00:00:00Z', prev_hash = prev_hash WHERE id = {at}")); at }
                4 => { forge_rewritten_chain(&conn, at); n as i64 }
                _ => { tamper(&conn, &format!("DELETE FROM audit_log WHERE id >= {at}")); at }
            };
            let v = verify(&conn, head.as_ref()).expect("verify");
            proptest::prop_assert!(!v.ok, "kind {} at {} of {}: {:?}", kind, at, n, v);
            let broken = v.first_broken.expect("broken");
            proptest::prop_assert!(broken.id <= expected_at_most, "kind {} at {}: {:?}", kind, at, broken);
        }
    }

    #[test]
    fn each_kind_of_tampering_names_the_first_broken_entry() {
        let cases: [(&str, i64); 5] = [
            ("UPDATE audit_log SET detail = replace(detail, 'r2', 'ok') WHERE id = 3", 3),
            ("DELETE FROM audit_log WHERE id = 2", 2),
            ("UPDATE audit_log SET id = id + 100 WHERE id >= 4; INSERT INTO audit_log (id, at, actor, action, detail, prev_hash, hash)
              SELECT 4, at, actor, action, detail, hash, hash FROM audit_log WHERE id = 3;
              UPDATE audit_log SET id = id - 99 WHERE id >= 104", 4),
            ("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 1", 1),
            ("DELETE FROM audit_log WHERE id = 5", 5),
        ];
        for (sql, first) in cases {
            let conn = log_of(5);
            let head = newest(&conn).expect("newest");
            tamper(&conn, sql);
            let v = verify(&conn, head.as_ref()).expect("verify");
            assert!(!v.ok, "{sql}: {v:?}");
            assert_eq!(v.first_broken.as_ref().map(|b| b.id), Some(first), "{sql}: {v:?}");
        }
    }
}

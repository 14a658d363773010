//! `Library`: the one handle on a library folder (its catalog, its thumbnails, its clock).
//! The CLI, the tests and the app each hold one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::Connection;

use crate::catalog::{self, Asset, AssetEdit, AssetSummary, Reverted, SearchQuery};
use crate::error::{IoContext, Result};
use crate::thumbs::ThumbStore;

/// Who is at the keyboard, for the audit log: the operating system's user name.
pub fn actor() -> String {
    std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "unknown".into())
}

/// Tells the time; tests pass a fixed one.
pub type Clock = Arc<dyn Fn() -> time::OffsetDateTime + Send + Sync>;

pub struct Library {
    root: PathBuf,
    conn: Connection,
    thumbs: ThumbStore,
    clock: Clock,
    local_offset: time::UtcOffset,
}

pub const CATALOG_FILE: &str = "catalog.sqlite";

impl Library {
    /// Opens the library in `root`, creating the folder and an empty catalog on first use.
    pub fn open(root: &Path) -> Result<Library> {
        fs::create_dir_all(root).at(root)?;
        let root = fs::canonicalize(root).at(root)?;
        let catalog = root.join(CATALOG_FILE);
        let chained_before = crate::db::has_chained_audit(&catalog);
        // A catalog that cannot be read says which one.
        let conn = crate::db::open(&catalog).map_err(|e| match e {
            crate::Error::Db(inner) => {
                crate::Error::bad_media(&catalog, format!("the catalog cannot be opened: {inner}"))
            }
            other => other,
        })?;
        crate::tour::identity::reroot(&conn, &root)?;
        let thumbs = ThumbStore::new(root.join("thumbs"));
        // Read while the process may still be single-threaded: the time crate refuses to read
        // the zone later (Unix getenv is not thread-safe). Open the library early in `main`.
        let local_offset = time::UtcOffset::current_local_offset().unwrap_or(time::UtcOffset::UTC);
        let library = Library { root, conn, thumbs, clock: Arc::new(time::OffsetDateTime::now_utc), local_offset };
        // The log of an older catalog was just chained: its head is written now, once.
        if !chained_before {
            library.keep_audit_head()?;
        }
        Ok(library)
    }

    /// Another handle on the same library, with the same clock and offset: for a job that
    /// writes in a thread of its own while this handle keeps answering.
    pub fn reopen(&self) -> Result<Library> {
        let conn = crate::db::open(&self.root.join(CATALOG_FILE))?;
        let thumbs = ThumbStore::new(self.root.join("thumbs"));
        Ok(Library {
            root: self.root.clone(),
            conn,
            thumbs,
            clock: self.clock.clone(),
            local_offset: self.local_offset,
        })
    }

    /// For a process that lives all day (the app): the catalog read through the OS cache
    /// rather than a memory map, whose pages count against the process for as long as it
    /// lives (~120 MB after paging through 100,000 assets), and a smaller page cache of its
    /// own. Searches stay well within their goal (BENCHMARKS.md, the app).
    pub fn lean(self) -> Result<Library> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        self.conn.pragma_update(None, "cache_size", -16_384)?;
        Ok(self)
    }

    /// Whether a library (its catalog) exists in `root`.
    pub fn exists(root: &Path) -> bool {
        root.join(CATALOG_FILE).is_file()
    }

    /// The cameras (models) the library has pictures from, for a filter's choices.
    pub fn cameras(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT camera_model FROM assets WHERE camera_model IS NOT NULL ORDER BY camera_model COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The machine's offset from UTC, for showing times films record in UTC as local time.
    pub fn local_offset(&self) -> time::UtcOffset {
        self.local_offset
    }

    /// Where a library lives when none is named: the platform's data folder.
    pub fn default_root() -> PathBuf {
        directories::ProjectDirs::from("vn", "Dong Nai", "Mediadesk")
            .map(|d| d.data_dir().join("library"))
            .unwrap_or_else(|| PathBuf::from("mediadesk-library"))
    }

    /// The offset read by another handle: a process reads it once, while single-threaded.
    pub fn with_local_offset(mut self, offset: time::UtcOffset) -> Self {
        self.local_offset = offset;
        self
    }

    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn thumbs(&self) -> &ThumbStore {
        &self.thumbs
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Now, as the catalog writes times: RFC 3339 in UTC.
    pub fn now(&self) -> String {
        (self.clock)().format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
    }

    pub fn asset_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT count(*) FROM assets", [], |r| r.get(0))?)
    }

    pub fn asset(&self, id: i64) -> Result<Asset> {
        catalog::get(&self.conn, id)
    }

    /// The asset named by an id or by the path of one of its files.
    pub fn find_asset(&self, reference: &str) -> Result<Asset> {
        catalog::find(&self.conn, reference)
    }

    /// The rendered picture of asset `id`: `grid` (256 px), `preview` (1600 px) or `strip`
    /// (a film's filmstrip). The app serves these by id, never by a path it was given.
    pub fn picture(&self, id: i64, variant: &str) -> Result<PathBuf> {
        let hash: String = self
            .conn
            .prepare_cached("SELECT content_hash FROM assets WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .map_err(|_| crate::Error::NotFound(format!("no asset has id {id}")))?;
        let path = match variant {
            "grid" => self.thumbs.path(&hash, crate::thumbs::Variant::Grid),
            "preview" => self.thumbs.path(&hash, crate::thumbs::Variant::Preview),
            "strip" => self.thumbs.strip_path(&hash),
            other => return Err(crate::Error::InvalidInput(format!("no picture variant {other:?}"))),
        };
        if path.is_file() {
            Ok(path)
        } else {
            Err(crate::Error::NotFound(format!("no {variant} picture of asset {id}")))
        }
    }

    pub fn search(&self, query: &SearchQuery) -> Result<Vec<AssetSummary>> {
        catalog::search(&self.conn, query)
    }

    pub fn list(&self, query: &SearchQuery) -> Result<Vec<AssetSummary>> {
        catalog::list(&self.conn, query)
    }

    /// The ids matching `query`, in its order (text or not).
    pub fn search_ids(&self, query: &SearchQuery) -> Result<Vec<i64>> {
        catalog::search_ids(&self.conn, query)
    }

    /// The summaries of `ids`, in that order; unknown ids are left out.
    pub fn summaries(&self, ids: &[i64]) -> Result<Vec<AssetSummary>> {
        catalog::summaries(&self.conn, ids)
    }

    /// Makes `edits` in the catalog as one undoable change (the originals are never touched);
    /// returns the change's number, or `None` when nothing changed. Lowering a classification
    /// needs a `reason`; an invalid value anywhere refuses the whole batch.
    pub fn edit(&mut self, edits: &[AssetEdit], reason: Option<&str>, actor: &str) -> Result<Option<i64>> {
        let now = self.now();
        let offset = self.local_offset;
        self.in_safe_write(actor, |tx| catalog::edits::apply(tx, edits, offset, actor, reason, &now))
    }

    /// Undoes the latest change; `None` when there is none. Lowering someone else's
    /// classification so needs a `reason`.
    pub fn undo(&mut self, reason: Option<&str>, actor: &str) -> Result<Option<Reverted>> {
        let now = self.now();
        self.in_safe_write(actor, |tx| catalog::edits::undo(tx, actor, reason, &now))
    }

    /// Redoes the change undone last; `None` when there is none.
    pub fn redo(&mut self, reason: Option<&str>, actor: &str) -> Result<Option<Reverted>> {
        let now = self.now();
        self.in_safe_write(actor, |tx| catalog::edits::redo(tx, actor, reason, &now))
    }

    /// An editor's write: taking the write lock first (an import committing meanwhile then
    /// makes it wait, not fail), and on disk before it returns (a classification above all).
    /// Approved translations of a source it changed go back to review in the same transaction.
    pub(crate) fn in_safe_write<T>(
        &mut self,
        actor: &str,
        write: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let now = self.now();
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        let outcome = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(crate::Error::from)
            .and_then(|tx| {
                let value = write(&tx)?;
                crate::translation::reconcile(&tx, actor, &now)?;
                tx.commit()?;
                Ok(value)
            });
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let value = outcome?;
        self.keep_audit_head()?;
        Ok(value)
    }

    /// Records the audit log's newest entry beside the catalog, after a write that may have
    /// added one: `audit verify` then notices entries cut from its end.
    pub(crate) fn keep_audit_head(&self) -> Result<()> {
        crate::audit::keep_head(&self.conn, &self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::write::insert_asset;
    use crate::catalog::{Classification, Content};

    #[test]
    fn pictures_are_found_by_asset_id_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let library = Library::open(dir.path()).expect("open");
        let info = crate::probe::PhotoInfo::default();
        let hash = "ab".repeat(32);
        let content = Content::photo(&hash, 1, &info);
        let id =
            insert_asset(library.conn(), &content, Classification::Public, "2026-11-27T00:00:00Z").expect("insert");
        let grid = library.thumbs().path(&hash, crate::thumbs::Variant::Grid);
        std::fs::create_dir_all(grid.parent().expect("dir")).expect("mkdir");
        std::fs::write(&grid, b"jpeg").expect("write");

        assert_eq!(library.picture(id, "grid").expect("grid"), grid);
        assert!(matches!(library.picture(id, "preview"), Err(crate::Error::NotFound(_))), "not rendered yet");
        assert!(matches!(library.picture(id + 1, "grid"), Err(crate::Error::NotFound(_))));
        assert!(matches!(library.picture(id, "../../etc/passwd"), Err(crate::Error::InvalidInput(_))));
    }
}

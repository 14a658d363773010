//! The app's state: the open `Library` and the jobs running on it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, MutexGuard};

use mediadesk::jobs::CancelToken;
use mediadesk::Library;

pub struct AppState {
    library: Mutex<Library>,
    /// While the demo library is open: the folder it is made from.
    pub demo: Mutex<Option<PathBuf>>,
    pub jobs: Jobs,
}

impl AppState {
    pub fn new(library: Library, demo: Option<PathBuf>) -> Self {
        AppState { library: Mutex::new(library), demo: Mutex::new(demo), jobs: Jobs::default() }
    }

    /// The library. A command that panicked while holding it left nothing half-written
    /// (writes are transactions), so a poisoned lock is still good to use.
    pub fn library(&self) -> MutexGuard<'_, Library> {
        self.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Cancellation tokens of the running jobs, by job number.
#[derive(Default)]
pub struct Jobs {
    next: AtomicU32,
    running: Mutex<HashMap<u32, CancelToken>>,
}

impl Jobs {
    pub fn start(&self) -> (u32, CancelToken) {
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let token = CancelToken::default();
        self.running.lock().unwrap_or_else(|p| p.into_inner()).insert(id, token.clone());
        (id, token)
    }

    pub fn finish(&self, id: u32) {
        self.running.lock().unwrap_or_else(|p| p.into_inner()).remove(&id);
    }

    /// False when no such job runs (it ended already).
    pub fn cancel(&self, id: u32) -> bool {
        let running = self.running.lock().unwrap_or_else(|p| p.into_inner());
        running.get(&id).map(CancelToken::cancel).is_some()
    }
}

/// Where the app's demo is made from: `MEDIADESK_DEMO_ASSETS`, else `assets/demo` of the
/// source tree the app was built from.
pub fn demo_assets() -> Option<PathBuf> {
    std::env::var_os("MEDIADESK_DEMO_ASSETS")
        .map(PathBuf::from)
        .or_else(|| Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../assets/demo")))
        .and_then(|p| std::fs::canonicalize(p).ok())
        .filter(|p| p.is_dir())
}

/// The library to open: the one named by `MEDIADESK_LIBRARY`; else the user's own, once it
/// exists; else the demo library (made from `demo_assets` by the first import), so a new
/// user sees a working library at once without the demo landing in their own.
pub fn choose_library() -> (PathBuf, Option<PathBuf>) {
    if let Some(root) = std::env::var_os("MEDIADESK_LIBRARY") {
        return (root.into(), None);
    }
    let own = Library::default_root();
    match demo_assets() {
        Some(demo) if !Library::exists(&own) => (demo_root(), Some(demo)),
        _ => (own, None),
    }
}

pub fn demo_root() -> PathBuf {
    Library::default_root().with_file_name("demo-library")
}

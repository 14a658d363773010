//! What every long job shares: progress reports, cancellation, and per-item failures.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Serialize;

/// A snapshot of a job's progress, sent to whoever watches (a CLI bar, an app channel).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Progress {
    pub stage: Stage,
    pub done: u64,
    pub total: u64,
    pub current: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Scanning,
    Reading,
    Transcoding,
    /// Kits: photos rendered for a recipient.
    Rendering,
    /// Kits: texts, ninjs and the bag around them.
    Packing,
    /// Tours: media copied to or from a tour library.
    Copying,
    /// Tours: the catalogs merged item by item.
    Merging,
    Finishing,
}

/// Cancellation shared between a job and the one who may stop it. Jobs check it per item.
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The context a job runs in. Knows nothing of terminals or windows.
pub struct JobCtx {
    pub cancel: CancelToken,
    progress: Box<dyn Fn(&Progress) + Send + Sync>,
}

impl JobCtx {
    pub fn new(cancel: CancelToken, progress: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        JobCtx { cancel, progress: Box::new(progress) }
    }

    pub fn report(&self, progress: &Progress) {
        (self.progress)(progress)
    }
}

/// One item of a batch that failed, and why. The batch goes on.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, specta::Type)]
pub struct ItemFailure {
    pub path: PathBuf,
    pub error: String,
}

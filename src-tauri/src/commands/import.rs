//! Importing folders and cards: a job in a thread of its own, on its own handle of the
//! library, so the grid keeps answering (and fills in) while files are read.

use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use mediadesk::catalog::Classification;
use mediadesk::ingest::{IngestOptions, IngestReport};
use mediadesk::jobs::{JobCtx, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_specta::Event;

use crate::error::UiError;
use crate::state::AppState;

/// What an import tells the window that started it.
#[derive(Clone, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportEvent {
    Started {
        job: u32,
    },
    Progress {
        progress: Progress,
    },
    /// The job ended: cancelled or not, what it did and which files failed, and why.
    Finished {
        report: IngestReport,
    },
    Failed {
        error: UiError,
    },
}

/// Sent to every window when assets were added or changed, so lists refresh.
#[derive(Clone, Serialize, specta::Type, tauri_specta::Event)]
pub struct LibraryChanged {
    pub assets: i64,
}

/// Progress at most this often: a webview redrawing faster only slows the import.
const PROGRESS_EVERY: Duration = Duration::from_millis(150);
/// The grid refreshes this often while an import commits.
const REFRESH_EVERY: Duration = Duration::from_secs(1);

/// Starts importing `paths` (folders, cards, files); returns the job's number for
/// `cancel_job`. Films get proxies when the app cannot play them as they are.
// Off the UI thread: a search over 100,000 or an fsync must not freeze the window.
#[tauri::command(async)]
#[specta::specta]
pub fn start_import(
    paths: Vec<String>,
    classification: Option<Classification>,
    on_event: Channel<ImportEvent>,
    app: AppHandle,
) -> Result<u32, UiError> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let options =
        IngestOptions { classification, proxies: true, actor: mediadesk::library::actor(), ..Default::default() };
    let (starting, events, handle, ended) = (on_event.clone(), on_event.clone(), app.clone(), app.clone());
    crate::job::spawn(
        &app,
        move |job| {
            let _ = starting.send(ImportEvent::Started { job });
        },
        move |library, cancel| {
            let last = Mutex::new((Instant::now() - PROGRESS_EVERY, Instant::now()));
            let ctx = JobCtx::new(cancel, move |progress: &Progress| {
                let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                if now - last.0 >= PROGRESS_EVERY || progress.done == progress.total {
                    last.0 = now;
                    let _ = events.send(ImportEvent::Progress { progress: progress.clone() });
                }
                if now - last.1 >= REFRESH_EVERY {
                    last.1 = now;
                    let _ = LibraryChanged { assets: progress.done as i64 }.emit(&handle);
                }
            });
            library.ingest(&paths, &options, &ctx)
        },
        move |library, outcome| {
            let _ = LibraryChanged { assets: library.asset_count().unwrap_or_default() }.emit(&ended);
            let _ = on_event.send(match outcome {
                Ok(report) => ImportEvent::Finished { report },
                Err(e) => ImportEvent::Failed { error: e.into() },
            });
        },
    )
}

/// Asks a job to stop. What it finished is kept; importing again goes on from there.
#[tauri::command(async)]
#[specta::specta]
pub fn cancel_job(job: u32, state: State<'_, AppState>) -> bool {
    state.jobs.cancel(job)
}

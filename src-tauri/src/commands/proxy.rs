//! Making a film's preview proxy from the app, when the webview cannot play the original (or
//! it is too large to hand over whole): a job like an import, on its own library handle.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use mediadesk::jobs::{JobCtx, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use crate::error::UiError;
use crate::state::AppState;

/// What making a proxy tells the window that asked.
#[derive(Clone, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProxyEvent {
    Started {
        job: u32,
    },
    Progress {
        progress: Progress,
    },
    Finished,
    /// Cancelled (`code` "cancelled") or failed, and why.
    Failed {
        error: UiError,
    },
}

const PROGRESS_EVERY: Duration = Duration::from_millis(200);

/// Starts making the proxy of film `id`; returns the job's number for `cancel_job`.
#[tauri::command(async)]
#[specta::specta]
pub fn make_proxy(
    id: i64,
    on_event: Channel<ProxyEvent>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<u32, UiError> {
    let library = state.library().reopen()?;
    let (job, cancel) = state.jobs.start();
    let _ = on_event.send(ProxyEvent::Started { job });
    std::thread::spawn(move || {
        let events = on_event.clone();
        let last = Mutex::new(Instant::now() - PROGRESS_EVERY);
        let ctx = JobCtx::new(cancel, move |progress: &Progress| {
            let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
            if last.elapsed() >= PROGRESS_EVERY {
                *last = Instant::now();
                let _ = events.send(ProxyEvent::Progress { progress: progress.clone() });
            }
        });
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| library.make_proxy(&id.to_string(), false, &ctx)))
                .unwrap_or_else(|_| {
                    Err(mediadesk::Error::InvalidInput("making the proxy stopped on an internal error".into()))
                });
        app.state::<AppState>().jobs.finish(job);
        let _ = on_event.send(match outcome {
            Ok(_) => ProxyEvent::Finished,
            Err(e) => ProxyEvent::Failed { error: e.into() },
        });
    });
    Ok(job)
}

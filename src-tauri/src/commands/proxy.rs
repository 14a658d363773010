//! Making a film's preview proxy from the app, when the webview cannot play the original (or
//! it is too large to hand over whole): a job like an import, on its own library handle.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use mediadesk::jobs::{JobCtx, Progress};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::AppHandle;

use crate::error::UiError;

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
pub fn make_proxy(id: i64, on_event: Channel<ProxyEvent>, app: AppHandle) -> Result<u32, UiError> {
    let (starting, events) = (on_event.clone(), on_event.clone());
    crate::job::spawn(
        &app,
        move |job| {
            let _ = starting.send(ProxyEvent::Started { job });
        },
        move |library, cancel| {
            let last = Mutex::new(Instant::now() - PROGRESS_EVERY);
            let ctx = JobCtx::new(cancel, move |progress: &Progress| {
                let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
                if last.elapsed() >= PROGRESS_EVERY {
                    *last = Instant::now();
                    let _ = events.send(ProxyEvent::Progress { progress: progress.clone() });
                }
            });
            library.make_proxy(&id.to_string(), false, &ctx)
        },
        move |_, outcome| {
            let _ = on_event.send(match outcome {
                Ok(_) => ProxyEvent::Finished,
                Err(e) => ProxyEvent::Failed { error: e.into() },
            });
        },
    )
}

//! The app's long jobs (import, proxies): each in a thread of its own on its own handle of the
//! library (the window keeps browsing), cancellable by number, and always ending: a panic
//! becomes an error, or the window would wait for the job forever.

use mediadesk::jobs::CancelToken;
use mediadesk::Library;
use tauri::{AppHandle, Manager};

use crate::error::UiError;
use crate::state::AppState;

/// Starts `work`; `started` hears the job's number first, `done` the outcome last.
pub fn spawn<T: 'static>(
    app: &AppHandle,
    started: impl FnOnce(u32),
    work: impl FnOnce(&mut Library, CancelToken) -> mediadesk::Result<T> + Send + 'static,
    done: impl FnOnce(&Library, mediadesk::Result<T>) + Send + 'static,
) -> Result<u32, UiError> {
    let state = app.state::<AppState>();
    let mut library = state.library().reopen()?;
    let (job, cancel) = state.jobs.start();
    started(job);
    let app = app.clone();
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&mut library, cancel)))
            .unwrap_or_else(|_| Err(mediadesk::Error::InvalidInput("the job stopped on an internal error".into())));
        app.state::<AppState>().jobs.finish(job);
        done(&library, outcome);
    });
    Ok(job)
}

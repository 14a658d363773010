//! The app's long jobs (import, proxies, kit builds, tours): each in a thread of its own on its own handle of the
//! library (the window keeps browsing), cancellable by number, and always ending: a panic
//! becomes an error, or the window would wait for the job forever.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use mediadesk::jobs::{CancelToken, JobCtx, Progress};
use mediadesk::Library;
use serde::Serialize;
use tauri::ipc::Channel;
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

/// What a long job tells the window that started it: its number (for `cancel_job`), its
/// progress, and how it ended (cancelled is a failure with the code "cancelled"). One enum a
/// job, each with its outcome's own type: the bindings' generator cannot pass a generic on.
pub trait JobEvent: Serialize + Clone + Send + Sync + 'static {
    type Outcome;
    fn started(job: u32) -> Self;
    fn progress(progress: Progress) -> Self;
    fn finished(outcome: Self::Outcome) -> Self;
    fn failed(error: UiError) -> Self;
}

/// Declares the event enum of a job whose outcome is `$outcome`.
#[macro_export]
macro_rules! job_event {
    ($name:ident, $outcome:ty) => {
        #[derive(Clone, serde::Serialize, specta::Type)]
        #[serde(tag = "kind", rename_all = "snake_case")]
        pub enum $name {
            Started { job: u32 },
            Progress { progress: mediadesk::jobs::Progress },
            Finished { outcome: $outcome },
            Failed { error: $crate::error::UiError },
        }

        impl $crate::job::JobEvent for $name {
            type Outcome = $outcome;
            fn started(job: u32) -> Self {
                $name::Started { job }
            }
            fn progress(progress: mediadesk::jobs::Progress) -> Self {
                $name::Progress { progress }
            }
            fn finished(outcome: $outcome) -> Self {
                $name::Finished { outcome }
            }
            fn failed(error: $crate::error::UiError) -> Self {
                $name::Failed { error }
            }
        }
    };
}

/// Progress at most this often: a webview redrawing faster only slows the job.
const PROGRESS_EVERY: Duration = Duration::from_millis(150);

/// Starts `work` as a job that tells `events` of its start, its progress (throttled, the
/// last step always) and its end; answers the job's number.
pub fn with_events<E: JobEvent>(
    app: &AppHandle,
    events: Channel<E>,
    work: impl FnOnce(&mut Library, &JobCtx) -> mediadesk::Result<E::Outcome> + Send + 'static,
) -> Result<u32, UiError>
where
    E::Outcome: Send + 'static,
{
    let (starting, progressing) = (events.clone(), events.clone());
    spawn(
        app,
        move |job| {
            let _ = starting.send(E::started(job));
        },
        move |library, cancel| {
            let last = Mutex::new(Instant::now() - PROGRESS_EVERY);
            let ctx = JobCtx::new(cancel, move |progress: &Progress| {
                let mut last = last.lock().unwrap_or_else(|p| p.into_inner());
                if last.elapsed() >= PROGRESS_EVERY || progress.done == progress.total {
                    *last = Instant::now();
                    let _ = progressing.send(E::progress(progress.clone()));
                }
            });
            work(library, &ctx)
        },
        move |_, outcome| {
            let _ = events.send(match outcome {
                Ok(outcome) => E::finished(outcome),
                Err(e) => E::failed(e.into()),
            });
        },
    )
}

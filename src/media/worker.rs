//! The media worker: libav decoding runs in a child process of the same binary, so a decoder
//! that crashes or hangs on a hostile file fails that file, never the ingest or the app.
//!
//! The parent runs `<exe> media-worker TASK ARGS...`; the child prints JSON lines on stdout:
//! `{"progress":[done,total]}` as it goes, then `{"ok":…}` or `{"error":"…"}`.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::jobs::CancelToken;
use crate::thumbs::ThumbStore;

/// The first argument that makes any Mediadesk binary (CLI or app) act as a media worker.
pub const WORKER_ARG: &str = "media-worker";

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Line {
    Progress([u64; 2]),
    /// Still reading packets (sent every couple of seconds while it does).
    Alive,
    Ok(serde_json::Value),
    Error(String),
}

/// Set by the supervisor: the worker then ends when its parent does.
const PARENT_ENV: &str = "MEDIADESK_WORKER_PARENT";

/// If this process was started as a media worker, does the task and returns the exit code.
/// Both `main`s call this first.
pub fn serve_if_asked() -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some(OsStr::new(WORKER_ARG)) {
        return None;
    }
    let args: Vec<OsString> = args.collect();
    // A supervising parent holds our stdin open; when it ends (the parent was killed), stop
    // too, so no orphan goes on transcoding. (Run by hand, stdin may well be empty.)
    if std::env::var_os(PARENT_ENV).is_some() {
        std::thread::spawn(|| {
            let _ = std::io::copy(&mut std::io::stdin(), &mut std::io::sink());
            std::process::exit(4);
        });
    }
    // Signs of life while libav reads packets: a long decode sends no progress of its own,
    // and a hung decoder stops the packet count, so the parent can tell slow from stuck.
    std::thread::spawn(|| {
        let mut seen = crate::probe::packets_read();
        loop {
            std::thread::sleep(Duration::from_secs(2));
            let now = crate::probe::packets_read();
            if now != seen {
                emit(&Line::Alive);
                seen = now;
            }
        }
    });
    let result = {
        let mut progress = |done, total| emit(&Line::Progress([done, total]));
        super::tasks::run(&args, &mut progress)
    };
    match result {
        Ok(value) => {
            emit(&Line::Ok(value));
            Some(0)
        }
        Err(e) => {
            emit(&Line::Error(reason(&e)));
            Some(3)
        }
    }
}

/// Writes one line to stdout; each line is written whole (stdout's lock).
fn emit(line: &Line) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer(&mut out, line);
    let _ = out.write_all(b"\n");
    let _ = out.flush();
}

fn reason(e: &Error) -> String {
    match e {
        Error::BadMedia { reason, .. } | Error::Unsupported { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

fn worker_exe() -> Result<PathBuf> {
    if let Some(exe) = std::env::var_os("MEDIADESK_MEDIA_WORKER") {
        return Ok(PathBuf::from(exe));
    }
    let me = std::env::current_exe().map_err(|e| Error::io("the running program", e))?;
    // Unit tests run in libtest's harness, which is no worker: they use the CLI cargo builds
    // beside it (target/debug/deps/.. ).
    if cfg!(test) {
        let cli = me
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join(format!("mediadesk{}", std::env::consts::EXE_SUFFIX)))
            .filter(|p| p.is_file());
        return Ok(cli.expect("the CLI the media worker runs in: build it first (cargo build -p mediadesk)"));
    }
    Ok(me)
}

/// Runs a worker task on `file` and returns its result. Errors name `file`: the worker's own
/// reason, or that it crashed, hung, or was cancelled.
pub fn run<T: DeserializeOwned>(
    file: &Path,
    task: &[&OsStr],
    cancel: &CancelToken,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<T> {
    let mut command = Command::new(worker_exe()?);
    command
        .arg(WORKER_ARG)
        .args(task)
        .env(PARENT_ENV, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own process group: Ctrl-C in the terminal reaches the parent, which cancels the job
    // and stops the worker itself, instead of the worker dying as if it had crashed.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|e| Error::io("the media worker", e))?;
    let _parent_alive = child.stdin.take();
    let stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        // Read to the end whatever comes, so the worker never blocks on a full pipe.
        let mut stdout = BufReader::new(stdout);
        let mut line = Vec::new();
        while stdout.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
            let _ = tx.send(String::from_utf8_lossy(&line).trim_end().to_owned());
            line.clear();
        }
    });
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });

    // A worker silent for this long is taken for hung and killed.
    let stall = crate::probe::patience();
    let mut last_sign = Instant::now();
    let mut outcome: Option<std::result::Result<serde_json::Value, String>> = None;
    let mut stopped: Option<Error> = None;
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(line) => {
                last_sign = Instant::now();
                match serde_json::from_str::<Line>(&line) {
                    Ok(Line::Progress([done, total])) => progress(done, total),
                    Ok(Line::Alive) => {}
                    Ok(Line::Ok(value)) => outcome = Some(Ok(value)),
                    Ok(Line::Error(reason)) => outcome = Some(Err(reason)),
                    Err(_) => {}
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if cancel.is_cancelled() {
            stopped = Some(Error::Cancelled);
        } else if last_sign.elapsed() > stall {
            stopped = Some(Error::bad_media(
                file,
                format!("the decoder stopped responding for {} s and was stopped", stall.as_secs_f64()),
            ));
        }
        if stopped.is_some() {
            let _ = child.kill();
            break;
        }
    }
    if stopped.is_none() && cancel.is_cancelled() {
        stopped = Some(Error::Cancelled);
    }
    let status = child.wait().map_err(|e| Error::io("the media worker", e))?;
    if let Some(e) = stopped {
        // The pipe readers end when the last holder of the pipes does; don't wait for them.
        return Err(e);
    }
    let _ = reader.join();
    let stderr_text = errors.join().unwrap_or_default();
    match outcome {
        Some(Ok(value)) => serde_json::from_value(value)
            .map_err(|e| Error::bad_media(file, format!("the media worker answered oddly: {e}"))),
        Some(Err(reason)) => Err(Error::bad_media(file, reason)),
        None => Err(Error::bad_media(file, died(&status, &stderr_text))),
    }
}

fn died(status: &std::process::ExitStatus, stderr: &str) -> String {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(status) {
        let name = match signal {
            6 => " (SIGABRT)",
            9 => " (SIGKILL: out of memory?)",
            11 => " (SIGSEGV)",
            7 => " (SIGBUS)",
            _ => "",
        };
        return format!("the decoder crashed on this file: signal {signal}{name}; nothing else was affected");
    }
    let tail: String =
        stderr.lines().rev().take(3).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" / ");
    format!(
        "the decoder failed on this file ({status}){}",
        if tail.is_empty() { String::new() } else { format!(": {tail}") }
    )
}

/// Renders a film's poster and filmstrip, or a sound's waveform, into `thumbs`, in a worker.
pub fn render(
    file: &Path,
    hash: &str,
    thumbs: &ThumbStore,
    video: bool,
    cancel: &CancelToken,
) -> Result<super::Rendered> {
    let task = if video { "render-video" } else { "render-audio" };
    run(
        file,
        &[OsStr::new(task), file.as_os_str(), thumbs.root().as_os_str(), OsStr::new(hash)],
        cancel,
        &mut |_, _| {},
    )
}

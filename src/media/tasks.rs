//! The tasks a media worker process can be asked to do (see `worker`).

use std::ffi::OsString;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::thumbs::ThumbStore;

pub fn run(args: &[OsString], progress: &mut dyn FnMut(u64, u64)) -> Result<serde_json::Value> {
    let arg = |i: usize| args.get(i).ok_or_else(|| Error::InvalidInput(format!("media worker: argument {i} missing")));
    let path = |i: usize| arg(i).map(PathBuf::from);
    match arg(0)?.to_string_lossy().as_ref() {
        "render-video" => {
            let hash = arg(3)?.to_string_lossy().into_owned();
            json(super::render::render_video(&path(1)?, &hash, &ThumbStore::new(path(2)?), progress)?)
        }
        "render-audio" => {
            let hash = arg(3)?.to_string_lossy().into_owned();
            let damaged = super::waveform::render_audio(&path(1)?, &hash, &ThumbStore::new(path(2)?), progress)?;
            json(super::Rendered { decode_errors: damaged, ..Default::default() })
        }
        "proxy" => json(super::proxy::transcode(&path(1)?, &path(2)?, progress)?),
        "broadcast" => json(super::broadcast::transcode(&path(1)?, &path(2)?, progress)?),
        "social" => {
            let spec = serde_json::from_str(&arg(3)?.to_string_lossy())
                .map_err(|e| Error::InvalidInput(format!("media worker: social clip spec: {e}")))?;
            json(super::social::transcode(&path(1)?, &path(2)?, &spec, progress)?)
        }
        "loudness" => json(super::broadcast::measure_loudness(&path(1)?, progress)?),
        "poster" => json(super::render::poster_only(&path(1)?, &path(2)?)?),
        other => Err(Error::InvalidInput(format!("media worker: unknown task {other:?}"))),
    }
}

fn json(value: impl Serialize) -> Result<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| Error::InvalidInput(format!("media worker: {e}")))
}

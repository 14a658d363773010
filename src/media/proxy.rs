//! Preview proxies: an H.264/AAC MP4 of at most 720 lines for films the app's webview cannot
//! play (ProRes, MXF, HEVC, interlaced broadcast files), made by libav in the media worker.
//! The settings are those of `ffmpeg -vf scale=-2:720 -c:v libx264 -preset veryfast -c:a aac`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::encode::{self, AudioPlan, Recipe, VideoPlan};
use crate::error::Result;

/// The short side of a proxy, at most.
pub const PROXY_HEIGHT: u32 = 720;
const AUDIO_BIT_RATE: usize = 128_000;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProxyReport {
    pub width: u32,
    pub height: u32,
    pub duration_s: Option<f64>,
    pub audio: bool,
    pub seconds: f64,
}

/// Where the proxy of the content `hash` lives in the library at `root`.
pub fn proxy_path(root: &Path, hash: &str) -> PathBuf {
    let (a, b) = (hash.get(0..2).unwrap_or("__"), hash.get(2..4).unwrap_or("__"));
    root.join("proxies").join(a).join(b).join(format!("{hash}-{PROXY_HEIGHT}p.mp4"))
}

/// Writes a proxy of the film at `input` to `output` (an MP4, whatever its name).
pub fn transcode(input: &Path, output: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<ProxyReport> {
    // Square pixels with the short side at most 720 lines (never enlarged), even sizes for
    // 4:2:0, at the original's frame rate.
    let recipe = Recipe {
        video: Box::new(|w, h, rate, time_base| {
            let (width, height) = proxy_size(w, h);
            let filters = format!("scale={width}:{height}:flags=bicubic,setsar=1,format=yuv420p");
            VideoPlan { filters, width, height, rate, time_base }
        }),
        x264: vec![("preset", "veryfast".into()), ("crf", "23".into())],
        // Mono stays mono (an interview); more channels are folded into stereo.
        audio: Box::new(|channels| AudioPlan {
            filters: String::new(),
            stereo: channels != 1,
            bit_rate: AUDIO_BIT_RATE,
        }),
        audio_required: false,
    };
    let done = encode::transcode(input, output, &recipe, progress)?;
    Ok(ProxyReport {
        width: done.width,
        height: done.height,
        duration_s: done.duration_s,
        audio: done.audio,
        seconds: done.seconds,
    })
}

/// The size `scale` gives for the spec above: the short side at most 720 lines, the other by
/// the aspect ratio, rounded to an even number as `-2` does.
fn proxy_size(width: u32, height: u32) -> (u32, u32) {
    let even = |long: u32, short_out: u32, short_in: u32| {
        ((f64::from(short_out) * f64::from(long) / (f64::from(short_in) * 2.0)).round() as u32 * 2).max(2)
    };
    let (width, height) = (width.max(2), height.max(2));
    if width > height {
        let h = height.min(PROXY_HEIGHT) & !1;
        (even(width, h, height), h)
    } else {
        let w = width.min(PROXY_HEIGHT) & !1;
        (w, even(height, w, width))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_keep_the_shape_at_720_lines_at_most() {
        assert_eq!(proxy_size(1920, 1080), (1280, 720));
        assert_eq!(proxy_size(1080, 1920), (720, 1280));
        assert_eq!(proxy_size(640, 360), (640, 360));
        assert_eq!(proxy_size(720, 576), (720, 576));
        // Odd sizes become even (4:2:0 needs it); anamorphic PAL 16:9 arrives as 1024×576.
        assert_eq!(proxy_size(1365, 717), (1364, 716));
        assert_eq!(proxy_size(1366, 767), (1282, 720));
        assert_eq!(proxy_size(1024, 576), (1024, 576));
    }
}

//! Clips for social platforms: a frame of the platform's shape (9:16, 1:1, 4:5 cropped around
//! the film's focus point; 16:9 fitted whole), the target language's subtitles burned in by
//! libass (ffmpeg's `subtitles` filter) inside the platform's safe area, and the clip cut at
//! the platform's longest.

use std::path::{Path, PathBuf};

use ffmpeg_next::Rational;
use serde::{Deserialize, Serialize};

use super::encode::{self, AudioPlan, Encoded, Recipe, VideoPlan};
use crate::error::{Error, Result};

/// How a social clip is made: its size, how the picture fills it, where the subject is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SocialSpec {
    pub width: u32,
    pub height: u32,
    /// Cropped around `focus` to fill the frame (true), or fitted whole on black (false).
    pub crop: bool,
    /// Where the subject is, as fractions across and down.
    pub focus: [f64; 2],
    /// Cut here (milliseconds), the platform's longest.
    pub max_ms: Option<u64>,
    /// An ASS script to burn in (its PlayRes the clip's size).
    pub subtitles: Option<PathBuf>,
}

/// A path libavfilter's option parser takes as it is (no quoting levels to get wrong).
fn filter_path(path: &Path) -> Result<String> {
    let s = path.to_string_lossy();
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "/_.-".contains(c)) {
        Ok(s.into_owned())
    } else {
        Err(Error::InvalidInput(format!("{s}: the subtitles to burn in must be at a plain path (set TMPDIR)")))
    }
}

pub fn transcode(
    input: &Path,
    output: &Path,
    spec: &SocialSpec,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Encoded> {
    let burn = spec.subtitles.as_deref().map(filter_path).transpose()?;
    let trim = spec.max_ms.map(|ms| format!("{:.3}", ms as f64 / 1000.0));
    let (width, height, crop, focus) = (spec.width, spec.height, spec.crop, spec.focus);
    let video_trim = trim.clone();
    let recipe = Recipe {
        video: Box::new(move |w, h, rate, time_base| {
            // Platforms take up to 60 frames a second; a faster film is shown at 30.
            let fast = f64::from(rate) > 60.5;
            let rate = if fast { Rational::new(30, 1) } else { rate };
            let mut filters: Vec<String> = Vec::new();
            filters.extend(video_trim.as_ref().map(|s| format!("trim=duration={s}")));
            if fast {
                filters.push("fps=30".into());
            }
            if crop {
                let (cw, ch, x, y) = crate::thumbs::crop_window(w, h, width, height, focus, 2);
                filters.push(format!("crop={cw}:{ch}:{x}:{y},scale={width}:{height}:flags=lanczos"));
            } else {
                filters.push(format!(
                    "scale={width}:{height}:force_original_aspect_ratio=decrease:flags=lanczos,\
                     pad={width}:{height}:(ow-iw)/2:(oh-ih)/2:black"
                ));
            }
            filters.push("setsar=1".into());
            filters.extend(burn.as_ref().map(|p| format!("subtitles=filename={p}")));
            filters.push("format=yuv420p".into());
            let time_base = if fast { Rational::new(1, 30) } else { time_base };
            let filters = if fast { format!("{},settb=1/30", filters.join(",")) } else { filters.join(",") };
            VideoPlan { filters, width, height, rate, time_base }
        }),
        x264: vec![("profile", "high".into()), ("preset", "medium".into()), ("crf", "20".into())],
        audio: Box::new(move |_| AudioPlan {
            filters: trim.as_ref().map(|s| format!("atrim=duration={s},")).unwrap_or_default(),
            stereo: true,
            bit_rate: 160_000,
        }),
        audio_required: false,
    };
    encode::transcode(input, output, &recipe, progress)
}

#[cfg(test)]
mod tests {
    #[test]
    fn crops_follow_the_focus_and_stay_inside_the_picture() {
        let film_crop = |w, h, a, b, f| crate::thumbs::crop_window(w, h, a, b, f, 2);
        // 1920×1080 to 9:16: 606 wide (even), centred by default.
        assert_eq!(film_crop(1920, 1080, 1080, 1920, [0.5, 0.5]), (606, 1080, 656, 0));
        assert_eq!(film_crop(1920, 1080, 1080, 1920, [0.0, 0.5]).2, 0);
        assert_eq!(film_crop(1920, 1080, 1080, 1920, [1.0, 0.5]).2, 1920 - 606);
        // A vertical film to a square: the height is cropped, around a face near the top.
        let (cw, ch, x, y) = film_crop(1080, 1920, 1080, 1080, [0.5, 0.2]);
        assert_eq!((cw, ch, x), (1080, 1080, 0));
        assert!(y <= 1920 - 1080 && y % 2 == 0 && y < 200, "{y}");
        for (w, h) in [(1280, 720), (721, 1281), (4096, 2160), (2, 2)] {
            for f in [[0.0, 0.0], [0.3, 0.9], [1.0, 1.0]] {
                let (cw, ch, x, y) = film_crop(w, h, 1080, 1350, f);
                assert!(x + cw <= w && y + ch <= h && cw % 2 == 0 && ch % 2 == 0, "{w}×{h} {f:?}");
            }
        }
    }
}

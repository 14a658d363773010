//! Thumbnails and previews, rendered once per content hash and stored in sharded folders
//! (`thumbs/ab/cd/<hash>-256.jpg`), so copies and renames of a photo share them.

pub(crate) mod decode;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

use crate::error::{Error, IoContext, Result};
use crate::probe::ImageFormat;

pub use decode::{embedded_jpegs, orient, Rgb};

/// The sizes Mediadesk keeps: the grid's and the large preview's long edge, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Grid,
    Preview,
}

impl Variant {
    pub const ALL: [Variant; 2] = [Variant::Grid, Variant::Preview];

    pub fn long_edge(self) -> u32 {
        match self {
            Variant::Grid => 256,
            Variant::Preview => 1600,
        }
    }

    fn quality(self) -> i32 {
        match self {
            Variant::Grid => 80,
            Variant::Preview => 85,
        }
    }
}

/// The folder of rendered thumbnails.
#[derive(Debug, Clone)]
pub struct ThumbStore {
    root: PathBuf,
}

impl ThumbStore {
    pub fn new(root: PathBuf) -> Self {
        ThumbStore { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, content_hash: &str, variant: Variant) -> PathBuf {
        let shard_a = content_hash.get(0..2).unwrap_or("__");
        let shard_b = content_hash.get(2..4).unwrap_or("__");
        self.root.join(shard_a).join(shard_b).join(format!("{content_hash}-{}.jpg", variant.long_edge()))
    }

    pub fn has_all(&self, content_hash: &str) -> bool {
        Variant::ALL.iter().all(|v| self.path(content_hash, *v).is_file())
    }

    /// Renders every variant of a photo, upright. `path` names the original in errors.
    pub fn render_photo(
        &self,
        path: &Path,
        content_hash: &str,
        bytes: &[u8],
        format: ImageFormat,
        orientation: Option<u16>,
    ) -> Result<()> {
        // Decode no larger than the preview needs (JPEG decodes at 1/8..1 scale for free).
        let image = decode::decode(path, bytes, format, Variant::Preview.long_edge())?;
        let preview = fit(path, &image, Variant::Preview.long_edge())?;
        let grid = fit(path, &preview, Variant::Grid.long_edge())?;
        for (variant, pixels) in [(Variant::Preview, preview), (Variant::Grid, grid)] {
            let upright = decode::orient(pixels, orientation.unwrap_or(1));
            self.store(path, &upright, content_hash, variant)?;
        }
        Ok(())
    }

    /// Stores a picture rendered from a film or a sound (poster frame, waveform) as every
    /// variant, turned upright by `orientation`.
    pub fn store_picture(&self, path: &Path, content_hash: &str, image: &Rgb, orientation: u16) -> Result<()> {
        let preview = fit(path, image, Variant::Preview.long_edge())?;
        let grid = fit(path, &preview, Variant::Grid.long_edge())?;
        for (variant, pixels) in [(Variant::Preview, preview), (Variant::Grid, grid)] {
            self.store(path, &decode::orient(pixels, orientation), content_hash, variant)?;
        }
        Ok(())
    }

    /// A film's filmstrip: its sampled frames side by side in one image.
    pub fn strip_path(&self, content_hash: &str) -> PathBuf {
        self.path(content_hash, Variant::Grid).with_file_name(format!("{content_hash}-strip.jpg"))
    }

    pub fn store_strip(&self, path: &Path, content_hash: &str, strip: &Rgb) -> Result<()> {
        let jpeg = encode_jpeg(strip, 80).map_err(|e| Error::bad_media(path, format!("filmstrip encoding: {e}")))?;
        write_atomically(&self.strip_path(content_hash), &jpeg)
    }

    fn store(&self, path: &Path, image: &Rgb, content_hash: &str, variant: Variant) -> Result<()> {
        let jpeg = encode_jpeg(image, variant.quality())
            .map_err(|e| Error::bad_media(path, format!("thumbnail encoding: {e}")))?;
        write_atomically(&self.path(content_hash, variant), &jpeg)
    }
}

/// The largest `a`:`b` window of a `w`×`h` picture centred as near `focus` (fractions across,
/// down) as the edges allow, as (width, height, x, y), each a multiple of `step` (1 for a
/// photo, 2 for a film's 4:2:0 frames). Photo and film crops for social kits share it.
pub fn crop_window(w: u32, h: u32, a: u32, b: u32, focus: [f64; 2], step: u32) -> (u32, u32, u32, u32) {
    let (w, h, a, b) = (u64::from(w), u64::from(h), u64::from(a.max(1)), u64::from(b.max(1)));
    let step = u64::from(step.max(1));
    let (cw, ch) = if w * b > h * a { (h * a / b, h) } else { (w, w * b / a) };
    let down = |v: u64, whole: u64| (v / step * step).max(step.min(whole)).max(1);
    let (cw, ch) = (down(cw, w), down(ch, h));
    let place = |size: u64, window: u64, at: f64| -> u64 {
        let centre = (at.clamp(0.0, 1.0) * size as f64).round() as i64;
        let start = (centre - window as i64 / 2).clamp(0, (size - window) as i64) as u64;
        start / step * step
    };
    let (x, y) = (place(w, cw, focus[0]), place(h, ch, focus[1]));
    (cw as u32, ch as u32, x as u32, y as u32)
}

/// Shrinks `image` so its long edge is at most `long_edge`; smaller images are kept as they are.
pub fn fit(path: &Path, image: &Rgb, long_edge: u32) -> Result<Rgb> {
    let (w, h) = (image.width, image.height);
    if w.max(h) <= long_edge {
        return Ok(image.clone());
    }
    let scale = long_edge as f64 / w.max(h) as f64;
    let (dw, dh) = (((w as f64 * scale).round() as u32).max(1), ((h as f64 * scale).round() as u32).max(1));
    let fail = |e: &dyn std::fmt::Display| Error::bad_media(path, format!("resizing: {e}"));
    let src = ImageRef::new(w, h, &image.pixels, PixelType::U8x3).map_err(|e| fail(&e))?;
    let mut dst = Image::new(dw, dh, PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    Resizer::new().resize(&src, &mut dst, &options).map_err(|e| fail(&e))?;
    Ok(Rgb { width: dw, height: dh, pixels: dst.into_vec() })
}

/// Writes `image` as a JPEG file at `target`.
pub fn write_jpeg(target: &Path, image: &Rgb, quality: i32) -> Result<()> {
    let jpeg = encode_jpeg(image, quality).map_err(|e| Error::bad_media(target, format!("JPEG encoding: {e}")))?;
    write_atomically(target, &jpeg)
}

/// Resizes `image` to exactly `width` × `height` (a filmstrip tile).
pub fn fit_exact(path: &Path, image: &Rgb, width: u32, height: u32) -> Result<Rgb> {
    if image.width == width && image.height == height {
        return Ok(image.clone());
    }
    let fail = |e: &dyn std::fmt::Display| Error::bad_media(path, format!("resizing: {e}"));
    let src = ImageRef::new(image.width, image.height, &image.pixels, PixelType::U8x3).map_err(|e| fail(&e))?;
    let mut dst = Image::new(width.max(1), height.max(1), PixelType::U8x3);
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new().resize(&src, &mut dst, &options).map_err(|e| fail(&e))?;
    Ok(Rgb { width: dst.width(), height: dst.height(), pixels: dst.into_vec() })
}

pub fn encode_jpeg(image: &Rgb, quality: i32) -> Result<Vec<u8>, turbojpeg::Error> {
    let mut compressor = turbojpeg::Compressor::new()?;
    compressor.set_quality(quality)?;
    compressor.set_subsamp(turbojpeg::Subsamp::Sub2x2)?;
    compressor.set_optimize(true)?;
    compressor.compress_to_vec(turbojpeg::Image {
        pixels: image.pixels.as_slice(),
        width: image.width as usize,
        pitch: image.width as usize * 3,
        height: image.height as usize,
        format: turbojpeg::PixelFormat::RGB,
    })
}

/// Writes through a temporary file and a rename, so a crash never leaves half a thumbnail.
/// Temporary names are unique per write: two copies of one photo in a batch render at once.
pub(crate) fn write_atomically(target: &Path, data: &[u8]) -> Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).at(dir)?;
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let tmp = target.with_extension(format!("tmp{}-{n}", std::process::id()));
    fs::write(&tmp, data).at(&tmp)?;
    fs::rename(&tmp, target).at(target)
}

//! Decoding photos to RGB with bounded memory. JPEG goes through libjpeg-turbo with DCT scaling
//! (a 24-megapixel photo is decoded at the size the preview needs, not in full); the other
//! formats through `image` with explicit limits, so a file declaring 100000×100000 pixels is
//! refused before any allocation.

use std::path::Path;

use turbojpeg::{Colorspace, Decompressor, PixelFormat, ScalingFactor};

use crate::error::{Error, Result};
use crate::probe::ImageFormat;

/// Decoded 8-bit RGB pixels.
#[derive(Debug, Clone)]
pub struct Rgb {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// The most pixels Mediadesk decodes (about a 200-megapixel scan) and memory it lets a decoder use.
const MAX_PIXELS: u64 = 200_000_000;
const MAX_DECODER_ALLOC: u64 = 1 << 30;
/// Progressive JPEGs with absurd numbers of scans are a known way to burn CPU.
const MAX_JPEG_SCANS: u32 = 500;

pub fn decode(path: &Path, bytes: &[u8], format: ImageFormat, want_long_edge: u32) -> Result<Rgb> {
    match format {
        ImageFormat::Jpeg => {
            let d = decode_jpeg(path, bytes, want_long_edge, Care::Preview)?;
            let pixels = if d.cmyk { cmyk_to_rgb(&d.pixels) } else { d.pixels };
            Ok(Rgb { width: d.width, height: d.height, pixels })
        }
        ImageFormat::Png | ImageFormat::Tiff | ImageFormat::Webp => decode_other(path, bytes, format),
        ImageFormat::Raw | ImageFormat::Heif => Err(Error::Unsupported {
            path: path.to_owned(),
            reason: format!("{} pixels cannot be decoded", format.name()),
        }),
    }
}

/// How carefully to decode: previews are shrunk anyway; renditions that leave the library are
/// decoded with smooth chroma upsampling, no smaller than asked, and CMYK kept for its profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Care {
    Preview,
    Rendition,
}

/// A decoded JPEG: RGB, or CMYK as the file stores it (Adobe's inverted inks).
pub struct Decoded {
    pub width: u32,
    pub height: u32,
    pub cmyk: bool,
    pub pixels: Vec<u8>,
}

/// Decodes a JPEG at about `want_long_edge` (DCT scaling), never smaller than needed for a
/// rendition.
pub fn decode_jpeg(path: &Path, bytes: &[u8], want_long_edge: u32, care: Care) -> Result<Decoded> {
    let fail = |what: &str, e: turbojpeg::Error| Error::bad_media(path, format!("{what}: {e}"));
    let mut d = Decompressor::new().map_err(|e| fail("JPEG decoder", e))?;
    let header = d.read_header(bytes).map_err(|e| fail("broken JPEG header", e))?;
    if header.width as u64 * header.height as u64 > MAX_PIXELS {
        return Err(too_large(path, header.width, header.height));
    }
    let long = header.width.max(header.height);
    // The smallest DCT scale that gives about the wanted size: a preview a few percent smaller
    // than asked costs nobody anything, and decoding at 1/4 instead of 3/8 saves a tenth.
    let good_enough = match care {
        Care::Preview => want_long_edge as usize * 9 / 10,
        Care::Rendition => want_long_edge as usize,
    };
    let factor = Decompressor::supported_scaling_factors()
        .into_iter()
        .filter(|f| f.num() <= f.denom())
        .filter(|f| f.scale(long) >= good_enough)
        .min_by_key(|f| f.scale(long))
        .unwrap_or(ScalingFactor::ONE);
    d.set_scaling_factor(factor).map_err(|e| fail("JPEG scaling", e))?;
    d.set_scan_limit(MAX_JPEG_SCANS).map_err(|e| fail("JPEG decoder", e))?;
    d.set_fast_upsample(care == Care::Preview).map_err(|e| fail("JPEG decoder", e))?;
    let scaled = header.scaled(factor);
    let cmyk = matches!(header.colorspace, Colorspace::CMYK | Colorspace::YCCK);
    let format = if cmyk { PixelFormat::CMYK } else { PixelFormat::RGB };
    let mut image = turbojpeg::Image {
        pixels: vec![0u8; format.size() * scaled.width * scaled.height],
        width: scaled.width,
        pitch: format.size() * scaled.width,
        height: scaled.height,
        format,
    };
    d.decompress(bytes, image.as_deref_mut()).map_err(|e| fail("damaged or truncated JPEG data", e))?;
    Ok(Decoded { width: scaled.width as u32, height: scaled.height as u32, cmyk, pixels: image.pixels })
}

/// CMYK JPEGs (print workflows) store inverted ink values, as Adobe writes them. Without a
/// profile this is the best guess there is.
pub fn cmyk_to_rgb(cmyk: &[u8]) -> Vec<u8> {
    cmyk.chunks_exact(4)
        .flat_map(|p| {
            let k = p[3] as u16;
            [(p[0] as u16 * k / 255) as u8, (p[1] as u16 * k / 255) as u8, (p[2] as u16 * k / 255) as u8]
        })
        .collect()
}

pub fn decode_other(path: &Path, bytes: &[u8], format: ImageFormat) -> Result<Rgb> {
    let image_format = match format {
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Tiff => image::ImageFormat::Tiff,
        _ => image::ImageFormat::WebP,
    };
    let reader = || {
        let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), image_format);
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_DECODER_ALLOC);
        reader.limits(limits);
        reader
    };
    let (w, h) = reader()
        .into_dimensions()
        .map_err(|e| Error::bad_media(path, format!("unreadable {} header: {e}", format.name())))?;
    if w as u64 * h as u64 > MAX_PIXELS {
        return Err(too_large(path, w as usize, h as usize));
    }
    let decoded = reader()
        .decode()
        .map_err(|e| Error::bad_media(path, format!("damaged or truncated {} data: {e}", format.name())))?;
    let rgba = decoded.into_rgba8();
    let (width, height) = rgba.dimensions();
    // Transparent parts are shown on white, as a page would show them.
    let pixels = rgba
        .pixels()
        .flat_map(|p| {
            let a = p[3] as u16;
            [0, 1, 2].map(|i| ((p[i] as u16 * a + 255 * (255 - a)) / 255) as u8)
        })
        .collect();
    Ok(Rgb { width, height, pixels })
}

/// The JPEGs embedded in a file (the previews cameras put in raw files, the EXIF thumbnail of
/// a HEIF), largest first, found by their start marker. Sensor data can look like a JPEG
/// header by chance, so callers try them in turn. A file with thousands of false starts is
/// looked at no further than its first few hundred.
pub fn embedded_jpegs(bytes: &[u8]) -> Vec<&[u8]> {
    let mut found: Vec<(usize, usize)> = bytes
        .windows(3)
        .enumerate()
        .filter(|(_, w)| *w == [0xFF, 0xD8, 0xFF])
        .map(|(start, _)| start)
        .take(256)
        .filter_map(|start| {
            // A fresh decoder each time: one that failed on a false start stays failed.
            let header = Decompressor::new().and_then(|mut d| d.read_header(&bytes[start..])).ok()?;
            let area = header.width * header.height;
            (area > 0).then_some((start, area))
        })
        .collect();
    found.sort_by_key(|(_, area)| std::cmp::Reverse(*area));
    found.into_iter().map(|(start, _)| &bytes[start..]).collect()
}

fn too_large(path: &Path, w: usize, h: usize) -> Error {
    Error::bad_media(
        path,
        format!("image too large: {w}×{h} pixels (Mediadesk decodes up to {} megapixels)", MAX_PIXELS / 1_000_000),
    )
}

/// Applies an EXIF orientation (1–8) so the image stands as the photographer held the camera.
pub fn orient(image: Rgb, orientation: u16) -> Rgb {
    if orientation <= 1 || orientation > 8 {
        return image;
    }
    let (w, h) = (image.width as usize, image.height as usize);
    let swap = orientation >= 5;
    let (ow, oh) = if swap { (h, w) } else { (w, h) };
    let mut out = vec![0u8; image.pixels.len()];
    for y in 0..h {
        for x in 0..w {
            // Where source pixel (x, y) lands in the upright image.
            let (nx, ny) = match orientation {
                2 => (w - 1 - x, y),
                3 => (w - 1 - x, h - 1 - y),
                4 => (x, h - 1 - y),
                5 => (y, x),
                6 => (h - 1 - y, x),
                7 => (h - 1 - y, w - 1 - x),
                _ => (y, w - 1 - x), // 8
            };
            let src = (y * w + x) * 3;
            let dst = (ny * ow + nx) * 3;
            out[dst..dst + 3].copy_from_slice(&image.pixels[src..src + 3]);
        }
    }
    Rgb { width: ow as u32, height: oh as u32, pixels: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image_2x1() -> Rgb {
        Rgb { width: 2, height: 1, pixels: vec![1, 1, 1, 2, 2, 2] }
    }

    #[test]
    fn finds_embedded_jpegs_largest_first() {
        let jpeg = |w: usize, h: usize| {
            let pixels = vec![128u8; w * h * 3];
            let image = turbojpeg::Image {
                pixels: pixels.as_slice(),
                width: w,
                pitch: w * 3,
                height: h,
                format: PixelFormat::RGB,
            };
            turbojpeg::compress(image, 80, turbojpeg::Subsamp::Sub2x2).expect("compress").to_vec()
        };
        let mut raw = b"II*\0 sensor data \xFF\xD8\xFF not a jpeg".to_vec();
        raw.extend(jpeg(16, 8));
        let big_at = raw.len();
        raw.extend(jpeg(64, 48));
        raw.extend(b"more sensor data");
        let found = embedded_jpegs(&raw);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].as_ptr(), raw[big_at..].as_ptr());
        assert!(embedded_jpegs(b"II*\0 nothing here").is_empty());
    }

    #[test]
    fn orientation_6_turns_clockwise() {
        // Orientation 6: the camera was turned 90° clockwise; the left pixel ends on top.
        let upright = orient(image_2x1(), 6);
        assert_eq!((upright.width, upright.height), (1, 2));
        assert_eq!(upright.pixels, vec![1, 1, 1, 2, 2, 2]);
        let upright = orient(image_2x1(), 8);
        assert_eq!(upright.pixels, vec![2, 2, 2, 1, 1, 1]);
        let mirrored = orient(image_2x1(), 2);
        assert_eq!(mirrored.pixels, vec![2, 2, 2, 1, 1, 1]);
    }
}

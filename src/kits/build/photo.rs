//! A photo's renditions: decoded once at the size the largest one needs, converted to sRGB
//! through the profile the original carries (Adobe RGB, a wide gamut, a CMYK press profile),
//! turned upright, cropped around the focus point where the profile asks for an aspect, shrunk
//! (never enlarged) with a Lanczos filter, and encoded as JPEG. Nothing of the original's
//! EXIF, GPS or maker notes comes along: the rendition is a new file.

use std::path::Path;

use moxcms::{ColorProfile, DataColorSpace, Layout, TransformOptions};

use crate::error::{Error, Result};
use crate::kits::profile::Rendition;
use crate::probe::ImageFormat;
use crate::thumbs::decode::{self, Care, Rgb};

/// Pixels in sRGB, upright, at the decoded size.
pub fn source(path: &Path, bytes: &[u8], format: ImageFormat, orientation: u16, need: u32) -> Result<Rgb> {
    let rgb = match format {
        ImageFormat::Jpeg => {
            let decoded = decode::decode_jpeg(path, bytes, need, Care::Rendition)?;
            let (icc, inverted) = jpeg_profile(bytes);
            if decoded.cmyk {
                cmyk_to_srgb(path, decoded, icc.as_deref(), inverted)?
            } else {
                let rgb = Rgb { width: decoded.width, height: decoded.height, pixels: decoded.pixels };
                rgb_to_srgb(path, rgb, icc.as_deref())?
            }
        }
        other => {
            let rgb = decode::decode_other(path, bytes, other)?;
            rgb_to_srgb(path, rgb, other_icc(bytes, other).as_deref())?
        }
    };
    Ok(decode::orient(rgb, orientation))
}

/// The long side the decoder must give so that every rendition can be made without enlarging
/// (a square crop needs its long side across the photo's short one).
pub fn needed_long_side(renditions: &[Rendition], width: u32, height: u32) -> u32 {
    let (w, h) = (width.max(1) as f64, height.max(1) as f64);
    renditions
        .iter()
        .map(|r| match r.crop {
            Some((a, b)) if a > 0 && b > 0 => {
                // The crop window at full size, and how far the photo must be shrunk to make
                // its long side `long_side`.
                let (a, b) = (a as f64, b as f64);
                let (cw, ch) = if w * b > h * a { (h * a / b, h) } else { (w, w * b / a) };
                (r.long_side as f64 * w.max(h) / cw.max(ch)).ceil() as u32
            }
            _ => r.long_side,
        })
        .max()
        .unwrap_or(0)
}

/// One rendition of `image`: cropped to the rendition's aspect around `focus` (fractions across
/// and down; the centre by default), then shrunk to its long side if larger.
pub fn render(path: &Path, image: &Rgb, rendition: &Rendition, focus: Option<[f64; 2]>) -> Result<Rgb> {
    let cropped;
    let base = match rendition.crop {
        Some((a, b)) if a > 0 && b > 0 => {
            cropped = crop(image, a, b, focus.unwrap_or([0.5, 0.5]));
            &cropped
        }
        _ => image,
    };
    crate::thumbs::fit(path, base, rendition.long_side)
}

/// The largest `a`:`b` window of `image` centred as near `focus` as the edges allow.
fn crop(image: &Rgb, a: u32, b: u32, focus: [f64; 2]) -> Rgb {
    let (cw, ch, x0, y0) = crate::thumbs::crop_window(image.width, image.height, a, b, focus, 1);
    let (w, cw, ch, x0, y0) = (image.width as u64, cw as u64, ch as u64, x0 as u64, y0 as u64);
    let mut pixels = Vec::with_capacity((cw * ch * 3) as usize);
    for y in y0..y0 + ch {
        let start = ((y * w + x0) * 3) as usize;
        pixels.extend_from_slice(&image.pixels[start..start + (cw * 3) as usize]);
    }
    Rgb { width: cw as u32, height: ch as u32, pixels }
}

/// A JPEG's ICC profile, and whether its CMYK inks are stored inverted as Adobe's (APP14
/// "Adobe") are; read from one parse of its segments.
fn jpeg_profile(bytes: &[u8]) -> (Option<Vec<u8>>, bool) {
    use img_parts::ImageICC;
    match img_parts::jpeg::Jpeg::from_bytes(img_parts::Bytes::copy_from_slice(bytes)) {
        Ok(jpeg) => (
            jpeg.icc_profile().map(|b| b.to_vec()),
            jpeg.segments().iter().any(|s| s.marker() == 0xEE && s.contents().starts_with(b"Adobe")),
        ),
        Err(_) => (None, true),
    }
}

fn other_icc(bytes: &[u8], format: ImageFormat) -> Option<Vec<u8>> {
    use image::ImageDecoder;
    let cursor = std::io::Cursor::new(bytes);
    let mut decoder: Box<dyn ImageDecoder> = match format {
        ImageFormat::Png => Box::new(image::codecs::png::PngDecoder::new(cursor).ok()?),
        ImageFormat::Tiff => Box::new(image::codecs::tiff::TiffDecoder::new(cursor).ok()?),
        ImageFormat::Webp => Box::new(image::codecs::webp::WebPDecoder::new(cursor).ok()?),
        _ => return None,
    };
    decoder.icc_profile().ok().flatten()
}

fn profile_of(path: &Path, icc: &[u8]) -> Result<ColorProfile> {
    ColorProfile::new_from_slice(icc)
        .map_err(|e| Error::bad_media(path, format!("its embedded colour profile cannot be read: {e}")))
}

fn transform_failed(path: &Path, e: moxcms::CmsError) -> Error {
    Error::bad_media(path, format!("converting its colours to sRGB: {e}"))
}

/// RGB through its embedded profile to sRGB. No profile: sRGB is what the web and the press
/// assume of an untagged file, so the pixels stay as they are.
fn rgb_to_srgb(path: &Path, rgb: Rgb, icc: Option<&[u8]>) -> Result<Rgb> {
    let Some(icc) = icc else { return Ok(rgb) };
    let source = profile_of(path, icc)?;
    if source.color_space != DataColorSpace::Rgb {
        // A grey or CMYK profile on pixels the decoder already made RGB: not theirs to convert.
        return Ok(rgb);
    }
    let srgb = ColorProfile::new_srgb();
    let transform = source
        .create_transform_8bit(Layout::Rgb, &srgb, Layout::Rgb, TransformOptions::default())
        .map_err(|e| transform_failed(path, e))?;
    let mut out = vec![0u8; rgb.pixels.len()];
    transform.transform(&rgb.pixels, &mut out).map_err(|e| transform_failed(path, e))?;
    Ok(Rgb { pixels: out, ..rgb })
}

/// CMYK through its press profile to sRGB; without one, the naive formula is all there is.
fn cmyk_to_srgb(path: &Path, decoded: decode::Decoded, icc: Option<&[u8]>, inverted: bool) -> Result<Rgb> {
    let (width, height) = (decoded.width, decoded.height);
    let source = match icc.map(|icc| profile_of(path, icc)).transpose()? {
        Some(p) if p.color_space == DataColorSpace::Cmyk => p,
        _ => {
            let plain = if inverted { decoded.pixels } else { decoded.pixels.iter().map(|v| 255 - v).collect() };
            return Ok(Rgb { width, height, pixels: decode::cmyk_to_rgb(&plain) });
        }
    };
    let mut inks = decoded.pixels;
    if inverted {
        inks.iter_mut().for_each(|v| *v = 255 - *v);
    }
    let srgb = ColorProfile::new_srgb();
    let transform = source
        .create_transform_8bit(Layout::Rgba, &srgb, Layout::Rgb, TransformOptions::default())
        .map_err(|e| transform_failed(path, e))?;
    let mut out = vec![0u8; width as usize * height as usize * 3];
    transform.transform(&inks, &mut out).map_err(|e| transform_failed(path, e))?;
    Ok(Rgb { width, height, pixels: out })
}

/// The sRGB profile every rendition carries. The encoder stamps it with the time it is made;
/// a fixed date instead keeps every build of a kit byte-identical.
pub fn srgb_icc() -> &'static [u8] {
    static PROFILE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PROFILE.get_or_init(|| {
        let mut icc = ColorProfile::new_srgb().encode().unwrap_or_default();
        // Header bytes 24..36: year, month, day, hours, minutes, seconds, big-endian u16s.
        if let Some(date) = icc.get_mut(24..36) {
            for (i, v) in [2026u16, 1, 1, 0, 0, 0].iter().enumerate() {
                date[i * 2..i * 2 + 2].copy_from_slice(&v.to_be_bytes());
            }
        }
        icc
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn striped(w: u32, h: u32) -> Rgb {
        let pixels = (0..h).flat_map(|_| (0..w).flat_map(|x| [(x % 256) as u8, 0, 0])).collect();
        Rgb { width: w, height: h, pixels }
    }

    #[test]
    fn crops_keep_the_aspect_and_follow_the_focus_to_the_edge() {
        let image = striped(600, 400);
        let square = crop(&image, 1, 1, [0.5, 0.5]);
        assert_eq!((square.width, square.height), (400, 400));
        assert_eq!(square.pixels[0], 100, "centred: starts 100 px in");
        let right = crop(&image, 1, 1, [1.0, 0.5]);
        assert_eq!(right.pixels[0], 200, "pushed to the right edge, not beyond");
        let portrait = crop(&image, 4, 5, [0.0, 0.0]);
        assert_eq!((portrait.width, portrait.height), (320, 400));
        assert_eq!(portrait.pixels[0], 0);
    }

    #[test]
    fn the_decoder_is_asked_for_enough_pixels_for_every_crop() {
        let r = |long_side, crop| Rendition { name: "x".into(), long_side, crop, quality: 90 };
        assert_eq!(needed_long_side(&[r(3000, None)], 6000, 4000), 3000);
        // A 1080 square from a 3:2 photo: the short side must reach 1080, so the long 1620.
        assert_eq!(needed_long_side(&[r(1080, Some((1, 1)))], 6000, 4000), 1620);
        // A 4:5 portrait of a landscape photo is as tall as the photo.
        assert_eq!(needed_long_side(&[r(1350, Some((4, 5)))], 4000, 3000), 1800);
        assert_eq!(needed_long_side(&[r(1350, Some((4, 5)))], 3000, 4000), 1440);
    }
}

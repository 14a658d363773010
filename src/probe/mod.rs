//! What a media file says about itself. Photos: EXIF, IPTC-IIM and XMP merged in the order of
//! the Metadata Working Group's guidance (XMP over IPTC over EXIF for descriptive fields; EXIF
//! first for camera facts).

mod av;
mod av_raw;
mod capture_time;
mod container;
mod exif;
mod iptc;
mod xmp;

use std::collections::BTreeMap;
use std::path::Path;

pub use av::{
    clockwise, describe as describe_media, is_text_subtitle, next_packet, open as open_media, packets_read, patience,
    read_media, start_s as media_start_s, AudioStream, Filmstrip, MediaInfo, SubtitleStream, VideoStream,
};
pub use capture_time::CaptureTime;
pub use container::{sniff, ImageFormat};

use crate::error::{Error, Result};
use crate::text::{detect_language, non_empty};
use xmp::{Xmp, AUX, DC, EXIF, EXIF_EX, IPTC_CORE, PHOTOSHOP, TIFF, XMP_BASIC, XMP_RIGHTS};

/// Everything Mediadesk reads from a photo. Text is NFC.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PhotoInfo {
    pub format: Option<ImageFormat>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub orientation: Option<u16>,
    pub captured: Option<CaptureTime>,
    pub camera_make: Option<String>,
    pub camera_model: Option<String>,
    pub lens: Option<String>,
    pub gps: Option<Gps>,
    pub creator: Option<String>,
    pub credit: Option<String>,
    pub copyright: Option<String>,
    pub headline: Option<String>,
    pub title: Option<String>,
    /// BCP-47 language → caption.
    pub captions: BTreeMap<String, String>,
    pub keywords: Vec<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub usage_terms: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
    pub alt: Option<f64>,
}

/// Reads the metadata of the photo whose bytes are `bytes`. `path` names the file in errors.
pub fn read_photo(path: &Path, bytes: &[u8]) -> Result<PhotoInfo> {
    if bytes.is_empty() {
        return Err(Error::bad_media(path, "empty file (0 bytes)"));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    let format = sniff(bytes, &extension).ok_or_else(|| {
        Error::bad_media(path, format!("not a supported image: the content is not {} data", extension.to_uppercase()))
    })?;

    let blocks = container::blocks(bytes, format);
    let exif = match format {
        ImageFormat::Tiff | ImageFormat::Raw => exif::parse(bytes.to_vec()),
        ImageFormat::Heif => exif::parse_container(bytes),
        _ => blocks.exif.and_then(exif::parse),
    }
    .unwrap_or_default();
    let xmp_packet = blocks.xmp.or_else(|| exif.xmp.clone());
    let xmp = xmp_packet.as_deref().and_then(|p| Xmp::parse(p).ok()).unwrap_or_default();
    let iptc_block = blocks
        .iptc
        .or_else(|| exif.iptc.clone())
        .or_else(|| exif.photoshop.as_deref().and_then(container::iptc_from_photoshop));
    let iptc = iptc_block.as_deref().map(iptc::parse).unwrap_or_default();

    let mut info = merge(&exif, &xmp, &iptc);
    info.format = Some(format);
    if !matches!(format, ImageFormat::Raw | ImageFormat::Heif) {
        let (w, h) = dimensions(path, bytes)?;
        info.width = Some(w);
        info.height = Some(h);
    }
    Ok(info)
}

fn dimensions(path: &Path, bytes: &[u8]) -> Result<(u32, u32)> {
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| Error::bad_media(path, e.to_string()))?
        .into_dimensions()
        .map_err(|e| Error::bad_media(path, format!("unreadable image header: {e}")))
}

fn first_text(candidates: &[Option<&str>]) -> Option<String> {
    candidates.iter().flatten().find_map(|s| non_empty(s))
}

fn merge(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc) -> PhotoInfo {
    let xmp_creators: Vec<&str> = xmp.all(DC, "creator").iter().map(|v| v.text.as_str()).collect();
    let iptc_bylines: Vec<&str> = iptc.byline.iter().map(String::as_str).collect();
    let join = |v: &[&str]| (!v.is_empty()).then(|| v.join("; "));

    PhotoInfo {
        width: exif.width,
        height: exif.height,
        orientation: exif.orientation.or_else(|| xmp.first(TIFF, "Orientation").and_then(|o| o.parse().ok())),
        captured: capture_time(exif, xmp, iptc),
        camera_make: first_text(&[exif.make.as_deref(), xmp.first(TIFF, "Make")]),
        camera_model: first_text(&[exif.model.as_deref(), xmp.first(TIFF, "Model")]),
        lens: first_text(&[exif.lens.as_deref(), xmp.first(EXIF_EX, "LensModel"), xmp.first(AUX, "Lens")]),
        gps: exif.gps.map(|(lat, lon, alt)| Gps { lat, lon, alt }).or_else(|| xmp_gps(xmp)),
        creator: first_text(&[join(&xmp_creators).as_deref(), join(&iptc_bylines).as_deref(), exif.artist.as_deref()]),
        credit: first_text(&[xmp.first(PHOTOSHOP, "Credit"), iptc.credit.as_deref()]),
        copyright: first_text(&[xmp.first(DC, "rights"), iptc.copyright.as_deref(), exif.copyright.as_deref()]),
        headline: first_text(&[xmp.first(PHOTOSHOP, "Headline"), iptc.headline.as_deref()]),
        title: first_text(&[xmp.first(DC, "title"), iptc.object_name.as_deref()]),
        captions: captions(exif, xmp, iptc),
        keywords: keywords(xmp, iptc),
        city: first_text(&[xmp.first(PHOTOSHOP, "City"), iptc.city.as_deref()]),
        province: first_text(&[xmp.first(PHOTOSHOP, "State"), iptc.province.as_deref()]),
        location: first_text(&[xmp.first(IPTC_CORE, "Location"), iptc.sublocation.as_deref()]),
        country: first_text(&[xmp.first(PHOTOSHOP, "Country"), iptc.country.as_deref()]),
        usage_terms: first_text(&[xmp.first(XMP_RIGHTS, "UsageTerms")]),
        format: None,
    }
}

/// The first capture time found; when it has no UTC offset, one recorded elsewhere for the
/// same wall-clock time is borrowed (EXIF before 2.31 had no offset; XMP and IPTC often do).
fn capture_time(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc) -> Option<CaptureTime> {
    let candidates: Vec<CaptureTime> = [
        exif.captured,
        xmp.first(EXIF, "DateTimeOriginal").and_then(CaptureTime::from_iso),
        xmp.first(PHOTOSHOP, "DateCreated").and_then(CaptureTime::from_iso),
        iptc.date_created.as_deref().and_then(|d| CaptureTime::from_iptc(d, iptc.time_created.as_deref())),
        exif.digitized,
        xmp.first(XMP_BASIC, "CreateDate").and_then(CaptureTime::from_iso),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut chosen = *candidates.first()?;
    if chosen.offset_minutes.is_none() {
        chosen.offset_minutes = candidates
            .iter()
            .find(|c| c.date == chosen.date && c.time == chosen.time && c.offset_minutes.is_some())
            .and_then(|c| c.offset_minutes);
    }
    Some(chosen)
}

/// Captions by language. XMP's lang-alt gives languages; an untagged caption (x-default,
/// IPTC, EXIF) is given the language it is written in, unless it repeats a tagged one.
fn captions(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc) -> BTreeMap<String, String> {
    let mut captions = BTreeMap::new();
    let mut untagged = Vec::new();
    for value in xmp.all(DC, "description") {
        let Some(text) = non_empty(&value.text) else { continue };
        match value.lang.as_deref().map(canonical_language) {
            Some(lang) if lang != "x-default" && !lang.is_empty() => {
                captions.entry(lang).or_insert(text);
            }
            _ => untagged.push(text),
        }
    }
    untagged.extend(iptc.caption.as_deref().and_then(non_empty));
    if untagged.is_empty() && captions.is_empty() {
        untagged.extend(exif.description.as_deref().filter(|d| !is_camera_boilerplate(d)).and_then(non_empty));
    }
    for text in untagged {
        if captions.values().any(|c| *c == text) {
            continue;
        }
        let lang = detect_language(&text).unwrap_or("und").to_owned();
        let lang = if captions.contains_key(&lang) { "und".to_owned() } else { lang };
        captions.entry(lang).or_insert(text);
    }
    captions
}

/// BCP-47 case conventions: language lower case, script title case, region upper case.
pub fn canonical_language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 2) => part.to_ascii_uppercase(),
            (_, 4) => {
                let lower = part.to_ascii_lowercase();
                lower[..1].to_ascii_uppercase() + &lower[1..]
            }
            _ => part.to_ascii_lowercase(),
        })
        .collect::<Vec<_>>()
        .join("-")
}

fn is_camera_boilerplate(description: &str) -> bool {
    let d = description.trim().to_ascii_uppercase();
    d.is_empty() || d.ends_with("DIGITAL CAMERA") || d == "SONY DSC" || d.starts_with("DCIM") || d == "DEFAULT"
}

fn keywords(xmp: &Xmp, iptc: &iptc::Iptc) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let all = xmp.all(DC, "subject").iter().map(|v| v.text.as_str()).chain(iptc.keywords.iter().map(String::as_str));
    for keyword in all.filter_map(non_empty) {
        if !out.iter().any(|k| k.to_lowercase() == keyword.to_lowercase()) {
            out.push(keyword);
        }
    }
    out
}

/// XMP GPS coordinates: "DDD,MM.mmmmN" or "DDD,MM,SSN".
fn xmp_gps(xmp: &Xmp) -> Option<Gps> {
    let coord = |s: &str| -> Option<f64> {
        let s = s.trim();
        let hemisphere = s.chars().last()?;
        let parts: Vec<f64> = s[..s.len() - 1].split(',').map(|p| p.trim().parse().ok()).collect::<Option<_>>()?;
        let v = parts.first()? + parts.get(1).unwrap_or(&0.0) / 60.0 + parts.get(2).unwrap_or(&0.0) / 3600.0;
        Some(if matches!(hemisphere, 'S' | 'W') { -v } else { v })
    };
    Some(Gps { lat: coord(xmp.first(EXIF, "GPSLatitude")?)?, lon: coord(xmp.first(EXIF, "GPSLongitude")?)?, alt: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_canonical() {
        assert_eq!(canonical_language("VI"), "vi");
        assert_eq!(canonical_language("zh-hans"), "zh-Hans");
        assert_eq!(canonical_language("en_us"), "en-US");
    }
}

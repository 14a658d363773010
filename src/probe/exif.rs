//! EXIF fields Mediadesk catalogues, read with kamadak-exif. A damaged IFD gives what could be
//! read before the damage.

use exif::{Context, Exif, Field, In, Reader, Tag, Value};

use super::capture_time::CaptureTime;

#[derive(Debug, Default)]
pub struct ExifData {
    pub make: Option<String>,
    pub model: Option<String>,
    pub lens: Option<String>,
    pub orientation: Option<u16>,
    pub captured: Option<CaptureTime>,
    pub digitized: Option<CaptureTime>,
    pub gps: Option<(f64, f64, Option<f64>)>,
    pub artist: Option<String>,
    pub copyright: Option<String>,
    pub description: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    /// XMP and IPTC blocks that TIFF files keep in IFD0 tags.
    pub xmp: Option<Vec<u8>>,
    pub iptc: Option<Vec<u8>>,
    pub photoshop: Option<Vec<u8>>,
}

/// Parses TIFF-structured EXIF data (an APP1 body, a PNG eXIf chunk, or a whole TIFF file).
pub fn parse(tiff: Vec<u8>) -> Option<ExifData> {
    let exif = match Reader::new().continue_on_error(true).read_raw(tiff) {
        Ok(exif) => exif,
        Err(e) => e.distill_partial_result(|_| {}).ok()?,
    };
    Some(read(&exif))
}

/// Parses the EXIF of a HEIF/AVIF container.
pub fn parse_container(bytes: &[u8]) -> Option<ExifData> {
    let mut cursor = std::io::Cursor::new(bytes);
    let exif = match Reader::new().continue_on_error(true).read_from_container(&mut cursor) {
        Ok(exif) => exif,
        Err(e) => e.distill_partial_result(|_| {}).ok()?,
    };
    Some(read(&exif))
}

fn read(exif: &Exif) -> ExifData {
    let field = |tag| exif.get_field(tag, In::PRIMARY);
    let text = |tag| field(tag).and_then(ascii);
    let bytes = |tag| field(tag).and_then(|f| bytes(f, exif.little_endian()));
    ExifData {
        make: text(Tag::Make),
        model: text(Tag::Model),
        lens: text(Tag::LensModel),
        orientation: field(Tag::Orientation)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|o| u16::try_from(o).ok())
            .filter(|o| (1..=8).contains(o)),
        captured: text(Tag::DateTimeOriginal).and_then(|dt| {
            CaptureTime::from_exif(
                &dt,
                text(Tag::OffsetTimeOriginal).as_deref(),
                text(Tag::SubSecTimeOriginal).as_deref(),
            )
        }),
        digitized: text(Tag::DateTimeDigitized).and_then(|dt| {
            CaptureTime::from_exif(
                &dt,
                text(Tag::OffsetTimeDigitized).as_deref(),
                text(Tag::SubSecTimeDigitized).as_deref(),
            )
        }),
        gps: gps(exif),
        artist: text(Tag::Artist),
        copyright: text(Tag::Copyright),
        description: text(Tag::ImageDescription),
        width: field(Tag::PixelXDimension).and_then(|f| f.value.get_uint(0)),
        height: field(Tag::PixelYDimension).and_then(|f| f.value.get_uint(0)),
        xmp: bytes(Tag(Context::Tiff, 700)),
        iptc: bytes(Tag(Context::Tiff, 33723)),
        photoshop: bytes(Tag(Context::Tiff, 34377)),
    }
}

fn ascii(field: &Field) -> Option<String> {
    match &field.value {
        // Strictly ASCII, but cameras and tools write UTF-8 (or Latin-1) into it.
        Value::Ascii(parts) => {
            let raw = parts.first()?;
            let s = match std::str::from_utf8(raw) {
                Ok(s) => s.to_owned(),
                Err(_) => raw.iter().map(|&b| b as char).collect(),
            };
            crate::text::non_empty(&s)
        }
        _ => None,
    }
}

fn bytes(field: &Field, little_endian: bool) -> Option<Vec<u8>> {
    match &field.value {
        Value::Byte(b) | Value::Undefined(b, _) => Some(b.clone()),
        // IPTC in TIFF is often typed LONG; the bytes as stored are what matter.
        Value::Long(longs) => {
            Some(longs.iter().flat_map(|l| if little_endian { l.to_le_bytes() } else { l.to_be_bytes() }).collect())
        }
        _ => None,
    }
}

fn gps(exif: &Exif) -> Option<(f64, f64, Option<f64>)> {
    let coord = |tag, reference| -> Option<f64> {
        let Value::Rational(parts) = &exif.get_field(tag, In::PRIMARY)?.value else { return None };
        let [d, m, s] = parts.get(0..3)? else { return None };
        let v = d.to_f64() + m.to_f64() / 60.0 + s.to_f64() / 3600.0;
        let negative =
            exif.get_field(reference, In::PRIMARY).and_then(ascii).is_some_and(|r| r.starts_with(['S', 'W']));
        v.is_finite().then_some(if negative { -v } else { v })
    };
    let lat = coord(Tag::GPSLatitude, Tag::GPSLatitudeRef)?;
    let lon = coord(Tag::GPSLongitude, Tag::GPSLongitudeRef)?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return None;
    }
    let alt = exif.get_field(Tag::GPSAltitude, In::PRIMARY).and_then(|f| match &f.value {
        Value::Rational(r) => r.first().map(|r| r.to_f64()).filter(|a| a.is_finite()),
        _ => None,
    });
    let below_sea = exif.get_field(Tag::GPSAltitudeRef, In::PRIMARY).and_then(|f| f.value.get_uint(0)) == Some(1);
    Some((lat, lon, alt.map(|a| if below_sea { -a } else { a })))
}

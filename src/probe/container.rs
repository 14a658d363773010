//! Recognising an image file by its bytes, and finding its metadata blocks (EXIF, XMP, IPTC)
//! without decoding pixels. Truncated or odd files give what could be read, never a panic.

use std::io::Read;

/// Image formats recognised by content, not by file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
    Tiff,
    Webp,
    Heif,
    /// Camera raw: TIFF-based or ISO-BMFF-based files from camera makers.
    Raw,
}

impl ImageFormat {
    pub fn name(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpeg",
            ImageFormat::Png => "png",
            ImageFormat::Tiff => "tiff",
            ImageFormat::Webp => "webp",
            ImageFormat::Heif => "heif",
            ImageFormat::Raw => "raw",
        }
    }
}

const RAW_EXTENSIONS: &[&str] =
    &["cr2", "cr3", "nef", "nrw", "arw", "srf", "sr2", "dng", "orf", "rw2", "raf", "pef", "srw", "3fr", "iiq"];

/// The format of `bytes`, using the extension only to tell camera raw from plain TIFF.
pub fn sniff(bytes: &[u8], extension: &str) -> Option<ImageFormat> {
    let raw_ext = RAW_EXTENSIONS.contains(&extension);
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(ImageFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(ImageFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return Some(ImageFormat::Webp);
    }
    let tiff_like = bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"IIRO")
        || bytes.starts_with(b"IIU\0");
    if tiff_like || (raw_ext && bytes.starts_with(b"FUJIFILMCCD-RAW")) {
        return Some(if raw_ext { ImageFormat::Raw } else { ImageFormat::Tiff });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return match &bytes[8..12] {
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif" | b"avis" => {
                Some(ImageFormat::Heif)
            }
            b"crx " => Some(ImageFormat::Raw),
            _ => None,
        };
    }
    None
}

/// The metadata blocks found in a file.
#[derive(Debug, Default)]
pub struct Blocks {
    /// TIFF-structured EXIF data (starting with the byte-order mark).
    pub exif: Option<Vec<u8>>,
    pub xmp: Option<Vec<u8>>,
    /// IPTC-IIM datasets (already out of their Photoshop wrapper).
    pub iptc: Option<Vec<u8>>,
    /// The Photoshop resources the IIM came in (its digest among them).
    pub photoshop: Option<Vec<u8>>,
}

/// Finds the metadata blocks of a JPEG, PNG or WebP file. TIFF-based files are their own EXIF.
pub fn blocks(bytes: &[u8], format: ImageFormat) -> Blocks {
    match format {
        ImageFormat::Jpeg => jpeg_blocks(bytes),
        ImageFormat::Png => png_blocks(bytes),
        ImageFormat::Webp => webp_blocks(bytes),
        ImageFormat::Tiff | ImageFormat::Raw | ImageFormat::Heif => Blocks::default(),
    }
}

const XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const EXIF_SIGNATURE: &[u8] = b"Exif\0\0";
const PHOTOSHOP_SIGNATURE: &[u8] = b"Photoshop 3.0\0";

fn jpeg_blocks(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let mut photoshop = Vec::new();
    let mut pos = 2;
    while pos + 4 <= bytes.len() {
        if bytes[pos] != 0xFF {
            break;
        }
        let marker = bytes[pos + 1];
        if marker == 0xFF {
            pos += 1; // fill byte
            continue;
        }
        // Start of scan or end of image: metadata segments all come before.
        if marker == 0xDA || marker == 0xD9 {
            break;
        }
        let len = u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]) as usize;
        let Some(body) = bytes.get(pos + 4..pos + 2 + len) else { break };
        match marker {
            0xE1 if body.starts_with(EXIF_SIGNATURE) && found.exif.is_none() => {
                found.exif = Some(body[EXIF_SIGNATURE.len()..].to_vec());
            }
            0xE1 if body.starts_with(XMP_SIGNATURE) && found.xmp.is_none() => {
                found.xmp = Some(body[XMP_SIGNATURE.len()..].to_vec());
            }
            // Large IPTC blocks are split over consecutive APP13 segments.
            0xED if body.starts_with(PHOTOSHOP_SIGNATURE) => {
                photoshop.extend_from_slice(&body[PHOTOSHOP_SIGNATURE.len()..]);
            }
            _ => {}
        }
        pos += 2 + len;
    }
    found.iptc = iptc_from_photoshop(&photoshop);
    found.photoshop = (!photoshop.is_empty()).then_some(photoshop);
    found
}

/// Finds the IPTC-IIM resource (ID 0x0404) among Photoshop image resource blocks ("8BIM").
pub fn iptc_from_photoshop(data: &[u8]) -> Option<Vec<u8>> {
    photoshop_resource(data, 0x0404)
}

/// The IPTC digest (resource 0x0425): the MD5 of the IIM as the last tool that kept XMP in
/// step with it wrote it.
pub fn iptc_digest(data: &[u8]) -> Option<[u8; 16]> {
    photoshop_resource(data, 0x0425)?.try_into().ok()
}

/// One Photoshop image resource block ("8BIM") by its id.
fn photoshop_resource(mut data: &[u8], wanted: u16) -> Option<Vec<u8>> {
    while data.len() >= 12 && &data[0..4] == b"8BIM" {
        let id = u16::from_be_bytes([data[4], data[5]]);
        let name_len = data[6] as usize;
        // The Pascal-string name, with its length byte, is padded to an even size.
        let name_total = (1 + name_len + 1) & !1;
        let size_at = 6 + name_total;
        let size = u32::from_be_bytes(data.get(size_at..size_at + 4)?.try_into().ok()?) as usize;
        let body_at = size_at + 4;
        let body = data.get(body_at..body_at.checked_add(size)?)?;
        if id == wanted {
            return Some(body.to_vec());
        }
        data = data.get(body_at + ((size + 1) & !1)..)?;
    }
    None
}

fn png_blocks(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let mut pos = 8;
    while pos + 12 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap_or_default()) as usize;
        let kind = &bytes[pos + 4..pos + 8];
        let Some(body) = bytes.get(pos + 8..(pos + 8).saturating_add(len)) else { break };
        match kind {
            b"eXIf" => found.exif = Some(body.to_vec()),
            b"iTXt" | b"zTXt" | b"tEXt" => {
                if let Some((keyword, text)) = png_text(kind, body) {
                    match keyword.as_str() {
                        "XML:com.adobe.xmp" => found.xmp = Some(text),
                        "Raw profile type iptc" => {
                            let raw = decode_raw_profile(&text);
                            found.iptc = raw.as_deref().and_then(iptc_from_photoshop);
                            if found.iptc.is_some() {
                                found.photoshop = raw;
                            } else {
                                found.iptc = raw;
                            }
                        }
                        "Raw profile type exif" | "Raw profile type APP1" if found.exif.is_none() => {
                            found.exif = decode_raw_profile(&text).map(|d| match d.strip_prefix(EXIF_SIGNATURE) {
                                Some(tiff) => tiff.to_vec(),
                                None => d,
                            });
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        pos += 12 + len;
    }
    found
}

/// Keyword and (inflated) text of a PNG text chunk.
fn png_text(kind: &[u8], body: &[u8]) -> Option<(String, Vec<u8>)> {
    let nul = body.iter().position(|&b| b == 0)?;
    let keyword = String::from_utf8_lossy(&body[..nul]).into_owned();
    let rest = &body[nul + 1..];
    let text = match kind {
        b"tEXt" => rest.to_vec(),
        b"zTXt" => inflate(rest.get(1..)?)?,
        _ => {
            // iTXt: compression flag, method, language tag\0, translated keyword\0, text
            let compressed = *rest.first()? == 1;
            let after_flags = rest.get(2..)?;
            let lang_end = after_flags.iter().position(|&b| b == 0)?;
            let after_lang = &after_flags[lang_end + 1..];
            let tk_end = after_lang.iter().position(|&b| b == 0)?;
            let text = &after_lang[tk_end + 1..];
            if compressed {
                inflate(text)?
            } else {
                text.to_vec()
            }
        }
    };
    Some((keyword, text))
}

/// Metadata text chunks are small; a "zip bomb" is cut off at 16 MiB.
fn inflate(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data).take(16 << 20).read_to_end(&mut out).ok()?;
    Some(out)
}

/// ImageMagick's "Raw profile" text: "\nname\n   length\nhex hex hex...".
fn decode_raw_profile(text: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(text).ok()?;
    let mut lines = text.trim_start().splitn(3, '\n');
    let _name = lines.next()?;
    let len: usize = lines.next()?.trim().parse().ok()?;
    let hex: Vec<u8> = lines.next()?.bytes().filter(u8::is_ascii_hexdigit).collect();
    let bytes: Vec<u8> = hex
        .chunks_exact(2)
        .filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok())
        .take(len)
        .collect();
    Some(bytes)
}

fn webp_blocks(bytes: &[u8]) -> Blocks {
    let mut found = Blocks::default();
    let mut pos = 12;
    while pos + 8 <= bytes.len() {
        let kind = &bytes[pos..pos + 4];
        let len = u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap_or_default()) as usize;
        let Some(body) = bytes.get(pos + 8..(pos + 8).saturating_add(len)) else { break };
        match kind {
            b"EXIF" => found.exif = Some(body.strip_prefix(EXIF_SIGNATURE).unwrap_or(body).to_vec()),
            b"XMP " => found.xmp = Some(body.to_vec()),
            _ => {}
        }
        pos += 8 + ((len + 1) & !1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0rest", "png"), Some(ImageFormat::Jpeg));
        assert_eq!(sniff(b"II*\0\x08\0\0\0", "tif"), Some(ImageFormat::Tiff));
        assert_eq!(sniff(b"II*\0\x08\0\0\0", "nef"), Some(ImageFormat::Raw));
        assert_eq!(sniff(b"hello, I am text", "jpg"), None);
        assert_eq!(sniff(b"", "jpg"), None);
    }

    #[test]
    fn truncated_jpeg_gives_what_it_has() {
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x40];
        jpeg.extend_from_slice(b"Exif\0\0II*\0");
        let found = jpeg_blocks(&jpeg);
        assert!(found.exif.is_none());
    }

    #[test]
    fn finds_iptc_in_photoshop_resources() {
        let mut irb = b"8BIM\x04\x04\0\0".to_vec();
        irb.extend_from_slice(&3u32.to_be_bytes());
        irb.extend_from_slice(b"abc\0");
        assert_eq!(iptc_from_photoshop(&irb).as_deref(), Some(&b"abc"[..]));
    }
}

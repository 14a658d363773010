//! The metadata a rendition carries, in the kit's languages: XMP (the primary copy, every
//! language in its lang-alts, the first target language as x-default) and IPTC-IIM beside it
//! for older readers, UTF-8 declared (1:90) and cut on character boundaries where IIM's byte
//! limits bite, with the IPTC digest so readers know the two agree. The sRGB profile goes in
//! too. Put into the encoded JPEG as segments, after its JFIF header.

use img_parts::jpeg::{markers, Jpeg, JpegSegment};
use img_parts::{Bytes, ImageICC};
use md5::{Digest, Md5};
use xmp_writer::{LangId, Namespace, XmpWriter};

use crate::probe::xmp::{IPTC_CORE, IPTC_EXT, PHOTOSHOP, PLUS};
use crate::sidecar::writer::{custom, text};

/// What a rendition says of itself. Texts by language come first-target-language first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoMeta {
    pub captions: Vec<(String, String)>,
    pub headline: Option<String>,
    pub alt_texts: Vec<(String, String)>,
    pub usage_terms: Vec<(String, String)>,
    pub creators: Vec<String>,
    pub credit: Option<String>,
    pub source: Option<String>,
    pub copyright: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub country: Option<String>,
    pub country_code: Option<String>,
    /// As the catalog keeps it (ISO 8601, with or without the time and offset).
    pub date_created: Option<String>,
    /// Title = the slug.
    pub slug: String,
    pub instructions: Option<String>,
    pub keywords: Vec<String>,
    pub persons: Vec<String>,
    pub web_statement: Option<String>,
    pub model_release: Option<String>,
    pub property_release: Option<String>,
}

/// `jpeg` with `meta` and the sRGB profile put in.
pub fn embed(jpeg: Vec<u8>, meta: &PhotoMeta, icc: &[u8]) -> Result<Vec<u8>, String> {
    let mut image = Jpeg::from_bytes(Bytes::from(jpeg)).map_err(|e| format!("reading the encoded JPEG: {e}"))?;
    let after_jfif = usize::from(image.segments().first().is_some_and(|s| s.marker() == markers::APP0));
    let mut xmp = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    xmp.extend_from_slice(xmp_packet(meta).as_bytes());
    let mut irb = b"Photoshop 3.0\0".to_vec();
    let iim = iim(meta);
    resource(&mut irb, 0x0404, &iim);
    resource(&mut irb, 0x0425, &Md5::digest(&iim));
    let segments = image.segments_mut();
    segments.insert(after_jfif, JpegSegment::new_with_contents(markers::APP1, Bytes::from(xmp)));
    segments.insert(after_jfif + 1, JpegSegment::new_with_contents(markers::APP13, Bytes::from(irb)));
    image.set_icc_profile(Some(Bytes::copy_from_slice(icc)));
    let mut out = Vec::new();
    image.encoder().write_to(&mut out).map_err(|e| format!("writing the JPEG: {e}"))?;
    Ok(out)
}

fn lang_alt<'a>(w: &mut XmpWriter<'a>, name: &'a str, ns: Namespace<'a>, texts: &'a [(String, String)]) {
    let Some((_, first)) = texts.first() else { return };
    let items = std::iter::once((None, first.as_str()))
        .chain(texts.iter().map(|(lang, text)| (Some(LangId(lang.as_str())), text.as_str())));
    w.element(name, ns).language_alternative(items);
}

fn xmp_packet(m: &PhotoMeta) -> String {
    let (photoshop, core) = (custom("photoshop", PHOTOSHOP), custom("Iptc4xmpCore", IPTC_CORE));
    let plus = custom("plus", PLUS);
    let mut w = XmpWriter::new();
    w.title([(None, m.slug.as_str())]);
    lang_alt(&mut w, "description", Namespace::DublinCore, &m.captions);
    if !m.creators.is_empty() {
        w.creator(m.creators.iter().map(String::as_str));
    }
    if let Some(c) = m.copyright.as_deref() {
        w.rights([(None, c)]);
    }
    if !m.keywords.is_empty() {
        w.subject(m.keywords.iter().map(String::as_str));
    }
    text(&mut w, "Headline", photoshop.clone(), &m.headline);
    text(&mut w, "Credit", photoshop.clone(), &m.credit);
    text(&mut w, "Source", photoshop.clone(), &m.source);
    text(&mut w, "City", photoshop.clone(), &m.city);
    text(&mut w, "State", photoshop.clone(), &m.province);
    text(&mut w, "Country", photoshop.clone(), &m.country);
    text(&mut w, "Instructions", photoshop.clone(), &m.instructions);
    text(&mut w, "DateCreated", photoshop, &m.date_created);
    text(&mut w, "CountryCode", core.clone(), &m.country_code);
    lang_alt(&mut w, "AltTextAccessibility", core, &m.alt_texts);
    if !m.persons.is_empty() {
        w.element("PersonInImage", custom("Iptc4xmpExt", IPTC_EXT))
            .unordered_array(m.persons.iter().map(String::as_str));
    }
    lang_alt(&mut w, "UsageTerms", Namespace::XmpRights, &m.usage_terms);
    if let Some(statement) = &m.web_statement {
        w.web_statement(statement);
    }
    text(&mut w, "ModelReleaseStatus", plus.clone(), &m.model_release);
    text(&mut w, "PropertyReleaseStatus", plus, &m.property_release);
    w.finish(None)
}

/// The longest start of `s` that fits in `max` bytes without splitting a character.
fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn dataset(out: &mut Vec<u8>, record: u8, number: u8, value: &[u8]) {
    out.extend_from_slice(&[0x1C, record, number]);
    out.extend_from_slice(&(value.len() as u16).to_be_bytes());
    out.extend_from_slice(value);
}

/// The IIM record: envelope 1:90 = UTF-8, then the application record's datasets (IPTC IIM
/// 4.2 numbers and byte limits).
fn iim(m: &PhotoMeta) -> Vec<u8> {
    let mut out = Vec::new();
    dataset(&mut out, 1, 90, b"\x1b%G");
    dataset(&mut out, 2, 0, &4u16.to_be_bytes());
    let mut put = |number: u8, max: usize, value: Option<&str>| {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            dataset(&mut out, 2, number, cut(v, max).as_bytes());
        }
    };
    put(5, 64, Some(&m.slug));
    for k in &m.keywords {
        put(25, 64, Some(k));
    }
    put(40, 256, m.instructions.as_deref());
    let (date, time) = iim_date(m.date_created.as_deref());
    put(55, 8, date.as_deref());
    put(60, 11, time.as_deref());
    for c in m.creators.iter().take(8) {
        put(80, 32, Some(c));
    }
    put(90, 32, m.city.as_deref());
    put(95, 32, m.province.as_deref());
    put(100, 3, m.country_code.as_deref());
    put(101, 64, m.country.as_deref());
    put(105, 256, m.headline.as_deref());
    put(110, 32, m.credit.as_deref());
    put(115, 32, m.source.as_deref());
    put(116, 128, m.copyright.as_deref());
    put(120, 2000, m.captions.first().map(|(_, c)| c.as_str()));
    out
}

/// IIM's CCYYMMDD and HHMMSS±HHMM from an ISO 8601 date or date-time.
fn iim_date(iso: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(iso) = iso else { return (None, None) };
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (day, rest) = iso.split_once('T').unwrap_or((iso, ""));
    let date = Some(digits(day)).filter(|d| d.len() == 8);
    let time = (!rest.is_empty()).then(|| {
        let (clock, zone) = match rest.find(['+', '-', 'Z']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        let clock: String = digits(clock.split('.').next().unwrap_or_default()).chars().take(6).collect();
        let zone = match zone {
            "" | "Z" => "+0000".to_owned(),
            z => format!("{}{}", &z[..1], digits(z)),
        };
        format!("{clock:0<6}{zone}")
    });
    (date, time.filter(|t| t.len() == 11))
}

/// One Photoshop image resource: signature, id, empty Pascal name, size, data, padded even.
fn resource(out: &mut Vec<u8>, id: u16, data: &[u8]) {
    out.extend_from_slice(b"8BIM");
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iim_cuts_on_character_boundaries() {
        let by_line = "Nguyễn Thị Phương Thảo, Báo Đồng Nai";
        let c = cut(by_line, 32);
        assert!(c.len() <= 32 && by_line.starts_with(c));
        assert_eq!(cut("đ", 1), "");
    }

    #[test]
    fn iim_dates_and_times() {
        assert_eq!(iim_date(Some("2026-03-05T08:30:15+07:00")), (Some("20260305".into()), Some("083015+0700".into())));
        assert_eq!(iim_date(Some("2026-03-05")), (Some("20260305".into()), None));
        assert_eq!(iim_date(Some("2026-03-05T08:30:15Z")).1.as_deref(), Some("083015+0000"));
    }
}

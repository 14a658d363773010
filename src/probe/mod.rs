//! What a media file says about itself. Photos: EXIF, IPTC-IIM and XMP (the file's own, under
//! an XMP sidecar beside it) reconciled as the Metadata Working Group's guidelines say (see
//! `mwg`); EXIF first for camera facts.

mod av;
mod av_raw;
mod capture_time;
mod container;
mod exif;
mod iptc;
mod mwg;
pub(crate) mod xmp;

use std::collections::BTreeMap;
use std::path::Path;

pub use av::{
    clockwise, describe as describe_media, is_text_subtitle, next_packet, open as open_media, packets_read, patience,
    read_media, start_s as media_start_s, AudioStream, Filmstrip, MediaInfo, SubtitleStream, VideoStream,
};
pub use capture_time::CaptureTime;
pub use container::{sniff, ImageFormat};

use crate::catalog::{Classification, Label, Release, SourceType};
use crate::error::{Error, Result};
use crate::taxonomy::Facet;
use crate::text::{detect_language, non_empty};
use mwg::{limit, Iim};
pub use xmp::Xmp;
use xmp::{AUX, DC, EXIF, EXIF_EX, IPTC_CORE, IPTC_EXT, MEDIADESK, PHOTOSHOP, PLUS, TIFF, XMP_BASIC, XMP_RIGHTS};

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
    /// Headlines in other languages (Mediadesk's own XMP property).
    pub headlines: BTreeMap<String, String>,
    pub title: Option<String>,
    /// Titles in other languages than the one `title` holds.
    pub titles: BTreeMap<String, String>,
    /// BCP-47 language → caption.
    pub captions: BTreeMap<String, String>,
    pub keywords: Vec<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub location: Option<String>,
    pub country: Option<String>,
    pub usage_terms: Option<String>,
    pub usage_terms_by_lang: BTreeMap<String, String>,
    pub source: Option<String>,
    pub instructions: Option<String>,
    pub web_statement: Option<String>,
    pub licensor: Option<String>,
    pub model_release: Option<Release>,
    pub property_release: Option<Release>,
    pub rating: Option<u8>,
    pub label: Option<Label>,
    /// What Mediadesk's own properties say: the plan's taxonomy, rights, a classification
    /// (which can only ever raise an asset's).
    pub facets: Vec<(Facet, String)>,
    pub territories: Vec<String>,
    /// IPTC Extension PersonInImage.
    pub persons: Vec<String>,
    pub rights_expire: Option<String>,
    pub source_type: Option<SourceType>,
    pub classification: Option<Classification>,
    /// Mediadesk's own embargo property: it can only lengthen an asset's embargo.
    pub embargo_until: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gps {
    pub lat: f64,
    pub lon: f64,
    pub alt: Option<f64>,
}

/// Reads the metadata of the photo whose bytes are `bytes`, under the XMP `sidecar` beside it
/// when there is one. `path` names the file in errors.
pub fn read_photo(path: &Path, bytes: &[u8], sidecar: Option<Xmp>) -> Result<PhotoInfo> {
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
    let photoshop = blocks.photoshop.as_deref().or(exif.photoshop.as_deref());
    let state = Iim::of(iptc_block.as_deref(), photoshop.and_then(container::iptc_digest));
    let iptc = iptc_block.as_deref().map(iptc::parse).unwrap_or_default();

    let mut info = merge(&exif, &xmp, &iptc, state);
    if let Some(sidecar) = &sidecar {
        info = sidecar_over(info, sidecar);
    }
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

/// What an XMP sidecar says, over what the file itself says (its own metadata reconciled
/// first): a field the sidecar holds is the sidecar's, as Lightroom and Photo Mechanic read
/// them; the technical facts stay the file's. A classification can only be raised.
pub fn sidecar_over(file: PhotoInfo, sidecar: &Xmp) -> PhotoInfo {
    let top = merge(&exif::ExifData::default(), sidecar, &iptc::Iptc::default(), Iim::Absent);
    fn map(top: BTreeMap<String, String>, file: BTreeMap<String, String>) -> BTreeMap<String, String> {
        if top.is_empty() {
            file
        } else {
            top
        }
    }
    fn list<T>(top: Vec<T>, file: Vec<T>) -> Vec<T> {
        if top.is_empty() {
            file
        } else {
            top
        }
    }
    PhotoInfo {
        format: file.format,
        width: file.width,
        height: file.height,
        orientation: file.orientation.or(top.orientation),
        captured: top.captured.or(file.captured),
        camera_make: file.camera_make.or(top.camera_make),
        camera_model: file.camera_model.or(top.camera_model),
        lens: file.lens.or(top.lens),
        gps: top.gps.or(file.gps),
        creator: top.creator.or(file.creator),
        credit: top.credit.or(file.credit),
        copyright: top.copyright.or(file.copyright),
        headline: top.headline.or(file.headline),
        headlines: map(top.headlines, file.headlines),
        title: top.title.or(file.title),
        titles: map(top.titles, file.titles),
        captions: map(top.captions, file.captions),
        keywords: list(top.keywords, file.keywords),
        city: top.city.or(file.city),
        province: top.province.or(file.province),
        location: top.location.or(file.location),
        country: top.country.or(file.country),
        usage_terms: top.usage_terms.or(file.usage_terms),
        usage_terms_by_lang: map(top.usage_terms_by_lang, file.usage_terms_by_lang),
        source: top.source.or(file.source),
        instructions: top.instructions.or(file.instructions),
        web_statement: top.web_statement.or(file.web_statement),
        licensor: top.licensor.or(file.licensor),
        model_release: top.model_release.or(file.model_release),
        property_release: top.property_release.or(file.property_release),
        rating: top.rating.or(file.rating),
        label: top.label.or(file.label),
        facets: list(top.facets, file.facets),
        territories: list(top.territories, file.territories),
        persons: list(top.persons, file.persons),
        rights_expire: top.rights_expire.or(file.rights_expire),
        source_type: top.source_type.or(file.source_type),
        classification: top.classification.max(file.classification),
        embargo_until: top.embargo_until.or(file.embargo_until),
    }
}

/// A lang-alt property split into the source language's text and the others by language.
fn by_language(xmp: &Xmp, ns: &str, name: &str) -> (Option<String>, BTreeMap<String, String>) {
    let mut tagged: BTreeMap<String, String> = BTreeMap::new();
    let mut default = None;
    for value in xmp.all(ns, name) {
        let Some(text) = non_empty(&value.text) else { continue };
        match value.lang.as_deref().map(canonical_language) {
            Some(lang) if lang != "x-default" && !lang.is_empty() => {
                tagged.entry(lang).or_insert(text);
            }
            _ => default = default.or(Some(text)),
        }
    }
    let source = tagged.remove(crate::translation::SOURCE_LANGUAGE).or_else(|| default.clone());
    if let Some(d) = default.filter(|d| Some(d) != source.as_ref()) {
        // An x-default in another language than the source: kept under the one it is in.
        let lang = detect_language(&d).unwrap_or("und").to_owned();
        tagged.entry(lang).or_insert(d);
    }
    tagged.retain(|_, t| Some(&*t) != source.as_ref());
    (source, tagged)
}

fn merge(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc, state: Iim) -> PhotoInfo {
    let xmp_creators: Vec<&str> = xmp.all(DC, "creator").iter().map(|v| v.text.as_str()).collect();
    let iptc_bylines: Vec<&str> = iptc.byline.iter().map(String::as_str).collect();
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join("; "));
    let exif_first = |exif: Option<&str>| exif.and_then(non_empty);
    let pick = |x: Option<&str>, i: &Option<String>, limit| state.pick(x, i.as_deref(), limit);
    // MWG takes the Location Shown of IPTC Extension before the legacy Photoshop fields.
    let place = |ext: &str, legacy: &str| xmp.first(IPTC_EXT, ext).or_else(|| xmp.first(PHOTOSHOP, legacy));
    let (title, titles) = by_language(xmp, DC, "title");
    let (usage_terms, usage_terms_by_lang) = by_language(xmp, XMP_RIGHTS, "UsageTerms");
    let (own_headline, headlines) = by_language(xmp, MEDIADESK, "Headline");
    let list =
        |name: &str| -> Vec<String> { xmp.all(MEDIADESK, name).iter().filter_map(|v| non_empty(&v.text)).collect() };
    let mut facets = Vec::new();
    for (facet, name) in [
        (Facet::Theme, "Themes"),
        (Facet::Audience, "Audiences"),
        (Facet::LeadUnit, "LeadUnits"),
        (Facet::Channel, "Channels"),
    ] {
        facets.extend(list(name).into_iter().map(|v| (facet, v)));
    }
    let parsed = |v: Option<&str>| -> Option<String> { v.and_then(non_empty) };

    PhotoInfo {
        width: exif.width,
        height: exif.height,
        orientation: exif.orientation.or_else(|| xmp.first(TIFF, "Orientation").and_then(|o| o.parse().ok())),
        captured: capture_time(exif, xmp, iptc, state),
        camera_make: first_text(&[exif.make.as_deref(), xmp.first(TIFF, "Make")]),
        camera_model: first_text(&[exif.model.as_deref(), xmp.first(TIFF, "Model")]),
        lens: first_text(&[exif.lens.as_deref(), xmp.first(EXIF_EX, "LensModel"), xmp.first(AUX, "Lens")]),
        gps: exif.gps.map(|(lat, lon, alt)| Gps { lat, lon, alt }).or_else(|| xmp_gps(xmp)),
        creator: exif_first(exif.artist.as_deref())
            .or_else(|| join(state.pick_list(&xmp_creators, &iptc_bylines, limit::BYLINE))),
        credit: pick(xmp.first(PHOTOSHOP, "Credit"), &iptc.credit, limit::CREDIT),
        copyright: exif_first(exif.copyright.as_deref())
            .or_else(|| pick(xmp.first(DC, "rights"), &iptc.copyright, limit::COPYRIGHT)),
        headline: pick(xmp.first(PHOTOSHOP, "Headline").or(own_headline.as_deref()), &iptc.headline, limit::HEADLINE),
        headlines,
        title: pick(title.as_deref(), &iptc.object_name, limit::OBJECT_NAME),
        titles,
        captions: captions(exif, xmp, iptc, state),
        keywords: keywords(xmp, iptc, state),
        city: pick(place("LocationShown.City", "City"), &iptc.city, limit::CITY),
        province: pick(place("LocationShown.ProvinceState", "State"), &iptc.province, limit::STATE),
        location: pick(
            xmp.first(IPTC_EXT, "LocationShown.Sublocation").or_else(|| xmp.first(IPTC_CORE, "Location")),
            &iptc.sublocation,
            limit::SUBLOCATION,
        ),
        country: pick(place("LocationShown.CountryName", "Country"), &iptc.country, limit::COUNTRY),
        usage_terms,
        usage_terms_by_lang,
        source: pick(xmp.first(PHOTOSHOP, "Source"), &iptc.source, limit::SOURCE),
        instructions: pick(xmp.first(PHOTOSHOP, "Instructions"), &iptc.instructions, limit::INSTRUCTIONS),
        web_statement: parsed(xmp.first(XMP_RIGHTS, "WebStatement")),
        licensor: parsed(xmp.first(PLUS, "Licensor.LicensorName")),
        model_release: xmp.first(PLUS, "ModelReleaseStatus").and_then(|r| Release::parse(r).ok()),
        property_release: xmp.first(PLUS, "PropertyReleaseStatus").and_then(|r| Release::parse(r).ok()),
        rating: xmp
            .first(XMP_BASIC, "Rating")
            .and_then(|r| r.trim().parse::<f64>().ok())
            .filter(|r| (0.0..=5.0).contains(r))
            .map(|r| r as u8),
        label: xmp.first(XMP_BASIC, "Label").and_then(|l| Label::parse(l).ok()),
        facets,
        territories: crate::catalog::fields::territories(&list("Territories")).unwrap_or_default(),
        persons: xmp.all(IPTC_EXT, "PersonInImage").iter().filter_map(|v| non_empty(&v.text)).collect(),
        rights_expire: xmp.first(MEDIADESK, "RightsExpire").and_then(|d| crate::catalog::fields::date(d).ok()),
        source_type: xmp.first(MEDIADESK, "SourceType").and_then(|t| SourceType::parse(t).ok()),
        classification: xmp.first(MEDIADESK, "Classification").and_then(|c| c.parse().ok()),
        embargo_until: xmp
            .first(MEDIADESK, "EmbargoUntil")
            .and_then(|e| crate::catalog::fields::embargo_time(e, time::UtcOffset::UTC).ok()),
        format: None,
    }
}

/// The capture time as MWG reads DateTimeOriginal: EXIF first, then XMP's DateCreated unless
/// IIM was changed without it, then IIM; then what other tools record. When the first has no
/// UTC offset, one recorded elsewhere for the same wall-clock time is borrowed (EXIF before
/// 2.31 had no offset; XMP and IPTC often do).
fn capture_time(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc, state: Iim) -> Option<CaptureTime> {
    let xmp_created =
        xmp.first(PHOTOSHOP, "DateCreated").and_then(CaptureTime::from_iso).filter(|_| state != Iim::Changed);
    let candidates: Vec<CaptureTime> = [
        exif.captured,
        xmp_created,
        iptc.date_created.as_deref().and_then(|d| CaptureTime::from_iptc(d, iptc.time_created.as_deref())),
        xmp.first(EXIF, "DateTimeOriginal").and_then(CaptureTime::from_iso),
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

/// Captions by language. The default (untagged) one is MWG's Description: EXIF's when it is
/// a real caption (not a camera's boilerplate), else XMP's x-default or IIM's as the digest
/// says. XMP's lang-alt gives the other languages; a tagged one that only repeated a stale
/// x-default gives way to the winner. The default caption is given the language it is
/// written in, unless it repeats a tagged one.
fn captions(exif: &exif::ExifData, xmp: &Xmp, iptc: &iptc::Iptc, state: Iim) -> BTreeMap<String, String> {
    let mut captions = BTreeMap::new();
    let mut xmp_default = None;
    for value in xmp.all(DC, "description") {
        let Some(text) = non_empty(&value.text) else { continue };
        match value.lang.as_deref().map(canonical_language) {
            Some(lang) if lang != "x-default" && !lang.is_empty() => {
                captions.entry(lang).or_insert(text);
            }
            _ => xmp_default = xmp_default.or(Some(text)),
        }
    }
    let real_exif = exif.description.as_deref().filter(|d| !is_camera_boilerplate(d)).and_then(non_empty);
    let winner = real_exif.or_else(|| state.pick(xmp_default.as_deref(), iptc.caption.as_deref(), limit::CAPTION));
    let Some(winner) = winner else { return captions };
    if let Some(stale) = xmp_default.filter(|d| *d != winner) {
        for text in captions.values_mut().filter(|t| **t == stale) {
            *text = winner.clone();
        }
    }
    if !captions.values().any(|c| *c == winner) {
        let lang = detect_language(&winner).unwrap_or("und").to_owned();
        let lang = if captions.contains_key(&lang) { "und".to_owned() } else { lang };
        captions.entry(lang).or_insert(winner);
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

/// MWG's Keywords: XMP's, or IIM's when XMP has none or the digest says IIM changed since.
fn keywords(xmp: &Xmp, iptc: &iptc::Iptc, state: Iim) -> Vec<String> {
    let from_xmp: Vec<&str> = xmp.all(DC, "subject").iter().map(|v| v.text.as_str()).collect();
    let from_iim: Vec<&str> = iptc.keywords.iter().map(String::as_str).collect();
    let mut out: Vec<String> = Vec::new();
    for keyword in state.pick_list(&from_xmp, &from_iim, limit::KEYWORD) {
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

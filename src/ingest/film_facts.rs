//! The descriptive fields of a film or sound (what the catalog keeps for every asset), taken
//! from what libav read: its tags, creation time and place.

use crate::probe::{CaptureTime, Gps, MediaInfo, PhotoInfo};
use crate::text::detect_language;

pub fn embedded(media: &MediaInfo, local_offset: time::UtcOffset) -> PhotoInfo {
    let mut info = PhotoInfo {
        width: media.video.as_ref().map(|v| v.width),
        height: media.video.as_ref().map(|v| v.height),
        orientation: media.video.as_ref().map(|_| media.orientation()),
        captured: captured(media, local_offset),
        camera_make: media.make.clone(),
        camera_model: media.model.clone(),
        gps: media.location.as_deref().and_then(iso6709),
        creator: media.artist.clone(),
        copyright: media.copyright.clone(),
        title: media.title.clone(),
        // A film's title is what lists show of it, as a photo's headline.
        headline: media.title.clone(),
        keywords: media.keywords.iter().flat_map(|k| k.split([',', ';'])).filter_map(crate::text::non_empty).collect(),
        ..Default::default()
    };
    if let Some(comment) = &media.comment {
        let lang = detect_language(comment).unwrap_or("und");
        info.captions.insert(lang.to_owned(), comment.clone());
    }
    info
}

/// When the film was made. Containers record UTC (MP4's creation_time); editors think in local
/// time, so UTC becomes this machine's local time. Phones' local creation dates stay as written.
pub fn captured(media: &MediaInfo, local_offset: time::UtcOffset) -> Option<CaptureTime> {
    let t = media.created.as_deref().and_then(CaptureTime::from_iso)?;
    if t.offset_minutes == Some(0) {
        return Some(t.at_offset(local_offset).unwrap_or(t));
    }
    Some(t)
}

/// A point in ISO 6709 form, as phones record it: "+10.9470+106.8440+012.000/".
fn iso6709(s: &str) -> Option<Gps> {
    let s = s.trim().trim_end_matches('/');
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices().skip(1) {
        if c == '+' || c == '-' {
            parts.push(&s[start..i]);
            start = i;
        }
    }
    parts.push(&s[start..]);
    let number = |p: &&str| p.parse::<f64>().ok();
    let lat = parts.first().and_then(number)?;
    let lon = parts.get(1).and_then(number)?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then(|| Gps {
        lat,
        lon,
        alt: parts.get(2).and_then(number),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_phone_locations() {
        let g = iso6709("+10.9470+106.8440+012.000/").expect("a point");
        assert_eq!((g.lat, g.lon, g.alt), (10.947, 106.844, Some(12.0)));
        let g = iso6709("-33.8688+151.2093/").expect("a point");
        assert_eq!((g.lat, g.lon, g.alt), (-33.8688, 151.2093, None));
        assert!(iso6709("garbage").is_none());
    }
}

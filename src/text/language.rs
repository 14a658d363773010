//! Language detection for untagged captions (whatlang), answered as a BCP-47 tag.

use whatlang::Lang;

/// The BCP-47 tag of the language `text` is written in, or `None` when detection is unsure.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    // whatlang is overconfident on a few words and underconfident on short English sentences;
    // Vietnamese is unmistakable from its letters, so trust it on any length.
    let long_enough = text.chars().filter(|c| c.is_alphabetic()).count() >= 20;
    if info.lang() != Lang::Vie && !(info.is_reliable() || (long_enough && info.confidence() > 0.5)) {
        return None;
    }
    Some(match info.lang() {
        Lang::Vie => "vi",
        Lang::Eng => "en",
        Lang::Kor => "ko",
        Lang::Jpn => "ja",
        Lang::Cmn => "zh",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Rus => "ru",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Tha => "th",
        Lang::Khm => "km",
        Lang::Ind => "id",
        Lang::Nld => "nl",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_vietnamese_from_english() {
        assert_eq!(detect_language("Khách du lịch tham quan hồ Trị An vào buổi sáng"), Some("vi"));
        assert_eq!(detect_language("Tourists visit Tri An lake in Dong Nai province in the early morning"), Some("en"));
        assert_eq!(detect_language("OK"), None);
    }
}

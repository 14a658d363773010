//! Language detection for untagged captions (whatlang), answered as a BCP-47 tag.

use whatlang::Lang;

/// The languages answered (the rest give `None` anyway): fewer to score, and the scoring of
/// each text is most of the cost of checking a subtitle track.
const KNOWN: [Lang; 15] = [
    Lang::Vie,
    Lang::Eng,
    Lang::Kor,
    Lang::Jpn,
    Lang::Cmn,
    Lang::Fra,
    Lang::Deu,
    Lang::Rus,
    Lang::Spa,
    Lang::Por,
    Lang::Ita,
    Lang::Tha,
    Lang::Khm,
    Lang::Ind,
    Lang::Nld,
];

/// Whether `text` has a letter only Vietnamese writes: ơ, ư, ă, đ, ĩ, ũ, or a vowel with a dot
/// below or a hook above.
pub fn has_vietnamese_letters(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, 'ơ' | 'ư' | 'ă' | 'đ' | 'ĩ' | 'ũ' | 'Ơ' | 'Ư' | 'Ă' | 'Đ' | 'Ĩ' | 'Ũ' | '\u{1EA0}'..='\u{1EF9}')
    })
}

/// The BCP-47 tag of the language `text` is written in, or `None` when detection is unsure.
pub fn detect_language(text: &str) -> Option<&'static str> {
    // Letters only Vietnamese writes (ơ, ư, ă, đ, vowels with a dot below or a hook above) in
    // most words: Vietnamese, without scoring. A few such words are names in another language
    // ("Welcome to Đồng Nai").
    let (mut words, mut marked) = (0, 0);
    for word in text.split_whitespace() {
        words += 1;
        marked += usize::from(has_vietnamese_letters(word));
    }
    if words > 0 && marked * 5 >= words * 2 {
        return Some("vi");
    }
    static DETECTOR: std::sync::OnceLock<whatlang::Detector> = std::sync::OnceLock::new();
    let info = DETECTOR.get_or_init(|| whatlang::Detector::with_allowlist(KNOWN.to_vec())).detect(text)?;
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

/// The BCP-47 tag for an ISO 639-2 code as containers record it ("vie", "fre", "chi"): the
/// two-letter code where one exists, the code itself otherwise. `None` for "und" and blanks.
pub fn from_iso639_2(code: &str) -> Option<String> {
    let raw = code.trim();
    let code = raw.to_ascii_lowercase();
    if code.is_empty() || code == "und" || code == "zxx" || code == "mis" || code == "mul" {
        return None;
    }
    // Containers also carry two-letter and full BCP-47 tags (Matroska's LanguageIETF).
    if code.contains('-') {
        // Only what a BCP-47 tag can hold: it ends up in file names and the catalog.
        let valid = raw.len() <= 35 && raw.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        return valid.then(|| raw.to_owned());
    }
    if !code.chars().all(|c| c.is_ascii_alphabetic()) || code.len() > 8 {
        return None;
    }
    if code.len() == 2 {
        return Some(code);
    }
    let two = match code.as_str() {
        "vie" => "vi",
        "eng" => "en",
        "fra" | "fre" => "fr",
        "deu" | "ger" => "de",
        "zho" | "chi" => "zh",
        "jpn" => "ja",
        "kor" => "ko",
        "rus" => "ru",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "tha" => "th",
        "khm" => "km",
        "lao" => "lo",
        "ind" => "id",
        "msa" | "may" => "ms",
        "nld" | "dut" => "nl",
        "ara" => "ar",
        "hin" => "hi",
        "ben" => "bn",
        "tam" => "ta",
        "urd" => "ur",
        "fas" | "per" => "fa",
        "tur" => "tr",
        "pol" => "pl",
        "ces" | "cze" => "cs",
        "slk" | "slo" => "sk",
        "hun" => "hu",
        "ron" | "rum" => "ro",
        "bul" => "bg",
        "ukr" => "uk",
        "ell" | "gre" => "el",
        "heb" => "he",
        "swe" => "sv",
        "nor" => "no",
        "nob" => "nb",
        "dan" => "da",
        "fin" => "fi",
        "hrv" => "hr",
        "srp" => "sr",
        "cat" => "ca",
        "mya" | "bur" => "my",
        "tgl" => "tl",
        "mon" => "mn",
        _ => return Some(code),
    };
    Some(two.to_owned())
}

/// The Noto face that draws text in `tag` (BCP-47) as its readers expect: the CJK faces differ
/// in the shapes of shared characters (Korean, Japanese, Simplified and Traditional Chinese);
/// every other script Mediadesk writes is in Noto Sans.
pub fn noto_face(tag: &str) -> &'static str {
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or_default().to_ascii_lowercase();
    let traditional = parts.any(|p| ["hant", "tw", "hk", "mo"].contains(&p.to_ascii_lowercase().as_str()));
    match lang.as_str() {
        "ko" => "Noto Sans CJK KR",
        "ja" => "Noto Sans CJK JP",
        "zh" if traditional => "Noto Sans CJK TC",
        "zh" => "Noto Sans CJK SC",
        _ => "Noto Sans",
    }
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

    #[test]
    fn container_languages_become_bcp47() {
        assert_eq!(from_iso639_2("vie").as_deref(), Some("vi"));
        assert_eq!(from_iso639_2("fre").as_deref(), Some("fr"));
        assert_eq!(from_iso639_2("fil").as_deref(), Some("fil"));
        assert_eq!(from_iso639_2("zh-Hant").as_deref(), Some("zh-Hant"));
        assert_eq!(from_iso639_2("und"), None);
        assert_eq!(from_iso639_2("../../etc"), None);
        assert_eq!(from_iso639_2("v/e"), None);
    }
}

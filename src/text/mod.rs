//! Vietnamese-aware text handling: NFC storage, diacritic folding for search, language detection.

mod encoding;
mod language;
mod syllable;
mod viscii;

pub use encoding::{decode_text, TextEncoding};
pub use language::{detect_language, from_iso639_2, has_vietnamese_letters, noto_face};

use unicode_normalization::UnicodeNormalization;

/// Text as the catalog stores it: NFC, trimmed, with control characters removed.
pub fn clean(s: &str) -> String {
    let kept = |c: &char| !c.is_control() || *c == '\n' || *c == '\t';
    let cleaned: String = if is_nfc(s) { s.chars().filter(kept).collect() } else { s.nfc().filter(kept).collect() };
    cleaned.trim().to_string()
}

/// `s` in NFC; text already in NFC (nearly all of it) is only scanned, not recomposed.
pub fn to_nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

pub(crate) fn is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

/// `clean`, but `None` for text that is empty after cleaning (cameras pad fields with spaces).
pub fn non_empty(s: &str) -> Option<String> {
    let c = clean(s);
    (!c.is_empty()).then_some(c)
}

/// Search form of a text: lower case, diacritics removed, đ/Đ as d.
/// FTS5's `remove_diacritics 2` does not fold đ (it is a letter, not d plus a mark), so the
/// catalog folds both the indexed text and the query the same way here.
pub fn fold(s: &str) -> String {
    // Only the Latin combining marks go: kana voicing marks and Hangul jamo must survive.
    s.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            'ð' | 'Ð' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_vietnamese_including_d_bar() {
        assert_eq!(fold("Đồng Nai"), "dong nai");
        assert_eq!(fold("Biên Hòa"), "bien hoa");
        assert_eq!(fold("TUYỆT MẬT"), "tuyet mat");
        assert_eq!(fold("đường"), "duong");
        assert_eq!(fold("한국어"), "한국어");
        assert_eq!(fold("ガイド"), "ガイド");
    }

    #[test]
    fn clean_composes_nfd_input() {
        let nfd: String = "Bưởi Tân Triều".nfd().collect();
        assert_ne!(nfd, "Bưởi Tân Triều");
        assert_eq!(clean(&nfd), "Bưởi Tân Triều");
        assert_eq!(non_empty("   \0 "), None);
    }
}

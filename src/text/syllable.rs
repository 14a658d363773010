//! Whether a word is a Vietnamese syllable: an initial consonant, a medial glide, a vowel
//! nucleus and a final, each from the language's short lists, and at most one tone mark.
//! Legacy-encoding mojibake ("Tiêìng", "Ñoàng", "§ång") fails it; real words pass.

use unicode_normalization::UnicodeNormalization;

const INITIALS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "q", "r", "s", "t", "v",
];
const MORE_INITIALS: [&str; 1] = ["x"];
const NUCLEI: [&str; 20] =
    ["iê", "yê", "ia", "ya", "uô", "ua", "ươ", "ưa", "a", "ă", "â", "e", "ê", "i", "y", "o", "ô", "ơ", "u", "ư"];
// "k" ends the Central Highlands' names (Đắk Lắk, Đắk Nông).
const FINALS: [&str; 14] = ["ch", "ng", "nh", "c", "k", "m", "n", "p", "t", "i", "y", "o", "u", ""];

/// The word without its tone mark, lower case, the vowels' own shapes (â, ơ, ư, …) kept.
fn toneless(word: &str) -> Option<(String, usize)> {
    let mut tones = 0;
    let mut kept = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
            c => kept.push(c),
        }
    }
    Some((kept.nfc().flat_map(char::to_lowercase).collect(), tones))
}

/// `rest` is a rhyme: an optional medial (o, u), a nucleus, a final.
fn is_rhyme(rest: &str) -> bool {
    let after_medial = [rest, rest.strip_prefix('o').unwrap_or("\0"), rest.strip_prefix('u').unwrap_or("\0")];
    after_medial.iter().any(|r| NUCLEI.iter().any(|n| r.strip_prefix(n).is_some_and(|tail| FINALS.contains(&tail))))
}

pub fn is_vietnamese_syllable(word: &str) -> bool {
    let Some((w, tones)) = toneless(word) else { return false };
    if tones > 1 || w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase() || "đăâêôơư".contains(c)) {
        return false;
    }
    // "gi" and "qu" also stand alone before a vowel ("gì", "quá"): try the shorter initials too.
    let initials = INITIALS.iter().chain(MORE_INITIALS.iter()).filter(|i| w.starts_with(**i));
    initials.map(|i| &w[i.len()..]).chain(std::iter::once(w.as_str())).any(is_rhyme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_the_language_pass() {
        for w in [
            "Nguyễn",
            "người",
            "đường",
            "Việt",
            "Tiếng",
            "khuya",
            "quyết",
            "giữa",
            "gì",
            "oái",
            "ừ",
            "ế",
            "Hòa",
            "hoà",
            "Biên",
            "thuở",
            "chuyện",
            "nghiêng",
            "Đắk",
            "Lắk",
            "xoăn",
            "khuỷu",
            "quốc",
            "Thành",
            "Đồng",
            "ở",
        ] {
            assert!(is_vietnamese_syllable(w), "{w}");
        }
    }

    #[test]
    fn mojibake_and_foreign_words_fail() {
        for w in ["Tiêìng", "Viêòt", "Vieät", "Ñoàng", "§ång", "ViÖt", "café", "Müller", "naïve", "ðồng", "tiếếng"]
        {
            assert!(!is_vietnamese_syllable(w), "{w}");
        }
    }
}

//! Names of what a kit writes. Every file and folder name is made here, from ASCII letters,
//! digits and hyphens only, always led by an id: whatever a title, slug or recipient holds
//! (`..`, slashes, NUL, a drive letter, `CON`, 300 characters), it cannot climb out of the
//! kit's folder, collide, or trip a receiver's tools (bagit.py strips edge spaces and never
//! decodes `%`). The human text goes in bag-info and ninjs instead.

use crate::text::fold;

/// The most characters a slug adds to a name.
const SLUG_CHARS: usize = 40;

/// `text` as lower-case ASCII words joined by hyphens, at most `max` characters, cut at a
/// word where it can be; letters without an ASCII form (Hangul, kana, Han) drop out.
pub fn slug(text: &str, max: usize) -> String {
    let folded = fold(text);
    let words = folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty());
    let mut out = String::new();
    for word in words {
        let extra = if out.is_empty() { word.len() } else { word.len() + 1 };
        if out.len() + extra > max {
            if out.is_empty() {
                out.push_str(&word[..max]);
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out
}

/// A file or folder name: `lead` (an id, made by Mediadesk), then the slug of `text` if any.
pub fn name(lead: &str, text: Option<&str>) -> String {
    debug_assert!(lead.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    match text.map(|t| slug(t, SLUG_CHARS)).filter(|s| !s.is_empty()) {
        Some(s) => format!("{lead}-{s}"),
        None => lead.to_owned(),
    }
}

/// The agency slug shared by an item's text, photos and films: `NNNN-SUBJECT-SUBJECT`, at most
/// 49 characters, the number the story's and the subjects its headline's words.
pub fn agency_slug(number: i64, headline: Option<&str>) -> String {
    let lead = format!("{:04}", number.rem_euclid(10_000));
    let subjects = headline.map(|h| slug(h, 49 - 5).to_ascii_uppercase()).unwrap_or_default();
    if subjects.is_empty() {
        lead
    } else {
        format!("{lead}-{subjects}")
    }
}

/// Whether `name` is one this module could have made: what `kit verify` asks of every path
/// component in a bag it did not make itself.
pub fn is_plain(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_vietnamese_and_drops_what_has_no_ascii_form() {
        assert_eq!(slug("Sân bay Long Thành: đường băng số 1", 40), "san-bay-long-thanh-duong-bang-so-1");
        assert_eq!(slug("롱탄 공항", 40), "");
        assert_eq!(name("12", Some("롱탄 공항")), "12");
        assert_eq!(slug("Đồng Nai Đồng Nai Đồng Nai", 12), "dong-nai");
    }

    #[test]
    fn agency_slugs_are_short_upper_case_and_numbered() {
        let s = agency_slug(3, Some("Khởi công nhà ga hành khách sân bay quốc tế Long Thành, Đồng Nai"));
        assert!(s.starts_with("0003-KHOI-CONG-NHA-GA"), "{s}");
        assert!(s.len() <= 49, "{s}");
        assert_eq!(agency_slug(12345, None), "2345");
    }

    proptest! {
        #[test]
        fn no_text_makes_a_name_that_escapes_or_hides(text in any::<String>(), lead in 1i64..100_000) {
            for text in [text.clone(), format!("../../{text}"), format!("/etc/{text}"), format!("C:\\{text}\0"),
                         "CON".into(), "x".repeat(300), format!(" {text}. ")] {
                let n = name(&lead.to_string(), Some(&text));
                prop_assert!(is_plain(&n), "{n:?}");
                prop_assert!(n.starts_with(&lead.to_string()));
                prop_assert!(n.len() <= 6 + 1 + SLUG_CHARS);
                prop_assert!(!n.contains(".."));
            }
        }
    }
}

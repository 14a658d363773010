//! Where EXIF, IPTC-IIM and XMP disagree, the Metadata Working Group's guidelines decide, as
//! `exiftool -use MWG` does: EXIF first for description, creator and copyright; then XMP,
//! unless the IPTC digest says IIM was changed by a tool that did not update XMP, in which
//! case IIM (a value IIM cut at its byte limit is taken whole from XMP).

use md5::{Digest, Md5};

/// What IIM is worth beside XMP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Iim {
    /// The file has no IIM.
    Absent,
    /// IIM agrees with XMP, or nothing says it does not: XMP first, IIM where XMP says nothing.
    InStep,
    /// The digest does not match: IIM was edited after XMP was written. IIM alone counts.
    Changed,
}

impl Iim {
    pub fn of(block: Option<&[u8]>, stored_digest: Option<[u8; 16]>) -> Iim {
        match (block, stored_digest) {
            (None, _) => Iim::Absent,
            (Some(block), Some(stored)) if Md5::digest(block).as_slice() != stored => Iim::Changed,
            _ => Iim::InStep,
        }
    }

    /// The value to take of a field both may hold; `limit` is IIM's byte limit for it.
    pub fn pick(self, xmp: Option<&str>, iim: Option<&str>, limit: usize) -> Option<String> {
        let chosen = match self {
            Iim::Absent => xmp,
            Iim::InStep => xmp.or(iim),
            Iim::Changed => match (iim, xmp) {
                // IIM cut at its byte limit (on a character: up to 3 bytes short of it for
                // Vietnamese): XMP holds the whole of it.
                (Some(i), Some(x))
                    if i.len() <= limit && i.len() + 4 > limit && x.len() > limit && x.starts_with(i) =>
                {
                    Some(x)
                }
                (i, _) => i,
            },
        };
        chosen.and_then(crate::text::non_empty)
    }

    /// The same for a list (keywords, bylines), item by item when IIM is taken.
    pub fn pick_list(self, xmp: &[&str], iim: &[&str], limit: usize) -> Vec<String> {
        match self {
            Iim::Absent => xmp.iter().filter_map(|v| crate::text::non_empty(v)).collect(),
            Iim::InStep if !xmp.is_empty() => Iim::Absent.pick_list(xmp, iim, limit),
            _ => iim
                .iter()
                .enumerate()
                .filter_map(|(i, v)| Iim::Changed.pick(xmp.get(i).copied(), Some(v), limit))
                .collect(),
        }
    }
}

/// IIM's byte limits (IPTC-NAA IIM 4.2).
pub mod limit {
    pub const BYLINE: usize = 32;
    pub const KEYWORD: usize = 64;
    pub const CAPTION: usize = 2000;
    pub const COPYRIGHT: usize = 128;
    pub const CITY: usize = 32;
    pub const STATE: usize = 32;
    pub const COUNTRY: usize = 64;
    pub const SUBLOCATION: usize = 32;
    pub const HEADLINE: usize = 256;
    pub const CREDIT: usize = 32;
    pub const SOURCE: usize = 32;
    pub const OBJECT_NAME: usize = 64;
    pub const INSTRUCTIONS: usize = 256;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_decides_between_xmp_and_iim() {
        let block = b"\x1c\x02\x78\x00\x03abc";
        let digest: [u8; 16] = Md5::digest(block).into();
        assert_eq!(Iim::of(None, Some(digest)), Iim::Absent);
        assert_eq!(Iim::of(Some(block), None), Iim::InStep);
        assert_eq!(Iim::of(Some(block), Some(digest)), Iim::InStep);
        assert_eq!(Iim::of(Some(block), Some([0; 16])), Iim::Changed);
        assert_eq!(Iim::InStep.pick(Some("xmp"), Some("iim"), 32).as_deref(), Some("xmp"));
        assert_eq!(Iim::InStep.pick(None, Some("iim"), 32).as_deref(), Some("iim"));
        assert_eq!(Iim::Changed.pick(Some("xmp"), Some("iim"), 32).as_deref(), Some("iim"));
        assert_eq!(Iim::Changed.pick(Some("xmp"), None, 32), None, "IIM edited, the field removed");
        // Cut at 32 bytes on a character boundary, as exiftool writes a long By-line.
        let long = "Nguyễn Văn A, phóng viên ảnh Báo Đồng Nai";
        let end = long.char_indices().map(|(i, _)| i).take_while(|i| *i <= 32).last().unwrap_or(0);
        assert!(end < 32, "this cut falls inside a letter at 32");
        assert_eq!(Iim::Changed.pick(Some(long), Some(&long[..end]), 32).as_deref(), Some(long));
        assert_eq!(Iim::Changed.pick(Some(long), Some("Nguyễn"), 32).as_deref(), Some("Nguyễn"), "not cut");
    }
}

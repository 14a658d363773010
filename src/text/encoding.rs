//! The text encodings translators' files arrive in: UTF-8 (with or without a byte-order mark),
//! UTF-16 either way round, Windows-1258, and the legacy Vietnamese font encodings still found
//! in newsrooms, TCVN3 (the ABC fonts) and VNI. A legacy file carries no label, so each
//! reading is scored by how many of its accented words are Vietnamese syllables; a file none
//! reads cleanly is refused with the reason, never turned into mojibake.

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16le,
    Utf16be,
    Windows1258,
    /// TCVN 5712:1993 VN3, the ABC fonts (.VnTime); read through the VN1 table, its superset.
    Tcvn3,
    /// VNI-Windows: a letter followed by the Windows-1252 byte of its mark.
    Vni,
    /// VISCII (RFC 1456): every letter precomposed, six of them in place of control codes.
    Viscii,
    /// Western European text (French, German…) saved the old way.
    Windows1252,
}

impl TextEncoding {
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf8Bom => "utf-8-bom",
            TextEncoding::Utf16le => "utf-16le",
            TextEncoding::Utf16be => "utf-16be",
            TextEncoding::Windows1258 => "windows-1258",
            TextEncoding::Tcvn3 => "tcvn3",
            TextEncoding::Vni => "vni",
            TextEncoding::Viscii => "viscii",
            TextEncoding::Windows1252 => "windows-1252",
        }
    }
}

/// Decodes `bytes` to NFC text, naming the encoding found; the error says why no encoding fits.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return strict_utf8(rest).map(|s| (s, TextEncoding::Utf8Bom));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes).map(|s| (s, TextEncoding::Utf16le));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes).map(|s| (s, TextEncoding::Utf16be));
    }
    // UTF-16 without a mark: Latin text has a zero in every other byte.
    if let Some(order) = unmarked_utf16(bytes) {
        return match order {
            TextEncoding::Utf16le => utf16(bytes, u16::from_le_bytes),
            _ => utf16(bytes, u16::from_be_bytes),
        }
        .map(|s| (s, order));
    }
    let control = |b: u8| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C));
    // VISCII spells six capitals with control codes; anything else below 0x20 is binary.
    if let Some(at) = bytes.iter().position(|&b| control(b) && !VISCII_LOW.contains(&b)) {
        return Err(format!("not text: a control byte 0x{:02X} at offset {at}", bytes[at]));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        if let Some(at) = bytes.iter().position(|&b| control(b)) {
            return Err(format!("not text: a control byte 0x{:02X} at offset {at}", bytes[at]));
        }
        return Ok((super::to_nfc(s), TextEncoding::Utf8));
    }
    legacy(bytes)
}

fn strict_utf8(bytes: &[u8]) -> Result<String, String> {
    std::str::from_utf8(bytes)
        .map(super::to_nfc)
        .map_err(|e| format!("marked UTF-8 but not valid UTF-8 at offset {}", e.valid_up_to() + 3))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 with an odd number of bytes (cut short?)".into());
    }
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let text: String = char::decode_utf16(units)
        .enumerate()
        .map(|(i, c)| c.map_err(|_| format!("UTF-16 with a broken surrogate pair near offset {}", i * 2)))
        .collect::<Result<_, _>>()?;
    Ok(super::to_nfc(&text))
}

fn unmarked_utf16(bytes: &[u8]) -> Option<TextEncoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let zero_high = sample.chunks_exact(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let zero_low = sample.chunks_exact(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if zero_high * 10 >= pairs * 3 && zero_low == 0 {
        Some(TextEncoding::Utf16le)
    } else if zero_low * 10 >= pairs * 3 && zero_high == 0 {
        Some(TextEncoding::Utf16be)
    } else {
        None
    }
}

/// Reads an unlabelled 8-bit file every way a Vietnamese newsroom writes one and keeps the
/// reading whose accented words are Vietnamese syllables, if exactly one clearly is. Never
/// mojibake: when no reading is clearly Vietnamese or two come close, and it is not a Western
/// European text either, the file is refused with every reading's score.
fn legacy(bytes: &[u8]) -> Result<(String, TextEncoding), String> {
    let readings = [
        (TextEncoding::Windows1258, windows(bytes, encoding_rs::WINDOWS_1258)),
        (TextEncoding::Tcvn3, tcvn3(bytes)),
        (TextEncoding::Vni, vni(&windows(bytes, encoding_rs::WINDOWS_1252))),
        (TextEncoding::Viscii, super::viscii::decode(bytes)),
    ];
    let mut scored: Vec<(f64, TextEncoding, String)> =
        readings.into_iter().map(|(encoding, text)| (vietnamese_share(&text), encoding, text)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let scores: Vec<String> = scored.iter().map(|(s, e, _)| format!("{} {:.0}%", e.name(), s * 100.0)).collect();
    let (best, runner_up) = (scored[0].0, scored[1].0);
    // Readings that come close but read the same text (a file whose only 8-bit bytes are
    // quotes and dashes) are not in doubt.
    let close_agree = scored.iter().filter(|s| best - s.0 < 0.2).all(|s| s.2 == scored[0].2);
    if best >= 0.9 && (best - runner_up >= 0.2 || close_agree) {
        let (_, encoding, text) = scored.swap_remove(0);
        return Ok((text, encoding));
    }
    // A Western European file: its letters are all letters, the words around them are
    // French, German…, and no Vietnamese reading comes near.
    let western = windows(bytes, encoding_rs::WINDOWS_1252);
    if best < 0.5 && looks_western(&western) && super::detect_language(&western).is_some_and(|l| l != "vi") {
        return Ok((western, TextEncoding::Windows1252));
    }
    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let why = if best >= 0.9 { "two readings are close" } else { "no reading is clearly Vietnamese" };
    Err(format!(
        "not UTF-8 or UTF-16, and no 8-bit encoding reads it with confidence: {why} (Vietnamese words: {}; \
         Windows-1252 considered too); first non-ASCII byte at offset {first}",
        scores.join(", ")
    ))
}

/// The control codes VISCII gives to letters (Ẳ Ẵ Ẫ Ỷ Ỹ Ỵ).
const VISCII_LOW: [u8; 6] = [0x02, 0x05, 0x06, 0x14, 0x19, 0x1E];

fn windows(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> String {
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    text.nfc().collect()
}

/// TCVN 5712 VN1 from 0x80 (VN3, the ABC table, is its subset); 0xB0–0xB4 are combining marks.
const TCVN_HIGH: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{00C1}', '\u{1EA0}', '\u{1EB6}', '\u{1EAC}', '\u{00C8}', // 0x80
    '\u{1EBA}', '\u{1EBC}', '\u{00C9}', '\u{1EB8}', '\u{1EC6}', '\u{00CC}', '\u{1EC8}', '\u{0128}', // 0x88
    '\u{00CD}', '\u{1ECA}', '\u{00D2}', '\u{1ECE}', '\u{00D5}', '\u{00D3}', '\u{1ECC}', '\u{1ED8}', // 0x90
    '\u{1EDC}', '\u{1EDE}', '\u{1EE0}', '\u{1EDA}', '\u{1EE2}', '\u{00D9}', '\u{1EE6}', '\u{0168}', // 0x98
    '\u{00A0}', '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}', '\u{0110}', // 0xA0
    '\u{0103}', '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}', '\u{1EB0}', // 0xA8
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}', '\u{00E3}', // 0xB0
    '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}', '\u{1EB4}', // 0xB8
    '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}', '\u{1EA7}', // 0xC0
    '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}', '\u{1EBD}', // 0xC8
    '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}', '\u{00EC}', // 0xD0
    '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}', '\u{00F2}', // 0xD8
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}', '\u{1ED7}', // 0xE0
    '\u{1ED1}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}', '\u{00F9}', // 0xE8
    '\u{1ED6}', '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}', '\u{1EEF}', // 0xF0
    '\u{1EE9}', '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}', '\u{1ED0}', // 0xF8
];

fn tcvn3(bytes: &[u8]) -> String {
    let raw: String =
        bytes.iter().map(|&b| if b < 0x80 { b as char } else { TCVN_HIGH[usize::from(b - 0x80)] }).collect();
    raw.nfc().collect()
}

/// VNI-Windows, read from its Windows-1252 glyphs: a base letter, then the glyph of its mark
/// ("Vieät" is Việt, "Ñoàng" Đồng); a few letters are a glyph of their own (ô is ơ, ö is ư).
fn vni(glyphs: &str) -> String {
    let mut out = String::with_capacity(glyphs.len());
    let mut chars = glyphs.chars().peekable();
    while let Some(c) = chars.next() {
        let base = match c {
            'ô' => 'ơ',
            'Ô' => 'Ơ',
            'ö' => 'ư',
            'Ö' => 'Ư',
            'ñ' => 'đ',
            'Ñ' => 'Đ',
            'í' | 'Í' | 'ì' | 'Ì' => c,
            'æ' => 'ỉ',
            'Æ' => 'Ỉ',
            'ó' => 'ĩ',
            'Ó' => 'Ĩ',
            'ò' => 'ị',
            'Ò' => 'Ị',
            'î' => 'ỵ',
            'Î' => 'Ỵ',
            c => c,
        };
        out.push(base);
        if !matches!(base.to_ascii_lowercase(), 'a' | 'e' | 'o' | 'u' | 'y' | 'ơ' | 'ư' | 'Ơ' | 'Ư') {
            continue;
        }
        if let Some(marks) = chars.peek().and_then(|&m| vni_marks(base, m)) {
            out.push_str(marks);
            chars.next();
        }
    }
    out.nfc().collect()
}

/// The combining marks a VNI mark glyph stands for after `base`.
fn vni_marks(base: char, glyph: char) -> Option<&'static str> {
    let lower = glyph.to_lowercase().next().unwrap_or(glyph);
    // Tone marks, alone.
    let tone = match lower {
        'ù' => Some("\u{301}"),
        'ø' => Some("\u{300}"),
        'û' => Some("\u{309}"),
        'õ' => Some("\u{303}"),
        'ï' => Some("\u{323}"),
        _ => None,
    };
    if tone.is_some() {
        return tone;
    }
    let base = base.to_lowercase().next().unwrap_or(base);
    match (base, lower) {
        // The circumflex and its tones, on a, e, o.
        ('a' | 'e' | 'o', 'â') => Some("\u{302}"),
        ('a' | 'e' | 'o', 'á') => Some("\u{302}\u{301}"),
        ('a' | 'e' | 'o', 'à') => Some("\u{302}\u{300}"),
        ('a' | 'e' | 'o', 'å') => Some("\u{302}\u{309}"),
        ('a' | 'e' | 'o', 'ã') => Some("\u{302}\u{303}"),
        ('a' | 'e' | 'o', 'ä') => Some("\u{302}\u{323}"),
        // The breve and its tones, on a.
        ('a', 'ê') => Some("\u{306}"),
        ('a', 'é') => Some("\u{306}\u{301}"),
        ('a', 'è') => Some("\u{306}\u{300}"),
        ('a', 'ú') => Some("\u{306}\u{309}"),
        ('a', 'ü') => Some("\u{306}\u{303}"),
        ('a', 'ë') => Some("\u{306}\u{323}"),
        _ => None,
    }
}

/// The share of accented words (those with a letter beyond ASCII) that are Vietnamese
/// syllables: Vietnamese letters only, at most one tone mark. 1.0 for a text with none.
pub(crate) fn vietnamese_share(text: &str) -> f64 {
    let (mut accented, mut syllables) = (0usize, 0usize);
    for word in text.split(|c: char| !c.is_alphabetic() && !is_mark(c)) {
        if word.is_ascii() {
            continue;
        }
        accented += 1;
        syllables += usize::from(super::syllable::is_vietnamese_syllable(word));
    }
    if accented == 0 {
        1.0
    } else {
        syllables as f64 / accented as f64
    }
}

fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn looks_western(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii() || c.is_alphabetic() || "«»€–—‘’“”…°·§©®ºª¿¡ ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vni_glyphs_read_as_vietnamese() {
        assert_eq!(vni("Vieät Nam"), "Việt Nam");
        assert_eq!(vni("Ñoàng Nai"), "Đồng Nai");
        assert_eq!(vni("Xin chaøo caùc baïn"), "Xin chào các bạn");
        assert_eq!(vni("ngöôøi"), "người");
        assert_eq!(vni("thaéng"), "thắng");
        assert_eq!(vni("Bieân Hoøa"), "Biên Hòa");
    }

    #[test]
    fn tcvn3_bytes_read_as_vietnamese() {
        assert_eq!(tcvn3(b"\xA7\xE5ng Nai"), "Đồng Nai");
        assert_eq!(tcvn3(b"Vi\xD6t Nam"), "Việt Nam");
        assert_eq!(tcvn3(b"ng\xAD\xEAi"), "người");
    }

    /// "Tiếng Việt ở Đồng Nai, người Biên Hòa" in each legacy encoding, as the tools write it.
    const SENTENCE: &str = "Tiếng Việt ở Đồng Nai, người Biên Hòa";

    #[test]
    fn each_legacy_encoding_precomposed_or_decomposed_reads_back() {
        let cases: [(&[u8], &str, TextEncoding); 5] = [
            // Windows-1258 as Windows writes it: the base letter, then the tone's own byte.
            (
                b"Ti\xEA\xECng Vi\xEA\xF2t \xF5\xD2 \xD0\xF4\xCCng Nai, ng\xFD\xF5\xCCi Bi\xEAn Ho\xCCa",
                SENTENCE,
                TextEncoding::Windows1258,
            ),
            // and with the letters it has precomposed (á, ô, …) as one byte.
            (b"C\xE1 t\xF4m \xD0\xF4\xCCng Nai", "Cá tôm Đồng Nai", TextEncoding::Windows1258),
            // TCVN3 precomposed, and decomposed (its combining marks at 0xB0-0xB4).
            (b"Ti\xD5ng Vi\xD6t \xEB \xA7\xE5ng Nai, ng\xAD\xEAi Bi\xAAn H\xDFa", SENTENCE, TextEncoding::Tcvn3),
            (
                b"Ti\xAA\xB3ng Vi\xAA\xB4t \xAC\xB1 \xA7\xAB\xB0ng Nai, ng\xAD\xAC\xB0i Bi\xAAn Ho\xB0a",
                SENTENCE,
                TextEncoding::Tcvn3,
            ),
            (b"Ti\xAAng Vi\xAEt \xB7 \xD0\xB0ng Nai, ng\xDF\xB6i Bi\xEAn H\xF2a", SENTENCE, TextEncoding::Viscii),
        ];
        for (bytes, sentence, expected) in cases {
            let (text, encoding) = decode_text(bytes).unwrap_or_else(|e| panic!("{expected:?}: {e}"));
            assert_eq!((text.as_str(), encoding), (sentence, expected), "{bytes:02X?}");
        }
    }

    #[test]
    fn quotes_and_dashes_alone_are_not_in_doubt() {
        let (text, _) = decode_text(b"The \x93Dong Nai\x94 pavilion \x96 open daily\x85").expect("decodes");
        assert_eq!(text, "The “Dong Nai” pavilion – open daily…");
    }

    #[test]
    fn mojibake_is_never_the_answer() {
        // Windows-1258's decomposed tones read as Windows-1252 give "Tiêìng Viêòt": refused
        // as Western, read as Vietnamese.
        let (text, encoding) = decode_text(b"Ti\xEA\xECng Vi\xEA\xF2t").expect("decodes");
        assert_eq!((text.as_str(), encoding), ("Tiếng Việt", TextEncoding::Windows1258));
        assert!(vietnamese_share("Tiêìng Viêòt") < 0.5);
        // Words every reading turns into something else: refused, naming what was tried.
        let err = decode_text(b"\x9F\x80\x81 \x8D\x8E\x83 \x95\x99").expect_err("undecidable");
        for name in ["windows-1258", "tcvn3", "vni", "viscii"] {
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn a_western_file_is_not_read_as_vietnamese() {
        let english = b"The caf\xE9 on the river serves coffee from the highlands every morning.";
        let (text, encoding) = decode_text(english).expect("decodes");
        assert_eq!(encoding, TextEncoding::Windows1252);
        assert!(text.contains("café"));
    }

    #[test]
    fn binary_and_undecidable_files_are_refused() {
        assert!(decode_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect_err("binary").contains("not text"));
        assert!(decode_text(b"\xEF\xBB\xBFbad \xC3").expect_err("bad utf-8").contains("offset"));
        assert!(decode_text(b"\xFF\xFEa").expect_err("odd").contains("odd"));
        // Random high bytes: no encoding reads them as words.
        let noise: Vec<u8> = (0..400u32).map(|i| (0x80 + (i * 37) % 0x7F) as u8).collect();
        assert!(decode_text(&noise).is_err());
    }
}

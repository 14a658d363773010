//! IPTC-IIM (the "IPTC Core" block inside a JPEG's APP13), honouring its coded character set.

use encoding_rs::{Encoding, WINDOWS_1252, WINDOWS_1258};

/// The IIM datasets Mediadesk reads, in their text form.
#[derive(Debug, Default, PartialEq)]
pub struct Iptc {
    pub object_name: Option<String>,
    pub keywords: Vec<String>,
    pub date_created: Option<String>,
    pub time_created: Option<String>,
    pub byline: Vec<String>,
    pub city: Option<String>,
    pub sublocation: Option<String>,
    pub province: Option<String>,
    pub country: Option<String>,
    pub headline: Option<String>,
    pub credit: Option<String>,
    pub source: Option<String>,
    pub copyright: Option<String>,
    pub instructions: Option<String>,
    pub caption: Option<String>,
}

/// Parses IIM datasets. Text is UTF-8 when record 1:90 says so (ESC % G); otherwise it is
/// UTF-8 if it decodes as such, else a legacy code page (Windows-1258 when it has Vietnamese
/// letters, as older Vietnamese newsroom software wrote, otherwise Windows-1252).
pub fn parse(data: &[u8]) -> Iptc {
    let datasets = datasets(data);
    let utf8_declared = datasets.iter().any(|(r, d, v)| *r == 1 && *d == 90 && v.windows(3).any(|w| w == b"\x1b%G"));
    let text = |v: &[u8]| crate::text::non_empty(&decode(v, utf8_declared));
    let mut iptc = Iptc::default();
    for (record, dataset, value) in &datasets {
        if *record != 2 {
            continue;
        }
        let slot = match dataset {
            5 => &mut iptc.object_name,
            40 => &mut iptc.instructions,
            25 => {
                iptc.keywords.extend(text(value));
                continue;
            }
            55 => &mut iptc.date_created,
            60 => &mut iptc.time_created,
            80 => {
                iptc.byline.extend(text(value));
                continue;
            }
            90 => &mut iptc.city,
            92 => &mut iptc.sublocation,
            95 => &mut iptc.province,
            101 => &mut iptc.country,
            105 => &mut iptc.headline,
            110 => &mut iptc.credit,
            115 => &mut iptc.source,
            116 => &mut iptc.copyright,
            120 => &mut iptc.caption,
            _ => continue,
        };
        if slot.is_none() {
            *slot = text(value);
        }
    }
    iptc
}

fn decode(bytes: &[u8], utf8_declared: bool) -> String {
    if utf8_declared {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let encoding: &Encoding = if looks_like_cp1258(bytes) { WINDOWS_1258 } else { WINDOWS_1252 };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Windows-1258 spells Vietnamese with a few bytes Windows-1252 gives to other letters:
/// the tone marks (0xCC, 0xD2, 0xDE, 0xEC, 0xF2) and ơ/ư/đ/ă.
fn looks_like_cp1258(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|b| matches!(b, 0xCC | 0xD2 | 0xDE | 0xEC | 0xF2 | 0xD5 | 0xF5 | 0xDD | 0xFD | 0xF0 | 0xD0 | 0xE3 | 0xC3))
}

/// (record, dataset, value) triples; a damaged tail ends the list.
fn datasets(mut data: &[u8]) -> Vec<(u8, u8, &[u8])> {
    let mut out = Vec::new();
    while data.len() >= 5 && data[0] == 0x1C {
        let (record, dataset) = (data[1], data[2]);
        let short_len = u16::from_be_bytes([data[3], data[4]]) as usize;
        let (len, header) = if short_len & 0x8000 != 0 {
            // Extended dataset: the low bits say how many bytes hold the length.
            let n = short_len & 0x7FFF;
            let Some(len_bytes) = data.get(5..5 + n) else { break };
            if n > 4 {
                break;
            }
            (len_bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize), 5 + n)
        } else {
            (short_len, 5)
        };
        let Some(value) = data.get(header..header + len) else { break };
        out.push((record, dataset, value));
        data = &data[header + len..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dataset(record: u8, dataset: u8, value: &[u8]) -> Vec<u8> {
        let mut v = vec![0x1C, record, dataset];
        v.extend_from_slice(&(value.len() as u16).to_be_bytes());
        v.extend_from_slice(value);
        v
    }

    #[test]
    fn reads_utf8_when_declared() {
        let mut data = dataset(1, 90, b"\x1b%G");
        data.extend(dataset(2, 120, "Hồ Trị An".as_bytes()));
        data.extend(dataset(2, 25, b"OCOP"));
        data.extend(dataset(2, 25, "Đồng Nai".as_bytes()));
        let iptc = parse(&data);
        assert_eq!(iptc.caption.as_deref(), Some("Hồ Trị An"));
        assert_eq!(iptc.keywords, ["OCOP", "Đồng Nai"]);
    }

    #[test]
    fn reads_legacy_windows_1258_into_nfc() {
        // Đ, ô, combining grave, "ng Nai": how Windows-1258 spells "Đồng Nai".
        let iptc = parse(&dataset(2, 105, b"\xD0\xF4\xCCng Nai"));
        assert_eq!(iptc.headline.as_deref(), Some("Đồng Nai"));
    }

    #[test]
    fn a_damaged_tail_keeps_what_came_before() {
        let mut data = dataset(2, 105, b"Headline");
        data.extend_from_slice(&[0x1C, 2, 120, 0x10, 0x00, b'x']);
        assert_eq!(parse(&data).headline.as_deref(), Some("Headline"));
    }
}

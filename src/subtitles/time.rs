//! Clock times as SubRip and WebVTT write them.

/// Milliseconds from "HH:MM:SS,mmm", "HH:MM:SS.mmm" or "MM:SS.mmm" (hours may have any number
/// of digits; the fraction one to three). `None` for anything else.
pub(super) fn parse_clock(s: &str) -> Option<i64> {
    let s = s.trim();
    let (whole, fraction) = match s.rfind([',', '.']) {
        Some(at) => (&s[..at], &s[at + 1..]),
        None => (s, ""),
    };
    let parts: Vec<&str> = whole.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, sec] => (*h, *m, *sec),
        [m, sec] => ("0", *m, *sec),
        _ => return None,
    };
    let digits = |p: &str, max_len: usize| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()
    };
    let (h, m, sec) = (digits(h, 4)?, digits(m, 2)?, digits(sec, 2)?);
    if m >= 60
        || sec >= 60
        || fraction.len() > 3
        || (!fraction.is_empty() && !fraction.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let ms = if fraction.is_empty() { 0 } else { format!("{fraction:0<3}").parse::<i64>().ok()? };
    Some(((h * 60 + m) * 60 + sec) * 1000 + ms)
}

/// "HH:MM:SS" then `separator` then milliseconds.
pub(super) fn format_clock(ms: i64, separator: char) -> String {
    let ms = ms.max(0);
    format!("{:02}:{:02}:{:02}{separator}{:03}", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
}

/// A cue's start for people: "00:01:02,500".
pub fn show_clock(ms: i64) -> String {
    format_clock(ms, ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_read_and_written() {
        assert_eq!(parse_clock("01:02:03,456"), Some(3_723_456));
        assert_eq!(parse_clock("01:02:03.456"), Some(3_723_456));
        assert_eq!(parse_clock("02:03.5"), Some(123_500));
        assert_eq!(parse_clock("00:00:61,000"), None);
        assert_eq!(parse_clock("00:0a:01,000"), None);
        assert_eq!(parse_clock("00:00:01,5000"), None);
        assert_eq!(parse_clock(""), None);
        assert_eq!(format_clock(3_723_456, ','), "01:02:03,456");
    }
}

//! Capture times as cameras and metadata standards write them, kept as local wall-clock time
//! plus the UTC offset when the file records one.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureTime {
    pub date: (i32, u8, u8),
    pub time: (u8, u8, u8),
    pub millis: Option<u16>,
    /// Minutes east of UTC.
    pub offset_minutes: Option<i16>,
}

impl CaptureTime {
    fn new(date: (i32, u8, u8), time: (u8, u8, u8)) -> Option<Self> {
        let (y, m, d) = date;
        let month = time::Month::try_from(m).ok()?;
        time::Date::from_calendar_date(y, month, d).ok()?;
        time::Time::from_hms(time.0, time.1, time.2).ok()?;
        // Cameras with an unset clock write 0000:00:00 or 1970; neither is a capture time.
        (y > 1900).then_some(CaptureTime { date, time, millis: None, offset_minutes: None })
    }

    /// EXIF: "YYYY:MM:DD HH:MM:SS", with OffsetTime "+07:00" and SubSecTime "123" beside it.
    pub fn from_exif(datetime: &str, offset: Option<&str>, subsec: Option<&str>) -> Option<Self> {
        let s = datetime.trim();
        let mut t = Self::new(
            (num(s.get(0..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?),
            (num(s.get(11..13)?)?, num(s.get(14..16)?)?, num(s.get(17..19)?)?),
        )?;
        t.offset_minutes = offset.and_then(parse_offset);
        t.millis = subsec.and_then(|s| {
            let digits: String = s.trim().chars().take_while(char::is_ascii_digit).take(3).collect();
            (!digits.is_empty()).then(|| format!("{digits:0<3}").parse().ok()).flatten()
        });
        Some(t)
    }

    /// XMP / ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z|±HH:MM]".
    pub fn from_iso(s: &str) -> Option<Self> {
        let s = s.trim();
        let date = (num(s.get(0..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?);
        let Some(rest) = s.get(11..).filter(|_| s.len() > 10) else {
            return Self::new(date, (0, 0, 0));
        };
        let zone_at = rest.find(['Z', '+', '-']).unwrap_or(rest.len());
        let (clock, zone) = rest.split_at(zone_at);
        let (clock, fraction) = clock.split_once('.').unwrap_or((clock, ""));
        let mut parts = clock.split(':');
        let h = num(parts.next()?)?;
        let m = num(parts.next()?)?;
        let sec = parts.next().map(num).unwrap_or(Some(0))?;
        let mut t = Self::new(date, (h, m, sec))?;
        t.offset_minutes = parse_offset(zone);
        if !fraction.is_empty() {
            t.millis = format!("{:0<3}", &fraction[..fraction.len().min(3)]).parse().ok();
        }
        Some(t)
    }

    /// IPTC-IIM: DateCreated "YYYYMMDD" and TimeCreated "HHMMSS±HHMM".
    pub fn from_iptc(date: &str, time: Option<&str>) -> Option<Self> {
        let d = date.trim();
        let date = (num(d.get(0..4)?)?, num(d.get(4..6)?)?, num(d.get(6..8)?)?);
        let Some(t) = time.map(str::trim).filter(|t| t.len() >= 6) else {
            return Self::new(date, (0, 0, 0));
        };
        let mut out = Self::new(date, (num(&t[0..2])?, num(&t[2..4])?, num(&t[4..6])?))?;
        out.offset_minutes = t.get(6..).and_then(|z| {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let h: i16 = z.get(1..3)?.parse().ok()?;
            let m: i16 = z.get(3..5)?.parse().ok()?;
            Some(sign * (h * 60 + m))
        });
        Some(out)
    }

    /// The same instant on the clock of another UTC offset; `None` without a known offset.
    pub fn at_offset(&self, offset: time::UtcOffset) -> Option<Self> {
        let month = time::Month::try_from(self.date.1).ok()?;
        let date = time::Date::from_calendar_date(self.date.0, month, self.date.2).ok()?;
        let clock = time::Time::from_hms_milli(self.time.0, self.time.1, self.time.2, self.millis.unwrap_or(0)).ok()?;
        let from = time::UtcOffset::from_whole_seconds(i32::from(self.offset_minutes?) * 60).ok()?;
        let moved = time::PrimitiveDateTime::new(date, clock).assume_offset(from).to_offset(offset);
        Some(CaptureTime {
            date: (moved.year(), moved.month() as u8, moved.day()),
            time: (moved.hour(), moved.minute(), moved.second()),
            millis: self.millis,
            offset_minutes: Some(offset.whole_minutes()),
        })
    }

    /// Local wall-clock time, sortable as text: "YYYY-MM-DDTHH:MM:SS[.fff]".
    pub fn local(&self) -> String {
        let (y, mo, d) = self.date;
        let (h, mi, s) = self.time;
        let mut out = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
        if let Some(ms) = self.millis {
            out.push_str(&format!(".{ms:03}"));
        }
        out
    }
}

/// ISO 8601, with the offset when known.
impl fmt::Display for CaptureTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.local())?;
        match self.offset_minutes {
            Some(0) => f.write_str("Z"),
            Some(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", m.abs() / 60, m.abs() % 60)
            }
            None => Ok(()),
        }
    }
}

fn num<T: std::str::FromStr>(s: &str) -> Option<T> {
    s.parse().ok()
}

fn parse_offset(s: &str) -> Option<i16> {
    let s = s.trim();
    if s == "Z" {
        return Some(0);
    }
    let sign = match s.chars().next()? {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let (h, m) = s[1..].split_once(':').unwrap_or((s.get(1..3)?, s.get(3..).unwrap_or("0")));
    let (h, m): (i16, i16) = (h.parse().ok()?, if m.is_empty() { 0 } else { m.parse().ok()? });
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

#[cfg(test)]
mod tests {

    #[test]
    fn moves_an_instant_to_another_offset() {
        let utc = CaptureTime::from_iso("2024-11-01T22:55:00Z").expect("time");
        let hanoi = utc.at_offset(time::UtcOffset::from_hms(7, 0, 0).expect("offset")).expect("moved");
        assert_eq!(hanoi.to_string(), "2024-11-02T05:55:00+07:00");
        assert!(CaptureTime::from_iso("2024-11-01T22:55:00").expect("time").at_offset(time::UtcOffset::UTC).is_none());
    }
    use super::*;

    #[test]
    fn exif_with_offset_and_subseconds() {
        let t = CaptureTime::from_exif("2025:03:14 08:30:05", Some("+07:00"), Some("12")).expect("time");
        assert_eq!(t.to_string(), "2025-03-14T08:30:05.120+07:00");
        assert_eq!(t.local(), "2025-03-14T08:30:05.120");
    }

    #[test]
    fn iso_and_iptc_forms() {
        assert_eq!(CaptureTime::from_iso("2024-01-02T03:04:05Z").expect("t").to_string(), "2024-01-02T03:04:05Z");
        assert_eq!(
            CaptureTime::from_iso("2024-01-02T03:04-05:30").expect("t").to_string(),
            "2024-01-02T03:04:00-05:30"
        );
        assert_eq!(CaptureTime::from_iso("2024-01-02").expect("t").to_string(), "2024-01-02T00:00:00");
        assert_eq!(
            CaptureTime::from_iptc("20240102", Some("030405+0700")).expect("t").to_string(),
            "2024-01-02T03:04:05+07:00"
        );
    }

    #[test]
    fn unset_camera_clocks_are_no_time() {
        assert_eq!(CaptureTime::from_exif("0000:00:00 00:00:00", None, None), None);
        assert_eq!(CaptureTime::from_exif("2025:13:40 08:30:05", None, None), None);
        assert_eq!(CaptureTime::from_exif("garbage", None, None), None);
    }
}
